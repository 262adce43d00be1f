package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.vigie.alert.Priority;
import org.vigie.i18n.Templates;

/** The outbox driven step by step with a fake clock: no sleeping, no timing in the assertions. */
class OutboxTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final List<String> wire = new ArrayList<>();
    private long now = 1_000 * MS;
    private boolean ready = true;

    private Outbox outbox(OutboxSettings settings) {
        Outbox.LineSink sink = new Outbox.LineSink() {
            @Override
            public void send(String line) {
                wire.add(line);
            }

            @Override
            public boolean ready() {
                return ready;
            }
        };
        return new Outbox("test", settings, sink, n -> "[" + n + " dropped]", () -> now);
    }

    private void drain(Outbox o) {
        while (o.step() == 0) {
            // sends everything allowed right now
        }
    }

    @Test
    void replyGoesBeforeHighAndHighBeforeNormalFifoWithinEach() {
        Outbox o = outbox(OutboxSettings.UNPACED.withHigh(100, 1_000));     // no guaranteed share: strict order
        o.send(Priority.NORMAL, "#a", "n1");
        o.send(Priority.HIGH, "#a", "h1");
        o.send(Priority.NORMAL, "#a", "n2");
        o.send(Priority.REPLY, "#a", "r1");
        o.send(Priority.HIGH, "#a", "h2");
        o.send(Priority.REPLY, "#a", "r2");
        assertEquals(6, o.queued());
        drain(o);
        assertEquals(List.of("PRIVMSG #a :r1", "PRIVMSG #a :r2", "PRIVMSG #a :h1", "PRIVMSG #a :h2",
                "PRIVMSG #a :n1", "PRIVMSG #a :n2"), wire);
        assertEquals(0, o.queued());
        assertEquals(6, o.sent());
    }

    @Test
    void protocolCommandsGoBeforeEveryMessage() {
        Outbox o = outbox(OutboxSettings.UNPACED);
        o.send(Priority.REPLY, "#a", "reply");
        o.control("JOIN #a");
        drain(o);
        assertEquals(List.of("JOIN #a", "PRIVMSG #a :reply"), wire);
    }

    @Test
    void noticeUsesTheNoticeCommand() {
        Outbox o = outbox(OutboxSettings.UNPACED);
        o.notice(Priority.REPLY, "someone", "help text");
        drain(o);
        assertEquals(List.of("NOTICE someone :help text"), wire);
    }

    @Test
    void burstOfFourThenOneLineEvery700Milliseconds() {
        Outbox o = outbox(OutboxSettings.DEFAULT.withStaleMillis(0));
        for (int i = 1; i <= 7; i++) {
            o.send(Priority.NORMAL, "#a", "line" + i);
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(0, o.step(), "burst line " + (i + 1));
        }
        assertEquals(700 * MS, o.step(), "fifth line waits one interval");
        assertEquals(4, wire.size());

        now += 699 * MS;
        assertEquals(1 * MS, o.step());
        now += 1 * MS;
        assertEquals(0, o.step());
        assertEquals(700 * MS, o.step());
        assertEquals(5, wire.size());

        now += 10_000 * MS;          // a long pause refills the bucket, but only up to the burst
        drain(o);
        assertEquals(7, wire.size());
        assertEquals(Long.MAX_VALUE, o.step(), "empty outbox waits for work");
    }

    @Test
    void idleBucketRefillsToTheBurstOnly() {
        Outbox o = outbox(OutboxSettings.DEFAULT.withStaleMillis(0));
        for (int i = 0; i < 10; i++) {
            o.send(Priority.REPLY, "#a", "x" + i);
        }
        drain(o);
        assertEquals(4, wire.size());
        now += 60_000 * MS;
        drain(o);
        assertEquals(8, wire.size(), "after a minute of silence: again a burst of four, not more");
    }

    @Test
    void unpacedOutboxSendsEverythingAtOnce() {
        Outbox o = outbox(OutboxSettings.UNPACED);
        for (int i = 0; i < 100; i++) {
            o.send(Priority.NORMAL, "#a", "x" + i);
        }
        drain(o);
        assertEquals(100, wire.size());
    }

    @Test
    void staleNormalLinesAreDroppedAndTheNextLineToThatTargetSaysHowMany() {
        Outbox o = outbox(OutboxSettings.UNPACED.withStaleMillis(60_000));
        o.send(Priority.NORMAL, "#alerts", "old 1");
        o.send(Priority.NORMAL, "#alerts", "old 2");
        o.send(Priority.NORMAL, "#other", "old 3");
        o.send(Priority.HIGH, "#alerts", "old but high");
        now += 60_001 * MS;
        o.send(Priority.NORMAL, "#alerts", "fresh");
        o.send(Priority.NORMAL, "#other", "fresh other");
        drain(o);
        // the note rides on the next line to that target, whatever its priority
        assertEquals(List.of("PRIVMSG #alerts :[2 dropped] old but high",
                "PRIVMSG #alerts :fresh",
                "PRIVMSG #other :[1 dropped] fresh other"), wire);
        assertEquals(3, o.dropped());
    }

    @Test
    void lineExactlyAtTheStaleLimitIsStillSent() {
        Outbox o = outbox(OutboxSettings.UNPACED.withStaleMillis(60_000));
        o.send(Priority.NORMAL, "#a", "borderline");
        now += 60_000 * MS;
        drain(o);
        assertEquals(List.of("PRIVMSG #a :borderline"), wire);
        assertEquals(0, o.dropped());
    }

    @Test
    void dropNoteThatDoesNotFitGoesAloneBeforeTheLine() {
        Outbox o = outbox(OutboxSettings.UNPACED.withStaleMillis(1_000).withMaxLineBytes(64));
        o.send(Priority.NORMAL, "#a", "stale");
        now += 2_000 * MS;
        String full = "y".repeat(64 - "PRIVMSG #a :".length());        // exactly fills a line
        o.send(Priority.NORMAL, "#a", full);
        drain(o);
        assertEquals(List.of("PRIVMSG #a :[1 dropped]", "PRIVMSG #a :" + full), wire);
    }

    @Test
    void linesWaitWhileTheConnectionIsNotReady() {
        Outbox o = outbox(OutboxSettings.UNPACED);
        ready = false;
        o.send(Priority.REPLY, "#a", "later");
        assertTrue(o.step() > 0);
        assertTrue(wire.isEmpty());
        ready = true;
        drain(o);
        assertEquals(List.of("PRIVMSG #a :later"), wire);
    }

    @Test
    void longTextIsSplitWithCommandAndTargetCountedInTheByteLimit() {
        Outbox o = outbox(OutboxSettings.UNPACED);          // 400 bytes per line
        String text = "é".repeat(500);                       // 1000 bytes
        o.send(Priority.HIGH, "#fr.wikipedia", text);
        drain(o);
        StringBuilder joined = new StringBuilder();
        for (String line : wire) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 400, line.length() + " chars");
            assertTrue(line.startsWith("PRIVMSG #fr.wikipedia :"));
            joined.append(line.substring("PRIVMSG #fr.wikipedia :".length()));
        }
        assertEquals(text, joined.toString());
        assertEquals(3, wire.size());
    }

    @Test
    void textIsSanitisedBeforeSending() {
        Outbox o = outbox(OutboxSettings.UNPACED);
        o.send(Priority.REPLY, "#a", "title\r\nPRIVMSG #b :spam\u0000");
        drain(o);
        assertEquals(List.of("PRIVMSG #a :title  PRIVMSG #b :spam "), wire);
    }

    @Test
    void invalidTargetsAreRefused() {
        Outbox o = outbox(OutboxSettings.UNPACED);
        assertThrows(IllegalArgumentException.class, () -> o.send(Priority.REPLY, "#a b", "x"));
        assertThrows(IllegalArgumentException.class, () -> o.send(Priority.REPLY, "#a,#b", "x"));
        assertThrows(IllegalArgumentException.class, () -> o.send(Priority.REPLY, "#a\r\nQUIT", "x"));
        assertThrows(IllegalArgumentException.class, () -> o.send(Priority.REPLY, "", "x"));
        assertEquals(0, o.queued());
    }

    @Test
    void emptyTextIsNotSent() {
        Outbox o = outbox(OutboxSettings.UNPACED);
        assertFalse(o.send(Priority.REPLY, "#a", ""));
        assertEquals(0, o.queued());
    }

    @Test
    void fullQueueDropsNormalLinesButNeverReplies() {
        Outbox o = outbox(OutboxSettings.UNPACED.withMaxQueued(2));
        assertTrue(o.send(Priority.NORMAL, "#a", "1"));
        assertTrue(o.send(Priority.NORMAL, "#a", "2"));
        assertFalse(o.send(Priority.NORMAL, "#a", "3"));
        assertTrue(o.send(Priority.REPLY, "#a", "reply"));
        assertEquals(1, o.dropped());
        drain(o);
        assertEquals(List.of("PRIVMSG #a :(queue full, lines dropped: 1) reply", "PRIVMSG #a :1", "PRIVMSG #a :2"),
                wire, "a line refused for want of room is not called stale");
    }

    @Test
    void dropNoteComesFromTheMessageFiles() throws Exception {
        IntFunction<String> fr = Outbox.dropNote(Templates.loadResource("fr"));
        IntFunction<String> en = Outbox.dropNote(Templates.loadResource("en"));
        assertEquals("\u000314(3 alertes trop anciennes abandonnées)\u000f", fr.apply(3));
        assertEquals("\u000314(1 stale alert dropped)\u000f", en.apply(1));

        Outbox o = new Outbox("fr", OutboxSettings.UNPACED.withStaleMillis(1), wire::add, fr, () -> now);
        o.send(Priority.NORMAL, "#a", "old");
        now += 2 * MS;
        o.send(Priority.NORMAL, "#a", "new");
        drain(o);
        assertEquals(List.of("PRIVMSG #a :\u000314(1 alerte trop ancienne abandonnée)\u000f new"), wire);
    }

    @Test
    void closedOutboxRefusesNewLines() {
        Outbox o = outbox(OutboxSettings.UNPACED);
        o.close(0);
        assertFalse(o.send(Priority.REPLY, "#a", "too late"));
    }

    @Test
    void senderThreadFlushesOnClose() {
        List<String> lines = new ArrayList<>();
        Outbox o = new Outbox("flush", OutboxSettings.UNPACED, line -> {
            synchronized (lines) {
                lines.add(line);
            }
        }, null);
        for (int i = 0; i < 50; i++) {
            o.send(Priority.NORMAL, "#a", "line " + i);
        }
        o.start();
        o.close(5_000);
        assertEquals(50, lines.size());
        assertEquals("PRIVMSG #a :line 49", lines.get(49));
    }
}
