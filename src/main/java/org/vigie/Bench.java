package org.vigie;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.vigie.alert.AlertFormatter;
import org.vigie.alert.Dispatcher;
import org.vigie.alert.Templates;
import org.vigie.config.Settings;
import org.vigie.feed.LogTexts;
import org.vigie.feed.RcEvent;
import org.vigie.feed.RcLineParser;
import org.vigie.feed.RcLineWriter;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;
import org.vigie.patrol.AutoList;
import org.vigie.patrol.BlockConflicts;
import org.vigie.patrol.Patrol;
import org.vigie.store.Actor;
import org.vigie.store.Audit;
import org.vigie.store.Database;
import org.vigie.store.ListStore;

/**
 * {@code bench}: the engine alone (parse → patrol → dispatch, formatting only what alerts) on the 39,244 real changes
 * of the wikiticker sample rendered back into IRC lines, plus a few percent of log lines, with large lists loaded.
 * Prints lines/s, ns per line (median of several runs after warm-up), alerts/s and heap; then the time and heap to
 * load a million list entries, in memory and from an H2 file.
 */
final class Bench {

    private final PrintStream out;
    private Path data = Path.of(System.getProperty("vigie.shared", "../shared"), "data",
            "wikiticker-2015-09-12-sampled.json.gz");
    private int users = 100_000;
    private int words = 1_000;
    private int runs = 7;
    private int load = 1_000_000;

    Bench(PrintStream out) {
        this.out = out;
    }

