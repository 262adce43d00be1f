package org.vigie.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigie.command.CommandIntake;
import org.vigie.feed.Feed;
import org.vigie.feed.FeedStats;
import org.vigie.hook.Hooks;
import org.vigie.i18n.Templates;
import org.vigie.irc.IrcConnection;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;
import org.vigie.lists.WordMatch;
import org.vigie.lists.WordMatcher;
import org.vigie.service.DestinationService;
import org.vigie.service.EngineFigures;
import org.vigie.service.Live;
import org.vigie.service.StatusService;
import org.vigie.store.AuditRow;
import org.vigie.store.ListStore;
import org.vigie.wiki.WikiApi;

/**
 * The web pages' view of the running bot: each method reads the feed, the engine, the outbox, the lists or the audit
 * trail, and writes nothing. The operators' list ({@code aclo}) stays out of every answer: it names IRC accounts and
 * hostmasks, which the pages have no reason to show.
 */
public final class VigieWeb implements WebSource {

    /** Audited changes shown per item. */
    static final int HISTORY = 50;
    /** Word entries shown per list and scope. */
    static final int MAX_WORD_HITS = 10;

    /** What the pages read: the parts of the running bot, each read, none written. */
    public record Parts(String version, long startedMillis, java.time.Clock clock, Live live, EngineFigures engine,
                        DestinationService destinations, Lists lists, ListStore store, WikiApi wikiApi,
                        CommandIntake intake, Hooks hooks, Templates templates, String dbUrl, int feedWatchdogSeconds) {
    }

    private final Parts v;

    public VigieWeb(Parts parts) {
        this.v = parts;
    }

    @Override
    public Status status() {
        Feed feed = v.live().feed();
        List<FeedStats> feeds = feed == null ? List.of() : List.of(feed.stats());
        List<String> quiet = v.destinations().quietChannels();
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (ListKind k : ListKind.values()) {
            sizes.put(k.command(), v.lists().size(k));
        }
        IrcConnection net = v.live().network();
        String api = switch (StatusService.apiState(v.wikiApi())) {
            case DISABLED -> "disabled";
            case UP -> "up";
            case FAILING -> "failing";
        };
        Map<String, Long> raised = new LinkedHashMap<>();
        for (org.vigie.patrol.Event e : org.vigie.patrol.Event.values()) {
            raised.put(e.key(), v.engine().eventCount(e));
        }
        return new Status(v.version(), v.clock().millis() - v.startedMillis(), feeds, v.engine().changes(), raised,
                v.engine().queueDepth(), v.engine().dropped(), net != null && net.connected(),
                net == null ? 0 : net.outbox().sent(), net == null ? 0 : net.outbox().dropped(),
                net == null ? 0 : net.outbox().staleDropped(), net == null ? 0 : net.outbox().fullDropped(),
                net == null ? 0 : net.outbox().coalesced(), net == null ? 0 : net.outbox().publicDropped(),
                net == null ? Map.of() : net.outbox().queuedByTarget(), v.destinations().isQuietAll(), quiet, sizes,
                databaseBytes(v.dbUrl()), api, v.intake().whoisAsked(), v.intake().ignored(),
                v.intake().full(), hooks(), feedCounters());
    }

    /** An IRC feed's own counters (spoofed, ignored, malformed lines, watchdog closes, kicks, shed lines). */
    private Map<String, Map<String, Long>> feedCounters() {
        if (!(v.live().feed() instanceof org.vigie.source.IrcFeed f)) {
            return Map.of();
        }
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("spoofed", f.spoofed());
        c.put("ignored", f.ignored());
        c.put("malformed", f.malformed());
        c.put("watchdog_closes", f.watchdogCloses());
        c.put("kicks", f.kicks());
        c.put("shed", f.shed());
        return Map.of(f.stats().name(), c);
    }

    /** The webhooks' figures, without their addresses. */
    private List<Hook> hooks() {
        long now = v.clock().millis();
        List<Hook> out = new ArrayList<>();
        for (org.vigie.hook.HookStats h : v.hooks().stats()) {
            out.add(new Hook(h.name(), h.format().key(), h.queued(), h.sent(), h.retried(), h.dropped(),
                    h.oldestMillis() == 0 ? 0 : Math.max(0, now - h.oldestMillis())));
        }
        return out;
    }

