package org.vigie.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench-hops reads a loopback capture and puts each planted alert's four packets in their hops. */
class IrcHopsTest {

    private static final long ID = IrcBench.DIFF_BASE + 7;
    private static final String URL = "https://en.wikipedia.org/w/index.php?diff=" + ID + "&oldid=1";

    /** A classic little-endian pcap, microsecond stamps, Ethernet frames carrying IPv4/TCP. */
    private static final class Capture {
        private final ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        Capture() {
            b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        }

        Capture packet(long micros, String payload) {
            byte[] text = payload.getBytes(StandardCharsets.UTF_8);
            int len = 14 + 20 + 20 + text.length;
            b.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(len).putInt(len);
            b.put(new byte[12]).putShort((short) 0x0800);                      // Ethernet: addresses, IPv4
            b.put((byte) 0x45).put((byte) 0).putShort((short) (len - 14)).putInt(0).put((byte) 64).put((byte) 6)
                    .putShort((short) 0).putInt(0x7f000001).putInt(0x7f000001);  // IPv4 header, protocol TCP
            b.putShort((short) 40000).putShort((short) 6667).putInt(0).putInt(0).put((byte) 0x50).put((byte) 0x18)
                    .putShort((short) 1000).putInt(0);                          // TCP header, 20 bytes
            b.put(text);
            return this;
        }

        byte[] bytes() {
            byte[] out = new byte[b.position()];
            System.arraycopy(b.array(), 0, out, 0, out.length);
            return out;
        }
    }

    private static Capture fourHops() {
        return new Capture()
                .packet(1_000_000, "PRIVMSG #en.wikipedia :\u000314[[Foo]] " + URL + " * Vandal0 * (+5)\r\n")
                .packet(1_000_040, ":rc-pmtpa!~rc@127.0.0.1 PRIVMSG #en.wikipedia :\u000314[[Foo]] " + URL
                        + " * Vandal0 * (+5)\r\n")
                .packet(1_000_440, "PING :x\r\nPRIVMSG #vigie-alertes :Blacklisted Vandal0 " + URL + "\r\n")
                .packet(1_000_490, ":Vigie!~vigie@127.0.0.1 PRIVMSG #vigie-alertes :Blacklisted Vandal0 " + URL
                        + "\r\n");
    }

    @Test
    void eachPacketGoesToItsHopByItsForm() {
        Map<Long, IrcHops.Stamps> seen = IrcHops.read(fourHops().bytes());
        IrcHops.Stamps s = seen.get(7L);
        assertTrue(s.complete());
        assertEquals(40_000, s.vigieIn - s.feederOut);
        assertEquals(400_000, s.vigieOut - s.vigieIn);
        assertEquals(50_000, s.observerIn - s.vigieOut);
    }

    @Test
    void theReportGivesTheHopsInMilliseconds(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cap.pcap");
        Files.write(f, fourHops().bytes());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new IrcHops(new PrintStream(buf, true, StandardCharsets.UTF_8)).run(List.of(f.toString()));
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("bench-hops: 1 planted alerts seen in all four packets (1 diff ids"), text);
        assertTrue(text.contains("inside Vigie                 p50 0.400"), text);
        assertTrue(text.contains("total                        p50 0.490"), text);
    }

    @Test
    void anAlertMissingAHopIsNotCountedAndAFileThatIsNoCaptureIsSaidSo() {
        byte[] three = new Capture()
                .packet(1_000_000, "PRIVMSG #en.wikipedia :x " + URL + "\r\n")
                .packet(1_000_040, ":rc!r@h PRIVMSG #en.wikipedia :x " + URL + "\r\n")
                .packet(1_000_440, "PRIVMSG #vigie-alertes :y " + URL + "\r\n").bytes();
        assertTrue(!IrcHops.read(three).get(7L).complete());
        assertThrows(IllegalArgumentException.class, () -> IrcHops.read(new byte[40]));
    }
}
