package org.vigie.feed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A wiki's namespace names (local names, aliases and MediaWiki's canonical English names) and their numbers.
 *
 * <p>Looked up once per feed line, so the lookup reads the title's prefix in place: no substring, no lower-casing copy.
 * Names compare as MediaWiki compares them: case-insensitively, with {@code _} equal to a space.
 *
 * <p>A table is <em>complete</em> when it holds every namespace of its wiki (from the wiki's siteinfo, or a shipped
 * list taken from that very wiki): an unknown prefix then means the main namespace ({@code Star Wars: Episode IV}).
 * Otherwise (a language's defaults used for another wiki) an unknown prefix gives {@link RcEvent#NS_UNKNOWN}.
 */
public final class Namespaces {

    /** MediaWiki's canonical names, accepted on every wiki whatever its language. */
    static final Map<String, Integer> CANONICAL = canonical();

    private static final int MISSING = Integer.MIN_VALUE + 1;

    private final String[] keys;
    private final int[] values;
    private final int mask;
    private final Map<Integer, String> localNames;
    private final boolean complete;

    /**
     * @param names    name → number; for each number the first name in iteration order is taken as the wiki's own
     *                 (siteinfo's {@code name}), the others as aliases
     * @param complete whether {@code names} lists every namespace of the wiki
     */
    public Namespaces(Map<String, Integer> names, boolean complete) {
        Map<String, Integer> all = new LinkedHashMap<>();
        Map<Integer, String> local = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : names.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                continue;
            }
            all.putIfAbsent(fold(e.getKey()), e.getValue());
            local.putIfAbsent(e.getValue(), e.getKey().replace('_', ' '));
        }
        for (Map.Entry<String, Integer> e : CANONICAL.entrySet()) {
            all.putIfAbsent(fold(e.getKey()), e.getValue());
            local.putIfAbsent(e.getValue(), e.getKey());
        }
        int size = Integer.highestOneBit(Math.max(4, all.size() * 3)) << 1;
        this.keys = new String[size];
        this.values = new int[size];
        this.mask = size - 1;
        for (Map.Entry<String, Integer> e : all.entrySet()) {
            String k = e.getKey();
            int i = hash(k, 0, k.length()) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = k;
            values[i] = e.getValue();
        }
        this.localNames = Map.copyOf(local);
        this.complete = complete;
    }

    /** The namespace number of a full page title; 0 for a title without a known prefix on a complete table. */
    public int number(String title) {
        int colon = title.indexOf(':');
        if (colon <= 0) {
            return 0;
        }
        int n = lookup(title, 0, colon);
        if (n != MISSING) {
            return n;
        }
        return complete ? 0 : RcEvent.NS_UNKNOWN;
    }

    /** The number of one namespace name ({@code Utilisateur}, {@code user_talk}), or {@link RcEvent#NS_UNKNOWN}. */
    public int numberOfName(String name) {
        int n = lookup(name, 0, name.length());
        return n == MISSING ? RcEvent.NS_UNKNOWN : n;
    }

    /** The wiki's own name of a namespace ({@code Spécial} for -1 on frwiki), the canonical name when not given. */
    public String localName(int number) {
        return localNames.get(number);
    }

    public boolean complete() {
        return complete;
    }

    private int lookup(String s, int from, int to) {
        int h = hash(s, from, to);
        int len = to - from;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                return MISSING;
            }
            if (k.length() == len && equalsFolded(k, s, from)) {
                return values[i];
            }
        }
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

    private static String fold(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            b.append(fold(s.charAt(i)));
        }
        return b.toString();
    }

    private static Map<String, Integer> canonical() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("Media", -2);
        m.put("Special", -1);
        m.put("Talk", 1);
        m.put("User", 2);
        m.put("User talk", 3);
        m.put("Project", 4);
        m.put("Project talk", 5);
        m.put("File", 6);
        m.put("File talk", 7);
        m.put("Image", 6);
        m.put("Image talk", 7);
        m.put("MediaWiki", 8);
        m.put("MediaWiki talk", 9);
        m.put("Template", 10);
        m.put("Template talk", 11);
        m.put("Help", 12);
        m.put("Help talk", 13);
        m.put("Category", 14);
        m.put("Category talk", 15);
        m.put("TimedText", 710);
        m.put("TimedText talk", 711);
        m.put("Module", 828);
        m.put("Module talk", 829);
        return java.util.Collections.unmodifiableMap(m);
    }
}
