package org.vigie.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench-hops FILE}: where the time of each planted alert of a {@code bench-irc} run went, hop by hop, read from
 * a packet capture of the loopback taken during the run ({@code tcpdump -i lo -s 0 -w FILE tcp}). Each planted line
 * carries its diff id; it is looked for in the four packets that carry it: the feeder's line to the server, the
 * server's line to Vigie's feed reader, Vigie's alert to the server, the server's alert to the observer. Prints the
 * percentiles of the three hops (server → Vigie, inside Vigie, Vigie → server → observer) and of the whole.
 *
 * <p>Reads the classic pcap format (microsecond or nanosecond stamps, either byte order) with Ethernet, BSD loopback,
 * Linux cooked (v1, v2) or raw IP frames, IPv4 or IPv6. The stamps are the capture's, taken when each packet crossed
 * the loopback: the inside-Vigie hop runs from the server's write to Vigie's write.
 */
public final class IrcHops {

    public static final String USAGE = "bench-hops CAPTURE.pcap   (tcpdump -i lo -s 0 -w CAPTURE.pcap tcp during bench-irc)";

    private static final byte[] DIFF = "diff=".getBytes(StandardCharsets.US_ASCII);
    private static final String FEED_OUT = "PRIVMSG " + IrcBench.FEED + " ";
    private static final String ALERT_OUT = "PRIVMSG " + IrcBench.ALERTS + " ";
    private static final String FEED_RELAYED = " " + FEED_OUT;
    private static final String ALERT_RELAYED = " " + ALERT_OUT;

    private final PrintStream out;

    public IrcHops(PrintStream out) {
        this.out = out;
    }

    /** The four stamps of one planted line, in nanoseconds of the capture's clock; 0 where not seen. */
    static final class Stamps {
        long feederOut;
        long vigieIn;
        long vigieOut;
        long observerIn;

        boolean complete() {
            return feederOut != 0 && vigieIn != 0 && vigieOut != 0 && observerIn != 0;
        }
    }

    public int run(List<String> args) throws IOException {
        if (args.size() != 1) {
            throw new IllegalArgumentException("usage: java -jar vigie.jar " + USAGE);
        }
        Map<Long, Stamps> seen = read(Files.readAllBytes(Path.of(args.get(0))));
        report(seen);
        return 0;
    }

    /** Every diff id found in the capture, with the stamps of the packets that carried it. */
    static Map<Long, Stamps> read(byte[] pcap) {
        ByteBuffer b = ByteBuffer.wrap(pcap);
        if (pcap.length < 24) {
            throw new IllegalArgumentException("not a pcap file: " + pcap.length + " bytes");
        }
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        boolean nanos;
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (Integer.reverseBytes(magic) == 0xa1b2c3d4 || Integer.reverseBytes(magic) == 0xa1b23c4d) {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = Integer.reverseBytes(magic);
        } else {
            throw new IllegalArgumentException("not a classic pcap file (pcapng? write it with tcpdump -w)");
        }
        nanos = magic == 0xa1b23c4d;
        int link = b.getInt(20);
        Map<Long, Stamps> seen = new HashMap<>();
        int at = 24;
        while (at + 16 <= pcap.length) {
            long sec = b.getInt(at) & 0xffffffffL;
            long frac = b.getInt(at + 4) & 0xffffffffL;
            int caught = b.getInt(at + 8);
            int start = at + 16;
            at = start + caught;
            if (caught < 0 || at > pcap.length) {
                break;                                      // a capture cut short: what came before counts
            }
            long t = sec * 1_000_000_000L + (nanos ? frac : frac * 1_000);
            int ip = start + switch (link) {
                case 0 -> 4;        // BSD loopback
                case 1 -> 14;       // Ethernet
                case 101 -> 0;      // raw IP
                case 113 -> 16;     // Linux cooked
                case 276 -> 20;     // Linux cooked v2
                default -> throw new IllegalArgumentException("link type " + link + " not read");
            };
            int payload = tcpPayload(pcap, ip, at);
            if (payload >= 0) {
                lines(pcap, payload, at, t, seen);
            }
        }
        return seen;
    }

