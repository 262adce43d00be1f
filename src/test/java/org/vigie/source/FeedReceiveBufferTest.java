package org.vigie.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed socket's receive buffer follows {@code net.core.rmem_max}. Files.readString returned only the first byte
 * of a /proc/sys file ("4" for 4194304), which silently left the feed on the kernel's autotuning.
 */
class FeedReceiveBufferTest {

    @Test
    void theWholeNumberIsReadFromTheProcFileAndASmallLimitLeavesTheKernelsAutotuning(@TempDir Path dir)
            throws Exception {
        Path f = dir.resolve("rmem_max");
        Files.writeString(f, "4194304\n");
        assertEquals(4 << 20, IrcFeed.receiveBuffer(f));
        Files.writeString(f, "134217728\n");
        assertEquals(64 << 20, IrcFeed.receiveBuffer(f));
        Files.writeString(f, "212992\n");
        assertEquals(0, IrcFeed.receiveBuffer(f));
        Files.writeString(f, "x\n");
        assertEquals(0, IrcFeed.receiveBuffer(f));
        assertEquals(0, IrcFeed.receiveBuffer(dir.resolve("absent")));

        Path proc = Path.of("/proc/sys/net/core/rmem_max");
        if (Files.isReadable(proc)) {
            long max = Long.parseLong(Files.readAllLines(proc).get(0).trim());
            assertEquals(max >= 4 << 20 ? (int) Math.min(max, 64 << 20) : 0, IrcFeed.receiveBuffer());
        }
    }
}
