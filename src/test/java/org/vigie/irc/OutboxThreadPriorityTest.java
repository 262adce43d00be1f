package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.vigie.alert.Priority;
import org.vigie.testutil.Await;

/** The outbox's sender thread, the alert path's last hop, runs at the highest priority (as the feed reader). */
class OutboxThreadPriorityTest {

    @Test
    void theSenderThreadHasTheHighestPriority() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Outbox outbox = new Outbox("prio", OutboxSettings.UNPACED, new Outbox.LineSink() {
            @Override
            public void send(String line) {
                seen.add(Thread.currentThread().getName() + " " + Thread.currentThread().getPriority() + " " + line);
            }
        }, null);
        outbox.start();
        try {
            outbox.send(Priority.HIGH, "#chan", "hello");
            Await.until("sent", Duration.ofSeconds(10), () -> !seen.isEmpty());
            assertEquals("outbox-prio 10 PRIVMSG #chan :hello", seen.get(0));
        } finally {
            outbox.close(2_000);
        }
    }
}
