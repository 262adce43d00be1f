package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vigie.alert.Priority;
import org.vigie.i18n.Templates;

/**
 * Lines are dropped for two reasons, told apart in the note that precedes the next line to the same target and in
 * the counters: they went stale waiting ({@code irc.dropped}), or their lane was full when they came
 * ({@code irc.dropped.full}). A lane-full drop used to be called "stale".
 */
class OutboxDropNotesTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final List<String> wire = new ArrayList<>();
    private long now = 1_000 * MS;

    private Outbox outbox(String lang) throws Exception {
        Templates t = Templates.loadResource(lang);
        Outbox o = new Outbox(lang, OutboxSettings.UNPACED.withStaleMillis(1_000).withHigh(5, 2), wire::add,
                Outbox.dropNote(t), () -> now);
        o.fullNote(Outbox.fullNote(t));
        return o;
    }

    private void drain(Outbox o) {
        while (o.step() == 0) {
            // everything that may go now
        }
    }

    @Test
    void aLineRefusedForWantOfRoomIsNotCalledStale() throws Exception {
        Outbox o = outbox("en");
        for (int i = 0; i < 8; i++) {
            o.send(Priority.HIGH, "#alerts", "black " + i);
        }
        drain(o);
        assertEquals("PRIVMSG #alerts :\u000314(queue full, lines dropped: 3)\u000f black 0", wire.get(0));
        assertEquals(3, o.fullDropped());
        assertEquals(0, o.staleDropped());
        assertEquals(3, o.dropped());
    }

    @Test
    void bothReasonsAreToldApartInOneNoteAndInTheCounters() throws Exception {
        Outbox o = outbox("en");
        o.send(Priority.NORMAL, "#alerts", "ip edit");
        now += 2_000 * MS;                                   // it goes stale
        for (int i = 0; i < 7; i++) {
            o.send(Priority.HIGH, "#alerts", "black " + i);  // two find the lane full
        }
        drain(o);
        assertEquals("PRIVMSG #alerts :\u000314(1 stale alert dropped)\u000f \u000314(queue full, lines dropped:"
                + " 2)\u000f black 0", wire.get(0));
        assertEquals(5, wire.size());
        assertEquals(1, o.staleDropped());
        assertEquals(2, o.fullDropped());
        assertEquals(3, o.dropped());
    }

    @Test
    void inFrench() throws Exception {
        Outbox o = outbox("fr");
        for (int i = 0; i < 6; i++) {
            o.send(Priority.HIGH, "#alertes", "noir " + i);
        }
        drain(o);
        assertEquals("PRIVMSG #alertes :\u000314(file d’attente pleine, lignes abandonnées : 1)\u000f noir 0",
                wire.get(0));
    }
}
