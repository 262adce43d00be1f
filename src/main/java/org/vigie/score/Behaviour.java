package org.vigie.score;

import org.vigie.feed.LogAction;
import org.vigie.feed.RcEvent;

/**
 * Behaviour across changes: bursts of one editor, brigades on one page (or of new accounts from one creator or one
 * name pattern), edit wars, and editors reverted earlier. Pure and single-threaded (the patrol thread), time only
 * through the {@code now} it is given.
 *
 * <p>Memory is bounded: editors and pages live in open-addressing tables of packed primitive arrays keyed by a 64-bit
 * hash of (wiki, name) — no string is kept — and an entry nobody touched for a day is dropped when the table next grows.
 * A page gets a slot only when a logged-out or new editor or a revert touches it. An
 * editor costs 32 bytes a slot (one read of half a cache line) at a load of at most one half: a million editors fit in
 * about 64 MB; a page 72 bytes (its key in a dense array, its state in one cache line) (measured by
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
    /** At most this many editor slots (2^21: a million editors at a load of one half, 32 bytes a slot). */
    public static final int MAX_SLOTS = 1 << 21;
    /** At most this many page slots (2^18, 64 bytes a slot): pages older than the windows matter little. */
    public static final int MAX_PAGE_SLOTS = 1 << 18;
    /** How long after being reverted an editor's next change raises {@code reverted}. */
    static final int REVERTED_WINDOW = 3_600;
    /** Distinct editors remembered per page for brigades. */
    public static final int RING = 4;
    /** Reverts remembered per page for edit wars. */
    public static final int REVERT_RING = 3;

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
        observe(e, anonymous, false, nowMillis, l);
    }

    /**
     * As {@link #observe(RcEvent, boolean, long, Limits)}; a {@code trusted} editor (a bot, an admin: about half the
     * feed, and never reported for their behaviour) is not remembered — only what their reverts say of others and
     * of the page.
     */
    public void observe(RcEvent e, boolean anonymous, boolean trusted, long nowMillis, Limits l) {
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
        long wikiHash = wikiHash(wiki);
        Editors ed = editors;
        long f = 0;
        boolean watched = false;
        long userKey = 0;
        if (!trusted) {
            userKey = Hash.finish(wikiHash, user);
            int s = ed.slot(userKey, t);
            long[] d = ed.data;
            int i = s << 2;
            long seen = d[i + 1];
            int lastSeen = (int) (seen >>> 32);
            int winStart = (int) seen;
            long marks = d[i + 2];
            int revertedAt = (int) (marks >>> 32);
            int createdAt = (int) marks;
            long c = d[i + 3];
            int n = (int) (c >>> 32) & 0xffff;
            int creations = (int) (c >>> 16) & 0xffff;
            int flags = (int) c & 0xffff;
            if (lastSeen == 0 || t - lastSeen >= DAY) {
                f |= Feature.FIRSTSEEN.bit();
            }
            boolean newAccount = createdAt != 0 && t - createdAt < DAY;
            if (newAccount) {
                f |= Feature.NEWACCOUNT.bit();
            }
            if (revertedAt != 0 && t - revertedAt < DAY) {
                f |= Feature.REVERTEDTODAY.bit();
                if ((flags & Editors.PENDING) != 0) {
                    flags &= ~Editors.PENDING;
                    if (t - revertedAt <= REVERTED_WINDOW) {
                        events |= REVERTED;
                    }
                }
            }
            // burst
            if (winStart == 0 || t - winStart >= l.burstSeconds()) {
                winStart = t;
                n = 0;
                creations = 0;
                flags &= ~Editors.BURST_FIRED;
            }
            if (n < 0xffff) {
                n++;
            }
            if (e.kind() == RcEvent.Kind.NEW && creations < 0xffff) {
                creations++;
            }
            watched = anonymous || newAccount;
            int limit = watched ? l.burstEdits() : l.burstOthers();
            if (n >= limit || (watched && creations >= l.burstCreations())) {
                f |= Feature.BURST.bit();
                if ((flags & Editors.BURST_FIRED) == 0) {
                    flags |= Editors.BURST_FIRED;
                    events |= BURST;
                    count = n;
                }
            }
            d[i + 1] = (long) t << 32 | (winStart & 0xffffffffL);
            d[i + 3] = (long) n << 32 | (long) creations << 16 | flags;
        }

        // the page: remembered only when a logged-out or new editor or a revert touches it; otherwise only read, and
        // only if the change gets scored (pageReverted)
        boolean revert = e.revert() == RcEvent.SummaryKind.ROLLBACK || e.revert() == RcEvent.SummaryKind.UNDO;
        lastT = t;
        lastWikiHash = wikiHash;
        pageRead = false;
        if (watched || revert) {
            Pages pg = pages;
            int p = pg.slot(Hash.finish(wikiHash, e.title() == null ? "" : e.title()), t);
            pageRead = true;
            int[] pd = pg.data;
            int b = p << 4;
            int lastRevert = pg.lastRevert(b);
            if (lastRevert != 0 && t - lastRevert < 3_600) {
                f |= Feature.PAGEREVERTED.bit();
            }
            if (watched) {
                int k = pg.addEditor(b, (int) (userKey ^ userKey >>> 32) | 1, t, l.brigadeSeconds());
                if (k >= l.brigadeEditors() && (pd[b + Pages.BRIGADE_AT] == 0
                        || t - pd[b + Pages.BRIGADE_AT] >= l.brigadeSeconds())) {
                    pd[b + Pages.BRIGADE_AT] = t;
                    events |= BRIGADE;
                    if (count == 0) {
                        count = k;
                    }
                }
            }
            if (revert) {
                int k = pg.addRevert(b, t, l.editwarSeconds());
                if (k >= l.editwarReverts() && (pd[b + Pages.EDITWAR_AT] == 0
                        || t - pd[b + Pages.EDITWAR_AT] >= l.editwarSeconds())) {
                    pd[b + Pages.EDITWAR_AT] = t;
                    events |= EDITWAR;
                }
            }
            pd[b + Pages.TOUCHED] = t;
        }
        features = f;
        if (revert) {
            String reverted = e.revertedUser();
            if (reverted != null && !reverted.isEmpty() && !reverted.equals(user)) {
                int r = ed.slot(Hash.finish(wikiHash, reverted), t) << 2;
                long[] d2 = ed.data; // the slot call may have grown the table
                d2[r + 2] = (long) t << 32 | (d2[r + 2] & 0xffffffffL);
                d2[r + 3] |= Editors.PENDING;
            }
        }
    }

    // the page check deferred for a change that did not touch the page's state (see observe)
    private int lastT;
    private long lastWikiHash;
    private boolean pageRead;
    // wiki names come from the parser's own cache, so a few identical objects: their hash state is kept
    private final String[] wikiNames = new String[64];
    private final long[] wikiHashes = new long[64];

    private long wikiHash(String wiki) {
        int i = wiki.hashCode() & 63;
        if (wikiNames[i] == wiki) {
            return wikiHashes[i];
        }
        long h = Hash.start(wiki, 0);
        wikiNames[i] = wiki;
        wikiHashes[i] = h;
        return h;
    }

    /**
     * Whether the page of the last change observed (an edit) was reverted within the hour before it: in
     * {@link #features} already when the change touched the page's state, looked up now otherwise.
     */
    public boolean pageReverted(RcEvent e) {
        if (pageRead) {
            return (features & Feature.PAGEREVERTED.bit()) != 0;
        }
        int p = pages.find(Hash.finish(lastWikiHash, e.title() == null ? "" : e.title()));
        if (p < 0) {
            return false;
        }
        int lastRevert = pages.lastRevert(p << 4);
        return lastRevert != 0 && lastT - lastRevert < 3_600;
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
        int s = ed.slot(Hash.of(wiki, account, 0), t) << 2;
        ed.data[s + 2] = (ed.data[s + 2] & 0xffffffff00000000L) | (t & 0xffffffffL);
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

    // accounts in the current window of a creator or name pattern (the count of a salted editor slot)
    private int windowCount(int s, int t, Limits l) {
        long[] d = editors.data;
        int i = s << 2;
        int winStart = (int) d[i + 1];
        int n = (int) (d[i + 3] >>> 32) & 0xffff;
        if (winStart == 0 || t - winStart >= l.brigadeSeconds()) {
            winStart = t;
            n = 0;
        }
        if (n < 0xffff) {
            n++;
        }
        d[i + 1] = (long) t << 32 | (winStart & 0xffffffffL);
        d[i + 3] = (d[i + 3] & 0xffffffffL) | (long) n << 32;
        return n;
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
        return (long) editors.capacity() + pages.capacity();
    }

    /** 64-bit hashes of names, without allocating. */
    static final class Hash {
        private Hash() {
        }

        static long of(String wiki, String name, long salt) {
            return finish(start(wiki, salt), name);
        }

        /** The hash state after the wiki's name, reused for its user and its page. */
        static long start(String wiki, long salt) {
            long h = 0xcbf29ce484222325L ^ salt;
            for (int i = 0, n = wiki.length(); i < n; i++) {
                h = (h ^ wiki.charAt(i)) * 0x100000001b3L;
            }
            return (h ^ 0x1F) * 0x100000001b3L;
        }

        /**
         * A name's key after its wiki's: from the string's own hash code (cached in the string, and usually computed
         * already by the list lookups of the same change), its length and its last two characters, so that two names
         * share a key only if all of these agree (a collision merges two editors' windows, nothing worse).
         */
        static long finish(long start, String name) {
            int n = name.length();
            long tail = n == 0 ? 0 : n == 1 ? name.charAt(0) : (long) name.charAt(n - 1) << 16 | name.charAt(n - 2);
            long h = start ^ ((long) name.hashCode() << 32) ^ (tail * 0x9E3779B97F4A7C15L) ^ n;
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

    /**
     * What the editor and page tables share: open addressing with linear probing on a 64-bit key (0 is the empty key),
     * at a load of at most one half, and the rebuild that drops what nobody touched for a day, grows while still half
     * full and, at the maximum, drops the oldest. Written once here; each table keeps its own storage layout and its own
     * lookup (the hot path).
     */
    abstract static class Table {
        int size;
        int mask;
        final int maxSlots;

        Table(int slots, int maxSlots) {
            this.maxSlots = Integer.highestOneBit(Math.max(16, maxSlots));
            allocate(Math.min(Integer.highestOneBit(Math.max(16, slots)), this.maxSlots));
        }

        /** A {@link #view} over storage of {@code mask + 1} slots, which it does not allocate. */
        Table(int mask) {
            this.maxSlots = mask + 1;
            this.mask = mask;
        }

        /** Replaces the storage by an empty one of {@code slots} slots (a power of two) and sets {@link #mask}. */
        abstract void allocate(int slots);

        /** The key in a slot, 0 when empty. */
        abstract long keyAt(int slot);

        /** When the entry in a slot was last touched. */
        abstract int touchedAt(int slot);

        /** A table over the current storage, kept while {@link #rebuild} moves its entries into new storage. */
        abstract Table view();

        /** Copies slot {@code from} of {@code old} (a {@link #view}) into this table's empty slot {@code to}. */
        abstract void copyFrom(Table old, int from, int to);

        int capacity() {
            return mask + 1;
        }

        /** The first empty slot on a key's probe sequence. */
        final int freeSlot(long key) {
            int i = (int) (key ^ key >>> 32) & mask;
            while (keyAt(i) != 0) {
                i = (i + 1) & mask;
            }
            return i;
        }

        /** Entries touched less than {@code age} seconds before {@code now}. */
        final int live(int now, int age) {
            int n = 0;
            for (int i = 0, c = capacity(); i < c; i++) {
                if (keyAt(i) != 0 && now - touchedAt(i) < age) {
                    n++;
                }
            }
            return n;
        }

        /** Drops entries untouched for a day; grows if still half full; at the maximum, drops the oldest. */
        final void rebuild(int now) {
            int age = DAY;
            int live = live(now, age);
            int want = capacity();
            while (live + 1 > want >> 1 && want < maxSlots) {
                want <<= 1;
            }
            while (live + 1 > want >> 1 && age > 1) {
                age >>= 1;
                live = live(now, age);
            }
            Table old = view();
            allocate(want);
            size = 0;
            for (int j = 0, c = old.capacity(); j < c; j++) {
                long k = old.keyAt(j);
                if (k == 0 || now - old.touchedAt(j) >= age) {
                    continue;
                }
                copyFrom(old, j, freeSlot(k));
                size++;
            }
        }
    }

    /**
     * Editors: four longs a slot — the key; last seen and the burst window's start; reverted at and created at;
     * the window's count, its page creations and flags.
     */
    static final class Editors extends Table {
        static final int PENDING = 1;
        static final int BURST_FIRED = 2;
        long[] data;

        Editors(int slots, int maxSlots) {
            super(slots, maxSlots);
        }

        private Editors(long[] data, int mask) {
            super(mask);
            this.data = data;
        }

        @Override
        void allocate(int slots) {
            data = new long[slots << 2];
            mask = slots - 1;
        }

        @Override
        long keyAt(int slot) {
            return data[slot << 2];
        }

        @Override
        int touchedAt(int slot) {
            long[] d = data;
            int i = slot << 2;
            return Math.max((int) (d[i + 1] >>> 32), Math.max((int) (d[i + 2] >>> 32), (int) d[i + 2]));
        }

        @Override
        Table view() {
            return new Editors(data, mask);
        }

        @Override
        void copyFrom(Table old, int from, int to) {
            System.arraycopy(((Editors) old).data, from << 2, data, to << 2, 4);
        }

        /** The slot of a key, inserted when new; the table may grow (re-read {@link #data} after). */
        int slot(long key, int now) {
            int i = (int) (key ^ key >>> 32) & mask;
            long k;
            while ((k = data[i << 2]) != 0) {
                if (k == key) {
                    return i;
                }
                i = (i + 1) & mask;
            }
            if (size + 1 > (mask + 1) >> 1) {
                rebuild(now);
                return slot(key, now);
            }
            data[i << 2] = key;
            size++;
            return i;
        }
    }

    /**
     * Pages: the keys in a dense array of their own (a lookup that misses, the common case, reads one cache line), and
     * sixteen ints a slot beside them — when last touched, the time of the last brigade and edit war reported,
     * {@link #RING} editor fingerprints and their times, {@link #REVERT_RING} revert times.
     */
    static final class Pages extends Table {
        static final int TOUCHED = 0;
        static final int BRIGADE_AT = 1;
        static final int EDITWAR_AT = 2;
        static final int FP = 3;
        static final int FP_AT = FP + RING;
        static final int REVERT_AT = FP_AT + RING;
        long[] keys;
        int[] data;

        Pages(int slots, int maxSlots) {
            super(slots, maxSlots);
        }

        private Pages(long[] keys, int[] data, int mask) {
            super(mask);
            this.keys = keys;
            this.data = data;
        }

        @Override
        void allocate(int slots) {
            keys = new long[slots];
            data = new int[slots << 4];
            mask = slots - 1;
        }

        @Override
        long keyAt(int slot) {
            return keys[slot];
        }

        @Override
        int touchedAt(int slot) {
            return data[(slot << 4) + TOUCHED];
        }

        @Override
        Table view() {
            return new Pages(keys, data, mask);
        }

        @Override
        void copyFrom(Table old, int from, int to) {
            Pages o = (Pages) old;
            keys[to] = o.keys[from];
            System.arraycopy(o.data, from << 4, data, to << 4, 16);
        }

        /** The slot of a key, or -1. */
        int find(long key) {
            long[] ks = keys;
            int i = (int) (key ^ key >>> 32) & mask;
            long k;
            while ((k = ks[i]) != 0) {
                if (k == key) {
                    return i;
                }
                i = (i + 1) & mask;
            }
            return -1;
        }

        /** The slot of a key, inserted when new. */
        int slot(long key, int now) {
            int i = (int) (key ^ key >>> 32) & mask;
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

        int lastRevert(int b) {
            int m = 0;
            for (int j = b + REVERT_AT; j < b + REVERT_AT + REVERT_RING; j++) {
                m = Math.max(m, data[j]);
            }
            return m;
        }

        /** Records an editor on a page (base index {@code b}); returns the distinct editors there within the window. */
        int addEditor(int b, int fp, int t, int window) {
            int[] d = data;
            int oldest = b + FP_AT;
            int found = -1;
            for (int j = 0; j < RING; j++) {
                if (d[b + FP + j] == fp) {
                    found = j;
                }
                if (d[b + FP_AT + j] < d[oldest]) {
                    oldest = b + FP_AT + j;
                }
            }
            int at = found >= 0 ? found : oldest - b - FP_AT;
            d[b + FP + at] = fp;
            d[b + FP_AT + at] = t;
            int n = 0;
            for (int j = 0; j < RING; j++) {
                if (d[b + FP + j] != 0 && t - d[b + FP_AT + j] < window) {
                    n++;
                }
            }
            return n;
        }

        /** Records a revert on a page; returns the reverts there within the window. */
        int addRevert(int b, int t, int window) {
            int[] d = data;
            int oldest = b + REVERT_AT;
            for (int j = b + REVERT_AT; j < b + REVERT_AT + REVERT_RING; j++) {
                if (d[j] < d[oldest]) {
                    oldest = j;
                }
            }
            d[oldest] = t;
            int n = 0;
            for (int j = b + REVERT_AT; j < b + REVERT_AT + REVERT_RING; j++) {
                if (d[j] != 0 && t - d[j] < window) {
                    n++;
                }
            }
            return n;
        }
    }
}
