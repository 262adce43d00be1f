package org.vigie.lists;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The lists in memory: the copy that the per-event path reads.
 *
 * <p>Users and titles are indexed by their normalised name ({@link #key}), all their lists and wikis under one key
 * ({@link NameIndex}); words and accounts by (kind, wiki, key). Entries under {@link Entry#GLOBAL} apply to every wiki;
 * the wiki's own entry is consulted first. Word lists also keep one {@link WordMatcher} per (kind, wiki), rebuilt when,
 * and only when, that list changes.
 *
 * <p>The patrol asks about the same editor several times in a row (admin? bot? white? black? grey?): each reading
 * thread remembers the last name it looked up, by identity, with the index version it saw, so that a name is
 * normalised and hashed once per change, not once per list. The patrol thread reads through its own {@link #reader()},
 * which keeps that memory in plain fields; other threads reading this object directly keep it in a thread-local.
 *
 * <p>Threads: one writer at a time (the store serialises its writes) and any number of readers. Reads take no lock:
 * the maps are concurrent, values are replaced whole, and a rebuilt matcher is published with its kind's others in a
 * single array write.
 */
public final class Lists implements ListView {

    private final NameIndex users = new NameIndex();
    private final NameIndex pages = new NameIndex();
    private final Map<ListKind, ConcurrentHashMap<String, ConcurrentHashMap<String, Entry>>> index =
            new EnumMap<>(ListKind.class);
    private final AtomicLongArray counts = new AtomicLongArray(ListKind.values().length);
    /**
     * The word matchers, by kind: the global matcher and the per-wiki ones, replaced whole by the writer after each
     * change (readers take no lock), so that a summary costs no map lookup for the wikis that have no list of their own.
     */
    private final AtomicReferenceArray<WordLists> published = new AtomicReferenceArray<>(ListKind.values().length);

    /** The matchers of one word list: its global one (or null) and those of single wikis (often none). */
    private record WordLists(WordMatcher global, Map<String, WordMatcher> byWiki) {
        static final WordLists NONE = new WordLists(null, Map.of());
    }
    /** Bumped by the writer after every change of a name index, so that no reader trusts an older memo. */
    private volatile long version;
    private final ThreadLocal<Memo[]> memos = ThreadLocal.withInitial(() -> new Memo[] {new Memo(), new Memo()});

    /** The last name a thread looked up in one name index, and what it found. */
    private static final class Memo {
        String item;
        long version = -1;
        Object value;
    }

    public Lists() {
        // Filled once here and never changed structurally afterwards, so that readers may use the EnumMap unlocked.
        for (ListKind k : ListKind.values()) {
            if (!isByName(k)) {
                index.put(k, new ConcurrentHashMap<>());
            }
            published.set(k.ordinal(), WordLists.NONE);
        }
    }

    private static final boolean[] BY_NAME = new boolean[ListKind.values().length];

    static {
        for (ListKind k : ListKind.values()) {
            BY_NAME[k.ordinal()] = k.itemType() == ListKind.ItemType.USER || k.itemType() == ListKind.ItemType.PAGE;
        }
    }

    private static boolean isByName(ListKind k) {
        return BY_NAME[k.ordinal()];
    }

    private NameIndex names(ListKind k) {
        return k.itemType() == ListKind.ItemType.USER ? users : pages;
    }

    /**
     * The key under which an item is indexed: MediaWiki's normal form for users and titles ({@link Names#normalise}),
     * a title's built-in namespace written with its canonical English name ({@link PageNames#key}),
     * the case-folded word for a plain word, the expression as written for {@code /…/}, lower case for IRC accounts and
     * masks. May be empty for an item that is only spaces.
     */
    public static String key(ListKind kind, String item) {
        return switch (kind.itemType()) {
            case USER -> Names.normalise(item);
            case PAGE -> PageNames.key(Names.normalise(item));
            case WORD -> WordMatcher.isRegex(item) ? item : foldWord(item);
            case ACCOUNT -> item.toLowerCase(Locale.ROOT);
        };
    }

    private static String foldWord(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (WordMatcher.fold(c) != c) {
                char[] cs = w.toCharArray();
                for (int k = i; k < cs.length; k++) {
                    cs[k] = WordMatcher.fold(cs[k]);
                }
                return new String(cs);
            }
        }
        return w;
    }

    // ------------------------------------------------------------------ reads (hot path)

    @Override
    public Entry find(ListKind kind, String wiki, String item, long nowMillis) {
        if (item == null || counts.get(kind.ordinal()) == 0) {
            return null;
        }
        if (isByName(kind)) {
            return NameIndex.pick(lookup(kind, item, memos.get(), false), kind, wiki, nowMillis);
        }
        return findByKey(kind, wiki, item, nowMillis);
    }

    /**
     * A view of these lists for one reading thread (the patrol's): the same answers as this object for the names
     * MediaWiki writes (see {@link Names#normaliseFromWiki}: the Unicode spaces and bidi marks it never sends are not
     * looked for), with the last names looked up remembered in the view's own fields rather than fetched from a
     * thread-local at every question. Not to be shared between threads.
     */
    public ListView reader() {
        return new Reader();
    }

    private final class Reader implements ListView {
        private final Memo[] own = {new Memo(), new Memo()};

        @Override
        public Entry find(ListKind kind, String wiki, String item, long nowMillis) {
            if (item == null || counts.get(kind.ordinal()) == 0) {
                return null;
            }
            if (isByName(kind)) {
                return NameIndex.pick(lookup(kind, item, own, true), kind, wiki, nowMillis);
            }
            return findByKey(kind, wiki, item, nowMillis);
        }

        /** By kind: the global matcher last read and this reader's scratch for it. */
        private final WordMatcher[] owners = new WordMatcher[ListKind.values().length];
        private final WordMatcher.Scratch[] scratches = new WordMatcher.Scratch[ListKind.values().length];

        @Override
        public WordMatch findWord(ListKind kind, String wiki, String text, long nowMillis) {
            return Lists.this.findWord(kind, wiki, text, nowMillis, this);
        }

        /** This reader's scratch for the global matcher of a kind, made anew when the matcher was rebuilt. */
        WordMatcher.Scratch scratch(ListKind kind, WordMatcher global) {
            int k = kind.ordinal();
            if (owners[k] != global) {
                owners[k] = global;
                scratches[k] = global.newScratch();
            }
            return scratches[k];
        }
    }

    /** An entry on a list indexed by (kind, wiki, key): words and accounts. */
    private Entry findByKey(ListKind kind, String wiki, String item, long nowMillis) {
        ConcurrentHashMap<String, ConcurrentHashMap<String, Entry>> byWiki = index.get(kind);
        String k = key(kind, item);
        if (wiki != null && !Entry.GLOBAL.equals(wiki)) {
            Entry e = live(byWiki.get(wiki), k, nowMillis);
            if (e != null) {
                return e;
            }
        }
        return live(byWiki.get(Entry.GLOBAL), k, nowMillis);
    }

    /** The entries of a name on the user or page lists, remembered in the reader's memos for the next question. */
    private Object lookup(ListKind kind, String item, Memo[] memo, boolean fromWiki) {
        boolean user = kind.itemType() == ListKind.ItemType.USER;
        Memo m = memo[user ? 0 : 1];
        long v = version;
        if (m.item == item && m.version == v) {
            return m.value;
        }
        String normal = fromWiki ? Names.normaliseFromWiki(item) : Names.normalise(item);
        Object value = user ? users.get(normal) : page(normal);
        m.item = item;
        m.version = v;
        m.value = value;
        return value;
    }

    /**
     * The entries of a title in normal form, its namespace read under any of its names: a built-in namespace's other
     * name ({@code Fichier:}, {@code Image:}) is looked up as the canonical one ({@code File:}) in place.
     */
    private Object page(String normal) {
        if (normal == null) {
            return null;
        }
        int colon = normal.indexOf(':');
        if (colon <= 0) {
            return pages.get(normal);
        }
        String canonical = PageNames.canonicalPrefix(normal, colon);
        if (canonical == null || colon + 1 >= normal.length()) {
            return pages.get(normal);
        }
        char first = normal.charAt(colon + 1);
        char up = Names.upperFirst(first);
        if (up == first && canonical.length() == colon && normal.startsWith(canonical)) {
            return pages.get(normal);
        }
        if (Character.isSurrogate(first)) {
            return pages.get(PageNames.key(normal));
        }
        return pages.get(canonical, normal, colon, up);
    }

    private static Entry live(ConcurrentHashMap<String, Entry> items, String key, long nowMillis) {
        if (items == null) {
            return null;
        }
        Entry e = items.get(key);
        return e == null || e.expiredAt(nowMillis) ? null : e;
    }

    @Override
    public WordMatch findWord(ListKind kind, String wiki, String text, long nowMillis) {
        return findWord(kind, wiki, text, nowMillis, null);
    }

    /** The wiki's own list first, then the global one (with the reader's own scratch when a reader asks). */
    private WordMatch findWord(ListKind kind, String wiki, String text, long nowMillis, Reader reader) {
        WordLists w = published.get(kind.ordinal());
        if (text == null) {
            return null;
        }
        if (!w.byWiki().isEmpty() && wiki != null) {
            WordMatch hit = wikiWord(w, wiki, text, nowMillis);
            if (hit != null) {
                return hit;
            }
        }
        WordMatcher global = w.global();
        if (global == null) {
            return null;
        }
        return reader == null ? global.find(text, nowMillis) : global.find(text, nowMillis, reader.scratch(kind, global));
    }

    /** The match of the wiki's own list of that kind, if it has one. */
    private static WordMatch wikiWord(WordLists w, String wiki, String text, long nowMillis) {
        WordMatcher m = w.byWiki().get(wiki);
        return m == null ? null : m.find(text, nowMillis);
    }

    /** Publishes the matcher of one word list on one wiki ({@code null}: that list is now empty). Writer only. */
    private void publish(ListKind kind, String wiki, WordMatcher m) {
        WordLists old = published.get(kind.ordinal());
        WordMatcher global = old.global();
        Map<String, WordMatcher> own = old.byWiki();
        if (Entry.GLOBAL.equals(wiki)) {
            global = m;
        } else {
            Map<String, WordMatcher> copy = new HashMap<>(own);
            if (m == null) {
                copy.remove(wiki);
            } else {
                copy.put(wiki, m);
            }
            own = Map.copyOf(copy);
        }
        published.set(kind.ordinal(), own.isEmpty() && global == null ? WordLists.NONE : new WordLists(global, own));
    }

    // ------------------------------------------------------------------ writes (one writer)

    /**
     * Adds or replaces an entry.
     *
     * @return the entry it replaced (expired or not), or {@code null}
     * @throws IllegalArgumentException for an empty item or an invalid expression; nothing is changed then
     */
    public Entry put(Entry e) {
        String k = key(e.kind(), e.item());
        if (k.isEmpty()) {
            throw new IllegalArgumentException("empty item");
        }
        if (e.kind().isWordList()) {
            WordMatcher.validate(e.item());
        }
        Entry previous = store(k, e);
        if (isByName(e.kind())) {
            version++;
        }
        if (e.kind().isWordList()) {
            rebuild(e.kind(), e.wiki());
        }
        return previous;
    }

    /** Writes one entry in its index and keeps the count; returns the entry replaced. */
    private Entry store(String k, Entry e) {
        Entry previous = isByName(e.kind()) ? names(e.kind()).put(k, e)
                : index.get(e.kind()).computeIfAbsent(e.wiki(), w -> new ConcurrentHashMap<>()).put(k, e);
        if (previous == null) {
            counts.incrementAndGet(e.kind().ordinal());
        }
        return previous;
    }

    /**
     * Adds or replaces many entries, rebuilding each touched word list once (loading, imports).
     * Entries that {@link #put} would refuse are skipped.
     *
     * @return how many were refused
     */
    public int putAll(Collection<Entry> entries) {
        int refused = 0;
        Map<ListKind, java.util.Set<String>> touched = new EnumMap<>(ListKind.class);
        for (Entry e : entries) {
            String k = key(e.kind(), e.item());
            if (k.isEmpty()) {
                refused++;
                continue;
            }
            if (e.kind().isWordList()) {
                try {
                    WordMatcher.validate(e.item());
                } catch (IllegalArgumentException ex) {
                    refused++;
                    continue;
                }
                touched.computeIfAbsent(e.kind(), x -> new java.util.HashSet<>()).add(e.wiki());
            }
            store(k, e);
        }
        version++;
        touched.forEach((kind, wikis) -> wikis.forEach(w -> rebuild(kind, w)));
        return refused;
    }

    /** Removes the entry of that item (written in any equivalent form); returns it, or {@code null}. */
    public Entry remove(ListKind kind, String wiki, String item) {
        Entry removed;
        if (isByName(kind)) {
            removed = names(kind).remove(key(kind, item), kind, wiki);
            version++;
        } else {
            ConcurrentHashMap<String, Entry> items = index.get(kind).get(wiki);
            removed = items == null ? null : items.remove(key(kind, item));
        }
        if (removed != null) {
            counts.decrementAndGet(kind.ordinal());
            if (kind.isWordList()) {
                rebuild(kind, wiki);
            }
        }
        return removed;
    }

    /**
     * Moves every page entry whose key changed (new namespace names were learned) to its new key. Writer only.
     *
     * @return how many entries moved
     */
    public int rekeyPages() {
        int moved = pages.rekey(e -> key(e.kind(), e.item()));
        if (moved > 0) {
            version++;
        }
        return moved;
    }

    /** Removes every entry of one kind on one wiki; returns how many. */
    public int clear(ListKind kind, String wiki) {
        int n;
        if (isByName(kind)) {
            n = names(kind).removeIf(e -> e.kind() == kind && e.wiki().equals(wiki)).size();
            version++;
        } else {
            ConcurrentHashMap<String, Entry> items = index.get(kind).remove(wiki);
            if (kind.isWordList()) {
                publish(kind, wiki, null);
            }
            n = items == null ? 0 : items.size();
        }
        counts.addAndGet(kind.ordinal(), -n);
        return n;
    }

    /** Removes everything. */
    public void clear() {
        users.clear();
        pages.clear();
        for (ListKind k : ListKind.values()) {
            if (!isByName(k)) {
                index.get(k).clear();
            }
            published.set(k.ordinal(), WordLists.NONE);
            counts.set(k.ordinal(), 0);
        }
        version++;
    }

    /** Removes the entries expired at that time; returns how many. */
    public int sweep(long nowMillis) {
        int removed = 0;
        for (NameIndex names : List.of(users, pages)) {
            for (Entry e : names.removeIf(e -> e.expiredAt(nowMillis))) {
                counts.decrementAndGet(e.kind().ordinal());
                removed++;
            }
        }
        version++;
        for (ListKind k : ListKind.values()) {
            if (isByName(k)) {
                continue;
            }
            for (Map.Entry<String, ConcurrentHashMap<String, Entry>> w : index.get(k).entrySet()) {
                int before = removed;
                for (Map.Entry<String, Entry> it : w.getValue().entrySet()) {
                    if (it.getValue().expiredAt(nowMillis) && w.getValue().remove(it.getKey(), it.getValue())) {
                        counts.decrementAndGet(k.ordinal());
                        removed++;
                    }
                }
                if (removed != before && k.isWordList()) {
                    rebuild(k, w.getKey());
                }
            }
        }
        return removed;
    }

    private void rebuild(ListKind kind, String wiki) {
        ConcurrentHashMap<String, Entry> items = index.get(kind).get(wiki);
        publish(kind, wiki, items == null || items.isEmpty() ? null : WordMatcher.compile(items.values()));
    }

    // ------------------------------------------------------------------ snapshots

    /** Every entry of one kind, all wikis, expired ones included until the sweep. A copy. */
    public List<Entry> entries(ListKind kind) {
        if (isByName(kind)) {
            return names(kind).collect(e -> e.kind() == kind);
        }
        List<Entry> all = new ArrayList<>();
        for (ConcurrentHashMap<String, Entry> items : index.get(kind).values()) {
            all.addAll(items.values());
        }
        return all;
    }

    /** The live entries of one kind at that time, all wikis. A copy. */
    public List<Entry> entries(ListKind kind, long nowMillis) {
        List<Entry> all = entries(kind);
        all.removeIf(e -> e.expiredAt(nowMillis));
        return all;
    }

    /** The entries of one kind on one wiki (not the global ones). A copy. */
    public List<Entry> entries(ListKind kind, String wiki) {
        if (isByName(kind)) {
            return names(kind).collect(e -> e.kind() == kind && e.wiki().equals(wiki));
        }
        ConcurrentHashMap<String, Entry> items = index.get(kind).get(wiki);
        return items == null ? new ArrayList<>() : new ArrayList<>(items.values());
    }

    /**
     * Every live entry of that item on any wiki: a user or title on the user and page lists, and a word or
     * {@code /regex/} on the word lists (compared as the word lists compare it, so that {@code show} finds what
     * {@code del} and {@code test} find). Accounts of the operator list are left out: they are not wiki items.
     */
    public List<Entry> entriesFor(String item, long nowMillis) {
        List<Entry> found = new ArrayList<>();
        if (item == null) {
            return found;
        }
        for (ListKind kind : ListKind.values()) {
            if (!kind.isWordList() || counts.get(kind.ordinal()) == 0) {
                continue;
            }
            String wk = key(kind, item);
            for (ConcurrentHashMap<String, Entry> items : index.get(kind).values()) {
                Entry e = items.get(wk);
                if (e != null && !e.expiredAt(nowMillis)) {
                    found.add(e);
                }
            }
        }
        String k = Names.normalise(item);
        if (k == null || k.isEmpty()) {
            return found;
        }
        for (NameIndex names : List.of(users, pages)) {
            Object v = names == users ? names.get(k) : names.get(PageNames.key(k));
            if (v instanceof Entry e) {
                v = new Entry[] {e};
            }
            if (v != null) {
                for (ListKind kind : ListKind.values()) {
                    for (Entry e : (Entry[]) v) {
                        if (e.kind() == kind && !e.expiredAt(nowMillis)) {
                            found.add(e);
                        }
                    }
                }
            }
        }
        return found;
    }

    /** The number of entries held, expired ones included until the sweep. */
    public long size() {
        long n = 0;
        for (int i = 0; i < counts.length(); i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The number of entries of one kind. */
    public long size(ListKind kind) {
        return counts.get(kind.ordinal());
    }
}
