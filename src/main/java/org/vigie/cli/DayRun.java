package org.vigie.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.vigie.alert.Destination;
import org.vigie.alert.Dispatcher;
import org.vigie.i18n.Templates;
import org.vigie.config.Settings;
import org.vigie.feed.LogTexts;
import org.vigie.feed.RcEvent;
import org.vigie.feed.RcLineParser;
import org.vigie.feed.RcLineWriter;
import org.vigie.feed.StreamParser;
import org.vigie.lists.Entry;
import org.vigie.lists.Lists;
import org.vigie.patrol.AutoList;
import org.vigie.patrol.BlockConflicts;
import org.vigie.patrol.DetectorSet;
import org.vigie.patrol.EditorClass;
import org.vigie.patrol.Event;
import org.vigie.patrol.Patrol;
import org.vigie.patrol.Verdict;
import org.vigie.score.RevertSummaries;
import org.vigie.score.ScoreWeights;
import org.vigie.score.Scorer;
import org.vigie.store.Actor;
import org.vigie.store.Audit;
import org.vigie.store.Database;
import org.vigie.store.ListStore;
import org.vigie.store.SeedFiles;

/**
 * A recorded day through the patrol, in time order, for {@code quality} and {@code fit-score}: a wikiticker day (its
 * rows rendered as irc.wikimedia.org lines and parsed back, as {@code bench} does, without invented log lines) or an
 * EventStreams capture (one JSON change a line). Each change keeps its time, its editor, what the rules raised, its
 * score and features, and whom its summary says it reverted (the labels, never read by the score).
 */
final class DayRun {

    /** One change as the measurement needs it. */
    record Change(long millis, String wiki, String user, EditorClass editor, long events, int score, long features,
                  boolean rulesAlert, boolean defaultAlert, boolean everyAlert, boolean neverHeld,
                  String revertedUser, RcEvent change) {

        /** A change without its feed event (tests; the measurement never reads it, only {@code quality --bound}). */
        Change(long millis, String wiki, String user, EditorClass editor, long events, int score, long features,
               boolean rulesAlert, boolean defaultAlert, boolean everyAlert, boolean neverHeld, String revertedUser) {
            this(millis, wiki, user, editor, events, score, features, rulesAlert, defaultAlert, everyAlert, neverHeld,
                    revertedUser, null);
        }

        /** Filters of the default channel ({@code -admin -white -bot}) let this editor through. */
        boolean classOk() {
            return editor != EditorClass.ADMIN && editor != EditorClass.WHITE && editor != EditorClass.BOT;
        }

        /** Alerted on the default channel at threshold {@code t}: today's events, held back below {@code t}. */
        boolean alertAt(int t) {
            return rulesAlert && (neverHeld || score < 0 || score >= t);
        }

        /** As if {@code suspect} were set to {@code t} as well: any change of the channel's editors at {@code t}. */
        boolean suspectAt(int t) {
            return classOk() && (neverHeld || (score >= 0 && score >= t) || (score < 0 && events != 0));
        }
    }

    /** Today's rules alone: the default channel's events before the score (no behaviour events, no threshold). */
    static final Destination RULES = Destination.parse("#rules", "all,-admin,-white,-bot")
            .minus(Destination.parse("#rules", "burst,brigade,editwar,reverted,suspect"));

    private DayRun() {
    }

    private record Timed(long millis, RcEvent event) {
    }

    /**
     * Reads a day and runs it; changes in time order (ties in file order). The default channel's repeat window starts
     * afresh at the split ({@link #splitIndex}): the measurement counts only the alerts of a part, so an alert before
     * the split must not hold back one in the part that it would not be credited for.
     */
    static List<Change> run(Path file, Path listsDir, ScoreWeights weights, double split) throws IOException {
        List<Timed> events = mainDay(read(file));
        events.sort(Comparator.comparingLong(Timed::millis));
        int splitAt = (int) Math.round(events.size() * split);
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open("jdbc:h2:mem:day" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")) {
            Lists lists = new Lists();
            ListStore store = new ListStore(db, new Audit(db, clock), lists, clock);
            if (listsDir != null && Files.isDirectory(listsDir)) {
                SeedFiles.importAll(listsDir, store);
            }
            Templates templates = Templates.loadResource("en");
            Settings settings = Settings.defaults();
            Scorer scorer = new Scorer(weights);
            Patrol patrol = new Patrol(lists.reader(), () -> settings, new BlockConflicts(), new AutoList(templates),
                    DetectorSet::builtIns, scorer);
            // the default channel as the jar ships it, at the threshold of the weights measured, delivered by the bot's
            // own dispatcher (the repeat window of the config item's default included), at the change's time
            Dispatcher dispatcher = new Dispatcher("#default");
            dispatcher.add("#default", "score=" + Math.max(1, weights.defaultThreshold()));
            Dispatcher every = new Dispatcher("#default").repeatWindow(() -> 0);
            every.add("#default", "score=" + Math.max(1, weights.defaultThreshold()));
            List<Change> out = new ArrayList<>(events.size());
            for (Timed t : events) {
                if (out.size() == splitAt) {
                    dispatcher = new Dispatcher("#default");
                    dispatcher.add("#default", "score=" + Math.max(1, weights.defaultThreshold()));
                }
                RcEvent e = t.event();
                Verdict v = patrol.check(e, t.millis());
                long ev = v == null ? 0 : v.events();
                if (v != null) {
                    for (Entry en : v.autoEntries()) {
                        store.add(en, Actor.system("auto"));
                    }
                }
                EditorClass cls = v != null ? v.editor() : patrol.classify(e.wiki(), e.user(), e.bot(), t.millis());
                int score = scorer.score();
                String reverted = e.isLog() ? null : RevertSummaries.revertedUser(e.summary());
                if (reverted != null && reverted.equals(e.user())) {
                    reverted = null; // a self-revert labels no one
                }
                out.add(new Change(t.millis(), e.wiki(), e.user(), cls, ev, score, e.isLog() ? 0 : scorer.features,
                        v != null && RULES.takes(v), v != null && !dispatcher.deliver(v, t.millis()).isEmpty(),
                        v != null && !every.route(v).isEmpty(), (ev & Destination.NEVER_HELD) != 0, reverted, e));
            }
            return out;
        }
    }

