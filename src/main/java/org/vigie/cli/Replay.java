package org.vigie.cli;

import org.vigie.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.vigie.alert.AlertJson;
import org.vigie.alert.AlertFormatter;
import org.vigie.alert.Dispatcher;
import org.vigie.i18n.Templates;
import org.vigie.config.Settings;
import org.vigie.feed.LogTexts;
import org.vigie.feed.RcEvent;
import org.vigie.feed.RcLineParser;
import org.vigie.feed.StreamParser;
import org.vigie.lists.Lists;
import org.vigie.patrol.AutoList;
import org.vigie.patrol.BlockConflicts;
import org.vigie.patrol.Event;
import org.vigie.patrol.Patrol;
import org.vigie.patrol.Verdict;
import org.vigie.store.Actor;
import org.vigie.store.Audit;
import org.vigie.store.Database;
import org.vigie.store.ListStore;
import org.vigie.store.SeedFiles;

/**
 * {@code replay FILE}: the whole engine on a recorded feed, offline, with a throw-away database; prints each alert as
 * it would be sent. Accepts full IRC protocol lines, bare feed texts (with {@code --wiki}), EventStreams JSON lines and
 * raw SSE text ({@code data:} lines).
 */
public final class Replay {

    static final String USAGE = "usage: replay FILE [--wiki fr.wikipedia] [--lists DIR] [--plain] [--json] [--all] [--report]";

    private final PrintStream out;
    private String wiki;
    private Path listsDir = Path.of("lists");
    private boolean plain;
    private boolean json;
    /** Also records the activity as the running bot does and prints the report built from it (after the summary). */
    private boolean report;
    private boolean all;
    private Path file;
    private String lang = "fr";
    private Path messagesDir = Path.of("messages");

    long lines;
    long parsed;
    long skipped;
    long ignored;
    long alerts;
    long changesWithEvents;
    /** Lines with bytes that are not UTF-8: decoded with U+FFFD and read all the same, as the live reader does. */
    long malformed;
    /** Automatic entries the store refused (a control character, no wiki name…): counted, the replay goes on. */
    long autoRefused;

    public Replay(PrintStream out) {
        this.out = out;
    }

