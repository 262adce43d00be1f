package org.vigie.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.vigie.feed.RcLineWriter;

/**
 * {@code bench-irc}: the whole path, socket to socket, on a loopback IRC server. A feeder speaking as {@code rc-pmtpa}
 * sends synthetic en.wikipedia edits at a fixed rate (or as fast as the server takes them); some are by blacklisted
 * users (planted hits); an observer sitting in the alert channel notes when each planted alert arrives. The real Vigie
 * (feed reader, engine, network outbox, H2, seed lists) runs in a JVM of its own, started cold with the flags the
 * README documents ({@code --jvm} to change them), so that its CPU, memory and GC pauses are its own. Prints the
 * figures and, last, one summary line:
 * {@code bench-irc: rate N lines/s, planted D/P, C CPU-s per 1000 lines, p99 L ms, RSS M MB}.
 *
 * <p>Output pace: the bench runs Vigie with {@code irc.rate=0} (no pacing) by default, as on a network that lets the
 * bot talk freely (loopback, or an exempt bot); {@code --pace MS} runs it with the real pacing, then plant only what
 * that pace can deliver in time ({@code --planted}).
 */
public final class IrcBench {

    public static final String USAGE = "bench-irc [--rate N|max] [--lines N] [--lists N] [--planted N] [--pace MS]\n"
            + "             [--server auto|ngircd|inproc] [--jvm FLAGS] [--jfr FILE] [--child-jar JAR] [--keep]";

    /** The flags Vigie is run with by the README's launcher line (docs/speed.md, "Launcher flags"). */
    public static final String DEFAULT_JVM = "-XX:+UseSerialGC -Xms32m -Xmx96m -Xmn12m -XX:TieredStopAtLevel=1"
            + " -XX:PerfDataSamplingInterval=1000";

    static final String FEED = "#en.wikipedia";
    static final String ALERTS = "#vigie-alertes";
    static final String CONTROL = "#vigie";
    static final long DIFF_BASE = 1_200_000_000L;

    private final PrintStream out;
    private int rate = 10_000;          // 0 = max
    private int lines = 20_000;
    private int lists = 100_000;
    private int planted = -1;
    private int pace = 0;
    private String server = "auto";
    private String jvm = DEFAULT_JVM;
    private String jfr;
    private String childJar;
    private boolean keep;

    public IrcBench(PrintStream out) {
        this.out = out;
    }

