package org.vigie.score;

import org.vigie.feed.LogAction;
import org.vigie.feed.RcEvent;

/**
 * Behaviour across changes: bursts of one editor, brigades on one page (or of new accounts from one creator or one
 * name pattern), edit wars, and editors reverted earlier. Pure and single-threaded (the patrol thread), time only
 * through the {@code now} it is given.
 *
 * <p>Memory is bounded: editors and pages live in open-addressing tables of primitive arrays keyed by a 64-bit hash of
 * (wiki, name) — no string is kept — and an entry nobody touched for a day is dropped when the table next grows. An
 * editor costs 29 bytes a slot at a load of at most one half: a million editors fit in about 60 MB (measured by
 * {@code java -jar vigie.jar bench-behaviour}). Beyond {@link #MAX_SLOTS} editor slots (and {@link #MAX_PAGE_SLOTS}
 * page slots) the oldest entries go first.
 *
 * <p>Windows are tumbling, not sliding: a burst counts the changes since the first one of the window, and a new
 * window starts with the first change after it closes. Each behaviour is reported once per window (a burst of twenty
 * edits is one {@code burst}, with its count), not once per change.
 *
 * <p>After {@link #observe} the results of that change are in {@link #events}, {@link #features} and
 * {@link #count}; nothing is allocated.
 */
public final class Behaviour {

    /** {@link #events}: the editor is making many changes quickly. */
    public static final int BURST = 1;
    /** {@link #events}: several logged-out or new editors on one page, or new accounts from one creator or pattern. */
    public static final int BRIGADE = 2;
    /** {@link #events}: a page reverted again and again. */
    public static final int EDITWAR = 4;
    /** {@link #events}: an editor edits again after being reverted. */
    public static final int REVERTED = 8;

    static final int DAY = 86_400;
    /** At most this many editor slots (2^21: a million editors at a load of one half, 29 bytes a slot). */
    public static final int MAX_SLOTS = 1 << 21;
    /** At most this many page slots (2^18, 72 bytes a slot): pages older than the windows matter little. */
    public static final int MAX_PAGE_SLOTS = 1 << 18;
    /** How long after being reverted an editor's next change raises {@code reverted}. */
    static final int REVERTED_WINDOW = 3_600;
    /** Distinct editors remembered per page for brigades, reverts per page for edit wars. */
    public static final int RING = 4;

    /** The thresholds, from the config items. */
    public record Limits(int burstEdits, int burstCreations, int burstOthers, int burstSeconds, int brigadeEditors,
                         int brigadeSeconds, int editwarReverts, int editwarSeconds) {
        public static final Limits DEFAULTS = new Limits(6, 3, 10, 60, 3, 900, 3, 3_600);
    }

    private static final long SALT_CREATOR = 0x9E3779B97F4A7C15L;
    private static final long SALT_PATTERN = 0xC2B2AE3D27D4EB4FL;

    private final Editors editors;
    private final Pages pages;
    private long base = Long.MIN_VALUE;

    /** The behaviour events of the last change (bits {@link #BURST}…). */
    public int events;
    /** The behaviour features of the last change ({@link Feature#bit()}). */
    public long features;
    /** For a {@code burst}: the editor's changes in the window; for a {@code brigade}: the editors or accounts. */
    public int count;

    public Behaviour() {
        this(1 << 12, MAX_SLOTS, MAX_PAGE_SLOTS);
    }

    Behaviour(int initialSlots, int maxSlots, int maxPageSlots) {
        this.editors = new Editors(initialSlots, maxSlots);
        this.pages = new Pages(initialSlots, maxPageSlots);
    }