    /** The size of an H2 file database ({@code jdbc:h2:file:./data/vigie;…} → {@code ./data/vigie.mv.db}), or -1. */
    public static long databaseBytes(String url) {
        String rest = url.substring("jdbc:h2:".length());
        int semi = rest.indexOf(';');
        if (semi >= 0) {
            rest = rest.substring(0, semi);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:")
                || rest.startsWith("zip:")) {
            return -1;
        }
        try {
            Path p = Path.of((rest.startsWith("~") ? System.getProperty("user.home") + rest.substring(1) : rest)
                    + ".mv.db");
            return Files.exists(p) ? Files.size(p) : -1;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public String unhealthyReason() {
        Feed feed = v.live().feed();
        if (feed == null) {
            return v.templates().render("web.health.nofeed");
        }
        FeedStats s = feed.stats();
        if (!s.connected()) {
            return v.templates().render("web.health.feeddown");
        }
        long silent = v.clock().millis() - s.lastLineMillis();
        if (silent >= v.feedWatchdogSeconds() * 1000L) {
            return v.templates().render("web.health.feedsilent", "seconds", silent / 1000);
        }
        IrcConnection network = v.live().network();
        if (network == null || !network.connected()) {
            return v.templates().render("web.health.networkdown");
        }
        return null;
    }

    @Override
    public Lookup lookup(String item, String wiki) {
        long now = v.clock().millis();
        Map<String, List<AuditRow>> history = new HashMap<>();
        List<AuditRow> own = visible(v.store().history(item, HISTORY));
        history.put(item, own);
        // exact: user and page lists through the name index, word lists by their scopes
        Set<Entry> exact = new LinkedHashSet<>();
        for (Entry e : v.store().entriesFor(item)) {
            if (e.kind() != ListKind.ACLO) {
                exact.add(e);
            }
        }
        for (ListKind k : ListKind.values()) {
            if (k.isWordList()) {
                for (String scope : scopes(k, wiki)) {
                    Entry e = v.lists().find(k, scope, item, now);
                    if (e != null && e.wiki().equals(scope)) {
                        exact.add(e);
                    }
                }
            }
        }
        // words: every entry of each word list and scope that would match, with the patrol's own matcher
        List<WordHit> words = new ArrayList<>();
        for (ListKind k : ListKind.values()) {
            if (!k.isWordList()) {
                continue;
            }
            for (String scope : scopes(k, wiki)) {
                for (WordMatch m : allMatches(v.lists().entries(k, scope), item, now)) {
                    words.add(new WordHit(m.entry(), m.matched()));
                    history.computeIfAbsent(m.entry().item(), i -> visible(v.store().history(i, HISTORY)));
                }
            }
        }
        return new Lookup(item, new ArrayList<>(exact), words, history);
    }

    /** The scopes to ask for one list: the wiki asked or every wiki that has entries of that list, then global. */
    private List<String> scopes(ListKind k, String wiki) {
        Set<String> out = new LinkedHashSet<>();
        if (wiki != null) {
            out.add(wiki);
        } else {
            for (Entry e : v.lists().entries(k)) {
                if (!e.isGlobal()) {
                    out.add(e.wiki());
                }
            }
        }
        out.add(Entry.GLOBAL);
        return new ArrayList<>(out);
    }

    /**
     * Every live entry among these that matches the text (at most {@link #MAX_WORD_HITS}), found as the patrol finds
     * them: the list's matcher gives its first hit, which is set aside, and the rest is asked again.
     */
    static List<WordMatch> allMatches(List<Entry> entries, String text, long now) {
        List<Entry> rest = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.expiredAt(now)) {
                rest.add(e);
            }
        }
        List<WordMatch> out = new ArrayList<>();
        while (!rest.isEmpty() && out.size() < MAX_WORD_HITS) {
            WordMatch m = WordMatcher.compile(rest).find(text, now);
            if (m == null || !rest.remove(m.entry())) {
                break;
            }
            out.add(m);
        }
        return out;
    }

    private static List<AuditRow> visible(List<AuditRow> rows) {
        List<AuditRow> out = new ArrayList<>();
        for (AuditRow r : rows) {
            if (!ListKind.ACLO.command().equals(r.area())) {
                out.add(r);
            }
        }
        return out;
    }
}
