package org.vigie.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.vigie.Engine;
import org.vigie.alert.Alert;
import org.vigie.alert.AlertFormatter;
import org.vigie.alert.Dispatcher;
import org.vigie.i18n.Templates;
import org.vigie.config.Settings;
import org.vigie.feed.LogTexts;
import org.vigie.feed.RcEvent;
import org.vigie.feed.RcLineParser;
import org.vigie.feed.StreamParser;
import org.vigie.irc.IrcText;
import org.vigie.lists.Lists;
import org.vigie.patrol.AutoList;
import org.vigie.patrol.BlockConflicts;
import org.vigie.patrol.Patrol;
import org.vigie.patrol.Verdict;
import org.vigie.store.Actor;
import org.vigie.store.Audit;
import org.vigie.store.Database;
import org.vigie.store.ListStore;
import org.vigie.store.SeedFiles;
import org.vigie.stream.StreamFixtures;

/**
 * Mutation fuzzing of what strangers write into the feed, through the parsers AND the whole engine (patrol, automatic
 * entries stored in a real H2 database, dispatch, formatting): IRC feed lines (full protocol lines and bare feed
 * texts) and EventStreams JSON (mutated as text and as a tree), seeded from the real recorded fixtures of
 * {@code ../shared/fixtures} and the samples of {@code samples/}.
 *
 * <p>Promised for every input: no exception escapes the parser or the engine (an automatic entry the store refuses is
 * refused with its reason, as the live writer does); no alert text carries CR, LF, NUL or CTCP's {@code \u0001}; one
 * alert per destination at most; and once sanitised and cut as the outbox does, every piece is one IRC line.
 *
 * <p>Size: {@code vigie.fuzz.tries} inputs per property (set by the pom: 20,000 each in the default build, 250,000
 * each, 1,000,000 in all, with {@code -Preliability}). Each input has a seed of its own, derived from the run's seed
 * (printed; {@code -Dvigie.fuzz.seed=N} draws the same inputs again). Plain JUnit Jupiter and a seeded generator:
 * jqwik, the obvious tool, asks since 1.10 not to be used by AI coding agents, which write much of this project.
 */
public class FeedFuzzTest {