    /** Looks at one change, after everything before it and before anything after it. */
    public void observe(RcEvent e, boolean anonymous, long nowMillis, Limits l) {
        events = 0;
        features = 0;
        count = 0;
        if (base == Long.MIN_VALUE) {
            base = nowMillis / 1000 - 1;
        }
        int t = (int) Math.max(1, Math.min(Integer.MAX_VALUE, nowMillis / 1000 - base));
        String wiki = e.wiki();
        if (e.isLog()) {
            observeLog(e, e.log(), wiki, t, l);
            return;
        }
        String user = e.user() == null ? "" : e.user();
        long userKey = Hash.of(wiki, user, 0);
        Editors ed = editors;
        int s = ed.slot(userKey, t);
        boolean first = ed.lastSeen[s] == 0 || t - ed.lastSeen[s] >= DAY;
        if (first) {
            features |= Feature.FIRSTSEEN.bit();
        }
        boolean newAccount = ed.createdAt[s] != 0 && t - ed.createdAt[s] < DAY;
        if (newAccount) {
            features |= Feature.NEWACCOUNT.bit();
        }
        if (ed.revertedAt[s] != 0 && t - ed.revertedAt[s] < DAY) {
            features |= Feature.REVERTEDTODAY.bit();
            if ((ed.flags[s] & Editors.PENDING) != 0) {
                ed.flags[s] &= ~Editors.PENDING;
                if (t - ed.revertedAt[s] <= REVERTED_WINDOW) {
                    events |= REVERTED;
                }
            }
        }
        // burst
        if (ed.winStart[s] == 0 || t - ed.winStart[s] >= l.burstSeconds()) {
            ed.winStart[s] = t;
            ed.count[s] = 0;
            ed.creations[s] = 0;
            ed.flags[s] &= ~Editors.BURST_FIRED;
        }
        if (ed.count[s] < Short.MAX_VALUE) {
            ed.count[s]++;
        }
        if (e.kind() == RcEvent.Kind.NEW && ed.creations[s] < Short.MAX_VALUE) {
            ed.creations[s]++;
        }
        boolean watched = anonymous || newAccount;
        int limit = watched ? l.burstEdits() : l.burstOthers();
        if (ed.count[s] >= limit || (watched && ed.creations[s] >= l.burstCreations())) {
            features |= Feature.BURST.bit();
            if ((ed.flags[s] & Editors.BURST_FIRED) == 0) {
                ed.flags[s] |= Editors.BURST_FIRED;
                events |= BURST;
                count = ed.count[s];
            }
        }
        ed.lastSeen[s] = t;

        // the page
        Pages pg = pages;
        int p = pg.slot(Hash.of(wiki, e.title() == null ? "" : e.title(), 0), t);
        pg.lastSeen[p] = t;
        if (pg.lastRevert[p] != 0 && t - pg.lastRevert[p] < 3_600) {
            features |= Feature.PAGEREVERTED.bit();
        }
        if (watched) {
            int n = pg.addEditor(p, (int) (userKey ^ userKey >>> 32) | 1, t, l.brigadeSeconds());
            if (n >= l.brigadeEditors() && (pg.brigadeAt[p] == 0 || t - pg.brigadeAt[p] >= l.brigadeSeconds())) {
                pg.brigadeAt[p] = t;
                events |= BRIGADE;
                if (count == 0) {
                    count = n;
                }
            }
        }
        boolean revert = e.revert() == RcEvent.SummaryKind.ROLLBACK || e.revert() == RcEvent.SummaryKind.UNDO;
        if (revert) {
            int n = pg.addRevert(p, t, l.editwarSeconds());
            if (n >= l.editwarReverts() && (pg.editwarAt[p] == 0 || t - pg.editwarAt[p] >= l.editwarSeconds())) {
                pg.editwarAt[p] = t;
                events |= EDITWAR;
            }
            pg.lastRevert[p] = t;
            String reverted = e.revertedUser();
            if (reverted != null && !reverted.isEmpty() && !reverted.equals(user)) {
                int r = ed.slot(Hash.of(wiki, reverted, 0), t);
                ed.revertedAt[r] = t;
                ed.flags[r] |= Editors.PENDING;
            }
        }
    }

    private void observeLog(RcEvent e, LogAction log, String wiki, int t, Limits l) {
        if (log == null || !"newusers".equals(log.type())) {
            return;
        }
        String action = log.action();
        boolean byOther = "create2".equals(action) || "byemail".equals(action);
        String account = byOther ? stripNamespace(log.target()) : e.user();
        if (account == null || account.isEmpty()) {
            return;
        }
        Editors ed = editors;
        int s = ed.slot(Hash.of(wiki, account, 0), t);
        ed.createdAt[s] = t;
        int n = 0;
        if (byOther && e.user() != null) {
            n = windowCount(ed.slot(Hash.of(wiki, e.user(), SALT_CREATOR), t), t, l);
        }
        if (Hash.hasDigit(account)) {
            n = Math.max(n, windowCount(ed.slot(Hash.pattern(wiki, account, SALT_PATTERN), t), t, l));
        }
        if (n == l.brigadeEditors()) {
            events |= BRIGADE;
            count = n;
        }
    }

    // accounts in the current window of a creator or name pattern (the count field of a salted editor slot)
    private int windowCount(int s, int t, Limits l) {
        Editors ed = editors;
        if (ed.winStart[s] == 0 || t - ed.winStart[s] >= l.brigadeSeconds()) {
            ed.winStart[s] = t;
            ed.count[s] = 0;
        }
        if (ed.count[s] < Short.MAX_VALUE) {
            ed.count[s]++;
        }
        ed.lastSeen[s] = t;
        return ed.count[s];
    }

