package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vigie.alert.Priority;
import org.vigie.testutil.Await;

/**
 * The outbox's sender thread writes the lines that are due together in one batch (one system call on a real
 * connection), and never more than the pace allows. The clock is fake and stands still, so what one batch holds is
 * decided under the lock in one go: no timing in the assertions.
 */
class OutboxBatchTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final List<List<String>> batches = new ArrayList<>();

    private Outbox outbox(OutboxSettings settings) {
        Outbox.LineSink sink = new Outbox.LineSink() {
            @Override
            public void send(String line) {
                sendAll(List.of(line));
            }

            @Override
            public void sendAll(List<String> lines) {
                synchronized (batches) {
                    batches.add(List.copyOf(lines));
                    batches.notifyAll();
                }
            }
        };
        return new Outbox("test", settings, sink, null, () -> 1_000 * MS);
    }

    private List<String> firstBatch() {
        return Await.value("a first batch", java.time.Duration.ofSeconds(10), () -> {
            synchronized (batches) {
                return batches.isEmpty() ? null : batches.get(0);
            }
        });
    }

    @Test
    void linesDueTogetherLeaveInOneWriteInTheirOrder() throws Exception {
        Outbox o = outbox(OutboxSettings.UNPACED);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            o.send(i % 2 == 0 ? Priority.HIGH : Priority.NORMAL, "#a", "alert " + i);
        }
        for (int i = 0; i < 10; i += 2) {
            expected.add("PRIVMSG #a :alert " + i);
        }
        for (int i = 1; i < 10; i += 2) {
            expected.add("PRIVMSG #a :alert " + i);
        }
        o.start();
        try {
            assertEquals(expected, firstBatch(), "one write, priorities kept");
            Await.until("counted as sent", java.time.Duration.ofSeconds(10), () -> o.sent() == 10);
        } finally {
            o.close(0);
        }
    }

    @Test
    void aBatchNeverHoldsMoreThanThePaceAllows() throws Exception {
        // a burst of 4, then one line every 10 s: the clock stands still, so exactly the burst goes out
        Outbox o = outbox(OutboxSettings.DEFAULT.withPace(4, 10_000));
        for (int i = 0; i < 10; i++) {
            o.send(Priority.HIGH, "#a", "alert " + i);
        }
        o.start();
        try {
            assertEquals(List.of("PRIVMSG #a :alert 0", "PRIVMSG #a :alert 1", "PRIVMSG #a :alert 2",
                    "PRIVMSG #a :alert 3"), firstBatch());
            assertEquals(6, o.queued());
            Await.until("counted as sent", java.time.Duration.ofSeconds(10), () -> o.sent() == 4);
        } finally {
            o.close(0);
        }
    }
}
