package org.vigie.bench;

import org.vigie.Engine;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.ref.Reference;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.TreeSet;
import org.vigie.alert.AlertFormatter;
import org.vigie.alert.Dispatcher;
import org.vigie.i18n.Templates;
import org.vigie.config.Settings;
import org.vigie.feed.LogTexts;
import org.vigie.feed.RcEvent;
import org.vigie.feed.RcLineParser;
import org.vigie.feed.RcLineWriter;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;
import org.vigie.lists.Names;
import org.vigie.patrol.AutoList;
import org.vigie.patrol.BlockConflicts;
import org.vigie.patrol.Event;
import org.vigie.patrol.Patrol;
import org.vigie.store.Actor;
import org.vigie.store.Audit;
import org.vigie.store.Database;
import org.vigie.store.ListStore;

/**
 * {@code bench}: the engine alone (parse → patrol → dispatch, formatting only what alerts) on the 39,244 real changes
 * of the wikiticker sample rendered back into IRC lines, plus a few percent of log lines, with large lists loaded.
 * Prints lines/s, ns per line (median of several runs after warm-up), alerts/s and heap; then the time and heap to
 * load a million list entries, in memory and from an H2 file. The figures are measured in a JVM the bench starts for
 * itself with the flags the README runs the bot with ({@link #DEFAULT_JVM_FLAGS}; {@code --jvm FLAGS} to change them,
 * {@code --in-process} to measure the JVM the command runs in).
 */
public final class Bench {

    public static final String USAGE = "bench [--users N] [--words N] [--runs N] [--data FILE] [--load N]\n"
            + "             [--run-ms MS] [--dest SPEC] [--jvm FLAGS | --in-process]";

    private final PrintStream out;
    /** The class whose {@code main} runs {@code bench} in the bench's own JVM: the jar's entry. */
    private final String entry;
    private Path data = Path.of(System.getProperty("vigie.shared", "../shared"), "data",
            "wikiticker-2015-09-12-sampled.json.gz");
    private int users = 100_000;
    private int words = 1_000;
    private int runs = 11;
    private int load = 1_000_000;
    private long runMillis = 500;
    private String dest = PATROL_SPEC;
    private List<String> jvmFlags = DEFAULT_JVM_FLAGS;
    private boolean inProcess;
    private final List<String> passOn = new ArrayList<>();

    /**
     * The JVM the figures are measured in, as the README runs the bot: the serial collector, which suits one engine
     * thread on a heap of a few hundred megabytes. Under G1 the main figure measures G1's heap layout as much as the
     * engine: its parallel copying scatters the recorded day's 40,000 lines across the heap, and reading them back cost
     * about 300 ns a line more on a 2-core machine, while lines fresh in cache cost about the same under both.
     * {@code --in-process} measures the JVM the command was started in.
     */
    static final List<String> DEFAULT_JVM_FLAGS = List.of("-XX:+UseSerialGC");
    /** Set in the JVM the bench starts for itself, so that it measures rather than starts another. */
    static final String FORKED_PROPERTY = "vigie.bench.forked";

    /**
     * What the bench's channel takes by default: a vandalism-patrol channel of a large wiki (lists, watched pages,
     * word lists, blankings, block conflicts; not every logged-out edit). {@code --dest all} shows the whole load.
     */
    static final String PATROL_SPEC = "black,grey,newuser,bnu,bna,bes,cvp,cvi,wheeler,bigremove,tinynew,blockconflict,-admin,-white,-bot";

    /** @param entry the class whose {@code main} takes {@code bench} and its arguments (the jar's entry) */
    public Bench(PrintStream out, String entry) {
        this.out = out;
        this.entry = entry;
    }

