package org.vigie.patrol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.vigie.config.Settings;
import org.vigie.feed.LogAction;
import org.vigie.feed.RcEvent;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.ListView;
import org.vigie.lists.WordMatch;

/**
 * Checks one change: classifies the editor, runs the active {@link Detector}s, which raise the events, and asks for
 * automatic list entries.
 *
 * <p>Pure and single-threaded: one patrol thread calls {@link #check} in feed order. It reads the lists through
 * {@link ListView} (memory), the settings and the active detectors through one snapshot each per change (so a detector
 * unloaded from another thread raises nothing from the next change on), and time only through {@code nowMillis}.
 * A change that raises nothing and asks no entry costs lookups only and returns {@code null} without allocating;
 * everything else (reasons, entries, wording) is built only when there is something to say.
 *
 * <p>Events are facts about the change, not about who may see them: an admin's deletion still raises {@code delete};
 * destinations drop such alerts with their {@code -admin}, {@code -white} and {@code -bot} filters. The exceptions are
 * {@code black} and {@code grey}, which follow the editor's class, and {@code cnvp} pages, which silence everything
 * (detectors and automatic entries: a revert in a sandbox says nothing about its author).
 *
 * <p>Editor classes, first match wins: black ({@code bl}: an operator's explicit decision, so a blacklisted user is
 * reported whatever other list holds them, and {@code -admin}/{@code -bot} channels see their changes), admin (the
 * wiki's or the global {@code al} list), bot ({@code bot} list or the {@code B} flag), white, grey, anonymous (IPv4,
 * IPv6, temporary account {@code ~2…}), user. The blacklist thus outranks the greylist, which the reference bots got
 * the other way round.
 *
 * <p>The automatic rules ({@link AutoList}) stay here, not in detectors: the rollback and block rules run whatever
 * detectors are loaded; the {@code bnu} rule needs a {@code bnu} hit, so it follows whoever raised {@code bnu}
 * (the {@code words} detector, normally).
 */
public final class Patrol {

    private static final Event[] EVENTS = Event.values();

    private final ListView lists;
    private final Supplier<Settings> settings;
    private final BlockConflicts conflicts;
    private final AutoList auto;
    private final Supplier<DetectorSet> detectors;
    // Reused for every change: the patrol is single-threaded, and detectors must not keep them.
    private final Findings findings = new Findings();
    private final Scratch scratch = new Scratch();
    private volatile long detectorFailures;
    private volatile String lastFailure;

    /** A patrol running all built-in detectors, whose automatic entries carry the built-in English reasons. */
    public Patrol(ListView lists, Supplier<Settings> settings, BlockConflicts conflicts) {
        this(lists, settings, conflicts, AutoList.english());
    }

    /** A patrol running all built-in detectors ({@link DetectorSet#builtIns()}). */
    public Patrol(ListView lists, Supplier<Settings> settings, BlockConflicts conflicts, AutoList auto) {
        this(lists, settings, conflicts, auto, fixed(DetectorSet.builtIns()));
    }

    /**
     * A patrol running the detectors that {@code detectors} gives at each change (normally {@link Plugins#active()}).
     */
    public Patrol(ListView lists, Supplier<Settings> settings, BlockConflicts conflicts, AutoList auto,
                  Supplier<DetectorSet> detectors) {
        this.lists = lists;
        this.settings = settings;
        this.conflicts = conflicts;
        this.auto = auto;
        this.detectors = detectors;
    }

    private static Supplier<DetectorSet> fixed(DetectorSet set) {
        return () -> set;
    }

    /** The class of an editor on a wiki, in the classification order. */
    public EditorClass classify(String wiki, String user, boolean botFlag, long nowMillis) {
        return classify(wiki, user, botFlag, nowMillis, UserNames.isAnonymous(user));
    }

    private EditorClass classify(String wiki, String user, boolean botFlag, long nowMillis, boolean anonymous) {
        if (user == null || user.isEmpty()) {
            return EditorClass.USER;
        }
        // the blacklist is an operator's explicit decision: it outranks the admin and bot lists and the bot flag
        if (lists.find(ListKind.BL, wiki, user, nowMillis) != null) {
            return EditorClass.BLACK;
        }
        if (lists.find(ListKind.AL, wiki, user, nowMillis) != null) {
            return EditorClass.ADMIN;
        }
        if (botFlag || lists.find(ListKind.BOT, wiki, user, nowMillis) != null) {
            return EditorClass.BOT;
        }
        if (lists.find(ListKind.WL, wiki, user, nowMillis) != null) {
            return EditorClass.WHITE;
        }
        if (lists.find(ListKind.GL, wiki, user, nowMillis) != null) {
            return EditorClass.GREY;
        }
        return anonymous ? EditorClass.ANON : EditorClass.USER;
    }

