package org.vigie.wiki;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.i18n.Templates;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps what the bot knows of each wiki up to date: its admins ({@code sysop} → {@link ListKind#AL}), its bots
 * ({@code bot} → {@link ListKind#BOT}), the interface messages its log lines are built from, and its namespace names.
 *
 * <p>The results go out through ports so that the wiring stays outside this package. Messages and namespaces are also
 * stored with the time fetched; at start the stored copy is handed out first, so a wiki that cannot be reached keeps
 * working with what was last known. A failed refresh never replaces good data with nothing.
 *
 * <p>Blocking (HTTP): call it from a background thread. Safe to call from several threads.
 */
public final class WikiRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(WikiRefresher.class);

    /**
     * The interface messages a patrol bot needs to read log entries and automatic summaries (feed-format.md §2):
     * legacy IRC log messages, separators, block flags, expiry words, auto-summaries.
     */
    public static final List<String> MESSAGE_KEYS = List.of(
            "blocklogentry", "reblock-logentry", "unblocklogentry",
            "deletedarticle", "undeletedarticle",
            "protectedarticle", "modifiedarticleprotection", "unprotectedarticle",
            "uploadedimage", "overwroteimage",
            "1movedto2", "1movedto2_redir",
            "newuserlog-create-entry", "newuserlog-create2-entry", "newuserlog-autocreate-entry",
            "rightslogentry",
            "colon-separator", "parentheses", "comma-separator",
            "infiniteblock", "ipboptions",
            "block-log-flags-nocreate", "block-log-flags-anononly", "block-log-flags-noautoblock",
            "block-log-flags-noemail", "block-log-flags-nousertalk",
            "autosumm-blank", "autosumm-replace", "autosumm-new",
            "revertpage", "undo-summary");

    /** {@link WikiCache} kinds. */
    public static final String KIND_MESSAGES = "messages";
    public static final String KIND_SITEINFO = "siteinfo";

    /** Where admin and bot lists go (the lead wires it to the list store). */
    @FunctionalInterface
    public interface ListSink {
        void replaceFromWiki(ListKind kind, String wiki, Set<String> users);
    }

    /** Where messages and namespace names go (the lead wires it to the log-text parser). */
    @FunctionalInterface
    public interface TextSink {
        void put(String wiki, Map<String, String> messages, Map<String, Integer> namespaces);
    }

    /**
     * What one refresh did. Counts are -1 for the parts not attempted or failed.
     *
     * @param error {@code null} when everything asked succeeded; otherwise one line per failed part, joined by "; "
     */
    public record Result(String wiki, int admins, int bots, int messages, int namespaces, long millis, String error) {

        public boolean ok() {
            return error == null;
        }

        /** One line for logs and {@code status} (keys {@code wiki.refresh.done}, {@code wiki.refresh.failed}). */
        public String render(Templates t) {
            if (ok()) {
                return t.render("wiki.refresh.done", "wiki", wiki, "admins", admins, "bots", bots,
                        "messages", messages, "namespaces", namespaces, "millis", millis);
            }
            return t.render("wiki.refresh.failed", "wiki", wiki, "millis", millis, "error", error);
        }

        Result merge(Result other) {
            String err = error == null ? other.error : other.error == null ? error : error + "; " + other.error;
            return new Result(wiki, Math.max(admins, other.admins), Math.max(bots, other.bots),
                    Math.max(messages, other.messages), Math.max(namespaces, other.namespaces),
                    millis + other.millis, err);
        }
    }

    /** The stored form of the siteinfo part (namespace names only: that is what the sink takes). */
    private record StoredSiteInfo(String lang, Map<String, Integer> namespaces) {
    }

    /** The stored form of the messages part. */
    private record StoredMessages(String lang, Map<String, String> messages) {
    }

    private final WikiApi api;
    private final ListSink lists;
    private final TextSink texts;
    private final WikiCache cache;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> storedLoaded = ConcurrentHashMap.newKeySet();

    public WikiRefresher(WikiApi api, ListSink lists, TextSink texts, WikiCache cache, Clock clock) {
        this.api = api;
        this.lists = lists;
        this.texts = texts;
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * Hands the stored messages and namespaces of a wiki to the text sink, if a copy exists.
     *
     * @return the time the stored copy was fetched, or empty when there is none (or it could not be read)
     */
    public Optional<Long> loadStored(String wiki) {
        storedLoaded.add(wiki);
        try {
            Optional<WikiCache.Cached> m = cache.load(wiki, KIND_MESSAGES);
            if (m.isEmpty()) {
                return Optional.empty();
            }
            StoredMessages messages = json.readValue(m.get().json(), StoredMessages.class);
            Map<String, Integer> namespaces = Map.of();
            Optional<WikiCache.Cached> s = cache.load(wiki, KIND_SITEINFO);
            if (s.isPresent()) {
                namespaces = json.readValue(s.get().json(), StoredSiteInfo.class).namespaces();
            }
            texts.put(wiki, Map.copyOf(messages.messages()), Map.copyOf(namespaces));
            return Optional.of(m.get().fetchedMillis());
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("{}: stored wiki texts unreadable, ignored: {}", wiki, e.getMessage());
            return Optional.empty();
        }
    }

    /** For each wiki: the stored copy first (once per process), then a full refresh. Sequential, to be gentle. */
    public List<Result> refreshAll(Collection<String> wikis) {
        for (String wiki : wikis) {
            if (!storedLoaded.contains(wiki)) {
                loadStored(wiki);
            }
        }
        List<Result> out = new ArrayList<>();
        for (String wiki : wikis) {
            out.add(refresh(wiki));
        }
        return out;
    }

    /** Admins, bots, messages and namespaces of one wiki. */
    public Result refresh(String wiki) {
        Result r = refreshAdminsAndBots(wiki).merge(refreshMessages(wiki));
        if (r.ok()) {
            LOG.info("{}: {} admins, {} bots, {} messages, {} namespace names in {} ms",
                    wiki, r.admins(), r.bots(), r.messages(), r.namespaces(), r.millis());
        } else {
            LOG.warn("{}: refresh incomplete after {} ms: {}", wiki, r.millis(), r.error());
        }
        return r;
    }

    /** {@code sysop} → AL and {@code bot} → BOT; each list is replaced only if its fetch succeeded. */
    public Result refreshAdminsAndBots(String wiki) {
        long start = System.nanoTime();
        List<String> errors = new ArrayList<>(2);
        int admins = replaceGroups(wiki, List.of("sysop"), ListKind.AL, errors);
        int bots = replaceGroups(wiki, List.of("bot"), ListKind.BOT, errors);
        return new Result(wiki, admins, bots, -1, -1, elapsedMillis(start), joined(errors));
    }

    /** Global groups whose members count as admins on every wiki. */
    public static final List<String> GLOBAL_ADMIN_GROUPS = List.of("steward", "global-sysop");
    /** Global groups whose members count as bots on every wiki. */
    public static final List<String> GLOBAL_BOT_GROUPS = List.of("global-bot");

    /**
     * The global groups held on Meta: stewards and global sysops → AL, global bots → BOT, valid on every wiki (as a
     * wiki's own admins and bots are on it). Each list is replaced only if all its groups were fetched.
     */
    public Result refreshGlobalGroups() {
        long start = System.nanoTime();
        List<String> errors = new ArrayList<>(2);
        int admins = replaceGroups(Entry.GLOBAL, GLOBAL_ADMIN_GROUPS, ListKind.AL, errors);
        int bots = replaceGroups(Entry.GLOBAL, GLOBAL_BOT_GROUPS, ListKind.BOT, errors);
        Result r = new Result(Entry.GLOBAL, admins, bots, -1, -1, elapsedMillis(start), joined(errors));
        if (r.ok()) {
            LOG.info("global groups: {} stewards and global sysops, {} global bots in {} ms", admins, bots,
                    r.millis());
        } else {
            LOG.warn("global groups: refresh incomplete after {} ms: {}", r.millis(), r.error());
        }
        return r;
    }

    /** The members of all those groups (of the wiki, or global ones for {@link Entry#GLOBAL}) replace the list's. */
    private int replaceGroups(String wiki, List<String> groups, ListKind kind, List<String> errors) {
        Set<String> members = new LinkedHashSet<>();
        for (String group : groups) {
            try {
                members.addAll(Entry.GLOBAL.equals(wiki) ? api.globalGroupMembers(group)
                        : api.groupMembers(wiki, group));
            } catch (WikiException e) {
                errors.add(group + ": " + e.getMessage());
                return -1;
            }
        }
        try {
            lists.replaceFromWiki(kind, wiki, Set.copyOf(members));
            return members.size();
        } catch (RuntimeException e) {
            errors.add(String.join("+", groups) + ": list store failed: " + e);
            return -1;
        }
    }

    /**
     * Siteinfo (content language, namespaces), then the {@link #MESSAGE_KEYS} in that language; both handed to the text
     * sink and stored. On failure the sink keeps what it had (the stored copy, if loaded).
     */
    public Result refreshMessages(String wiki) {
        long start = System.nanoTime();
        SiteInfo site;
        Map<String, String> messages;
        try {
            site = api.siteInfo(wiki);
            messages = api.messages(wiki, site.lang(), MESSAGE_KEYS);
        } catch (WikiException e) {
            return new Result(wiki, -1, -1, -1, -1, elapsedMillis(start), e.getMessage());
        }
        if (messages.isEmpty()) {
            return new Result(wiki, -1, -1, 0, site.namespaces().size(), elapsedMillis(start),
                    wiki + ": the wiki returned none of the messages asked");
        }
        texts.put(wiki, Map.copyOf(messages), site.namespaces());
        String storeError = null;
        long now = clock.millis();
        try {
            cache.save(wiki, KIND_SITEINFO, json.writeValueAsString(new StoredSiteInfo(site.lang(), site.namespaces())),
                    now);
            cache.save(wiki, KIND_MESSAGES, json.writeValueAsString(new StoredMessages(site.lang(), messages)), now);
        } catch (JsonProcessingException | RuntimeException e) {
            // The fresh copy is in use; only the copy for the next start is missing.
            storeError = wiki + ": fetched texts not stored: " + e.getMessage();
        }
        return new Result(wiki, -1, -1, messages.size(), site.namespaces().size(), elapsedMillis(start), storeError);
    }

    private static String joined(List<String> errors) {
        return errors.isEmpty() ? null : String.join("; ", errors);
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
