package org.vigie.wiki;

import java.util.Locale;
import java.util.Map;

/**
 * What a patrol bot needs of {@code meta=siteinfo}: the content language and every way of writing a namespace.
 *
 * @param wiki       {@code fr.wikipedia}
 * @param lang       the content language ({@code general.lang}): {@code fr}
 * @param namespaces every local name, canonical name and alias of a namespace → its number, as the wiki writes them
 *                   ({@code Utilisateur}, {@code User}, {@code Utilisatrice} → 2); the main namespace is {@code ""} → 0
 * @param localNames namespace number → the local name used in titles ({@code 2} → {@code Utilisateur})
 */
public record SiteInfo(String wiki, String lang, Map<String, Integer> namespaces, Map<Integer, String> localNames) {

    public SiteInfo {
        namespaces = Map.copyOf(namespaces);
        localNames = Map.copyOf(localNames);
    }

    /**
     * The number of a namespace prefix, or {@code null}. Namespace names are case-insensitive in MediaWiki and
     * spaces equal underscores, so an exact match is tried first and then a folded one.
     */
    public Integer namespaceOf(String prefix) {
        Integer n = namespaces.get(prefix);
        if (n != null) {
            return n;
        }
        String folded = fold(prefix);
        for (Map.Entry<String, Integer> e : namespaces.entrySet()) {
            if (fold(e.getKey()).equals(folded)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String fold(String s) {
        return s.replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}