    Bench args(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(a + " needs a value; " + Main.USAGE);
            }
            String v = args.get(++i);
            switch (a) {
                case "--data" -> data = Path.of(v);
                case "--users" -> users = Integer.parseInt(v);
                case "--words" -> words = Integer.parseInt(v);
                case "--runs" -> runs = Integer.parseInt(v);
                case "--load" -> load = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown argument " + a + "; " + Main.USAGE);
            }
        }
        if (!Files.isReadable(data)) {
            throw new IllegalArgumentException("benchmark data not found: " + data + " (give --data FILE)");
        }
        return this;
    }

    int run() throws IOException {
        List<WikitickerRows.Row> rows = WikitickerRows.read(data);
        String[] lines = render(rows);
        long logLines = Arrays.stream(lines).filter(l -> l.contains("Log/")).count();
        out.printf("feed: %,d lines (%,d changes of %s + %,d log lines)%n", lines.length, rows.size(),
                data.getFileName(), logLines);

        Clock clock = Clock.systemUTC();
        long now = clock.millis();
        Lists lists = new Lists();
        fillLists(lists, rows, now);
        out.printf("lists: %,d entries (%,d users, %,d words)%n", lists.size(), users, words);

        Templates templates = Templates.loadResource("fr");
        Settings settings = Settings.defaults();
        Patrol patrol = new Patrol(lists, () -> settings, new BlockConflicts(), new AutoList(templates));
        Dispatcher dispatcher = new Dispatcher("#bench");
        AlertFormatter formatter = new AlertFormatter(templates);
        long[] sink = new long[2];
        Engine engine = new Engine(patrol, dispatcher, formatter,
                (alert, verdict) -> sink[0] += alert.text().length(),
                // memory only, as the store does after its commit; the SQL write is off the hot path
                (entry, cause) -> lists.put(entry),
                clock, 16);
        RcLineParser parser = new RcLineParser(LogTexts.withDefaults());

        // warm-up
        for (int w = 0; w < 5; w++) {
            pass(lines, parser, engine);
        }
        long[] ns = new long[runs];
        long alertsBefore = engine.alertsSent();
        long changesBefore = engine.changes();
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            pass(lines, parser, engine);
            ns[r] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        long median = ns[runs / 2];
        double nsPerLine = (double) median / lines.length;
        long alerts = (engine.alertsSent() - alertsBefore) / runs;
        out.printf("engine: median of %d runs: %,.0f lines/s, %.0f ns/line (best %.0f, worst %.0f)%n", runs,
                lines.length * 1e9 / median, nsPerLine, (double) ns[0] / lines.length,
                (double) ns[runs - 1] / lines.length);
        out.printf("alerts: %,d per pass of %,d changes (%.1f%%), %,.0f alerts/s at that speed; parser skipped %,d%n",
                alerts, (engine.changes() - changesBefore) / runs, 100.0 * alerts / lines.length,
                alerts * 1e9 / median, parser.skipped());
        out.printf("heap used after GC: %,d MB%n", heapAfterGc() / (1 << 20));
        if (sink[0] == 0) {
            out.println("warning: no alert text was produced");
        }

        if (load > 0) {
            loadBench(now);
        }
        return 0;
    }

    private static void pass(String[] lines, RcLineParser parser, Engine engine) {
        for (String l : lines) {
            RcEvent e = parser.parseLine(l);
            if (e != null) {
                engine.process(e);
            }
        }
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
        return RcLineWriter.line(wiki, switch (rnd.nextInt(6)) {
            case 0 -> RcLineWriter.log(special + "block", "block", admin, userNs + r.user(),
                    "blocked [[" + userNs + r.user() + "]] with an expiration time of 31 hours (account creation disabled)"
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

    /** {@code users} names (1% of them real feed users on the blacklist) and {@code words} watched words. */
    private void fillLists(Lists lists, List<WikitickerRows.Row> rows, long now) {
        Set<String> feedUsers = new HashSet<>();
        rows.forEach(r -> feedUsers.add(r.user()));
        List<String> real = new ArrayList<>(feedUsers);
        real.sort(null);
        Random rnd = new Random(7);
        List<Entry> batch = new ArrayList<>(users + words);
        ListKind[] userKinds = {ListKind.BL, ListKind.WL, ListKind.GL, ListKind.CVP};
        for (int i = 0; i < users; i++) {
            ListKind k = userKinds[i % userKinds.length];
            String item = i < users / 100 && i < real.size() ? real.get(rnd.nextInt(real.size())) : "User " + i;
            String wiki = i % 3 == 0 ? Entry.GLOBAL : "en.wikipedia";
            batch.add(new Entry(k, wiki, item, "bench", "r", now, i % 2 == 0 ? Entry.NEVER : now + 86_400_000L,
                    Entry.Source.OPERATOR));
        }
        ListKind[] wordKinds = {ListKind.BNU, ListKind.BNA, ListKind.BES, ListKind.WHEELS};
        for (int i = 0; i < words; i++) {
            ListKind k = wordKinds[i % wordKinds.length];
            String item = i % 50 == 0 ? "/w[o0]rd" + i + "[a-z]+/" : "zxq" + Integer.toString(i * 7919, 36);
            batch.add(new Entry(k, Entry.GLOBAL, item, "bench", "r", now, Entry.NEVER, Entry.Source.OPERATOR));
        }
        lists.putAll(batch);
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

        // From an H2 file: what a start costs (rows read, entries rebuilt, index filled).
        Path dir = Files.createTempDirectory("vigie-bench");
        String url = "jdbc:h2:file:" + dir.resolve("bench").toAbsolutePath();
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(url)) {
            ListStore store = new ListStore(db, new Audit(db, clock), new Lists(), clock);
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
        }
        long heap2 = heapAfterGc();
        long t2 = System.nanoTime();
        try (Database db = Database.open(url)) {
            ListStore store = new ListStore(db, new Audit(db, clock), new Lists(), clock);
            int n = store.loadAll();
            long t3 = System.nanoTime();
            long heap3 = heapAfterGc();
            out.printf("start: open H2 file and load %,d entries: %,d ms, heap +%,d MB%n", n, (t3 - t2) / 1_000_000,
                    (heap3 - heap2) / (1 << 20));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
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
