package org.vigie.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IrcBenchGcTest {

    @Test
    void pausesAreReadWithTheirEndOnTheMachinesMonotonicClockAndTheUptimeWindowKept(@TempDir Path dir)
            throws Exception {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, String.join("\n",
                "[0.024s][9006063489128ns] Using Serial",
                "[0.883s][9006922301495ns] GC(0) Pause Full (System.gc()) 16M->2M(365M) 14.215ms",
                "[11.355s][9017394000000ns] GC(1) Pause Young (Allocation Failure) 37M->28M(74M) 2.009ms",
                "[22.148s][9028187000000ns] GC(2) Pause Young (Allocation Failure) 37M->29M(74M) 0.750ms",
                ""));
        IrcBench.GcPauses gc = IrcBench.GcPauses.read(log, 1.0, 30.0);
        assertEquals(2, gc.count());
        assertEquals(2.009, gc.maxMs(), 1e-9);
        assertEquals(1, gc.over1ms());
        assertEquals(2, gc.spans().size());
        assertArrayEquals(new long[] {9017394000000L - 2_009_000, 9017394000000L}, gc.spans().get(0));
    }

    @Test
    void zgcPhasePausesCountAndApplicationThreadStallsAreKeptApart(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, String.join("\n",
                "[2.100s][9000000000000ns] GC(40) Minor Collection (Allocation Rate)",
                "[2.101s][9000001000000ns] GC(40) y: Pause Mark Start 0.013ms",
                "[2.104s][9000004000000ns] GC(40) y: Pause Mark End 0.042ms",
                "[2.105s][9000005000000ns] GC(40) y: Relocation Stall (ZWorkerYoung#0) 0.092ms",
                "[2.106s][9000006000000ns] GC(40) y: Concurrent Relocate 1.250ms",
                "[2.107s][9000007000000ns] Allocation Stall (irc-feed) 1.500ms",
                "[2.108s][9000008000000ns] Relocation Stall (outbox-network) 0.200ms",
                "[2.109s][9000009000000ns] GC(40) Minor Collection (Allocation Rate) 92M(96%)->76M(79%) 0.004s",
                ""));
        IrcBench.GcPauses gc = IrcBench.GcPauses.read(log, 1.0, 30.0);
        assertEquals(2, gc.count());
        assertEquals(0.042, gc.maxMs(), 1e-9);
        assertEquals(0, gc.over1ms());
        assertEquals(2, gc.stalls());
        assertEquals(1.5, gc.maxStallMs(), 1e-9);
        // both pauses and both stalls are spans a slow alert can overlap
        assertEquals(4, gc.spans().size());
        assertArrayEquals(new long[] {9000007000000L - 1_500_000, 9000007000000L}, gc.spans().get(2));
        assertEquals("2 pauses during the run, 0.1 ms in all, longest 0.04 ms, 0 above 1 ms; 2 stalls of an application"
                + " thread (ZGC: allocation or relocation), longest 1.50 ms", gc.toString());
    }

    @Test
    void aLogWithoutTimenanosStillGivesTheFiguresButNoSpans(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, "[11.355s] GC(1) Pause Young (Allocation Failure) 37M->28M(74M) 1.500ms\n");
        IrcBench.GcPauses gc = IrcBench.GcPauses.read(log, 0, 60);
        assertEquals(1, gc.count());
        assertEquals(List.of(), gc.spans());
    }

    @Test
    void aSlowAlertIsPutOnAPauseOnlyWhenItsFlightOverlapsIt() {
        // alert 0: 0.5 ms, not slow; 1: 2 ms across the pause; 2: 3 ms, well after it; 3: not received
        long[] sent = {1_000_000, 10_000_000, 40_000_000, 50_000_000};
        long[] received = {1_500_000, 12_000_000, 43_000_000, 0};
        List<long[]> pauses = List.of(new long[] {11_000_000, 11_900_000});
        assertArrayEquals(new int[] {2, 1}, IrcBench.slowAndPaused(sent, received, pauses));
        // a pause that ended 0.1 ms before the alert was sent still counts (the clocks are read apart)
        assertArrayEquals(new int[] {2, 2}, IrcBench.slowAndPaused(sent, received,
                List.of(new long[] {11_000_000, 11_900_000}, new long[] {39_000_000, 39_900_000})));
        assertArrayEquals(new int[] {2, 0}, IrcBench.slowAndPaused(sent, received, List.of()));
    }
}
