package org.vigie.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.store.Actor;
import org.vigie.store.Database;
import org.vigie.testutil.Await;

/** The queue survives the death of the process: a clean stop, and kill -9 of a real child JVM. */
class HookRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    /** A hook that answers 503 until it is up, then 200, recording the page titles it accepted, in order. */
    private final AtomicBoolean up = new AtomicBoolean();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());

    private void platform() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                if (!up.get()) {
                    refused.incrementAndGet();
                    return new MockResponse.Builder().code(503).build();
                }
                try {
                    accepted.add(JSON.readTree(r.getBody().utf8()).get("title").asText());
                } catch (java.io.IOException e) {
                    return new MockResponse.Builder().code(400).build();
                }
                return new MockResponse.Builder().code(200).build();
            }
        });
    }

    private static List<String> pages(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("Page " + i);
        }
        return out;
    }

    /** Restarts on the same database once the platform is up, and waits until the queue is empty. */
    private void restartAndDrain(int expected) throws Exception {
        up.set(true);
        try (Database db = HookFixture.open(dir)) {
            HookStore store = HookFixture.store(db);
            Hooks hooks = new Hooks(store, Clock.systemUTC(),
                    Hooks.Settings.DEFAULT.withBackoff(Duration.ofMillis(20), Duration.ofMillis(100)));
            hooks.start();
            try {
                Await.until(expected + " delivered", Duration.ofSeconds(60),
                        () -> hooks.stats().get(0).sent() == expected);
                Await.until("queue empty", Duration.ofSeconds(10), () -> store.size("h") == 0);
            } finally {
                hooks.close();
            }
        }
        assertEquals(pages(expected), accepted, "every alert once, in order");
    }

    @Test
    void aCleanStopKeepsTheQueueForTheNextStart() throws Exception {
        platform();
        try (Database db = HookFixture.open(dir)) {
            HookStore store = HookFixture.store(db);
            Hooks hooks = new Hooks(store, Clock.systemUTC(),
                    Hooks.Settings.DEFAULT.withBackoff(Duration.ofMillis(20), Duration.ofMillis(100)));
            hooks.start();
            hooks.add(new Hook("h", server.url("/hook").toString(), HookFormat.JSON), new Actor("t", null, "h"));
            for (int i = 0; i < 30; i++) {
                hooks.send(HookFixture.alert("h", i), HookFixture.verdict(i));
            }
            Await.until("a refusal", Duration.ofSeconds(10), () -> refused.get() > 0);
            hooks.close();          // stores what the engine handed over before it stops
            assertEquals(30, store.size("h"));
        }
        restartAndDrain(30);
    }

    @Test
    void killMinusNineWithAHundredQueuedLosesNothingAndSendsEachOnceInOrder() throws Exception {
        platform();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                QueueChild.class.getName(), dir.toString(), server.url("/hook").toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            boolean queued = false;
            while ((line = out.readLine()) != null) {
                if (line.equals("QUEUED")) {
                    queued = true;
                    break;
                }
            }
            assertTrue(queued, "the child never queued its alerts");
            Await.until("the child retrying", Duration.ofSeconds(30), () -> refused.get() >= 2);
            // drain the child's output in the background so that it never blocks on a full pipe before the kill
            Thread drain = new Thread(() -> {
                try {
                    out.transferTo(java.io.Writer.nullWriter());
                } catch (java.io.IOException ignored) {
                    // the child is gone
                }
            });
            drain.setDaemon(true);
            drain.start();
        } finally {
            child.destroyForcibly();    // SIGKILL: no shutdown hook, no SHUTDOWN of H2, nothing flushed
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by signal 9");
        assertTrue(accepted.isEmpty());
        restartAndDrain(100);
    }
}