    /**
     * Checks one change.
     *
     * @return the verdict, or {@code null} when the change raised no event and asks no automatic entry
     */
    public Verdict check(RcEvent e, long nowMillis) {
        String wiki = e.wiki();
        LogAction log = e.log();
        String page = page(e, log);
        if (page != null && lists.find(ListKind.CNVP, wiki, page, nowMillis) != null) {
            return null;
        }
        Settings s = settings.get();
        boolean anonymous = UserNames.isAnonymous(e.user());
        EditorClass cls = classify(wiki, e.user(), e.bot(), nowMillis, anonymous);

        DetectorSet set = detectors.get();
        Detector[] ds = set.detectors;
        long[] masks = set.masks;
        Findings f = findings;
        f.clear();
        scratch.set(cls, anonymous, page, s, nowMillis);
        for (int i = 0; i < ds.length; i++) {
            f.allow(masks[i]);
            try {
                ds[i].inspect(e, scratch, f);
            } catch (RuntimeException | LinkageError x) {
                // a faulty plugin must not stop the patrol thread; the other detectors still run
                detectorFailures++;
                lastFailure = set.names[i];
            }
        }
        f.allow(0);
        Entry autoEntry = autoEntry(e, log, cls, f, s, nowMillis);
        long ev = f.bits();
        if (ev == 0 && autoEntry == null) {
            return null;
        }
        List<Verdict.Reason> reasons = new ArrayList<>(Long.bitCount(ev));
        for (long b = ev; b != 0; b &= b - 1) {
            int i = Long.numberOfTrailingZeros(b);
            reasons.add(new Verdict.Reason(EVENTS[i], f.entry(i), f.matched(i)));
        }
        List<Entry> entries = autoEntry == null ? List.of() : List.of(autoEntry);
        return new Verdict(e, cls, ev, Collections.unmodifiableList(reasons), entries);
    }

    /** The page a change is about, for {@code cnvp} and the detectors; {@code null} when a user is the target. */
    private static String page(RcEvent e, LogAction log) {
        if (!e.isLog()) {
            return e.title();
        }
        if (log == null) {
            return null;
        }
        String type = log.type();
        return "block".equals(type) || "newusers".equals(type) ? null : log.target();
    }

    private Entry autoEntry(RcEvent e, LogAction log, EditorClass cls, Findings f, Settings s, long nowMillis) {
        String wiki = e.wiki();
        if (!e.isLog()) {
            if (cls == EditorClass.ADMIN && e.revertedUser() != null
                    && (e.revert() == RcEvent.SummaryKind.ROLLBACK || e.revert() == RcEvent.SummaryKind.UNDO)) {
                EditorClass reverted = classify(wiki, e.revertedUser(), false, nowMillis);
                return auto.afterRevert(e, cls, reverted, s, nowMillis);
            }
            return null;
        }
        if (log == null) {
            return null;
        }
        if (log.isBlock()) {
            if (!LogTargets.isBlockAction(log.action())) {
                return null;
            }
            String target = LogTargets.blockTarget(log);
            if (target == null || target.isEmpty()) {
                return null;
            }
            return auto.afterBlock(e, target, classify(wiki, target, false, nowMillis), s, nowMillis);
        }
        Entry word = f.entry(Event.BNU);
        if (word != null) {
            String account = LogTargets.newAccount(e);
            if (account != null && !account.isEmpty()) {
                EditorClass accountClass = account.equals(e.user()) ? cls : classify(wiki, account, false, nowMillis);
                return auto.afterBnu(wiki, account, accountClass, new WordMatch(word, f.matched(Event.BNU)), s,
                        nowMillis);
            }
        }
        return null;
    }

    /** How many times a detector threw since this patrol started (the change went on without it). */
    public long detectorFailures() {
        return detectorFailures;
    }

    /** The name of the last detector that threw, or {@code null}. */
    public String lastFailedDetector() {
        return lastFailure;
    }

    /** The per-change context handed to the detectors; one instance, refilled for every change. */
    private final class Scratch implements Detector.Context {
        private EditorClass editor;
        private boolean anonymous;
        private String page;
        private Settings settings;
        private long nowMillis;

        void set(EditorClass editor, boolean anonymous, String page, Settings settings, long nowMillis) {
            this.editor = editor;
            this.anonymous = anonymous;
            this.page = page;
            this.settings = settings;
            this.nowMillis = nowMillis;
        }

        @Override
        public EditorClass editor() {
            return editor;
        }

        @Override
        public boolean editorAnonymous() {
            return anonymous;
        }

        @Override
        public String page() {
            return page;
        }

        @Override
        public ListView lists() {
            return lists;
        }

        @Override
        public Settings settings() {
            return settings;
        }

        @Override
        public long nowMillis() {
            return nowMillis;
        }

        @Override
        public BlockConflicts blockConflicts() {
            return conflicts;
        }
    }
}