    private static String stripNamespace(String target) {
        if (target == null) {
            return null;
        }
        int colon = target.indexOf(':');
        return colon >= 0 ? target.substring(colon + 1) : target;
    }

    /** Editors (and creators, name patterns) remembered now. */
    public int editors() {
        return editors.size;
    }

    /** Pages remembered now. */
    public int pages() {
        return pages.size;
    }

    /** Slots allocated, editors and pages: what the memory follows. */
    public long slots() {
        return (long) editors.keys.length + pages.keys.length;
    }

    /** 64-bit hashes of names, without allocating. */
    static final class Hash {
        private Hash() {
        }

        static long of(String wiki, String name, long salt) {
            long h = 0xcbf29ce484222325L ^ salt;
            for (int i = 0, n = wiki.length(); i < n; i++) {
                h = (h ^ wiki.charAt(i)) * 0x100000001b3L;
            }
            h = (h ^ 0x1F) * 0x100000001b3L;
            for (int i = 0, n = name.length(); i < n; i++) {
                h = (h ^ name.charAt(i)) * 0x100000001b3L;
            }
            return mix(h);
        }

        /** A name without its digits ({@code Foo12} and {@code Foo7} are one pattern). */
        static long pattern(String wiki, String name, long salt) {
            long h = 0xcbf29ce484222325L ^ salt;
            for (int i = 0, n = wiki.length(); i < n; i++) {
                h = (h ^ wiki.charAt(i)) * 0x100000001b3L;
            }
            h = (h ^ 0x1F) * 0x100000001b3L;
            for (int i = 0, n = name.length(); i < n; i++) {
                char c = name.charAt(i);
                if (c < '0' || c > '9') {
                    h = (h ^ Character.toLowerCase(c)) * 0x100000001b3L;
                }
            }
            return mix(h);
        }

