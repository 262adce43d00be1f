package org.vigie.bench;

import org.vigie.FatalErrors;
import org.vigie.Vigie;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.vigie.bench.ProcStat;
import org.vigie.config.BotConfig;
import org.vigie.feed.FeedStats;

/**
 * Vigie's side of {@code bench-irc}: a real Vigie in this JVM, on the bench's loopback server, with a blacklist of N
 * seed entries; driven by one word a line on stdin ({@code mark}, {@code stats}, {@code report}, {@code quit}), each
 * answered by one {@code key=value} line on stdout. Logs go to stderr (a file of the bench).
 *
 * <p>Arguments: host port listEntries paceMillis dataDir [prepare]. With {@code prepare}: only the first start (the seed
 * import), then exit.
 */
public final class BenchIrcChild {

    private BenchIrcChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.setOut(System.err);     // anything printed by the bot goes to the log, not into the protocol
        FatalErrors.install(Thread.currentThread(), System.err);   // as Main: an OutOfMemoryError ends the JVM
        String host = args[0];
        String port = args[1];
        int entries = Integer.parseInt(args[2]);
        String pace = args[3];
        Path dir = Files.createDirectories(Path.of(args[4]));
        Path lists = Files.createDirectories(dir.resolve("lists"));
        StringBuilder bl = new StringBuilder(entries * 24);
        for (int i = 0; i < entries; i++) {
            bl.append("Vandal").append(i).append(" r=bench\n");
        }
        Files.writeString(lists.resolve("bl.txt"), bl);
        bl = null;
        BotConfig cfg = BotConfig.defaults().with(
                "feed.host", host, "feed.port", port, "feed.tls", "false", "feed.nick", "vigie-feed",
                "feed.channels", "#en.wikipedia",
                "irc.host", host, "irc.port", port, "irc.tls", "false", "irc.nick", "Vigie",
                "irc.control", "#vigie", "irc.alerts", "#vigie-alertes", "irc.rate", pace,
                "wiki.api", "false", "web.port", "0", "lang", "en",
                "db.url", "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
                "lists.dir", lists.toString(), "lists.snapshot.minutes", "0",
                "messages.dir", dir.resolve("no-messages-dir").toString(),
                "commands.file", dir.resolve("commands.properties").toString(),
                "plugins.dir", dir.resolve("plugins").toString());
        // -Dbench.config=key=value,key=value (through bench-irc's --jvm): settings to compare, e.g. engine.inline=false
        String extra = System.getProperty("bench.config", "");
        for (String kv : extra.split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                cfg = cfg.with(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        if (args.length > 5 && args[5].equals("prepare")) {
            // the first start imports the seed lists (and writes the snapshot at its clean stop): done in a JVM of
            // its own, so that the measured start is a restart, as every start of a running bot but the first
            new Vigie(cfg, Clock.systemUTC()).close();
            out.println("prepared");
            System.exit(0);
        }
        Vigie v = new Vigie(cfg, Clock.systemUTC());
        v.start();
        out.println("ready " + ManagementFactory.getRuntimeMXBean().getUptime());

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> threadCpu0 = new HashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String cmd;
        while ((cmd = in.readLine()) != null && !cmd.equals("quit")) {
            StringBuilder b = new StringBuilder();
            FeedStats f = v.feed().stats();
            add(b, "lines", f.lines());
            add(b, "skipped", f.skipped());
            add(b, "reconnects", f.reconnects());
            add(b, "changes", v.engine().changes());
            add(b, "dropped", v.engine().dropped());
            add(b, "queue", v.engine().queueDepth());
            add(b, "lastChangeMillis", v.engine().lastChangeMillis());
            add(b, "outboxQueued", v.network().outbox().queued());
            add(b, "outboxSent", v.network().outbox().sent());
            add(b, "cpuNanos", ((com.sun.management.OperatingSystemMXBean)
                    ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
            add(b, "uptimeMillis", ManagementFactory.getRuntimeMXBean().getUptime());
            add(b, "jitMillis", ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
            long gcMillis = 0;
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcMillis += Math.max(0, gc.getCollectionTime());
            }
            add(b, "gcMillis", gcMillis);
            if (cmd.equals("mark")) {
                for (long id : threads.getAllThreadIds()) {
                    threadCpu0.put(id, threads.getThreadCpuTime(id));
                }
                taskCpu0 = taskCpu();
            }
            if (cmd.equals("report")) {
                MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                add(b, "rssKb", ProcStat.statusKb("VmRSS"));
                add(b, "hwmKb", ProcStat.statusKb("VmHWM"));
                add(b, "heapUsed", heap.getUsed());
                add(b, "heapCommitted", heap.getCommitted());
                add(b, "listEntries", v.lists().size());
                b.append("threads=").append(taskCpuSince(taskCpu0)).append(' ');
            }
            out.println(b.toString().trim());
        }
        v.close();
        out.println("bye");
        System.exit(0);
    }

    private static Map<String, Long> taskCpu0 = new HashMap<>();

    /**
     * CPU time of every thread of this process by thread name, in microseconds, from /proc/self/task: its schedstat
     * (nanoseconds on the CPU, user and system) where the kernel keeps it, else stat's ticks (user + system). It sees
     * the JIT compiler and GC threads, which the ThreadMXBean does not.
     */
    private static Map<String, Long> taskCpu() {
        Map<String, Long> m = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000L;
                    try {
                        String ss = Files.readString(t.resolve("schedstat")).trim();
                        ticks = Long.parseLong(ss.substring(0, ss.indexOf(' '))) / 1_000L;
                    } catch (java.io.IOException | RuntimeException noSchedstat) {
                        // keep the ticks
                    }
                    m.merge(t.getFileName() + ":" + name, ticks, Long::sum);
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended
                }
            }
        } catch (java.io.IOException e) {
            return m;
        }
        return m;
    }

