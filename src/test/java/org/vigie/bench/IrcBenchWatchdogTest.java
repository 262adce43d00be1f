package org.vigie.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A measured JVM that stops answering (ZGC short of heap stalls for ever, without OutOfMemoryError) must not hang the bench. */
class IrcBenchWatchdogTest {

    @Test
    void aChildThatNeverAnswersIsStoppedAtItsDeadlineAndTheErrorSaysSo(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("vigie.log");
        Files.writeString(log, "[534.031s] GC(174) Major Collection (Allocation Stall) 64M(100%)->60M(94%) 0.037s\n");
        // reads its stdin and never writes a line: as a JVM stalled in its collector looks from outside
        Process silent = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Silent.class.getName())).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        IrcBench.Child child = new IrcBench.Child(silent, dir.resolve("gc.log"), log);
        child.allow(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> child.ask("stats"));
        assertTrue(e.getMessage().startsWith("Vigie's JVM gave no answer within 1 s and was stopped"), e.getMessage());
        assertTrue(e.getMessage().contains("Allocation Stall"), "the log's tail comes with it: " + e.getMessage());
        assertTrue(silent.waitFor(10, TimeUnit.SECONDS));
        assertFalse(silent.isAlive());
    }

    /** The stand-in child. */
    public static final class Silent {
        public static void main(String[] args) throws Exception {
            while (System.in.read() >= 0) {
                // swallow the commands, answer none
            }
        }
    }
}