        static boolean hasDigit(String s) {
            for (int i = 0, n = s.length(); i < n; i++) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9') {
                    return true;
                }
            }
            return false;
        }

        private static long mix(long h) {
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            return h == 0 ? 1 : h;
        }
    }

    /** Open addressing over parallel arrays; 0 is the empty key. Rebuilt (stale entries dropped) when half full. */
    abstract static class Table {
        long[] keys;
        int[] lastSeen;
        int size;
        int mask;
        final int maxSlots;

        Table(int slots, int maxSlots) {
            this.maxSlots = Integer.highestOneBit(Math.max(16, maxSlots));
            allocate(Math.min(Integer.highestOneBit(Math.max(16, slots)), this.maxSlots));
        }

        abstract void allocate(int slots);

        /** Copies entry {@code from} of the old arrays ({@link #keys} etc. before {@link #allocate}) to slot {@code to}. */
        abstract void copy(Table old, int from, int to);

        /** When the entry was last touched (seen, reverted, created). */
        abstract int touched(int i);

        abstract Table emptyCopy();

        final int slot(long key, int now) {
            int i = (int) key & mask;
            long k;
            while ((k = keys[i]) != 0) {
                if (k == key) {
                    return i;
                }
                i = (i + 1) & mask;
            }
            if (size + 1 > (mask + 1) >> 1) {
                rebuild(now);
                return slot(key, now);
            }
            keys[i] = key;
            size++;
            return i;
        }

        /** Drops entries older than a day; grows if still too full, and past the maximum drops the oldest. */
        private void rebuild(int now) {
            int cap = mask + 1;
            int age = DAY;
            int live = countLive(now, age);
            int want = cap;
            while (live + 1 > want >> 1 && want < maxSlots) {
                want <<= 1;
            }
            while (live + 1 > want >> 1 && age > 1) {
                age >>= 1;
                live = countLive(now, age);
            }
            Table old = emptyCopy();
            old.keys = keys;
            old.lastSeen = lastSeen;
            keepArrays(old);
            allocate(want);
            size = 0;
            for (int j = 0; j < old.keys.length; j++) {
                long k = old.keys[j];
                if (k == 0 || now - old.touched(j) >= age) {
                    continue;
                }
                int i = (int) k & mask;
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                copy(old, j, i);
                size++;
            }
        }

        private int countLive(int now, int age) {
            int live = 0;
            for (int j = 0; j < keys.length; j++) {
                if (keys[j] != 0 && now - touched(j) < age) {
                    live++;
                }
            }
            return live;
        }

        /** Moves this table's other arrays to {@code old}, before new ones are allocated. */
        abstract void keepArrays(Table old);
    }

    static final class Editors extends Table {
        static final byte PENDING = 1;
        static final byte BURST_FIRED = 2;
        int[] winStart;
        short[] count;
        short[] creations;
        int[] revertedAt;
        int[] createdAt;
        byte[] flags;

        Editors(int slots, int maxSlots) {
            super(slots, maxSlots);
        }

        @Override
        void allocate(int slots) {
            keys = new long[slots];
            lastSeen = new int[slots];
            winStart = new int[slots];
            count = new short[slots];
            creations = new short[slots];
            revertedAt = new int[slots];
            createdAt = new int[slots];
            flags = new byte[slots];
            mask = slots - 1;
        }

        @Override
        Table emptyCopy() {
            return new Editors(16, 16);
        }

        @Override
        void keepArrays(Table o) {
            Editors old = (Editors) o;
            old.winStart = winStart;
            old.count = count;
            old.creations = creations;
            old.revertedAt = revertedAt;
            old.createdAt = createdAt;
            old.flags = flags;
        }

        @Override
        void copy(Table o, int from, int to) {
            Editors old = (Editors) o;
            lastSeen[to] = old.lastSeen[from];
            winStart[to] = old.winStart[from];
            count[to] = old.count[from];
            creations[to] = old.creations[from];
            revertedAt[to] = old.revertedAt[from];
            createdAt[to] = old.createdAt[from];
            flags[to] = old.flags[from];
        }

        @Override
        int touched(int i) {
            return Math.max(lastSeen[i], Math.max(revertedAt[i], createdAt[i]));
        }
    }

    static final class Pages extends Table {
        int[] editor;   // RING fingerprints per page
        int[] editorAt; // RING times per page
        int[] revertAt; // RING times per page
        int[] lastRevert;
        int[] brigadeAt;
        int[] editwarAt;

        Pages(int slots, int maxSlots) {
            super(slots, maxSlots);
        }

        @Override
        void allocate(int slots) {
            keys = new long[slots];
            lastSeen = new int[slots];
            editor = new int[slots * RING];
            editorAt = new int[slots * RING];
            revertAt = new int[slots * RING];
            lastRevert = new int[slots];
            brigadeAt = new int[slots];
            editwarAt = new int[slots];
            mask = slots - 1;
        }

        @Override
        Table emptyCopy() {
            return new Pages(16, 16);
        }

        @Override
        void keepArrays(Table o) {
            Pages old = (Pages) o;
            old.editor = editor;
            old.editorAt = editorAt;
            old.revertAt = revertAt;
            old.lastRevert = lastRevert;
            old.brigadeAt = brigadeAt;
            old.editwarAt = editwarAt;
        }

        @Override
        void copy(Table o, int from, int to) {
            Pages old = (Pages) o;
            lastSeen[to] = old.lastSeen[from];
            System.arraycopy(old.editor, from * RING, editor, to * RING, RING);
            System.arraycopy(old.editorAt, from * RING, editorAt, to * RING, RING);
            System.arraycopy(old.revertAt, from * RING, revertAt, to * RING, RING);
            lastRevert[to] = old.lastRevert[from];
            brigadeAt[to] = old.brigadeAt[from];
            editwarAt[to] = old.editwarAt[from];
        }

        @Override
        int touched(int i) {
            return lastSeen[i];
        }

        /** Records an editor on a page; returns the distinct editors seen there within the window. */
        int addEditor(int p, int fp, int t, int window) {
            int base = p * RING;
            int oldest = base;
            int found = -1;
            for (int i = base; i < base + RING; i++) {
                if (editor[i] == fp) {
                    found = i;
                }
                if (editorAt[i] < editorAt[oldest]) {
                    oldest = i;
                }
            }
            int at = found >= 0 ? found : oldest;
            editor[at] = fp;
            editorAt[at] = t;
            int n = 0;
            for (int i = base; i < base + RING; i++) {
                if (editor[i] != 0 && t - editorAt[i] < window) {
                    n++;
                }
            }
            return n;
        }

        /** Records a revert on a page; returns the reverts there within the window. */
        int addRevert(int p, int t, int window) {
            int base = p * RING;
            int oldest = base;
            for (int i = base; i < base + RING; i++) {
                if (revertAt[i] < revertAt[oldest]) {
                    oldest = i;
                }
            }
            revertAt[oldest] = t;
            int n = 0;
            for (int i = base; i < base + RING; i++) {
                if (revertAt[i] != 0 && t - revertAt[i] < window) {
                    n++;
                }
            }
            return n;
        }
    }
}
