package org.vigie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An error of the JVM must end Vigie's process (so that its service manager restarts it), not leave it alive with the
 * thread that failed gone. Each case runs a JVM of its own with a non-daemon thread that would keep it alive for ever.
 */
class FatalErrorsTest {

    @Test
    void outOfMemoryAtTheStartEndsTheProcessWithStatus3AndOneLineThatSaysWhatToDo(@TempDir Path dir) throws Exception {
        // a real OutOfMemoryError: the main thread fills a 16 MB heap while an IRC-like thread keeps the JVM up
        Run r = run(dir, "-Xmx16m", "main-oom");
        assertEquals(FatalErrors.STATUS, r.status, r.err);
        assertTrue(r.err.contains("vigie: stopping on java.lang.OutOfMemoryError: Java heap space in thread \"main\" (give"
                + " the JVM more -Xmx: about 300 MB more per million list entries, see README); exit status 3"), r.err);
        assertTrue(r.err.contains("shutdown hook ran"), "the orderly stop runs: " + r.err);
    }

    @Test
    void anOutOfMemoryErrorInAnotherThreadEndsTheProcessToo(@TempDir Path dir) throws Exception {
        Run r = run(dir, "-Xmx64m", "worker-oom");
        assertEquals(FatalErrors.STATUS, r.status, r.err);
        assertTrue(r.err.contains("in thread \"irc-feed\""), r.err);
    }

    @Test
    void anOrdinaryExceptionInAnotherThreadKeepsTheJvmsDefault(@TempDir Path dir) throws Exception {
        Run r = run(dir, "-Xmx64m", "worker-exception");
        // the child ends by itself with 0 once it has seen its worker die and the process still up
        assertEquals(0, r.status, r.err);
        assertTrue(r.err.contains("Exception in thread \"irc-feed\" java.lang.IllegalStateException: boom"), r.err);
        assertFalse(r.err.contains("vigie: stopping"), r.err);
    }

    @Test
    void theLineNamesTheErrorAndTheThread() {
        Thread t = new Thread(() -> { }, "outbox-network");
        assertEquals("vigie: stopping on java.lang.StackOverflowError in thread \"outbox-network\"; exit status 3",
                FatalErrors.line(t, new StackOverflowError()));
    }

    private record Run(int status, String err) {
    }

    private static Run run(Path dir, String xmx, String scenario) throws Exception {
        Path err = dir.resolve("err.txt");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                xmx, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), scenario));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(err.toFile()).start();
        // a guard against a hang (the bug this handler is for), not a measure of speed
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Run(-1, "still running after 60 s: " + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(err));
    }

    /** The child JVM. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            FatalErrors.install(Thread.currentThread(), System.err);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println("shutdown hook ran")));
            Thread keeper = new Thread(() -> {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    // end
                }
            }, "irc-reader");
            keeper.start();
            switch (args[0]) {
                case "main-oom" -> fill();
                case "worker-oom" -> {
                    Thread w = new Thread(Child::fill, "irc-feed");
                    w.start();
                    w.join();
                }
                case "worker-exception" -> {
                    Thread w = new Thread(() -> {
                        throw new IllegalStateException("boom");
                    }, "irc-feed");
                    w.start();
                    w.join();
                    Thread.sleep(200);
                    System.exit(keeper.isAlive() ? 0 : 9);
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        }

        static void fill() {
            List<long[]> hold = new ArrayList<>();
            while (hold.size() < Integer.MAX_VALUE) {
                hold.add(new long[1 << 16]);
            }
        }
    }
}