    /** Changes dated outside the file's main day are dropped when that day holds at least 90 % of them. */
    static int droppedOutsideDay;

    private static List<Timed> mainDay(List<Timed> all) {
        Map<Long, Integer> days = new HashMap<>();
        for (Timed t : all) {
            days.merge(Math.floorDiv(t.millis(), 86_400_000L), 1, Integer::sum);
        }
        long main = 0;
        int most = 0;
        for (Map.Entry<Long, Integer> e : days.entrySet()) {
            if (e.getValue() > most) {
                most = e.getValue();
                main = e.getKey();
            }
        }
        if (most < all.size() * 0.9) {
            droppedOutsideDay = 0;
            return all;
        }
        List<Timed> kept = new ArrayList<>(most);
        for (Timed t : all) {
            if (Math.floorDiv(t.millis(), 86_400_000L) == main) {
                kept.add(t);
            }
        }
        droppedOutsideDay = all.size() - kept.size();
        return kept;
    }

    private static List<Timed> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        LogTexts texts = LogTexts.withDefaults();
        RcLineParser irc = new RcLineParser(texts);
        StreamParser stream = new StreamParser(texts);
        List<Timed> out = new ArrayList<>(40_000);
        long n = 0;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String l = line.startsWith("data:") ? line.substring(5).strip() : line.strip();
                if (!l.startsWith("{")) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(l);
                } catch (IOException bad) {
                    continue;
                }
                n++;
                if (node.has("channel") && node.has("page")) {
                    Timed t = wikiticker(node, irc, n);
                    if (t != null) {
                        out.add(t);
                    }
                } else {
                    RcEvent e = stream.toEvent(node);
                    long ts = node.path("timestamp").asLong(0) * 1000;
                    if (e != null && ts > 0) {
                        out.add(new Timed(ts, e));
                    }
                }
            }
        }
        return out;
    }

    private static Timed wikiticker(JsonNode n, RcLineParser irc, long i) {
        String channel = n.path("channel").asText();
        String wiki = channel.startsWith("#") ? channel.substring(1) : channel;
        long millis;
        try {
            millis = java.time.Instant.parse(n.path("time").asText()).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
        boolean isNew = n.path("isNew").asBoolean();
        boolean unpatrolled = n.path("isUnpatrolled").asBoolean();
        long rev = 680_000_000L + i;
        String url = "https://" + wiki + ".org/w/index.php?" + (isNew ? "oldid=" + rev : "diff=" + rev
                + "&oldid=" + (rev - 1)) + (unpatrolled ? "&rcid=" + (900_000_000L + i) : "");
        String comment = n.path("comment").asText("").replace('\n', ' ').replace('\r', ' ');
        String line = RcLineWriter.line(wiki, RcLineWriter.edit(n.path("page").asText(), isNew, unpatrolled,
                n.path("isMinor").asBoolean(), n.path("isRobot").asBoolean(), url, n.path("user").asText(),
                n.path("delta").asInt(), comment));
        RcEvent e = irc.parseLine(line);
        return e == null ? null : new Timed(millis, e);
    }

    /**
     * Each editor's first revert: (wiki, user) → index of the change whose summary first names them. Only changes
     * from {@code from} (inclusive) to {@code to} (exclusive) are read: the fit never sees the held-out half's reverts.
     */
    static Map<String, Integer> firstReverts(List<Change> changes, int from, int to) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = from; i < to; i++) {
            Change c = changes.get(i);
            if (c.revertedUser() != null) {
                first.putIfAbsent(key(c.wiki(), c.revertedUser()), i);
            }
        }
        return first;
    }

    static String key(String wiki, String user) {
        return wiki + '\u0000' + user;
    }

    /** The first change of the held-out part: {@code split} of the changes, in time order, are the fitting part. */
    static int splitIndex(List<Change> changes, double split) {
        return (int) Math.round(changes.size() * split);
    }

    static boolean isNew(long events) {
        return (events & (Event.BURST.bit() | Event.BRIGADE.bit() | Event.EDITWAR.bit() | Event.REVERTED.bit()
                | Event.SUSPECT.bit())) != 0;
    }
}
