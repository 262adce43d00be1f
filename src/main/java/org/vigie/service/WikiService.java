package org.vigie.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.vigie.command.BotPort.ApiState;
import org.vigie.command.BotPort.WikiBlock;
import org.vigie.command.BotPort.WikiFacts;
import org.vigie.command.BotPort.WikiRefresh;
import org.vigie.command.PortException;
import org.vigie.config.BotConfig;
import org.vigie.feed.WikiNames;
import org.vigie.i18n.Templates;
import org.vigie.wiki.UserFacts;
import org.vigie.wiki.WikiApi;
import org.vigie.wiki.WikiRefresher;

/**
 * The wikis this instance watches, what is read from their API (admins, bots, messages, a user's facts). The wikis'
 * API is an edge: the command tests replace what goes over HTTP.
 */
public class WikiService {

    private final BotConfig config;
    private final WikiApi api;
    private final WikiRefresher refresher;
    private final Templates templates;
    private final Executor background;

    /**
     * @param api       the wiki API, or {@code null} when {@code wiki.api} is off
     * @param refresher its refresher, or {@code null} likewise
     */
    public WikiService(BotConfig config, WikiApi api, WikiRefresher refresher, Templates templates,
                       Executor background) {
        this.config = config;
        this.api = api;
        this.refresher = refresher;
        this.templates = templates;
        this.background = background;
    }

    /** The wikis this instance watches (from the feed channels, or feed.wikis for EventStreams). */
    public List<String> watchedWikis() {
        List<String> out = new ArrayList<>();
        if ("eventstreams".equals(config.get("feed.source"))) {
            for (String w : config.list("feed.wikis")) {
                if (!w.equals("*")) {
                    out.add(WikiNames.canonical(w));
                }
            }
        } else {
            for (String c : config.list("feed.channels")) {
                out.add(c.substring(1));
            }
        }
        return out;
    }

    /** The global groups (unless {@code wiki.globalgroups} is off), then each watched wiki. Background thread. */
    public void refreshWikis(List<String> wikis) {
        if (config.bool("wiki.globalgroups") && !wikis.isEmpty()) {
            refresher.refreshGlobalGroups();
        }
        refresher.refreshAll(wikis);
    }

    public int reloadMessages() throws PortException {
        try {
            return templates.reload();
        } catch (IOException | RuntimeException e) {
            throw new PortException(e.getMessage(), e);
        }
    }

    public boolean wikiApiAvailable() {
        return refresher != null;
    }

    /** The API's state for {@code status}: every wiki answered or not yet asked, some failing, or no API at all. */
    public ApiState apiState() {
        return StatusService.apiState(api);
    }

    private CompletableFuture<WikiRefresh> refresh(String wiki, boolean messages) {
        List<String> wikis = wiki == null ? watchedWikis() : List.of(wiki);
        return CompletableFuture.supplyAsync(() -> {
            int items = 0;
            List<String> failures = new ArrayList<>();
            for (String w : wikis) {
                WikiRefresher.Result r = messages ? refresher.refreshMessages(w) : refresher.refreshAdminsAndBots(w);
                if (r.ok()) {
                    items += messages ? Math.max(0, r.messages()) : Math.max(0, r.admins()) + Math.max(0, r.bots());
                } else {
                    failures.add(w + ": " + r.error());
                }
            }
            return new WikiRefresh(wikis.size(), items, failures);
        }, background);
    }

    public CompletableFuture<WikiRefresh> readMessages(String wiki) {
        return refresh(wiki, true);
    }

    public CompletableFuture<WikiRefresh> getAdmins(String wiki) {
        return refresh(wiki, false);
    }

    public CompletableFuture<WikiRefresh> getBots(String wiki) {
        return refresh(wiki, false);
    }

    public CompletableFuture<Optional<WikiFacts>> wikiFacts(String wiki, String user) {
        String w = wiki != null ? wiki : watchedWikis().stream().findFirst().orElse(null);
        return wikiFacts(api, w, user);
    }

    /**
     * The wiki's facts through the API's cached, time-limited lookup; empty without an API, a wiki or a name, and for
     * an IP address (the API answers {@code invalid}: there is no account to describe).
     */
    public static CompletableFuture<Optional<WikiFacts>> wikiFacts(WikiApi api, String wiki, String user) {
        if (api == null || wiki == null || user == null || user.isBlank()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return api.userFactsAsync(wiki, user).thenApply(WikiService::facts);
    }

    static Optional<WikiFacts> facts(UserFacts f) {
        return switch (f.status()) {
            case INVALID -> Optional.empty();
            case MISSING -> Optional.of(new WikiFacts(f.wiki(), f.user(), false, 0, null, List.of(), null));
            case FOUND -> Optional.of(new WikiFacts(f.wiki(), f.user(), true, f.editCount(), f.registration(),
                    f.groups().stream().filter(g -> !g.equals("*") && !g.equals("user")).toList(),
                    f.block() == null ? null : new WikiBlock(f.block().by(), f.block().expiry(), f.block().reason(),
                            f.block().partial())));
        };
    }
}