    private static final Path SHARED = Path.of(System.getProperty("vigie.shared", "../shared"));
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bytes left for the text in {@code PRIVMSG #vigie-alertes :…} within the outbox's default 400-byte line. */
    private static final int TEXT_BUDGET = 400 - "PRIVMSG #vigie-alertes :".length();

    private static final List<String> IRC_SEEDS = ircSeeds();
    private static final List<String> JSON_SEEDS = jsonSeeds();
    /** The seeds that are whole JSON objects (the samples hold one truncated event on purpose). */
    private static final List<String> JSON_TREE_SEEDS = JSON_SEEDS.stream().filter(FeedFuzzTest::isJson).toList();
    /** Fragments that mean something to the parsers or to IRC: colour codes, separators, log wording, escapes. */
    private static final List<String> TOKENS = List.of("\r\n", "\n", "\r", "\u0000", "\u0001ACTION salue\u0001",
            "\u0001", "\u0003", "\u0002", "\u000f", "\u000314[[\u000307", "\u000314]]\u00034 ", "\u000310 \u000302",
            "\u0003 \u00035*\u0003 \u000303", "\u0003 \u00035*\u0003 ", " \u000310", "(+", "(-", "(\u0002-9999\u0002)",
            "(+2147483648)", "[[", "]]", "[[User:", "]] ", " * ", "*", "https://fr.wikipedia.org/w/index.php?diff=1&oldid=0",
            "Spécial:Log/block", "Special:Log/block", "Special:Log/newusers", "Spécial:Log/move", " block", " reblock",
            " create", " delete", " move", " protect", " upload", "blocked [[Utilisateur:", "blocked [[User:",
            "with an expiration time of ", "with an expiry time of ", "infinite", " (création de compte interdite)",
            "created new account User:", "moved [[", "]] to [[", " : ", ": ", "\u202f: ", " PRIVMSG ",
            ":rc-pmtpa!rc-pmtpa@irc.wikimedia.org PRIVMSG #fr.wikipedia :", "#fr.wikipedia", "#%%", "#", " :",
            "\uFFFD", "\uD800", "\uDC00", "\uD83D\uDE00", "\u2028", "\u2029", "\u0085", "\u200B", "\u202E", "&amp;",
            "&quot;", "&#0;", "&#10;", "&#x1;", "&lt;br&gt;", "{{", "\\u0000", "\\n", "\"", "99999999999999999999",
            "-2147483649", "1e308", "Vandale123", "Blagueur75", "Utilisateur:", "User:", "203.0.113.7", "2001:db8::1",
            "~2025-12345-67", "/* Section */ ", "{user}", "{title}", "{summary}", "{", "}", "$1", "%s", "%n", "\\", "[[Special:Contributions/X|X]]", "Révocation des modifications de ");

    private static final Templates TEMPLATES = templates();
    private static final Lists LISTS = new Lists();
    private static final Database DB = Database.open("jdbc:h2:mem:fuzz" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    private static final ListStore STORE = store();
    private static final LogTexts TEXTS = LogTexts.withDefaults();
    private static final RcLineParser IRC = new RcLineParser(TEXTS);
    private static final StreamParser STREAM = new StreamParser(TEXTS);
    private static final List<Alert> SENT = new ArrayList<>();
    private static final Engine ENGINE = engine();

    private static final AtomicLong INPUTS = new AtomicLong();
    private static final AtomicLong CHANGES = new AtomicLong();
    private static final AtomicLong ALERTS = new AtomicLong();
    private static final AtomicLong AUTO_STORED = new AtomicLong();
    private static final AtomicLong AUTO_REFUSED = new AtomicLong();
    private static final AtomicLong IRC_LINES = new AtomicLong();
    private static int maxLinesPerAlert;
    private static int maxAlertBytes;

    // ------------------------------------------------------------------ the properties

    /** Inputs per property: {@code vigie.fuzz.tries} (the pom's short or long form). */
    private static final int TRIES = Integer.getInteger("vigie.fuzz.tries", 20_000);
    /** One run's seed: printed, and given back with {@code -Dvigie.fuzz.seed=} to replay a failure exactly. */
    private static final long SEED = Long.getLong("vigie.fuzz.seed", System.nanoTime());

    @Test
    void mutatedIrcFeedLinesNeverEscapeTheEngine() {
        forAll("irc lines", FeedFuzzTest::ircLine, line -> {
            RcEvent e = line.startsWith(":") ? IRC.parseLine(line) : IRC.parse(wikiOf(line), line);
            run(e);
        });
    }

    @Test
    void mutatedEventStreamsTextNeverEscapesTheEngine() {
        forAll("json text", FeedFuzzTest::jsonText, json -> run(STREAM.toEvent(json)));
    }

    @Test
    void mutatedEventStreamsTreesNeverEscapeTheEngine() {
        forAll("json trees", FeedFuzzTest::jsonTree, json -> run(STREAM.toEvent(json)));
    }

    /** Generated feed lines with every field fuzzed, in the feed's own framing: they reach the deep code paths. */
    @Test
    void framedIrcLinesWithFuzzedFieldsNeverEscapeTheEngine() {
        forAll("framed lines", FeedFuzzTest::framedLine, line -> run(IRC.parse("fr.wikipedia", line)));
    }

    /**
     * {@link #TRIES} inputs, each drawn from a random source of its own seeded from {@link #SEED} and its number, so
     * that a failure names the one input and how to draw it again.
     */
    private static void forAll(String what, Function<SplittableRandom, String> gen, java.util.function.Consumer<String> check) {
        for (int i = 0; i < TRIES; i++) {
            String input = gen.apply(new SplittableRandom(SEED * 31 + i));
            try {
                check.accept(input);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError(what + " input #" + i + " of run seed " + SEED + " (-Dvigie.fuzz.seed=" + SEED
                        + "): " + escape(input) + "\n" + e, e);
            }
        }
    }

    /** The input with every character outside printable ASCII written as \\uXXXX. */
    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    /** The engine on one change, with every promise about its output checked. */
    private static void run(RcEvent e) {
        INPUTS.incrementAndGet();
        if (e == null) {
            return;
        }
        CHANGES.incrementAndGet();
        SENT.clear();
        Verdict v = ENGINE.process(e);
        if (v == null) {
            assertTrue(SENT.isEmpty());
            return;
        }
        Set<String> channels = new HashSet<>();
        for (Alert a : SENT) {
            ALERTS.incrementAndGet();
            assertTrue(channels.add(a.channel()), () -> "two alerts for " + a.channel() + " from one change: " + SENT);
            String text = a.text();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\r' || c == '\n' || c == '\u0000' || c == '\u0001') {
                    throw new AssertionError(String.format("alert text with U+%04X at %d: %s", (int) c, i, text));
                }
            }
            List<String> lines = IrcText.split(IrcText.sanitize(text), TEXT_BUDGET);
            for (String l : lines) {
                assertTrue(IrcText.utf8Length(l) <= TEXT_BUDGET, l);
                assertEquals(-1, l.indexOf('\n'), l);
                assertEquals(-1, l.indexOf('\r'), l);
            }
            IRC_LINES.addAndGet(lines.size());
            maxLinesPerAlert = Math.max(maxLinesPerAlert, lines.size());
            maxAlertBytes = Math.max(maxAlertBytes, IrcText.utf8Length(text));
        }
    }

