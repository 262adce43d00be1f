package org.vigie.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vigie.feed.NameTable;
import org.vigie.feed.Namespaces;

/**
 * Namespaces by any of their names, for the page lists: {@code File:Drapeau.png}, {@code Image:Drapeau.png} and
 * {@code Fichier:Drapeau.png} are one page for {@code cvi}, as {@code User:Cible} and {@code Utilisateur:Cible} are for
 * {@code cvp}.
 *
 * <p>Every name of a namespace that MediaWiki builds in (numbers -2 to 15, TimedText 710/711, Module 828/829) — its
 * canonical English name, the local names and aliases shipped for the wikis of {@code wiki/*.json}, and those a wiki's
 * siteinfo gives ({@code namespaces} + {@code namespacealiases}, {@link #learn}) — leads to its canonical English name.
 * A page entry is stored under one key: the title with that canonical prefix ({@code File:Drapeau.png}); a title read
 * from the feed is looked up under the same key. Custom namespaces (Portail, Draft…) have no name common to all wikis
 * and keep the prefix as written.
 *
 * <p>Lookups read the prefix in place (a folded hash, no substring, no allocation); the table is replaced whole when a
 * wiki teaches new names.
 */
public final class PageNames {

    /** Number → canonical English name: the first of {@link Namespaces#CANONICAL}'s names for each number. */
    private static final Map<Integer, String> CANONICAL = canonical();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, String> NAMES = new LinkedHashMap<>();   // folded name -> canonical (writer's copy)
    private static volatile NameTable<String> table;

    static {
        synchronized (PageNames.class) {
            for (Map.Entry<String, Integer> e : Namespaces.CANONICAL.entrySet()) {
                NAMES.putIfAbsent(NameTable.fold(e.getKey()), CANONICAL.get(e.getValue()));
            }
            for (String lang : new String[] {"en", "fr"}) {
                learnInto(shipped(lang));
            }
            learnInto(otherShippedWikis());
            table = build();
        }
    }

    private PageNames() {
    }

    /**
     * Learns a wiki's namespace names (siteinfo: every name and alias → number). Only the built-in namespaces are kept.
     *
     * @return how many names were new (0: keys are unchanged, nothing to re-key)
     */
    public static synchronized int learn(Map<String, Integer> names) {
        int added = learnInto(names);
        if (added > 0) {
            table = build();
        }
        return added;
    }

    private static int learnInto(Map<String, Integer> names) {
        int added = 0;
        if (names == null) {
            return 0;
        }
        for (Map.Entry<String, Integer> e : names.entrySet()) {
            String c = e.getValue() == null ? null : CANONICAL.get(e.getValue());
            if (c == null || e.getKey() == null || e.getKey().isBlank()) {
                continue;
            }
            if (NAMES.putIfAbsent(NameTable.fold(e.getKey().strip()), c) == null) {
                added++;
            }
        }
        return added;
    }

    /**
     * The key of a typed page item already in {@link Names#normalise normal form}: a built-in namespace written any
     * way becomes its canonical English name, and the title after it gets its first letter upper-cased, as MediaWiki
     * does ({@code image:drapeau.png} → {@code File:Drapeau.png}). Anything else comes back as it is.
     */
    public static String key(String normal) {
        if (normal == null) {
            return null;
        }
        int colon = normal.indexOf(':');
        if (colon <= 0) {
            return normal;
        }
        int end = colon;
        while (end > 0 && normal.charAt(end - 1) == ' ') {
            end--;
        }
        String canonical = canonicalPrefix(normal, end);
        if (canonical == null) {
            return normal;
        }
        String rest = Names.normalise(normal.substring(colon + 1));
        if (rest.isEmpty()) {
            return normal;
        }
        String key = canonical + ":" + rest;
        return key.equals(normal) ? normal : key;
    }

    /**
     * The canonical English name of the namespace written {@code s[0, end)}, or {@code null} when it is no built-in
     * namespace's name. No allocation.
     */
    public static String canonicalPrefix(String s, int end) {
        return table.get(s, 0, end);
    }

    /** How many names lead to a canonical name now. */
    public static int size() {
        return table.size();
    }

    private static NameTable<String> build() {
        return new NameTable<>(NAMES);
    }

    /** The namespace names shipped for a language's reference wiki ({@code wiki/fr.json}: frwiki's names). */
    private static Map<String, Integer> shipped(String lang) {
        Map<String, Integer> m = new LinkedHashMap<>();
        try (InputStream in = PageNames.class.getResourceAsStream("/wiki/" + lang + ".json")) {
            if (in == null) {
                return m;
            }
            JsonNode root = JSON.readTree(in);
            root.path("namespaces").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asInt()));
        } catch (IOException e) {
            // a missing or broken resource leaves the canonical names only
        }
        return m;
    }

    /**
     * The built-in namespace names of the other wikis the feed notes name (commons.wikimedia, fr.wiktionary, nl and he
     * Wikipedias), from MediaWiki's language files and those wikis' project names; any other wiki's come from its
     * siteinfo when the API is on.
     */
    private static Map<String, Integer> otherShippedWikis() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("Commons", 4);
        m.put("Commons talk", 5);
        m.put("Wiktionnaire", 4);
        m.put("Discussion Wiktionnaire", 5);
        String[] nl = {"Speciaal", "Overleg", "Gebruiker", "Overleg gebruiker", "Wikipedia", "Overleg Wikipedia",
            "Bestand", "Overleg bestand", "MediaWiki", "Overleg MediaWiki", "Sjabloon", "Overleg sjabloon", "Help",
            "Overleg help", "Categorie", "Overleg categorie"};
        String[] he = {"מיוחד", "שיחה", "משתמש", "שיחת משתמש", "ויקיפדיה", "שיחת ויקיפדיה", "קובץ", "שיחת קובץ",
            "מדיה ויקי", "שיחת מדיה ויקי", "תבנית", "שיחת תבנית", "עזרה", "שיחת עזרה", "קטגוריה", "שיחת קטגוריה"};
        for (int i = 0; i < nl.length; i++) {
            int number = i == 0 ? -1 : i;      // Special, then Talk (1) to Category talk (15)
            m.put(nl[i], number);
            m.put(he[i], number);
        }
        m.put("Afbeelding", 6);
        m.put("Overleg afbeelding", 7);
        m.put("משתמשת", 2);
        m.put("שיחת משתמשת", 3);
        return m;
    }

    private static Map<Integer, String> canonical() {
        Map<Integer, String> m = new LinkedHashMap<>();
        Namespaces.CANONICAL.forEach((name, number) -> m.putIfAbsent(number, name));
        return java.util.Collections.unmodifiableMap(m);
    }
}
