package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vigie.alert.Priority;

/**
 * The sender thread catches what its sink throws and stops; an error of the JVM (out of memory) must not end there but
 * reach the top of the thread, where {@code FatalErrors} ends the process: a bot alive without its sender is silent.
 */
class OutboxFatalErrorTest {

    @Test
    void anOutOfMemoryErrorInTheSinkReachesTheTopOfTheSenderThread() throws Exception {
        CompletableFuture<Throwable> uncaught = new CompletableFuture<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (t.getName().equals("outbox-oom")) {
                uncaught.complete(e);
            } else if (before != null) {
                before.uncaughtException(t, e);
            }
        });
        try {
            Outbox o = new Outbox("oom", OutboxSettings.UNPACED, new Outbox.LineSink() {
                @Override
                public void send(String line) throws IOException {
                    sendAll(List.of(line));
                }

                @Override
                public void sendAll(List<String> lines) {
                    throw new OutOfMemoryError("test: Java heap space");
                }
            }, null);
            o.start();
            o.send(Priority.HIGH, "#a", "alert");
            Throwable e = uncaught.get(30, TimeUnit.SECONDS);
            assertTrue(e instanceof OutOfMemoryError, String.valueOf(e));
            assertEquals("test: Java heap space", e.getMessage());
            o.close(0);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }
}