    public Bench args(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--in-process")) {
                inProcess = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(a + " needs a value; usage: " + USAGE);
            }
            String v = args.get(++i);
            if (!a.equals("--jvm")) {
                passOn.add(a);
                passOn.add(v);
            }
            switch (a) {
                case "--jvm" -> jvmFlags = v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
                case "--data" -> data = Path.of(v);
                case "--users" -> users = Integer.parseInt(v);
                case "--words" -> words = Integer.parseInt(v);
                case "--runs" -> runs = Integer.parseInt(v);
                case "--load" -> load = Integer.parseInt(v);
                case "--run-ms" -> runMillis = Long.parseLong(v);
                case "--dest" -> dest = v;
                default -> throw new IllegalArgumentException("unknown argument " + a + "; usage: " + USAGE);
            }
        }
        if (!Files.isReadable(data)) {
            throw new IllegalArgumentException("benchmark data not found: " + data + " (give --data FILE)");
        }
        return this;
    }

    public int run() throws IOException {
        if (!inProcess && System.getProperty(FORKED_PROPERTY) == null) {
            return fork();
        }
        out.printf("jvm: %s %s, collector %s, max heap %,d MB%s%n", System.getProperty("java.vm.name"),
                Runtime.version(), collectors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty(FORKED_PROPERTY) == null ? " (this JVM, --in-process)"
                        : " (started by the bench with " + System.getProperty(FORKED_PROPERTY) + ")");
        if (runs > 0) {
            engineBench();
        }
        if (load > 0) {
            loadBench(Clock.systemUTC().millis());
        }
        return 0;
    }

    /**
     * Runs the same bench in a JVM of its own started with {@link #jvmFlags} (as a benchmark harness forks), copying
     * its output here; returns its exit status.
     */
    private int fork() throws IOException {
        List<String> cmd = childCommand(javaBinary(), System.getProperty("java.class.path"), entry, jvmFlags,
                System.getProperty("vigie.shared"), passOn);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
            }
        }
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The command line of the bench's own JVM: the flags, the marker property, the same class path and arguments. */
    static List<String> childCommand(String java, String classPath, String entry, List<String> flags, String shared,
                                     List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(flags);
        cmd.add("-D" + FORKED_PROPERTY + "=" + (flags.isEmpty() ? "the JVM's default flags" : String.join(" ", flags)));
        if (shared != null) {
            cmd.add("-Dvigie.shared=" + shared);
        }
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(entry);
        cmd.add("bench");
        cmd.addAll(args);
        return cmd;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String collectors() {
        List<String> names = new ArrayList<>();
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(gc.getName());
        }
        return String.join(" + ", names);
    }

    private void engineBench() throws IOException {
        List<WikitickerRows.Row> rows = WikitickerRows.read(data);
        String[] lines = render(rows);
        out.printf("feed: %,d lines (%,d changes of %s + %,d log lines)%n", lines.length, rows.size(),
                data.getFileName(), lines.length - rows.size());

        Clock clock = Clock.systemUTC();
        long now = clock.millis();
        Lists lists = new Lists();
        String composition = fillLists(lists, rows, now);
        out.printf("lists: %,d entries (%s)%n", lists.size(), composition);

        Templates templates = Templates.loadResource("fr");
        Settings settings = Settings.defaults();
        Patrol patrol = new Patrol(lists.reader(), () -> settings, new BlockConflicts(), new AutoList(templates));
        Dispatcher dispatcher = new Dispatcher(null);
        dispatcher.add("#bench", dest);
        AlertFormatter formatter = new AlertFormatter(templates);
        long[] sink = new long[2];
        // through the same per-target router as the running bot (alert/Sinks), with no webhook configured
        org.vigie.alert.AlertSink irc = (alert, verdict) -> sink[0] += alert.text().length();
        Engine engine = new Engine(patrol, dispatcher, formatter,
                org.vigie.alert.Sinks.of(java.util.Map.of(org.vigie.alert.Destination.TargetKind.IRC, irc))::send,
                // memory only, as the store does after its commit; the SQL write is off the hot path
                (entry, cause) -> lists.put(entry),
                clock, 16);
        // the reports' counting, as in the running bot, drained by another thread (the bot does it once a minute;
        // here every 100 ms, so that the hand-over queue never fills at benchmark speed)
        org.vigie.report.Activity activity = new org.vigie.report.Activity();
        engine.observe(activity);
        Thread drainer = new Thread(() -> {
            while (true) {
                activity.drain();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }, "bench-activity-drain");
        drainer.setDaemon(true);
        drainer.start();
        RcLineParser parser = new RcLineParser(LogTexts.withDefaults());

        // Warm-up: long enough for the JIT to settle (C2 on every hot method), at least 3 s.
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        int warm = 0;
        while (warm < 10 || System.nanoTime() < warmEnd) {
            pass(lines, parser, engine);
            warm++;
        }
        // Each timed run is as many whole passes as fill about runMillis, so that a run outlasts scheduler noise.
        long t = System.nanoTime();
        pass(lines, parser, engine);
        long onePass = Math.max(1, System.nanoTime() - t);
        int passes = (int) Math.max(1, Math.min(1000, (runMillis * 1_000_000L + onePass / 2) / onePass));

        long alertsBefore = engine.alertsSent();
        long changesBefore = engine.changes();
        long[] eventsBefore = eventCounts(engine);
        // the same runs in this thread's CPU time too: on a shared machine the wall clock also counts the time other
        // processes held the core, which the CPU time leaves out (they still slow it through the shared caches); the
        // collector's work, done by its own thread, is left out too
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] cpu = new long[runs * passes];
        int[] cpuRuns = new int[1];
        long[] ns = timedRuns(passes, () -> {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            pass(lines, parser, engine);
            long wall = System.nanoTime() - t0;
            cpu[cpuRuns[0]++] = mx.getCurrentThreadCpuTime() - c0;
            return wall;
        });
        Arrays.sort(cpu);
        long median = ns[runs / 2];
        double nsPerLine = (double) median / lines.length;
        long totalPasses = (long) runs * passes;
        long alerts = (engine.alertsSent() - alertsBefore) / totalPasses;
        out.printf("engine: median of %d runs of %d passes: %,.0f lines/s, %.0f ns/line (best %.0f, worst %.0f)%n",
                runs, passes, lines.length * 1e9 / median, nsPerLine, (double) ns[0] / lines.length,
                (double) ns[runs - 1] / lines.length);
        out.printf("engine in this thread's CPU time (no other process's time, no collector's): median of %d passes %.0f "
                        + "ns/line (best %.0f), %,.0f lines/s of CPU%n",
                cpu.length, (double) cpu[cpu.length / 2] / lines.length, (double) cpu[0] / lines.length,
                lines.length * 1e9 / Math.max(1, cpu[cpu.length / 2]));
        out.printf("alerts to %s: %,d per pass of %,d changes (%.2f%%), %,.0f alerts/s at that speed; "
                        + "parser skipped %,d%n", dest, alerts, (engine.changes() - changesBefore) / totalPasses,
                100.0 * alerts / lines.length, alerts * 1e9 / median, parser.skipped());
        out.printf("events raised per pass: %s%n", eventBreakdown(engine, eventsBefore, totalPasses));
        // The parser alone, timed the same way: the rest of a line's cost is the patrol and the dispatch.
        long[] checksum = new long[1];
        long[] parseNs = timedRuns(passes, () -> {
            long t0 = System.nanoTime();
            checksum[0] += parseOnly(lines, parser);
            return System.nanoTime() - t0;
        });
        out.printf("of which parsing alone: median %.0f ns/line (best %.0f); patrol and dispatch: %.0f ns/line%s%n",
                (double) parseNs[runs / 2] / lines.length, (double) parseNs[0] / lines.length,
                nsPerLine - (double) parseNs[runs / 2] / lines.length, checksum[0] == 0 ? " (no change parsed?)" : "");
        freshRuns(lines, parser, engine, passes);
        out.printf("heap used after GC: %,d MB%n", heapAfterGc() / (1 << 20));
        if (sink[0] == 0) {
            out.println("warning: no alert text was produced");
        }
        drainer.interrupt();
    }

    private static long[] eventCounts(Engine engine) {
        Event[] all = Event.values();
        long[] c = new long[all.length];
        for (Event e : all) {
            c[e.ordinal()] = engine.eventCount(e);
        }
        return c;
    }

    private static String eventBreakdown(Engine engine, long[] before, long passes) {
        StringBuilder b = new StringBuilder();
        long[] after = eventCounts(engine);
        for (Event e : Event.values()) {
            long n = (after[e.ordinal()] - before[e.ordinal()]) / passes;
            if (n > 0) {
                b.append(b.length() == 0 ? "" : ", ").append(e.key()).append(' ').append(n);
            }
        }
        return b.toString();
    }

    /**
     * Parses and checks every line, reading the clock once every {@link Engine#BATCH} changes as the engine thread
     * does at full load (it takes what waits in its queue, up to that many, at one clock reading).
     */
    private static void pass(String[] lines, RcLineParser parser, Engine engine) {
        check(lines, lines.length, parser, engine);
    }

    /** The first {@code count} lines through the parser and the engine, one clock reading a batch. */
    private static void check(String[] lines, int count, RcLineParser parser, Engine engine) {
        long now = 0;
        for (int i = 0; i < count; i++) {
            if (i % Engine.BATCH == 0) {
                now = System.currentTimeMillis();
            }
            RcEvent e = parser.parseLine(lines[i]);
            if (e != null) {
                engine.process(e, now);
            }
        }
    }

    /**
     * {@link #runs} timed runs of {@code passes} passes each; {@code onePass} does one pass and returns the nanoseconds
     * to count. Returns each run's nanoseconds a pass, sorted.
     */
    private long[] timedRuns(int passes, LongSupplier onePass) {
        long[] ns = new long[runs];
        for (int r = 0; r < runs; r++) {
            long total = 0;
            for (int p = 0; p < passes; p++) {
                total += onePass.getAsLong();
            }
            ns[r] = total / passes;
        }
        Arrays.sort(ns);
        return ns;
    }

    /**
     * The engine again, each line first read into a new string (decoded from its UTF-8 bytes, as the feed reader does
     * with what the socket gives it) just before it is parsed, outside the timing: the line is then in the processor's
     * cache, as a line fresh from the network is. The main figure also pays for fetching each of the day's 40,000 lines
     * from memory, which replaying a recorded day adds and a live feed does not.
     */
    private void freshRuns(String[] lines, RcLineParser parser, Engine engine, int passes) {
        final int chunk = 256;
        byte[][] bytes = new byte[lines.length][];
        for (int i = 0; i < lines.length; i++) {
            bytes[i] = lines[i].getBytes(StandardCharsets.UTF_8);
        }
        String[] fresh = new String[chunk];
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            freshPass(bytes, fresh, parser, engine);
        }
        long[] ns = timedRuns(passes, () -> freshPass(bytes, fresh, parser, engine));
        out.printf("lines fresh in cache (each decoded into a new string just before, untimed, as the feed reader does): "
                        + "median %.0f ns/line, %,.0f lines/s (best %.0f)%n", (double) ns[runs / 2] / lines.length,
                lines.length * 1e9 / ns[runs / 2], (double) ns[0] / lines.length);
    }

    /** One pass of {@link #freshRuns}; returns the nanoseconds spent in the engine alone. */
    private static long freshPass(byte[][] bytes, String[] fresh, RcLineParser parser, Engine engine) {
        long timed = 0;
        for (int i = 0; i < bytes.length; i += fresh.length) {
            int k = Math.min(fresh.length, bytes.length - i);
            for (int j = 0; j < k; j++) {
                fresh[j] = new String(bytes[i + j], StandardCharsets.UTF_8);
            }
            long t0 = System.nanoTime();
            check(fresh, k, parser, engine);
            timed += System.nanoTime() - t0;
        }
        return timed;
    }

    /** Parses every line and drops the changes; returns a sum of their sizes so that the work cannot be skipped. */
    private static long parseOnly(String[] lines, RcLineParser parser) {
        long sum = 0;
        for (String l : lines) {
            RcEvent e = parser.parseLine(l);
            if (e != null) {
                sum += e.sizeDelta() + e.title().length();
            }
        }
        return sum;
    }

    /** Rows back into feed lines, plus about 3% log lines spread through the day. */
    private static String[] render(List<WikitickerRows.Row> rows) {
        List<String> out = new ArrayList<>(rows.size() + rows.size() / 30);
        Random rnd = new Random(42);
        int n = 0;
        for (WikitickerRows.Row r : rows) {
            String wiki = r.channel().startsWith("#") ? r.channel().substring(1) : r.channel();
            long rev = 680_000_000L + n;
            String url = "https://" + wiki + ".org/w/index.php?" + (r.isNew() ? "oldid=" + rev : "diff=" + rev
                    + "&oldid=" + (rev - 1)) + (r.unpatrolled() ? "&rcid=" + (900_000_000L + n) : "");
            out.add(RcLineWriter.line(wiki, RcLineWriter.edit(r.page(), r.isNew(), r.unpatrolled(), r.minor(),
                    r.bot(), url, r.user(), r.delta(), r.comment())));
            if (++n % 33 == 0) {
                out.add(logLine(wiki, r, rnd));
            }
        }
        return out.toArray(new String[0]);
    }

    private static String logLine(String wiki, WikitickerRows.Row r, Random rnd) {
        boolean fr = wiki.startsWith("fr.");
        String sep = fr ? "\u202f: " : ": ";
        String special = fr ? "Spécial:Log/" : "Special:Log/";
        String userNs = fr ? "Utilisateur:" : "User:";
        String admin = "Admin" + rnd.nextInt(20);
        // Blocks fall on logged-out editors of the day or on accounts that never edit: blocking a random regular
        // would blacklist them, and every later pass would alert on all their changes.
        String blocked = Names.isAnonymous(r.user()) ? r.user() : "Compte bloqué " + rnd.nextInt(100_000);
        return RcLineWriter.line(wiki, switch (rnd.nextInt(6)) {
            case 0 -> RcLineWriter.log(special + "block", "block", admin, userNs + blocked,
                    "blocked [[" + userNs + blocked + "]] with an expiration time of 31 hours (account creation disabled)"
                            + sep + "Vandalism");
            case 1 -> RcLineWriter.log(special + "delete", "delete", admin, r.page(),
                    "deleted \"[[" + r.page() + "]]\"" + sep + "G3");
            case 2 -> RcLineWriter.log(special + "move", "move", r.user(), r.page(),
                    "moved [[" + r.page() + "]] to [[" + r.page() + " (2)]]" + sep + "rename");
            case 3 -> RcLineWriter.log(special + "newusers", "create2", admin, null,
                    "created new account " + userNs + r.user() + "X");
            case 4 -> RcLineWriter.log(special + "protect", "protect", admin, r.page(),
                    "protected \"[[" + r.page() + " \u200e[edit=autoconfirmed] (indefinite)]]\"" + sep + "vandalism");
            default -> RcLineWriter.log(special + "upload", "upload", r.user(), "File:" + r.page() + ".jpg",
                    "uploaded \"[[File:" + r.page() + ".jpg]]\"");
        });
    }

    /**
     * Lists shaped like a large wiki's, so that the alert rate is a patrol channel's (a few percent of changes), not a
     * flood: the real feed users on the lists are few and chosen as their kind would be — the regulars (20 changes or
     * more in the day, no bot flag) whitelisted, 0.5% of the day's editors with a single change blacklisted and 0.2%
     * greylisted (vandals edit little), 0.5% of the pages watched; the rest of {@code users} are names that never edit
     * (old blacklisted vandals, expired IPs), 60% blacklist, 15% whitelist, 5% greylist, 20% watched pages. Of the
     * {@code words}, a few dozen are a patrol's real words and expressions (some with a literal run, some without),
     * the rest filler words that never match, and 5% expressions with a literal run.
     *
     * @return a one-line description of what was loaded
     */
    private String fillLists(Lists lists, List<WikitickerRows.Row> rows, long now) {
        Map<String, Integer> changes = new TreeMap<>();
        Set<String> bots = new HashSet<>();
        Set<String> pages = new TreeSet<>();
        for (WikitickerRows.Row r : rows) {
            changes.merge(r.user(), 1, Integer::sum);
            if (r.bot()) {
                bots.add(r.user());
            }
            pages.add(r.page());
        }
        Random rnd = new Random(7);
        List<Entry> batch = new ArrayList<>(users + words);
        List<String> singles = new ArrayList<>();
        int regulars = 0;
        for (Map.Entry<String, Integer> u : changes.entrySet()) {
            if (u.getValue() >= 20 && !bots.contains(u.getKey())) {
                batch.add(entry(ListKind.WL, Entry.GLOBAL, u.getKey(), now, Entry.NEVER));
                regulars++;
            } else if (u.getValue() == 1) {
                singles.add(u.getKey());
            }
        }
        Collections.shuffle(singles, rnd);
        int black = changes.size() / 200;
        int grey = changes.size() / 500;
        for (int i = 0; i < black + grey && i < singles.size(); i++) {
            batch.add(entry(i < black ? ListKind.BL : ListKind.GL, Entry.GLOBAL, singles.get(i), now,
                    now + 90L * 86_400_000L));
        }
        List<String> pageList = new ArrayList<>(pages);
        Collections.shuffle(pageList, rnd);
        int watched = pages.size() / 200;
        for (int i = 0; i < watched; i++) {
            batch.add(entry(ListKind.CVP, Entry.GLOBAL, pageList.get(i), now, Entry.NEVER));
        }
        int real = batch.size();
        for (int i = real; i < users; i++) {
            int pick = i % 20;
            ListKind k = pick < 12 ? ListKind.BL : pick < 15 ? ListKind.WL : pick < 16 ? ListKind.GL : ListKind.CVP;
            String item = i % 4 == 0 ? "10." + (i >> 16 & 255) + '.' + (i >> 8 & 255) + '.' + (i & 255)
                    : (k == ListKind.CVP ? "Page " : "Utilisateur ") + i;
            String wiki = i % 3 == 0 ? Entry.GLOBAL : i % 3 == 1 ? "en.wikipedia" : "fr.wikipedia";
            batch.add(entry(k, wiki, item, now, i % 2 == 0 ? Entry.NEVER : now + 86_400_000L));
        }
        int patrolWords = 0;
        for (String[] w : PATROL_WORDS) {
            if (patrolWords < words) {
                batch.add(entry(ListKind.fromCommand(w[0]), Entry.GLOBAL, w[1], now, Entry.NEVER));
                patrolWords++;
            }
        }
        ListKind[] wordKinds = {ListKind.BNU, ListKind.BNA, ListKind.BES, ListKind.WHEELS};
        for (int i = patrolWords; i < words; i++) {
            ListKind k = wordKinds[i % wordKinds.length];
            String item = i % 20 == 0 ? "/w[o0]rd" + i + "[a-z]+/" : "zxq" + Integer.toString(i * 7919, 36);
            batch.add(entry(k, Entry.GLOBAL, item, now, Entry.NEVER));
        }
        lists.putAll(batch);
        return String.format("%,d real feed users: %,d regulars whitelisted, %,d blacklisted, %,d greylisted; "
                        + "%,d real pages watched; %,d names that never edit; %,d words of which %d real",
                regulars + Math.min(black + grey, singles.size()), regulars, Math.min(black, singles.size()),
                Math.max(0, Math.min(grey, singles.size() - black)), watched, Math.max(0, users - real), words,
                patrolWords);
    }

    /**
     * A patrol's everyday words: kind, item. Every expression of the BES list (read on every summary) has literal runs
     * (see WordMatcher): one without, such as {@code /(.)\1{6,}/}, would run on every summary and cost about a
     * microsecond each. BNU and BNA are read only for new accounts and pages and keep one such expression each.
     */
    private static final String[][] PATROL_WORDS = {
            {"bes", "lol"}, {"bes", "mdr"}, {"bes", "caca"}, {"bes", "prout"}, {"bes", "fuck"}, {"bes", "poop"},
            {"bes", "penis"}, {"bes", "connard"}, {"bes", "/\\bidiot/"},
            {"bes", "/\\b(?:ha){4,}/"}, {"bes", "/sh[i1!]t/"}, {"bes", "/n[i1]gg/"}, {"bes", "/\\bgay\\b/"},
            {"bes", "/suce(?:r|z)?\\b/"}, {"bes", "/\\bputes?\\b/"},
            {"bnu", "admin"}, {"bnu", "sysop"}, {"bnu", "vandal"}, {"bnu", "/[0-9]{7,}/"}, {"bnu", "/\\bbot$/"},
            {"bnu", "/wikip[eé]dia/"}, {"bnu", "fuck"}, {"bnu", "/h[a4]ck[e3]r/"},
            {"bna", "caca"}, {"bna", "lol"}, {"bna", "/(?-i)^[A-Z !]{15,}$/"},
            {"bna", "/viagra|casino/"}, {"bna", "/\\bpoop/"},
            {"wheels", "on wheels"}, {"wheels", "/w[h]eels/"}, {"wheels", "/hagger/"},
    };

    private static Entry entry(ListKind k, String wiki, String item, long now, long expires) {
        return new Entry(k, wiki, item, "bench", "r", now, expires, Entry.Source.OPERATOR);
    }

    private void loadBench(long now) throws IOException {
        // In memory: what the hot path's index costs.
        List<Entry> entries = new ArrayList<>(load);
        for (int i = 0; i < load; i++) {
            entries.add(new Entry(i % 2 == 0 ? ListKind.BL : ListKind.CVP, i % 5 == 0 ? Entry.GLOBAL : "fr.wikipedia",
                    "Utilisateur exemple " + i, "bench", "seed", now, Entry.NEVER, Entry.Source.OPERATOR));
        }
        long heap0 = heapAfterGc();
        long t0 = System.nanoTime();
        Lists mem = new Lists();
        mem.putAll(entries);
        long t1 = System.nanoTime();
        entries = null;
        long heap1 = heapAfterGc();
        out.printf("load %,d entries into memory: %,d ms, heap +%,d MB%n", mem.size(), (t1 - t0) / 1_000_000,
                (heap1 - heap0) / (1 << 20));
        mem.clear();

        // From an H2 file: what a start costs (after a clean stop, which leaves a snapshot of the lists).
        Path dir = Files.createTempDirectory("vigie-bench");
        String url = "jdbc:h2:file:" + dir.resolve("bench").toAbsolutePath();
        Clock clock = Clock.systemUTC();
        ListStore.SnapshotInfo snap = fillDatabase(url, clock, now);
        out.printf("snapshot at stop: %,d entries, %,d KB, written in %,d ms%n", snap.entries(), snap.bytes() / 1024,
                snap.millis());
        long heap2 = heapAfterGc();
        long t2 = System.nanoTime();
        try (Database db = Database.open(url)) {
            long t3 = System.nanoTime();
            ListStore store = new ListStore(db, new Audit(db, clock), new Lists(), clock);
            int n = store.loadAll();
            long t4 = System.nanoTime();
            long heap3 = heapAfterGc();
            out.printf("start: open H2 file %,d ms, load %,d entries %,d ms, total %,d ms, heap +%,d MB%n",
                    (t3 - t2) / 1_000_000, n, (t4 - t3) / 1_000_000, (t4 - t2) / 1_000_000,
                    (heap3 - heap2) / (1 << 20));
            store.lists().clear();
            long heap4 = heapAfterGc();
            long t7 = System.nanoTime();
            int m = store.loadAllFromTable();
            long t8 = System.nanoTime();
            long heap5 = heapAfterGc();
            out.printf("  the same from the table (no snapshot): load %,d entries %,d ms, heap +%,d MB%n", m,
                    (t8 - t7) / 1_000_000, (heap5 - heap4) / (1 << 20));
            Reference.reachabilityFence(store);
            store.lists().clear();
            // Where the time goes: the same rows read and dropped (H2 alone), then read into entries (no index).
            long t5 = System.nanoTime();
            long rowsRead = db.read(c -> {
                long count = 0;
                try (var st = c.createStatement();
                     var rs = st.executeQuery("SELECT kind, wiki, item, adder, reason, added_millis, expires_millis,"
                             + " source FROM list_entry")) {
                    while (rs.next()) {
                        count += rs.getString(3).length() > 0 ? 1 : 0;
                        rs.getString(1);
                        rs.getString(2);
                        rs.getString(4);
                        rs.getString(5);
                        rs.getLong(6);
                        rs.getLong(7);
                        rs.getString(8);
                    }
                }
                return count;
            });
            long t6 = System.nanoTime();
            out.printf("  of which H2 alone (rows read and dropped): %,d ms for %,d rows%n", (t6 - t5) / 1_000_000,
                    rowsRead);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Writes the rows, then the snapshot a clean stop leaves, in their own frame, so that nothing of it is still
     * reachable when the load is measured.
     */
    private ListStore.SnapshotInfo fillDatabase(String url, Clock clock, long now) {
        try (Database db = Database.open(url)) {
            Audit audit = new Audit(db, clock);
            ListStore store = new ListStore(db, audit, new Lists(), clock);
            List<Entry> batch = new ArrayList<>(50_000);
            for (int i = 0; i < load; i++) {
                batch.add(new Entry(ListKind.BL, i % 5 == 0 ? Entry.GLOBAL : "fr.wikipedia", "Utilisateur exemple " + i,
                        "bench", "seed", now, Entry.NEVER, Entry.Source.OPERATOR));
                if (batch.size() == 50_000) {
                    store.addAll(ListKind.BL, batch, Actor.system("bench"), null);
                    batch.clear();
                }
            }
            store.addAll(ListKind.BL, batch, Actor.system("bench"), null);
            return store.saveSnapshot(audit.latestId());
        }
    }

    private static long heapAfterGc() {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return m.getHeapMemoryUsage().getUsed();
    }
}
