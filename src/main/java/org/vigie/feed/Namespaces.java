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

    /**
     * MediaWiki's canonical names, accepted on every wiki whatever its language: for each number the first name is the
     * canonical one ({@code File}), the others its aliases ({@code Image}).
     */
    public static final Map<String, Integer> CANONICAL = canonical();

    private final NameTable<Integer> table;
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
            all.putIfAbsent(e.getKey(), e.getValue());
            local.putIfAbsent(e.getValue(), e.getKey().replace('_', ' '));
        }
        for (Map.Entry<String, Integer> e : CANONICAL.entrySet()) {
            all.putIfAbsent(e.getKey(), e.getValue());
            local.putIfAbsent(e.getValue(), e.getKey());
        }
        this.table = new NameTable<>(all);
        this.localNames = Map.copyOf(local);
        this.complete = complete;
    }

    /** The namespace number of a full page title; 0 for a title without a known prefix on a complete table. */
    public int number(String title) {
        int colon = title.indexOf(':');
        if (colon <= 0) {
            return 0;
        }
        Integer n = table.get(title, 0, colon);
        if (n != null) {
            return n;
        }
        return complete ? 0 : RcEvent.NS_UNKNOWN;
    }

    /** The number of one namespace name ({@code Utilisateur}, {@code user_talk}), or {@link RcEvent#NS_UNKNOWN}. */
    public int numberOfName(String name) {
        Integer n = table.get(name, 0, name.length());
        return n == null ? RcEvent.NS_UNKNOWN : n;
    }

    /** The wiki's own name of a namespace ({@code Spécial} for -1 on frwiki), the canonical name when not given. */
    public String localName(int number) {
        return localNames.get(number);
    }

    public boolean complete() {
        return complete;
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