    public IrcBench args(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--keep")) {
                keep = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(a + " needs a value\nusage: java -jar vigie.jar " + USAGE);
            }
            String v = args.get(++i);
            switch (a) {
                case "--rate" -> rate = v.equals("max") ? 0 : positive(a, v);
                case "--lines" -> lines = positive(a, v);
                case "--lists" -> lists = nonNegative(a, v);
                case "--planted" -> planted = nonNegative(a, v);
                case "--pace" -> pace = nonNegative(a, v);
                case "--server" -> {
                    if (!List.of("auto", "ngircd", "inproc").contains(v)) {
                        throw new IllegalArgumentException("--server: auto, ngircd or inproc");
                    }
                    server = v;
                }
                case "--jvm" -> jvm = v;
                case "--jfr" -> jfr = v;
                case "--child-jar" -> childJar = v;
                default -> throw new IllegalArgumentException("unknown option " + a + "\nusage: java -jar vigie.jar "
                        + USAGE);
            }
        }
        if (planted < 0) {
            planted = Math.max(1, lines / 200);
        }
        if (planted > lines) {
            throw new IllegalArgumentException("--planted cannot exceed --lines");
        }
        return this;
    }

    private static int positive(String opt, String v) {
        int n = nonNegative(opt, v);
        if (n == 0) {
            throw new IllegalArgumentException(opt + ": must be positive");
        }
        return n;
    }

    private static int nonNegative(String opt, String v) {
        try {
            int n = Integer.parseInt(v.replace("_", "").replace(",", ""));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + ": a whole number is expected, got " + v);
        }
    }

    // ------------------------------------------------------------------ the run

    public int run() throws Exception {
        Path dir = Files.createTempDirectory("vigie-bench-irc");
        out.printf(Locale.ROOT, "bench-irc: %,d lines at %s, %,d planted list hits among %,d list entries%n", lines,
                rate == 0 ? "the server's max" : String.format(Locale.ROOT, "%,d lines/s", rate), planted,
                Math.max(lists, planted));
        byte[][] feed = feedLines();
        try (BenchServer irc = BenchServer.start(server, dir)) {
            out.println("server: " + irc.describe());
            long t0 = System.nanoTime();
            Child.prepare(this, irc, dir);
            out.printf(Locale.ROOT, "lists: %,d entries imported by a first start in %,d ms (not measured)%n",
                    Math.max(lists, planted), (System.nanoTime() - t0) / 1_000_000);
            Child child = Child.start(this, irc, dir);
            try (Client feeder = Client.connect(irc, "rc-pmtpa", FEED);
                 Client observer = Client.connect(irc, "observer", ALERTS)) {
                child.awaitReady();
                feeder.await(l -> l.startsWith(":vigie-feed!") && l.contains(" JOIN "), 120, "Vigie's feed reader joined " + FEED);
                observer.await(l -> l.startsWith(":Vigie!") && l.contains(" JOIN "), 60, "Vigie joined " + ALERTS);
                out.printf(Locale.ROOT, "vigie: started in %,d ms (JVM %s)%n", child.startMillis, jvm);
                measure(irc, child, feeder, observer, feed);
            } finally {
                child.close();
                if (keep) {
                    out.println("kept: " + dir);
                }
            }
        } finally {
            if (!keep) {
                delete(dir);
            }
        }
        return 0;
    }

    /** Synthetic en.wikipedia edits: mostly small ones by ordinary editors (raise nothing), the planted ones by listed users. */
    private byte[][] feedLines() {
        SplittableRandom r = new SplittableRandom(14);
        byte[][] all = new byte[lines][];
        boolean[] hit = new boolean[lines];
        // spread the planted lines evenly over the run
        for (int k = 0; k < planted; k++) {
            hit[(int) ((long) k * lines / planted + (lines / planted) / 2) % lines] = true;
        }
        String[] words = {"History", "Geography", "List", "of", "the", "River", "Station", "Album", "County", "School",
            "Church", "Football", "Club", "Battle", "Museum", "Island", "Railway", "Party", "Election", "Village"};
        String[] summaries = {"", "/* Career */ fixed typo", "Added citation", "copyedit", "Reverted 1 edit by "
            + "Example (talk): unsourced", "/* History */", "update infobox", "cleanup, [[WP:AWB]]", "ref format"};
        int vandal = 0;
        for (int i = 0; i < lines; i++) {
            String title = words[r.nextInt(words.length)] + " " + words[r.nextInt(words.length)] + " "
                    + words[r.nextInt(words.length)] + (r.nextInt(3) == 0 ? " (" + (1900 + r.nextInt(120)) + ")" : "");
            long diff = DIFF_BASE + i;
            String url = "https://en.wikipedia.org/w/index.php?diff=" + diff + "&oldid=" + (diff - 1 - r.nextInt(5000));
            String user = hit[i] ? listed(vandal++) : "Editor" + r.nextInt(50_000);
            int size = r.nextInt(401) - 200;
            String text = RcLineWriter.edit(title, false, false, r.nextInt(4) == 0, false, url, user, size,
                    summaries[r.nextInt(summaries.length)]);
            all[i] = ("PRIVMSG " + FEED + " :" + text + "\r\n").getBytes(StandardCharsets.UTF_8);
        }
        this.hits = hit;
        return all;
    }

    private boolean[] hits;

    /** The name of blacklist entry {@code i}: the planted hits use the first ones. */
    static String listed(int i) {
        return "Vandal" + i;
    }

    private void measure(BenchServer irc, Child child, Client feeder, Client observer, byte[][] feed)
            throws Exception {
        long[] sent = new long[lines];
        long[] received = new long[lines];
        AtomicInteger got = new AtomicInteger();
        AtomicInteger extra = new AtomicInteger();
        observer.onLine = (line, now) -> {
            int at = line.indexOf("?diff=");
            if (at < 0 || !line.contains(" PRIVMSG " + ALERTS + " ")) {
                return;
            }
            int from = at + 6;
            int to = from;
            while (to < line.length() && Character.isDigit(line.charAt(to))) {
                to++;
            }
            long i = Long.parseLong(line.substring(from, to)) - DIFF_BASE;
            if (i >= 0 && i < lines && hits[(int) i] && received[(int) i] == 0) {
                received[(int) i] = now;
                got.incrementAndGet();
            } else {
                extra.incrementAndGet();
            }
        };
        double serverCpu0 = irc.cpuSeconds();
        // the whole run, its drain and the report: what the feed takes to send at the rate asked, and 5 minutes more
        child.allow((rate == 0 ? 0 : lines / rate) + 300L);
        Map<String, String> before = child.ask("mark");
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        OutputStream os = feeder.out;
        if (rate == 0) {
            // as fast as the server reads: 64 KB writes
            byte[] buf = new byte[64 * 1024];
            int fill = 0;
            int firstInBuf = 0;
            for (int i = 0; i < lines; i++) {
                byte[] l = feed[i];
                if (fill + l.length > buf.length) {
                    writeBatch(os, buf, fill, sent, firstInBuf, i);
                    fill = 0;
                    firstInBuf = i;
                }
                System.arraycopy(l, 0, buf, fill, l.length);
                fill += l.length;
            }
            writeBatch(os, buf, fill, sent, firstInBuf, lines);
        } else {
            // at each tick (0.2 ms apart at least), what is due goes out in one write
            long step = TimeUnit.SECONDS.toNanos(1) / rate;
            byte[] buf = new byte[Math.max(64 * 1024, 600 * (rate / 1000 + 1) * 4)];
            int i = 0;
            while (i < lines) {
                long now = System.nanoTime();
                int due = (int) Math.min(lines, (now - start) / step + 1);
                if (due <= i) {
                    // sleep, never spin: on a 2-core machine a spinning feeder would take a core from Vigie
                    long wait = start + (long) i * step - now;
                    TimeUnit.NANOSECONDS.sleep(Math.max(200_000, Math.min(wait, 1_000_000)));
                    continue;
                }
                int fill = 0;
                int first = i;
                while (i < due && fill + feed[i].length <= buf.length) {
                    System.arraycopy(feed[i], 0, buf, fill, feed[i].length);
                    fill += feed[i].length;
                    i++;
                }
                writeBatch(os, buf, fill, sent, first, i);
            }
        }
        long sendNanos = System.nanoTime() - start;
        // drain: until Vigie has read and processed what it will, and the planted alerts came or stopped coming
        Map<String, String> s = child.ask("stats");
        long lastProgress = System.nanoTime();
        long lastCount = -1;
        while (true) {
            long count = num(s, "changes") + num(s, "dropped") + num(s, "skipped") + got.get();
            if (count != lastCount) {
                lastCount = count;
                lastProgress = System.nanoTime();
            }
            boolean engineDone = num(s, "lines") >= lines && num(s, "queue") == 0 && num(s, "outboxQueued") == 0;
            if ((engineDone && got.get() >= planted) || System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(5)
                    || !feeder.alive()) {
                break;
            }
            Thread.sleep(20);
            s = child.ask("stats");
        }
        Thread.sleep(50);
        Map<String, String> after = child.ask("report");
        double serverCpu1 = irc.cpuSeconds();
        double serverCpu = serverCpu0 < 0 || serverCpu1 < 0 ? -1 : serverCpu1 - serverCpu0;
        report(before, after, sent, received, got.get(), extra.get(), sendNanos, startMillis, serverCpu, child,
                feeder.alive());
    }

    private static void writeBatch(OutputStream os, byte[] buf, int len, long[] sent, int from, int to)
            throws IOException {
        long now = System.nanoTime();
        for (int k = from; k < to; k++) {
            sent[k] = now;
        }
        os.write(buf, 0, len);
        os.flush();
    }

    private void report(Map<String, String> before, Map<String, String> after, long[] sent, long[] received, int got,
                        int extra, long sendNanos, long startMillis, double serverCpu, Child child,
                        boolean feederAlive) throws IOException {
        long feedLines = num(after, "lines") - num(before, "lines");
        long changes = num(after, "changes") - num(before, "changes");
        long dropped = num(after, "dropped") - num(before, "dropped");
        long reconnects = num(after, "reconnects") - num(before, "reconnects");
        double offered = lines / (sendNanos / 1e9);
        long lastChange = num(after, "lastChangeMillis");
        double busySeconds = Math.max(sendNanos / 1e9, (lastChange - startMillis) / 1000.0);
        double kept = changes / busySeconds;
        double cpu = (num(after, "cpuNanos") - num(before, "cpuNanos")) / 1e9;
        double cpuPerK = feedLines == 0 ? 0 : cpu / feedLines * 1000;

        long[] lat = new long[got];
        int n = 0;
        for (int i = 0; i < lines; i++) {
            if (received[i] != 0) {
                lat[n++] = received[i] - sent[i];
            }
        }
        lat = Arrays.copyOf(lat, n);
        Arrays.sort(lat);
        out.printf(Locale.ROOT, "feeder: %,d lines sent in %.2f s (%,.0f lines/s offered)%s%n", lines, sendNanos / 1e9,
                offered, feederAlive ? "" : ", the feeder was disconnected");
        out.printf(Locale.ROOT, "vigie: %,d feed lines read, %,d changes processed, %,d dropped by the engine queue "
                        + "(counted), %,d reconnects of the feed; kept up with %,.0f lines/s%n", feedLines, changes,
                dropped, reconnects, kept);
        out.printf(Locale.ROOT, "alerts: %,d of %,d planted delivered, %,d other alerts; output pace %s%n", got,
                planted, extra, pace == 0 ? "none (irc.rate=0, bench setting)" : "irc.rate=" + pace + " ms");
        double p50 = 0;
        double p99 = 0;
        if (n > 0) {
            p50 = q(lat, 0.50);
            p99 = q(lat, 0.99);
            out.printf(Locale.ROOT, "latency feed line -> alert: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    p50, q(lat, 0.90), p99, lat[n - 1] / 1e6);
            out.println("latency max by tenth of the run (ms): " + byTenth(sent, received));
        }
        out.printf(Locale.ROOT, "cpu: %.3f CPU-s in Vigie's JVM during the run (every thread: feed reader, engine, "
                + "outbox, network reader, JIT compiler, GC), %.4f CPU-s per 1000 lines; the server %s%n", cpu, cpuPerK,
                serverCpu < 0 ? "not measured (in this process)" : String.format(Locale.ROOT, "%.3f CPU-s", serverCpu));
        out.printf(Locale.ROOT, "cpu of which: JIT compilation %.3f s (CompilationMXBean, compiler threads' time), "
                        + "GC %.3f s (GarbageCollectorMXBean, pause time)%n",
                (num(after, "jitMillis") - num(before, "jitMillis")) / 1000.0,
                (num(after, "gcMillis") - num(before, "gcMillis")) / 1000.0);
        String threads = after.getOrDefault("threads", "");
        if (!threads.isEmpty()) {
            out.println("cpu by thread (CPU-s, /proc/self/task/*/schedstat): " + threads.replace(';', ' '));
        }
        long rss = num(after, "rssKb");
        long hwm = num(after, "hwmKb");
        // MiB, as the JVM's -Xmx counts them (the summary line's "MB" too): 117 MiB is 123 million bytes
        out.printf(Locale.ROOT, "memory: RSS %,d MiB at the end (peak %,d MiB; %,.0f million bytes), heap used %,d MiB "
                        + "of %,d MiB committed, %,d list entries%n", rss >> 10, hwm >> 10, rss * 1024 / 1e6,
                num(after, "heapUsed") >> 20, num(after, "heapCommitted") >> 20, num(after, "listEntries"));
        GcPauses gc = GcPauses.read(child.gcLog, num(before, "uptimeMillis") / 1000.0,
                num(after, "uptimeMillis") / 1000.0);
        out.printf(Locale.ROOT, "gc: %s%n", gc);
        if (n > 0) {
            out.println("alerts above 1 ms: " + slowAlerts(sent, received, gc));
        }
        out.printf(Locale.ROOT, "bench-irc: rate %d lines/s, planted %d/%d, %.4f CPU-s per 1000 lines, p99 %.2f ms, "
                + "RSS %d MB%n", Math.round(kept), got, planted, cpuPerK, p99, rss >> 10);
    }

    /**
     * How many planted alerts took more than 1 ms, and how many of those overlapped one of Vigie's GC pauses (with 0.2 ms
     * either side): the log's {@code timenanos} decorator is {@code System.nanoTime()}, the same monotonic clock in
     * every process of the machine, so the bench's stamps and the child's pauses need no alignment.
     */
    private static String slowAlerts(long[] sent, long[] received, GcPauses gc) {
        int[] sp = slowAndPaused(sent, received, gc.spans());
        return sp[0] == 0 ? "none" : gc.spans().isEmpty() && gc.count() > 0
                ? sp[0] + " (pause times not in the GC log: no timenanos decorator)"
                : String.format(Locale.ROOT, "%d, of which %d overlap a GC pause of Vigie's JVM", sp[0], sp[1]);
    }

    /** {alerts above 1 ms, those of them whose flight [sent, received] overlaps a pause span (0.2 ms either side)}. */
    static int[] slowAndPaused(long[] sent, long[] received, List<long[]> spans) {
        int slow = 0;
        int paused = 0;
        for (int i = 0; i < received.length; i++) {
            if (received[i] == 0 || received[i] - sent[i] <= 1_000_000) {
                continue;
            }
            slow++;
            for (long[] p : spans) {
                if (p[0] - 200_000 < received[i] && p[1] + 200_000 > sent[i]) {
                    paused++;
                    break;
                }
            }
        }
        return new int[] {slow, paused};
    }

    /** The longest latency among the planted lines of each tenth of the feed, to tell a slow start from a stall. */
    private String byTenth(long[] sent, long[] received) {
        StringBuilder b = new StringBuilder();
        for (int t = 0; t < 10; t++) {
            long max = -1;
            for (int i = (int) ((long) lines * t / 10); i < (long) lines * (t + 1) / 10; i++) {
                if (received[i] != 0) {
                    max = Math.max(max, received[i] - sent[i]);
                }
            }
            b.append(t == 0 ? "" : " ").append(max < 0 ? "-" : String.format(Locale.ROOT, "%.1f", max / 1e6));
        }
        return b.toString();
    }

    /** The nearest-rank quantile of sorted nanoseconds, in milliseconds. */
    static double q(long[] sorted, double q) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    static long num(Map<String, String> m, String key) {
        String v = m.get(key);
        return v == null ? 0 : Long.parseLong(v);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    // ------------------------------------------------------------------ GC log

    /**
     * Pauses read from the child's {@code -Xlog:gc,gc+phases} file, within a window of JVM uptime: the collector's
     * pauses (Serial, G1, Parallel and Shenandoah log them under {@code gc}, ZGC under {@code gc+phases}) and, apart,
     * ZGC's stalls of application threads ({@code Allocation Stall (irc-feed) 1.2ms}: a thread that waits for the
     * collector, a pause for that thread alone). Both give spans for the overlap with slow alerts.
     */
    record GcPauses(int count, double totalMs, double maxMs, int over1ms, int stalls, double maxStallMs,
                    List<long[]> spans) {
        static GcPauses read(Path log, double fromSeconds, double toSeconds) throws IOException {
            if (!Files.exists(log)) {
                return new GcPauses(0, 0, 0, 0, 0, 0, List.of());
            }
            List<long[]> spans = new ArrayList<>();
            int count = 0;
            int over = 0;
            int stalls = 0;
            boolean any = false;
            double total = 0;
            double max = 0;
            double maxStall = 0;
            for (String l : Files.readAllLines(log)) {
                // [12.345s][123456789012345ns] GC(3) Pause Young (Allocation Failure) 20M->5M(60M) 1.234ms
                // [12.345s][123456789012345ns] GC(7) y: Pause Mark Start 0.013ms             (ZGC, gc+phases)
                // [12.345s][123456789012345ns] Allocation Stall (irc-feed) 0.842ms           (ZGC, a thread waits)
                boolean pause = l.contains(" Pause ");
                boolean stall = !pause && isThreadStall(l);
                any |= pause;
                if (!(pause || stall) || !l.endsWith("ms") || !l.startsWith("[")) {
                    continue;
                }
                double up = Double.parseDouble(l.substring(1, l.indexOf("s]")));
                if (up < fromSeconds || up > toSeconds) {
                    continue;
                }
                double ms = Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1, l.length() - 2));
                // the line is written as the pause ends
                int ns = l.indexOf("ns]");
                if (ns > 0) {
                    long end = Long.parseLong(l.substring(l.lastIndexOf('[', ns) + 1, ns));
                    spans.add(new long[] {end - Math.round(ms * 1e6), end});
                }
                if (stall) {
                    stalls++;
                    maxStall = Math.max(maxStall, ms);
                    continue;
                }
                count++;
                total += ms;
                max = Math.max(max, ms);
                if (ms > 1.0) {
                    over++;
                }
            }
            return any ? new GcPauses(count, total, max, over, stalls, maxStall, spans)
                    : new GcPauses(-1, 0, 0, 0, stalls, maxStall, spans);
        }

        /** A ZGC stall of an application thread; its own workers' relocation stalls are the collector's business. */
        private static boolean isThreadStall(String l) {
            int at = l.indexOf(" Stall (");
            return at > 0 && !l.startsWith("ZWorker", at + 8) && (l.startsWith("Allocation", at - 10)
                    || l.startsWith("Relocation", at - 10));
        }

        @Override
        public String toString() {
            String st = stalls == 0 ? "" : String.format(Locale.ROOT, "; %d stalls of an application thread "
                    + "(ZGC: allocation or relocation), longest %.2f ms", stalls, maxStallMs);
            if (count < 0) {
                return "no pause lines in the GC log for this collector" + st;
            }
            return String.format(Locale.ROOT, "%d pauses during the run, %.1f ms in all, longest %.2f ms, %d above 1 ms",
                    count, totalMs, maxMs, over1ms) + st;
        }
    }

    // ------------------------------------------------------------------ the witnesses

    /** A plain-socket client: the feeder or the observer. */
    static final class Client implements AutoCloseable {
        interface LineHandler {
            void accept(String line, long nanos);
        }

        final Socket socket;
        final OutputStream out;
        final List<String> seen = new ArrayList<>();
        volatile LineHandler onLine;
        private volatile boolean alive = true;

        private Client(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        static Client connect(BenchServer irc, String nick, String channel) throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.setSendBufferSize(1 << 20);
            s.connect(new InetSocketAddress(irc.host(), irc.port()), 5_000);
            Client c = new Client(s);
            Thread t = new Thread(c::read, "bench-" + nick);
            t.setDaemon(true);
            t.start();
            c.write("NICK " + nick + "\r\nUSER " + nick + " 0 * :bench " + nick + "\r\n");
            c.await(l -> l.contains(" 001 " + nick + " "), 10, nick + " registered");
            c.write("JOIN " + channel + "\r\n");
            c.await(l -> l.contains(" 366 " + nick + " "), 10, nick + " joined " + channel);
            return c;
        }

        synchronized void write(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        boolean alive() {
            return alive;
        }

        /**
         * Reads the server's lines. The arrival time is taken once per socket read, before any decoding: what the
         * bench's own JVM spends turning bytes into lines (little of which is compiled when alerts are rare) is not
         * Vigie's latency.
         */
        private void read() {
            byte[] buf = new byte[1 << 16];
            int fill = 0;
            try (InputStream in = socket.getInputStream()) {
                int n;
                while ((n = in.read(buf, fill, buf.length - fill)) > 0) {
                    long now = System.nanoTime();
                    int end = fill + n;
                    int start = 0;
                    for (int i = fill; i < end; i++) {
                        if (buf[i] == '\n') {
                            int e = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                            line(new String(buf, start, e - start, StandardCharsets.UTF_8), now);
                            start = i + 1;
                        }
                    }
                    fill = end - start;
                    if (fill == buf.length) {
                        fill = 0;        // an overlong line: dropped (the bench's server sends none)
                    } else if (start > 0 && fill > 0) {
                        System.arraycopy(buf, start, buf, 0, fill);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // closed
            } finally {
                alive = false;
            }
        }

        private void line(String line, long now) throws IOException {
            if (line.startsWith("PING")) {
                write("PONG" + line.substring(4) + "\r\n");
                return;
            }
            LineHandler h = onLine;
            if (h != null) {
                h.accept(line, now);
            } else {
                synchronized (seen) {
                    seen.add(line);
                    seen.notifyAll();
                }
            }
        }

        void await(Predicate<String> p, int seconds, String what) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            synchronized (seen) {
                int i = 0;
                while (true) {
                    for (; i < seen.size(); i++) {
                        if (p.test(seen.get(i))) {
                            return;
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !alive) {
                        throw new IllegalStateException("bench-irc: waited in vain for: " + what);
                    }
                    try {
                        seen.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted");
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    // ------------------------------------------------------------------ Vigie's JVM

    /** Vigie in a JVM of its own ({@code org.vigie.bench.BenchIrcChild}), driven by lines on its stdin, answering on its stdout. */
    static final class Child implements AutoCloseable {
        final Process process;
        final BufferedReader in;
        final PrintStream cmd;
        final Path gcLog;
        final Path log;
        long startMillis;
        /** When Vigie's JVM must have answered by (System.nanoTime()); past it the watchdog stops that JVM. */
        private volatile long deadline = Long.MAX_VALUE;
        private volatile long allowedSeconds;
        private volatile boolean stopped;

        Child(Process process, Path gcLog, Path log) {
            this.process = process;
            this.gcLog = gcLog;
            this.log = log;
            this.in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.cmd = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            // a JVM that stops answering (a collector short of heap stalling, a main thread dead while other threads keep
            // the JVM up) must not hang the bench: past the deadline it is stopped, and the blocked read returns
            Thread watchdog = new Thread(() -> {
                while (process.isAlive()) {
                    long d = deadline;
                    if (d != Long.MAX_VALUE && System.nanoTime() - d > 0) {
                        stopped = true;
                        process.destroyForcibly();
                        return;
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }

        /** Vigie's JVM has {@code seconds} from now to say it is ready or to answer what it is asked. */
        void allow(long seconds) {
            allowedSeconds = seconds;
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        }

        private IllegalStateException ended(String what) {
            return new IllegalStateException(stopped
                    ? "Vigie's JVM gave no answer within " + allowedSeconds + " s and was stopped (stuck or stalled: a"
                        + " heap too small for its collector? see its GC log); its log:\n" + tail()
                    : "Vigie's JVM ended " + what + "; its log:\n" + tail());
        }

        /** The first start, which imports the seed lists, in a JVM of its own. */
        static void prepare(IrcBench b, BenchServer irc, Path dir) throws IOException, InterruptedException {
            List<String> c = command(b, irc, dir, List.of("-XX:+UseSerialGC"));
            c.add("prepare");
            Path log = dir.resolve("prepare.log");
            Process p = new ProcessBuilder(c).redirectError(log.toFile()).redirectOutput(log.toFile()).start();
            if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("the first start (seed import) failed: " + Files.readString(log));
            }
        }

        private static List<String> command(IrcBench b, BenchServer irc, Path dir, List<String> flags) {
            List<String> c = new ArrayList<>();
            c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            c.addAll(flags);
            c.add("-cp");
            c.add(b.childJar != null ? b.childJar : System.getProperty("java.class.path"));
            c.add("org.vigie.bench.BenchIrcChild");
            c.addAll(List.of(irc.host(), Integer.toString(irc.port()), Integer.toString(Math.max(b.lists, b.planted)),
                    Integer.toString(b.pace), dir.resolve("vigie").toString()));
            return c;
        }

        static Child start(IrcBench b, BenchServer irc, Path dir) throws IOException {
            Path gcLog = dir.resolve("gc.log");
            Path log = dir.resolve("vigie.log");
            List<String> flags = new ArrayList<>();
            for (String f : b.jvm.trim().split("\\s+")) {
                if (!f.isEmpty()) {
                    flags.add(f);
                }
            }
            // gc+phases: where ZGC logs its pauses (the other collectors log theirs under gc)
            flags.add("-Xlog:gc,gc+phases:file=" + gcLog + ":uptime,timenanos");
            if (b.jfr != null) {
                flags.add("-XX:StartFlightRecording=filename=" + b.jfr + ",settings=profile");
            }
            List<String> c = command(b, irc, dir, flags);
            Process p = new ProcessBuilder(c).redirectError(log.toFile()).start();
            return new Child(p, gcLog, log);
        }

        void awaitReady() throws IOException {
            allow(300);
            String l;
            while ((l = in.readLine()) != null) {
                if (l.startsWith("ready ")) {
                    startMillis = Long.parseLong(l.substring(6).trim());
                    return;
                }
            }
            throw ended("before it was ready");
        }

        Map<String, String> ask(String what) throws IOException {
            cmd.println(what);
            String l = in.readLine();
            if (l == null) {
                throw ended("before it answered " + what);
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (String kv : l.split(" ")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    m.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            return m;
        }

        String tail() {
            try {
                List<String> all = Files.readAllLines(log);
                return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        @Override
        public void close() {
            try {
                cmd.println("quit");
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

}
