package org.vigie.lists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The entries of every user list (or every page list) on every wiki, keyed by the normalised name: one lookup finds
 * all the lists a name is on, which is what the patrol asks for five times in a row for each editor.
 *
 * <p>The value of a name is its only {@link Entry} (the usual case: one list, one wiki) or an {@code Entry[]}. Values
 * are never changed in place: the one writer replaces them whole, so a reader always sees a consistent set.
 */
final class NameIndex {

    /** Bits of the filter of names ever added: 2^20 bits, 128 KiB, small enough to stay in the processor's cache. */
    private static final int FILTER_LOG2 = 20;
    private static final int FILTER_BITS = 1 << FILTER_LOG2;
    private static final int NEAR_LOG2 = 17;
    private static final int NEAR_BITS = 1 << NEAR_LOG2;

    private final ConcurrentHashMap<String, Object> byName = new ConcurrentHashMap<>();
    /**
     * One bit per hash of the names ever added (set before the name is stored, never cleared but by {@link #clear}):
     * most names the feed asks about are on no list, and this answers them without reaching into the large map,
     * whose table and nodes are rarely in cache. Ints, not longs, so that a reader never sees half a write.
     */
    private volatile int[] filter = new int[FILTER_BITS >>> 5];
    /**
     * A second, eight times smaller filter (16 KiB, other bits of the hash), asked first: it stays in the nearest
     * cache and answers most names on no list alone; the large one is read only for the rest, which keeps the
     * combined answer as sharp as the large filter's while most questions cost no trip to the outer caches.
     */
    private volatile int[] near = new int[NEAR_BITS >>> 5];

    /** The entries of a normalised name: an {@link Entry}, an {@code Entry[]}, or {@code null}. */
    Object get(String key) {
        int h = filterHash(key);
        int b = nearBit(h);
        if ((near[b >>> 5] & (1 << b)) == 0) {
            return null;
        }
        int bit = farBit(h);
        if ((filter[bit >>> 5] & (1 << bit)) == 0) {
            return null;
        }
        return byName.get(key);
    }

