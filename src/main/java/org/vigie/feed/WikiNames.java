package org.vigie.feed;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One name per wiki, whatever feed the change came from: the name of the wiki's channel on irc.wikimedia.org without
 * its {@code #} ({@code fr.wikipedia}, {@code commons.wikimedia}, {@code wikidata.wikipedia}). That is what operators
 * type in {@code feed.channels} and {@code p=}, and what lists, log wordings and alerts are keyed by.
 *
 * <p>The channel is the wiki's domain without {@code .org}, except for a fixed set of older wikis whose channel was
 * named before that rule and kept (the ircstream server that runs irc.wikimedia.org since 2024 keeps the same table,
 * keyed by database name): {@code www.wikidata.org} → {@code #wikidata.wikipedia}, {@code www.mediawiki.org} →
 * {@code #mediawiki.wikipedia}. Newer wikis follow the rule: {@code www.wikifunctions.org} → {@code #www.wikifunctions}.
 * EventStreams gives both the database name ({@code wiki}) and the domain ({@code server_name}), so an event is named by
 * the table first, then by its domain.
 *
 * <p>Pure and immutable; {@link #ofEvent} allocates nothing for a wiki of the table and one substring otherwise.
 */
public final class WikiNames {

    /** Database name → channel name, for the wikis whose channel does not follow their domain. */
    private static final Map<String, String> LEGACY = Map.ofEntries(
            Map.entry("advisorywiki", "advisory.wikipedia"),
            Map.entry("arbcom_dewiki", "arbcom-de.wikipedia"),
            Map.entry("arbcom_enwiki", "arbcom-en.wikipedia"),
            Map.entry("arbcom_fiwiki", "arbcom-fi.wikipedia"),
            Map.entry("arbcom_nlwiki", "arbcom-nl.wikipedia"),
            Map.entry("auditcomwiki", "auditcom.wikipedia"),
            Map.entry("boardgovcomwiki", "boardgovcom.wikipedia"),
            Map.entry("boardwiki", "board.wikipedia"),
            Map.entry("chairwiki", "chair.wikipedia"),
            Map.entry("chapcomwiki", "chapcom.wikipedia"),
            Map.entry("checkuserwiki", "checkuser.wikipedia"),
            Map.entry("collabwiki", "collab.wikipedia"),
            Map.entry("donatewiki", "donate.wikimedia.org"),
            Map.entry("execwiki", "exec.wikipedia"),
            Map.entry("fdcwiki", "fdc.wikipedia"),
            Map.entry("foundationwiki", "wikimediafoundation.org"),
            Map.entry("iegcomwiki", "iegcom.wikipedia"),
            Map.entry("internalwiki", "internal.wikipedia"),
            Map.entry("legalteamwiki", "legalteam.wikipedia"),
            Map.entry("loginwiki", "login.wikipedia"),
            Map.entry("mediawikiwiki", "mediawiki.wikipedia"),
            Map.entry("movementroleswiki", "movementroles.wikipedia"),
            Map.entry("noboard_chapterswikimedia", "noboard-chapters.wikimedia"),
            Map.entry("officewiki", "office.wikipedia"),
            Map.entry("ombudsmenwiki", "ombudsmen.wikipedia"),
            Map.entry("otrs_wikiwiki", "otrs-wiki.wikipedia"),
            Map.entry("outreachwiki", "outreach.wikipedia"),
            Map.entry("qualitywiki", "quality.wikipedia"),
            Map.entry("searchcomwiki", "searchcom.wikipedia"),
            Map.entry("spcomwiki", "spcom.wikipedia"),
            Map.entry("stewardwiki", "steward.wikipedia"),
            Map.entry("testwikidatawiki", "testwikidata.wikipedia"),
            Map.entry("transitionteamwiki", "transitionteam.wikipedia"),
            Map.entry("votewiki", "vote.wikipedia"),
            Map.entry("wg_enwiki", "wg-en.wikipedia"),
            Map.entry("wikidatawiki", "wikidata.wikipedia"),
            Map.entry("wikimania2005wiki", "wikimania.wikimedia"),
            Map.entry("wikimaniateamwiki", "wikimaniateam.wikipedia"));

    /**
     * Channel name → domain, for the public wikis of the table (their API is reached by domain). The private ones are
     * absent: nobody patrols them from outside.
     */
    private static final Map<String, String> DOMAINS = Map.of(
            "wikidata.wikipedia", "www.wikidata.org",
            "testwikidata.wikipedia", "test.wikidata.org",
            "mediawiki.wikipedia", "www.mediawiki.org",
            "login.wikipedia", "login.wikimedia.org",
            "outreach.wikipedia", "outreach.wikimedia.org",
            "vote.wikipedia", "vote.wikimedia.org",
            "wikimediafoundation.org", "foundation.wikimedia.org",
            "donate.wikimedia.org", "donate.wikimedia.org",
            "wikimania.wikimedia", "wikimania2005.wikimedia.org");

    /** Domain without {@code .org} → channel name: what {@code www.wikidata} means. */
    private static final Map<String, String> BY_DOMAIN;

    static {
        Map<String, String> m = new HashMap<>();
        DOMAINS.forEach((name, domain) -> m.put(stripOrg(domain), name));
        BY_DOMAIN = Map.copyOf(m);
    }

    private WikiNames() {
    }

    /**
     * The name of the wiki of an EventStreams event.
     *
     * @param dbName     the event's {@code wiki} ({@code wikidatawiki}), may be null
     * @param serverName the event's {@code server_name} ({@code www.wikidata.org}), may be null
     * @return {@code wikidata.wikipedia}, {@code fr.wikipedia}; null when neither field is given
     */
    public static String ofEvent(String dbName, String serverName) {
        if (dbName != null) {
            String legacy = LEGACY.get(dbName);
            if (legacy != null) {
                return legacy;
            }
        }
        if (serverName == null || serverName.isEmpty()) {
            return null;
        }
        String bare = stripOrg(serverName);
        String named = BY_DOMAIN.get(bare); // an event without its database name
        return named != null ? named : bare;
    }

    /** The channel name of a wiki of the table ({@code wikidatawiki}), or null when the domain rule applies. */
    public static String legacyName(String dbName) {
        return dbName == null ? null : LEGACY.get(dbName);
    }

    /**
     * A wiki as an operator may write it, in the one form used everywhere: {@code www.wikidata.org},
     * {@code www.wikidata}, {@code #wikidata.wikipedia} and {@code wikidata.wikipedia} all give
     * {@code wikidata.wikipedia}; {@code fr.wikipedia.org} gives {@code fr.wikipedia}. Lower case; {@code *} unchanged.
     */
    public static String canonical(String wiki) {
        String w = wiki.strip().toLowerCase(Locale.ROOT);
        if (w.startsWith("#")) {
            w = w.substring(1);
        }
        if (DOMAINS.containsKey(w)) {
            return w;
        }
        String bare = stripOrg(w);
        String named = BY_DOMAIN.get(bare);
        return named != null ? named : bare;
    }

    /** The wiki's domain, for its API: {@code wikidata.wikipedia} → {@code www.wikidata.org}; otherwise name + .org. */
    public static String domain(String wiki) {
        String d = DOMAINS.get(wiki);
        return d != null ? d : wiki.endsWith(".org") ? wiki : wiki + ".org";
    }

    private static String stripOrg(String s) {
        return s.endsWith(".org") ? s.substring(0, s.length() - 4) : s;
    }
}