    private static String taskCpuSince(Map<String, Long> before) {
        Map<String, Long> byName = new TreeMap<>();
        for (Map.Entry<String, Long> e : taskCpu().entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            String name = e.getKey().substring(e.getKey().indexOf(':') + 1).replaceAll("[#-]?\\d+$", "")
                    .replace(' ', '_');
            byName.merge(name, d, Long::sum);
        }
        List<Map.Entry<String, Long>> list = new ArrayList<>(byName.entrySet());
        list.sort((a, c) -> Long.compare(c.getValue(), a.getValue()));
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Long> e : list) {
            if (e.getValue() < 500 || s.length() > 300) {
                break;
            }
            s.append(s.length() == 0 ? "" : ";").append(e.getKey()).append(':')
                    .append(String.format(Locale.ROOT, "%.3f", e.getValue() / 1e6));
        }
        return s.toString();
    }

    private static void add(StringBuilder b, String k, long v) {
        b.append(k).append('=').append(v).append(' ');
    }

    /** CPU seconds per thread (threads of one pool summed under one name) since the mark, largest first. */
    private static String threadCpu(ThreadMXBean threads, Map<Long, Long> before) {
        Map<String, Long> byName = new TreeMap<>();
        for (ThreadInfo ti : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (ti == null) {
                continue;
            }
            long now = threads.getThreadCpuTime(ti.getThreadId());
            if (now < 0) {
                continue;
            }
            long d = now - before.getOrDefault(ti.getThreadId(), 0L);
            byName.merge(ti.getThreadName().replaceAll("-\\d+$", "-N").replace(' ', '_'), d, Long::sum);
        }
        List<Map.Entry<String, Long>> list = new ArrayList<>(byName.entrySet());
        list.sort((a, c) -> Long.compare(c.getValue(), a.getValue()));
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(8, list.size()); i++) {
            if (list.get(i).getValue() < 1_000_000) {
                break;
            }
            s.append(s.length() == 0 ? "" : ";").append(list.get(i).getKey()).append(':')
                    .append(String.format(Locale.ROOT, "%.3f", list.get(i).getValue() / 1e9));
        }
        return s.toString();
    }
}