    /**
     * The entries of the name {@code prefix + s.substring(colon)} with the character after the colon replaced by
     * {@code first}, without building it unless both filters let it through (a page title read with another name of
     * its namespace: {@code Fichier:X} looked up as {@code File:X}).
     */
    Object get(String prefix, String s, int colon, char first) {
        int p = prefix.length();
        int n = p + s.length() - colon;
        int h = n;
        if (n > 0) {
            h = h * 31 + at(prefix, s, colon, first, 0);
            h = h * 31 + at(prefix, s, colon, first, n - 1);
            h = h * 31 + at(prefix, s, colon, first, n >>> 1);
            if (n > 3) {
                h = h * 31 + at(prefix, s, colon, first, 1);
                h = h * 31 + at(prefix, s, colon, first, n - 2);
                h = h * 31 + at(prefix, s, colon, first, n - 3);
                h = h * 31 + at(prefix, s, colon, first, n >>> 2);
                h = h * 31 + at(prefix, s, colon, first, n - 1 - (n >>> 2));
            }
        }
        h *= 0x9E3779B9;
        int b = nearBit(h);
        if ((near[b >>> 5] & (1 << b)) == 0) {
            return null;
        }
        int bit = farBit(h);
        if ((filter[bit >>> 5] & (1 << bit)) == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder(n).append(prefix).append(':');
        if (colon + 1 < s.length()) {
            sb.append(first).append(s, colon + 2, s.length());
        }
        return byName.get(sb.toString());
    }

    private static char at(String prefix, String s, int colon, char first, int i) {
        int p = prefix.length();
        return i < p ? prefix.charAt(i) : i == p + 1 ? first : s.charAt(colon + i - p);
    }

    private static int nearBit(int h) {
        return (h * 0x85EBCA6B) >>> (32 - NEAR_LOG2);
    }

    private static int farBit(int h) {
        return h >>> (32 - FILTER_LOG2);
    }

    /**
     * The filters' hash of a name: a hash of its length and eight of its characters (both ends, the middle, the
     * quarters), not of all of them: most names asked about are on no list, and for those this is the only look at
     * the name. Names that differ elsewhere share a bit, which only sends them on to the map.
     */
    static int filterHash(String key) {
        int n = key.length();
        int h = n;
        if (n > 0) {
            h = h * 31 + key.charAt(0);
            h = h * 31 + key.charAt(n - 1);
            h = h * 31 + key.charAt(n >>> 1);
            if (n > 3) {
                h = h * 31 + key.charAt(1);
                h = h * 31 + key.charAt(n - 2);
                h = h * 31 + key.charAt(n - 3);
                h = h * 31 + key.charAt(n >>> 2);
                h = h * 31 + key.charAt(n - 1 - (n >>> 2));
            }
        }
        return h * 0x9E3779B9;
    }

    /** The live entry of that kind for the wiki, else the global one, within a value of {@link #get}. */
    static Entry pick(Object value, ListKind kind, String wiki, long nowMillis) {
        if (value == null) {
            return null;
        }
        boolean ownWiki = wiki != null && !Entry.GLOBAL.equals(wiki);
        if (value instanceof Entry e) {
            return e.kind() == kind && !e.expiredAt(nowMillis)
                    && (Entry.GLOBAL.equals(e.wiki()) || ownWiki && wiki.equals(e.wiki())) ? e : null;
        }
        Entry global = null;
        for (Entry e : (Entry[]) value) {
            if (e.kind() != kind || e.expiredAt(nowMillis)) {
                continue;
            }
            if (ownWiki && wiki.equals(e.wiki())) {
                return e;
            }
            if (global == null && Entry.GLOBAL.equals(e.wiki())) {
                global = e;
            }
        }
        return global;
    }

    /** Adds or replaces the entry of (kind, wiki) under that key; returns the one replaced, or {@code null}. */
    Entry put(String key, Entry e) {
        int h = filterHash(key);
        int bit = farBit(h);
        filter[bit >>> 5] |= 1 << bit;
        int b = nearBit(h);
        near[b >>> 5] |= 1 << b;
        Object old = byName.putIfAbsent(key, e);
        if (old == null) {
            return null;
        }
        Entry[] es = old instanceof Entry one ? new Entry[] {one} : (Entry[]) old;
        for (int i = 0; i < es.length; i++) {
            if (es[i].kind() == e.kind() && es[i].wiki().equals(e.wiki())) {
                Entry previous = es[i];
                if (es.length == 1) {
                    byName.put(key, e);
                } else {
                    Entry[] copy = es.clone();
                    copy[i] = e;
                    byName.put(key, copy);
                }
                return previous;
            }
        }
        Entry[] grown = Arrays.copyOf(es, es.length + 1);
        grown[es.length] = e;
        byName.put(key, grown);
        return null;
    }

    /** Removes the entry of (kind, wiki) under that key; returns it, or {@code null}. */
    Entry remove(String key, ListKind kind, String wiki) {
        Object old = byName.get(key);
        if (old == null) {
            return null;
        }
        Entry[] es = old instanceof Entry one ? new Entry[] {one} : (Entry[]) old;
        for (int i = 0; i < es.length; i++) {
            if (es[i].kind() == kind && es[i].wiki().equals(wiki)) {
                store(key, old, without(es, i));
                return es[i];
            }
        }
        return null;
    }

    /** Removes every entry that matches; returns them. A scan of the whole index (clears, sweeps: rare). */
    List<Entry> removeIf(Predicate<Entry> doomed) {
        List<Entry> removed = new ArrayList<>();
        for (var it : byName.entrySet()) {
            Object old = it.getValue();
            Entry[] es = old instanceof Entry one ? new Entry[] {one} : (Entry[]) old;
            Entry[] kept = es;
            for (int i = kept.length - 1; i >= 0; i--) {
                if (doomed.test(kept[i])) {
                    removed.add(kept[i]);
                    kept = without(kept, i);
                }
            }
            if (kept != es) {
                store(it.getKey(), old, kept);
            }
        }
        return removed;
    }

    /** Puts every entry whose key ({@code keyOf}) is not the one it is under where it belongs; returns how many. */
    int rekey(java.util.function.Function<Entry, String> keyOf) {
        List<Object[]> moves = new ArrayList<>();
        for (var it : byName.entrySet()) {
            Object v = it.getValue();
            for (Entry e : v instanceof Entry one ? new Entry[] {one} : (Entry[]) v) {
                String k = keyOf.apply(e);
                if (!k.equals(it.getKey())) {
                    moves.add(new Object[] {it.getKey(), e, k});
                }
            }
        }
        for (Object[] m : moves) {
            Entry e = (Entry) m[1];
            remove((String) m[0], e.kind(), e.wiki());
            put((String) m[2], e);
        }
        return moves.size();
    }

    /** Every entry that matches. A scan of the whole index. */
    List<Entry> collect(Predicate<Entry> wanted) {
        List<Entry> out = new ArrayList<>();
        for (Object v : byName.values()) {
            if (v instanceof Entry e) {
                if (wanted.test(e)) {
                    out.add(e);
                }
            } else {
                for (Entry e : (Entry[]) v) {
                    if (wanted.test(e)) {
                        out.add(e);
                    }
                }
            }
        }
        return out;
    }

    void clear() {
        byName.clear();
        // The map is emptied first: a reader that sees the new, empty filter finds the map empty too.
        filter = new int[FILTER_BITS >>> 5];
        near = new int[NEAR_BITS >>> 5];
    }

    private void store(String key, Object old, Entry[] kept) {
        if (kept.length == 0) {
            byName.remove(key, old);
        } else {
            byName.replace(key, old, kept.length == 1 ? kept[0] : kept);
        }
    }

    private static Entry[] without(Entry[] es, int i) {
        Entry[] out = new Entry[es.length - 1];
        System.arraycopy(es, 0, out, 0, i);
        System.arraycopy(es, i + 1, out, i, es.length - i - 1);
        return out;
    }
}