    /** Reads the arguments after {@code replay}; throws IllegalArgumentException with the usage line. */
    public Replay args(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--wiki" -> wiki = value(args, ++i, a);
                case "--lists" -> listsDir = Path.of(value(args, ++i, a));
                case "--lang" -> lang = value(args, ++i, a);
                case "--messages" -> messagesDir = Path.of(value(args, ++i, a));
                case "--plain" -> plain = true;
                case "--json" -> json = true;
                case "--report" -> report = true;
                case "--all" -> all = true;
                default -> {
                    if (a.startsWith("--") || file != null) {
                        throw new IllegalArgumentException("unknown argument " + a + "; " + USAGE);
                    }
                    file = Path.of(a);
                }
            }
        }
        if (file == null) {
            throw new IllegalArgumentException(USAGE);
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file);
        }
        return this;
    }

    private static String value(List<String> args, int i, String name) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value; " + USAGE);
        }
        return args.get(i);
    }

    public int run() throws IOException {
        Clock clock = Clock.systemUTC();
        ObjectMapper mapper = new ObjectMapper();
        String dbName = "replay" + System.nanoTime();
        try (Database db = Database.open("jdbc:h2:mem:" + dbName + ";DB_CLOSE_DELAY=-1")) {
            Audit audit = new Audit(db, clock);
            Lists lists = new Lists();
            ListStore store = new ListStore(db, audit, lists, clock);
            if (Files.isDirectory(listsDir)) {
                SeedFiles.ImportReport r = SeedFiles.importAll(listsDir, store);
                if (!json) {
                    out.println("# lists: " + r);
                }
            }
            Templates templates = Files.isDirectory(messagesDir) ? Templates.load(messagesDir, lang)
                    : Templates.loadResource(lang);
            Settings settings = Settings.defaults();
            Patrol patrol = new Patrol(lists.reader(), () -> settings, new BlockConflicts(), new AutoList(templates));
            // every alert is printed: a replay has no time of its own for IRC lines (it runs at the wall clock's pace),
            // so the bot's one-alert-per-editor-per-hour window (repeatminutes) is not applied here
            Dispatcher dispatcher = new Dispatcher("#replay").repeatWindow(() -> 0);
            AlertFormatter formatter = new AlertFormatter(templates);
            LogTexts texts = LogTexts.withDefaults();
            RcLineParser ircParser = new RcLineParser(texts);
            StreamParser streamParser = new StreamParser(texts);
            Engine engine = new Engine(patrol, dispatcher, formatter,
                    (alert, verdict) -> {
                        alerts++;
                        if (!json) {
                            out.println(plain ? AlertFormatter.plain(alert.text()) : alert.text());
                        }
                    },
                    // Replay applies automatic entries at once, so the next line sees them, deterministically.
                    // A refused one is counted and said, as the live writer logs it; the replay goes on.
                    (entry, cause) -> {
                        try {
                            store.add(entry, Actor.system("auto"));
                        } catch (IllegalArgumentException refused) {
                            autoRefused++;
                            if (!json) {
                                out.println("# automatic entry " + entry.kind().command() + " "
                                        + printable(entry.item()) + " not stored: " + printable(refused.getMessage()));
                            }
                        }
                    },
                    clock, 16);
            org.vigie.report.Activity activity = new org.vigie.report.Activity();
            if (report) {
                engine.observe(activity);
            }
            try (LineReader r = new LineReader(Files.newInputStream(file))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (r.lastWasMalformed()) {
                        malformed++;
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    RcEvent e = decode(line, ircParser, streamParser);
                    if (e == null) {
                        continue;
                    }
                    parsed++;
                    Verdict v = engine.process(e);
                    boolean raised = v != null && v.raisedAny();
                    if (raised) {
                        changesWithEvents++;
                    }
                    if (json && (raised || all)) {
                        out.println(mapper.writeValueAsString(toJson(mapper, e, v, patrol, clock)));
                    } else if (all && !json && !raised) {
                        out.println("# " + e.wiki() + " " + e.kind().name().toLowerCase(Locale.ROOT) + " [[" + e.title()
                                + "]] " + e.user() + " (no event)");
                    }
                }
            }
            if (json) {
                ObjectNode sum = mapper.createObjectNode();
                sum.put("summary", true);
                sum.put("lines", lines);
                sum.put("parsed", parsed);
                sum.put("skipped", skipped);
                sum.put("ignored", ignored);
                sum.put("malformed", malformed);
                sum.put("autoRefused", autoRefused);
                sum.put("changesWithEvents", changesWithEvents);
                sum.put("alerts", alerts);
                out.println(mapper.writeValueAsString(sum));
            } else {
                out.println("# " + lines + " lines, " + parsed + " parsed, " + skipped + " skipped, "
                        + (ignored > 0 ? ignored + " ignored (categorize), " : "")
                        + (malformed > 0 ? malformed + " malformed (not UTF-8), " : "")
                        + (autoRefused > 0 ? autoRefused + " automatic entries refused, " : "")
                        + changesWithEvents + " changes raised events, " + alerts + " alerts");
            }
            if (report) {
                org.vigie.report.ActivityStore as = new org.vigie.report.ActivityStore(db);
                long now = clock.millis();
                as.add(activity.drain(), 0, 0, now);
                org.vigie.report.Report rep = org.vigie.report.Report.build(as, now - 24 * 3_600_000L, now);
                if (json) {
                    ObjectNode n = mapper.createObjectNode();
                    n.set("report", rep.json(mapper));
                    out.println(mapper.writeValueAsString(n));
                } else {
                    out.println(rep.richText(templates));
                }
            }
        }
        return 0;
    }

    /** Control characters shown as {@code ?}: a note about a refused entry must not carry what made it refused. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return b.toString();
    }

    /**
     * Lines of bytes decoded as UTF-8 one by one (ends: LF, CR LF or CR, as {@link java.io.BufferedReader}), bad bytes
     * replaced by U+FFFD and the line marked, instead of the whole file failing at the first one.
     */
    static final class LineReader implements AutoCloseable {
        private final InputStream in;
        private final java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private byte[] buf = new byte[8192];
        private boolean malformed;
        private boolean skipLf;

        LineReader(InputStream in) {
            this.in = new BufferedInputStream(in, 1 << 16);
        }

        /** The next line without its end, or null at the end of the file. */
        String readLine() throws IOException {
            int n = 0;
            int b;
            while (true) {
                b = in.read();
                if (skipLf) {
                    skipLf = false;
                    if (b == '\n') {
                        continue;
                    }
                }
                if (b < 0) {
                    if (n == 0) {
                        return null;
                    }
                    break;
                }
                if (b == '\n') {
                    break;
                }
                if (b == '\r') {
                    skipLf = true;
                    break;
                }
                if (n == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, n * 2);
                }
                buf[n++] = (byte) b;
            }
            ByteBuffer bytes = ByteBuffer.wrap(buf, 0, n);
            try {
                malformed = false;
                return decoder.reset().decode(bytes).toString();
            } catch (CharacterCodingException e) {
                malformed = true;
                return new String(buf, 0, n, StandardCharsets.UTF_8); // replaces each bad sequence with U+FFFD
            }
        }

        /** Whether the line just read had bytes that are not UTF-8. */
        boolean lastWasMalformed() {
            return malformed;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private RcEvent decode(String line, RcLineParser irc, StreamParser stream) {
        String l = line;
        if (l.startsWith("event:") || l.startsWith("id:") || l.startsWith(":ok") || l.equals(":")) {
            return null; // SSE framing: only data lines carry changes
        }
        lines++;
        long ignoredBefore = stream.ignored();
        RcEvent e;
        if (l.startsWith("data:")) {
            e = stream.toEvent(l.substring(5).strip());
        } else if (l.startsWith("{")) {
            e = stream.toEvent(l);
        } else if (l.startsWith(":")) {
            e = irc.parseLine(l);
        } else if (wiki != null) {
            e = irc.parse(wiki, l);
        } else {
            e = null;
        }
        if (e == null) {
            if (stream.ignored() > ignoredBefore) {
                ignored++; // categorize: a real event that IRC never carries, not a malformed one
            } else {
                skipped++;
            }
        }
        return e;
    }

    private static ObjectNode toJson(ObjectMapper m, RcEvent e, Verdict v, Patrol patrol, Clock clock) {
        ObjectNode n = AlertJson.of(m, e, v,
                (v != null ? v.editor() : patrol.classify(e.wiki(), e.user(), e.bot(), clock.millis())).key());
        // a change without verdict (--all): its score as the scorer left it
        org.vigie.score.Scorer sc = patrol.scorer();
        if ((v == null || !v.score().known()) && sc.score() >= 0) {
            AlertJson.putScore(n, sc.value, org.vigie.score.ScoreWeights.unpack(sc.reasons), sc.features);
        }
        return n;
    }
}