    @AfterAll
    static void figures() {
        System.out.printf("reliability: fuzz feed lines and EventStreams JSON (seed %d): %,d inputs, %,d parsed to "
                        + "changes, %,d alerts (%,d IRC lines, at most %d lines and %,d bytes for one alert), automatic "
                        + "entries %,d stored and %,d refused with a reason, 0 escaped exceptions, 0 alert texts with "
                        + "CR/LF/NUL/CTCP%n", SEED, INPUTS.get(), CHANGES.get(), ALERTS.get(), IRC_LINES.get(),
                maxLinesPerAlert, maxAlertBytes, AUTO_STORED.get(), AUTO_REFUSED.get());
    }

    // ------------------------------------------------------------------ generators

    private static <T> T pick(SplittableRandom r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    private static String string(SplittableRandom r, int min, int max, char lo, char hi) {
        int n = min + r.nextInt(max - min + 1);
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) (lo + r.nextInt(hi - lo + 1));
        }
        return new String(c);
    }

    /** A fragment to insert: meaningful tokens, any UTF-16 units (lone surrogates too), controls, punctuation, length. */
    static String piece(SplittableRandom r) {
        int w = r.nextInt(10);
        if (w < 4) {
            return pick(r, TOKENS);
        } else if (w < 6) {
            return string(r, 0, 8, '\u0000', '\uffff');
        } else if (w < 8) {
            return string(r, 0, 4, '\u0000', '\u0020');
        } else if (w < 9) {
            StringBuilder b = new StringBuilder();
            for (int i = r.nextInt(7); i > 0; i--) {
                b.append("[]*:!|/ ()+-#&;".charAt(r.nextInt(15)));
            }
            return b.toString();
        }
        return string(r, 200, 700, 'a', 'z');
    }

    /** One edit of a text: insert a fragment, delete a range, repeat a range, replace a range, cut the end. */
    private static String edit(SplittableRandom r, String s) {
        int n = s.length();
        int i = r.nextInt(n + 1);
        int len = Math.min(n - i, r.nextInt(25));
        return switch (r.nextInt(5)) {
            case 0 -> s.substring(0, i) + piece(r) + s.substring(i);
            case 1 -> s.substring(0, i) + s.substring(i + len);
            case 2 -> s.substring(0, i + len) + s.substring(i, i + len) + s.substring(i + len);
            case 3 -> s.substring(0, i) + piece(r) + s.substring(i + len);
            default -> s.substring(0, i);
        };
    }

    private static String mutate(SplittableRandom r, String seed) {
        String s = seed;
        for (int k = 1 + r.nextInt(6); k > 0; k--) {
            s = edit(r, s);
        }
        return s;
    }

    public static String ircLine(SplittableRandom r) {
        return mutate(r, pick(r, IRC_SEEDS));
    }

    static String jsonText(SplittableRandom r) {
        return mutate(r, pick(r, JSON_SEEDS));
    }

    /** A recorded event with 1 to 5 of its values replaced by another of any type, removed, or their text edited. */
    static String jsonTree(SplittableRandom r) {
        JsonNode root;
        try {
            root = JSON.readTree(pick(r, JSON_TREE_SEEDS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int k = 1 + r.nextInt(5); k > 0; k--) {
            List<Object[]> slots = new ArrayList<>();   // {container, field name or index}
            collect(root, slots);
            if (slots.isEmpty()) {
                break;
            }
            Object[] slot = pick(r, slots);
            ContainerNode<?> parent = (ContainerNode<?>) slot[0];
            JsonNode old = parent instanceof ObjectNode o ? o.get((String) slot[1]) : ((ArrayNode) parent).get((Integer) slot[1]);
            long number = switch (r.nextInt(4)) {
                case 0 -> r.nextLong();
                case 1 -> pick(r, List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MAX_VALUE + 1));
                default -> r.nextInt(2_000_000) - 1_000_000;
            };
            String piece = piece(r);
            JsonNode value = switch (r.nextInt(9)) {
                case 0 -> JSON.getNodeFactory().textNode(piece);
                case 1 -> JSON.getNodeFactory().numberNode(number);
                case 2 -> null;                                          // removed
                case 3 -> JSON.getNodeFactory().nullNode();
                case 4 -> JSON.createObjectNode().put(piece, piece);
                case 5 -> JSON.createArrayNode().add(piece).add(number);
                case 6 -> JSON.getNodeFactory().booleanNode(r.nextBoolean());
                case 7 -> JSON.getNodeFactory().numberNode((double) number / 3.0);
                default -> JSON.getNodeFactory().textNode(old != null && old.isTextual()
                        ? insert(old.asText(), piece, r) : piece);
            };
            if (parent instanceof ObjectNode o) {
                if (value == null) {
                    o.remove((String) slot[1]);
                } else {
                    o.set((String) slot[1], value);
                }
            } else {
                ArrayNode a = (ArrayNode) parent;
                if (value == null) {
                    a.remove((Integer) slot[1]);
                } else {
                    a.set((Integer) slot[1], value);
                }
            }
        }
        return root.toString();
    }

    private static boolean isJson(String s) {
        try {
            return JSON.readTree(s).isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private static String insert(String s, String piece, SplittableRandom r) {
        int i = r.nextInt(s.length() + 1);
        return s.substring(0, i) + piece + s.substring(i);
    }

    private static void collect(JsonNode n, List<Object[]> slots) {
        if (n instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> f : o.properties()) {
                slots.add(new Object[] {o, f.getKey()});
                collect(f.getValue(), slots);
            }
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Object[] {a, i});
                collect(a.get(i), slots);
            }
        }
    }

    private static final List<String> FLAGS = List.of("", "!", "N", "!N", "M", "B", "!NMB", "block", "reblock",
            "unblock", "create", "create2", "byemail", "autocreate", "delete", "restore", "move", "move_redir",
            "protect", "modify", "unprotect", "upload", "overwrite", "rights", "hit", "patrol");
    private static final List<String> TITLES = List.of("Paris", "Spécial:Log/block", "Special:Log/newusers",
            "Spécial:Log/move", "Special:Log/delete", "Spécial:Log/protect", "Special:Log/upload",
            "Utilisateur:Vandale123");

    private static String field(SplittableRandom r) {
        int w = r.nextInt(3);
        return w == 0 ? piece(r) : w == 1 ? pick(r, TOKENS) : piece(r) + piece(r);
    }

    /** A feed text framed the way MediaWiki frames it, each field drawn from fuzzed text. */
    public static String framedLine(SplittableRandom r) {
        String flags = r.nextBoolean() ? pick(r, FLAGS) : piece(r);
        int size = r.nextInt(3) == 0 ? pick(r, List.of(0, -501, 5000, -5000, Integer.MIN_VALUE, Integer.MAX_VALUE))
                : r.nextInt();
        return "\u000314[[\u000307" + pick(r, TITLES) + field(r) + "\u000314]]\u00034 " + flags
                + "\u000310 \u000302https://fr.wikipedia.org/w/index.php?diff=1&oldid=0\u0003 \u00035*\u0003 "
                + "\u000303" + field(r) + "\u0003 \u00035*\u0003 (" + (size >= 0 ? "+" : "") + size + ") \u000310"
                + field(r) + "\u0003";
    }

    // ------------------------------------------------------------------ fixtures and the engine

    /** A wiki for a bare feed text: the channel it would have come from. */
    private static String wikiOf(String line) {
        int h = line.length() % 3;
        return h == 0 ? "fr.wikipedia" : h == 1 ? "en.wikipedia" : "meta.wikimedia";
    }

    private static List<String> read(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ircSeeds() {
        List<String> out = new ArrayList<>();
        Path irc = SHARED.resolve("fixtures/irc");
        out.addAll(read(irc.resolve("eyeinthesky_irc_lines.raw.txt")));
        out.addAll(read(irc.resolve("wikipedia-edit-tracker_privmsg.raw.txt")));
        out.addAll(read(irc.resolve("cvnbot_rcreader_comment_samples.stripped.txt")));
        for (String l : read(irc.resolve("wikiticker_MessageTest.jsonl"))) {
            if (!l.isBlank()) {
                try {
                    out.add(JSON.readTree(l).path("raw").asText());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        out.addAll(read(Path.of("samples/fr-sample.irc")));
        for (JsonNode n : StreamFixtures.recordedChanges()) {
            out.add(StreamFixtures.ircLine(n));
        }
        for (JsonNode n : StreamFixtures.frenchChanges()) {
            out.add(StreamFixtures.ircLine(n));
        }
        out.removeIf(String::isBlank);
        return List.copyOf(out);
    }

    private static List<String> jsonSeeds() {
        List<String> out = new ArrayList<>();
        for (JsonNode n : StreamFixtures.recorded()) {
            out.add(n.toString());
        }
        for (JsonNode n : StreamFixtures.frenchChanges()) {
            out.add(n.toString());
        }
        for (String l : read(Path.of("samples/fr-sample.jsonl"))) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return List.copyOf(out);
    }

    private static Templates templates() {
        try {
            return Templates.load(Path.of("messages"), "fr");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ListStore store() {
        Clock clock = Clock.systemUTC();
        ListStore store = new ListStore(DB, new Audit(DB, clock), LISTS, clock);
        SeedFiles.importAll(Path.of("lists"), store);
        return store;
    }

    private static Engine engine() {
        Settings settings = Settings.defaults();
        Patrol patrol = new Patrol(LISTS.reader(), () -> settings, new BlockConflicts(), new AutoList(TEMPLATES));
        Dispatcher dispatcher = new Dispatcher("#vigie-alertes");
        dispatcher.add("#tout", "all");
        return new Engine(patrol, dispatcher, new AlertFormatter(TEMPLATES), (alert, verdict) -> SENT.add(alert),
                // as the live writer: a refused entry is refused with its reason, anything else escapes
                (entry, cause) -> {
                    try {
                        STORE.add(entry, Actor.system("auto"));
                        AUTO_STORED.incrementAndGet();
                    } catch (IllegalArgumentException refused) {
                        assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank());
                        AUTO_REFUSED.incrementAndGet();
                    }
                }, Clock.systemUTC(), 16);
    }
}