    /** Where the TCP payload of the IP packet at {@code ip} starts, or -1 (not TCP, or cut). */
    private static int tcpPayload(byte[] p, int ip, int end) {
        if (ip >= end) {
            return -1;
        }
        int version = (p[ip] & 0xff) >> 4;
        int tcp;
        if (version == 4) {
            if (ip + 20 > end || (p[ip + 9] & 0xff) != 6) {
                return -1;
            }
            tcp = ip + (p[ip] & 0x0f) * 4;
        } else if (version == 6) {
            if (ip + 40 > end || (p[ip + 6] & 0xff) != 6) {
                return -1;                                  // extension headers: not on loopback TCP
            }
            tcp = ip + 40;
        } else {
            return -1;
        }
        if (tcp + 20 > end) {
            return -1;
        }
        int payload = tcp + ((p[tcp + 12] & 0xff) >> 4) * 4;
        return payload < end ? payload : -1;
    }

    /** Each line of the payload that names a diff: which of the four hops it is, by its form. */
    private static void lines(byte[] p, int from, int end, long t, Map<Long, Stamps> seen) {
        int lineStart = from;
        for (int i = from; i <= end; i++) {
            if (i == end || p[i] == '\n' || p[i] == '\r') {
                if (i > lineStart) {
                    line(p, lineStart, i, t, seen);
                }
                lineStart = i + 1;
            }
        }
    }

    private static void line(byte[] p, int from, int to, long t, Map<Long, Stamps> seen) {
        int d = indexOf(p, from, to, DIFF);
        if (d < 0) {
            return;
        }
        long id = 0;
        int digits = 0;
        for (int i = d + DIFF.length; i < to && p[i] >= '0' && p[i] <= '9' && digits < 18; i++, digits++) {
            id = id * 10 + (p[i] - '0');
        }
        if (digits == 0 || id < IrcBench.DIFF_BASE) {
            return;
        }
        String s = new String(p, from, Math.min(to - from, 200), StandardCharsets.ISO_8859_1);
        Stamps st = seen.computeIfAbsent(id - IrcBench.DIFF_BASE, k -> new Stamps());
        if (s.startsWith(FEED_OUT)) {
            st.feederOut = st.feederOut == 0 ? t : st.feederOut;
        } else if (s.startsWith(ALERT_OUT)) {
            st.vigieOut = st.vigieOut == 0 ? t : st.vigieOut;
        } else if (s.startsWith(":") && s.contains(FEED_RELAYED)) {
            st.vigieIn = st.vigieIn == 0 ? t : st.vigieIn;
        } else if (s.startsWith(":") && s.contains(ALERT_RELAYED)) {
            st.observerIn = st.observerIn == 0 ? t : st.observerIn;
        }
    }

    private static int indexOf(byte[] p, int from, int to, byte[] what) {
        outer:
        for (int i = from; i + what.length <= to; i++) {
            for (int j = 0; j < what.length; j++) {
                if (p[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    void report(Map<Long, Stamps> seen) {
        List<long[]> rows = new ArrayList<>();
        for (Stamps s : seen.values()) {
            if (s.complete()) {
                rows.add(new long[] {s.vigieIn - s.feederOut, s.vigieOut - s.vigieIn, s.observerIn - s.vigieOut,
                    s.observerIn - s.feederOut});
            }
        }
        out.printf(Locale.ROOT, "bench-hops: %,d planted alerts seen in all four packets (%,d diff ids in the capture)%n",
                rows.size(), seen.size());
        if (rows.isEmpty()) {
            return;
        }
        String[] names = {"server -> Vigie", "inside Vigie", "Vigie -> server -> observer", "total"};
        for (int k = 0; k < names.length; k++) {
            long[] v = new long[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rows.get(i)[k];
            }
            Arrays.sort(v);
            out.printf(Locale.ROOT, "%-28s p50 %.3f  p90 %.3f  p99 %.3f  max %.3f ms%n", names[k],
                    IrcBench.q(v, 0.50), IrcBench.q(v, 0.90), IrcBench.q(v, 0.99), v[v.length - 1] / 1e6);
        }
    }
}
