package org.vigie.command;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the wiki of a {@code p=} option. Accepted, all giving the feed's name of the wiki ({@code fr.wikipedia}):
 * the feed name itself, the domain ({@code fr.wikipedia.org}, with or without {@code https://}), the feed channel
 * ({@code #fr.wikipedia}) and the database name ({@code frwiki}, {@code frwiktionary}, {@code commonswiki},
 * {@code zh_yuewiki} → {@code zh-yue.wikipedia}). {@code *} and {@code global} mean global.
 */
public final class Wikis {

    /** Written by operators as {@code p=global} or {@code p=*}: the global scope. */
    public static final String GLOBAL = org.vigie.lists.Entry.GLOBAL;

    private static final Pattern DOMAIN = Pattern.compile(
            "[a-z0-9][a-z0-9-]*\\.(wikipedia|wiktionary|wikibooks|wikinews|wikiquote|wikisource|wikiversity"
                    + "|wikivoyage|wikimedia|wikidata|mediawiki|wikifunctions)");
    private static final Pattern DBNAME = Pattern.compile(
            "([a-z0-9_]+?)(wiki|wiktionary|wikibooks|wikinews|wikiquote|wikisource|wikiversity|wikivoyage)");
    private static final Map<String, String> SPECIAL = Map.of(
            "commonswiki", "commons.wikimedia",
            "metawiki", "meta.wikimedia",
            "specieswiki", "species.wikimedia",
            "wikidatawiki", "wikidata.wikipedia",
            "mediawikiwiki", "mediawiki.wikipedia",
            "wikifunctionswiki", "www.wikifunctions",
            "incubatorwiki", "incubator.wikimedia");

    private Wikis() {
    }

    /** The feed name of the wiki, {@link #GLOBAL}, or {@code null} when the text names no wiki. */
    public static String normalise(String raw) {
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (s.equals("*") || s.equals("global")) {
            return GLOBAL;
        }
        if (s.startsWith("https://")) {
            s = s.substring(8);
        } else if (s.startsWith("http://")) {
            s = s.substring(7);
        }
        if (s.startsWith("#")) {
            s = s.substring(1);
        }
        if (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith(".org")) {
            s = s.substring(0, s.length() - 4);
        }
        if (DOMAIN.matcher(s).matches()) {
            // one name per wiki, the feed channel's: www.wikidata(.org) is #wikidata.wikipedia
            return org.vigie.feed.WikiNames.canonical(s);
        }
        String special = SPECIAL.get(s);
        if (special != null) {
            return special;
        }
        var m = DBNAME.matcher(s);
        if (m.matches() && !m.group(1).isEmpty()) {
            String lang = m.group(1).replace('_', '-');
            String family = m.group(2).equals("wiki") ? "wikipedia" : m.group(2);
            return lang + "." + family;
        }
        return null;
    }
}
