package org.vigie.feed;

import java.util.Map;

/**
 * An immutable table from names to values, where names compare as MediaWiki compares namespace names: case-insensitively,
 * with {@code _} equal to a space. Shared by the feed's namespace numbers ({@link Namespaces}) and the page lists'
 * canonical prefixes ({@code lists.PageNames}).
 *
 * <p>Looked up on every feed line, so a lookup reads a range of a string in place: open addressing over a folded hash,
 * no substring, no lower-casing copy, no allocation.
 *
 * @param <V> the value a name leads to
 */
public final class NameTable<V> {

    private final String[] keys;
    private final Object[] values;
    private final int mask;
    private final int size;

    /** @param byName name → value; names are folded here, and of two names folding alike the first is kept */
    public NameTable(Map<String, V> byName) {
        int capacity = Integer.highestOneBit(Math.max(4, byName.size() * 3)) << 1;
        this.keys = new String[capacity];
        this.values = new Object[capacity];
        this.mask = capacity - 1;
        int n = 0;
        for (Map.Entry<String, V> e : byName.entrySet()) {
            String k = fold(e.getKey());
            int i = hash(k, 0, k.length()) & mask;
            boolean present = false;
            while (keys[i] != null) {
                if (keys[i].equals(k)) {
                    present = true;
                    break;
                }
                i = (i + 1) & mask;
            }
            if (!present) {
                keys[i] = k;
                values[i] = e.getValue();
                n++;
            }
        }
        this.size = n;
    }

    /** The value of the name written {@code s[from, to)}, or {@code null} when the table does not hold it. */
    @SuppressWarnings("unchecked")
    public V get(String s, int from, int to) {
        int len = to - from;
        for (int i = hash(s, from, to) & mask; ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                return null;
            }
            if (k.length() == len && equalsFolded(k, s, from)) {
                return (V) values[i];
            }
        }
    }

    /** How many distinct (folded) names the table holds. */
    public int size() {
        return size;
    }

    /** A name as the table compares it: lower case, {@code _} as a space. */
    public static String fold(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            b.append(fold(s.charAt(i)));
        }
        return b.toString();
    }

    private static boolean equalsFolded(String folded, String s, int from) {
        for (int i = 0; i < folded.length(); i++) {
            if (folded.charAt(i) != fold(s.charAt(from + i))) {
                return false;
            }
        }
        return true;
    }

    private static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + fold(s.charAt(i));
        }
        return h ^ (h >>> 16);
    }

    private static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c == '_' ? ' ' : c;
        }
        return Character.toLowerCase(c);
    }
}
