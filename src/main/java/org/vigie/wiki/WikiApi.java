package org.vigie.wiki;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.vigie.i18n.Templates;
import org.vigie.feed.WikiNames;
import org.vigie.net.Backoff;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The MediaWiki Action API of every watched wiki, over one {@link OkHttpClient}.
 *
 * <p>Every call carries {@code format=json&formatversion=2&maxlag=5} and a descriptive User-Agent (Wikimedia rejects
 * anonymous clients). A call that meets HTTP 429, a 5xx, a network error or a {@code maxlag} error is retried a bounded
 * number of times with exponential backoff and jitter, waiting at least what {@code Retry-After} asks (capped). The
 * outcome of the last call to each wiki is kept as a one-line {@link #state(String) state} for {@code status}.
 *
 * <p>Thread-safe. Blocking methods are for background threads (the refresher); the patrol path uses
 * {@link #userFactsAsync(String, String)} only.
 */
public final class WikiApi implements AutoCloseable {

    /** Waits between attempts; tests pass one that records and returns at once. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** Page size asked of list modules; {@code max} lets the server pick 500 (5000 for bots). */
    private static final String LIMIT_MAX = "max";
    /** allmessages accepts 50 names a call for ordinary clients. */
    private static final int MESSAGES_PER_CALL = 50;
    /** A list with more pages than this is a server loop, not a real group. */
    private static final int MAX_PAGES = 10_000;
    private static final long DEFAULT_MAXLAG_WAIT_MILLIS = 5_000;
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private final OkHttpClient client;
    private final String userAgent;
    private final Function<String, String> apiUrl;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final ZoneId zone;
    private final Templates templates;
    private final long userFactsTtlMillis;
    private final long userFactsTimeoutMillis;
    private final int userFactsMaxEntries;
    private final ExecutorService userFactsExecutor;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Health> health = new ConcurrentHashMap<>();
    private final Map<String, CachedFacts> factsCache = new ConcurrentHashMap<>();

    /** Reachability of one wiki: ok, or failing since a time with a cause. */
    private record Health(boolean ok, long sinceMillis, String cause) {
    }

    private record CachedFacts(CompletableFuture<UserFacts> facts, long expiresMillis) {
    }

    private WikiApi(Builder b) {
        this.userAgent = userAgent(b.version, b.owner);
        this.apiUrl = b.apiUrl;
        this.maxAttempts = b.maxAttempts;
        this.backoff = Backoff.of(b.baseBackoff.toMillis(), b.maxBackoff.toMillis(), b.maxRetryAfter.toMillis());
        this.sleeper = b.sleeper;
        this.clock = b.clock;
        this.zone = b.zone;
        this.templates = b.templates != null ? b.templates : defaultTemplates();
        this.userFactsTtlMillis = b.userFactsTtl.toMillis();
        this.userFactsTimeoutMillis = b.userFactsTimeout.toMillis();
        this.userFactsMaxEntries = b.userFactsMaxEntries;
        this.client = new OkHttpClient.Builder()
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .callTimeout(b.callTimeout)
                // Retries are ours (counted, with backoff); OkHttp's silent one would hide a flapping wiki.
                .retryOnConnectionFailure(false)
                .build();
        this.userFactsExecutor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "wiki-userfacts");
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code Vigie/0.1.0 (User:Foo; recent-changes patrol bot)}. */
    public static String userAgent(String version, String owner) {
        return "Vigie/" + version + " (" + owner + "; recent-changes patrol bot)";
    }

    /**
     * {@code fr.wikipedia} → {@code https://fr.wikipedia.org/w/api.php}; a wiki whose feed name is not its domain goes
     * to its domain ({@code wikidata.wikipedia} → {@code https://www.wikidata.org/w/api.php}, see {@link WikiNames}).
     */
    public static String defaultApiUrl(String wiki) {
        return "https://" + WikiNames.domain(wiki) + "/w/api.php";
    }

    public static Builder builder(String version, String owner) {
        return new Builder(version, owner);
    }

    public String userAgent() {
        return userAgent;
    }

    // ------------------------------------------------------------------------------------------- API methods

    /**
     * Members of a user group ({@code sysop}, {@code bot}), following {@code continue} to the last page (the reference
     * bot stopped at the first 500, missing admins of large wikis).
     */
    public Set<String> groupMembers(String wiki, String group) throws WikiException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("action", "query");
        params.put("list", "allusers");
        params.put("augroup", group);
        params.put("aulimit", LIMIT_MAX);
        return members(wiki, params, "allusers", "group " + group);
    }

    /** The wiki that holds the global groups. */
    public static final String META = "meta.wikimedia";

    /**
     * Members of a global group ({@code steward}, {@code global-sysop}, {@code global-bot}), as Meta lists them, every
     * page of them.
     */
    public Set<String> globalGroupMembers(String group) throws WikiException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("action", "query");
        params.put("list", "globalallusers");
        params.put("agugroup", group);
        params.put("agulimit", LIMIT_MAX);
        return members(META, params, "globalallusers", "global group " + group);
    }

    /** The {@code name}s of a user list query, following {@code continue} to the last page. */
    private Set<String> members(String wiki, Map<String, String> params, String list, String what)
            throws WikiException {
        Set<String> names = new LinkedHashSet<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode root = call(wiki, params);
            for (JsonNode u : root.path("query").path(list)) {
                String name = u.path("name").asText(null);
                if (name != null) {
                    names.add(name);
                }
            }
            JsonNode cont = root.get("continue");
            if (cont == null || !cont.isObject()) {
                return names;
            }
            // The continue object holds every parameter to send back verbatim (aufrom, continue).
            for (Map.Entry<String, JsonNode> e : cont.properties()) {
                params.put(e.getKey(), e.getValue().asText());
            }
        }
        throw new WikiException(wiki, what + ": more than " + MAX_PAGES + " pages, giving up");
    }

    /**
     * Interface messages in a language, with the wiki's local overrides. Messages the wiki does not have are absent
     * from the result. {@code &#32;} (how raw messages keep a significant space) is decoded to a space.
     */
    public Map<String, String> messages(String wiki, String lang, Collection<String> keys) throws WikiException {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += MESSAGES_PER_CALL) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + MESSAGES_PER_CALL));
            Map<String, String> params = new LinkedHashMap<>();
            params.put("action", "query");
            params.put("meta", "allmessages");
            params.put("ammessages", String.join("|", chunk));
            params.put("amlang", lang);
            JsonNode root = call(wiki, params);
            for (JsonNode m : root.path("query").path("allmessages")) {
                if (m.path("missing").asBoolean(false) || !m.hasNonNull("content")) {
                    continue;
                }
                out.put(m.path("name").asText(), decodeSpaces(m.get("content").asText()));
            }
        }
        return out;
    }

    /** Content language and namespaces ({@code meta=siteinfo&siprop=namespaces|namespacealiases|general}). */
    public SiteInfo siteInfo(String wiki) throws WikiException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("action", "query");
        params.put("meta", "siteinfo");
        params.put("siprop", "namespaces|namespacealiases|general");
        JsonNode q = call(wiki, params).path("query");
        String lang = q.path("general").path("lang").asText(null);
        if (lang == null || lang.isEmpty()) {
            throw new WikiException(wiki, "siteinfo without general.lang");
        }
        Map<String, Integer> names = new TreeMap<>();
        Map<Integer, String> local = new TreeMap<>();
        // formatversion=2 gives an object keyed by number; older answers may give an array. Accept both.
        for (JsonNode ns : q.path("namespaces")) {
            if (!ns.has("id")) {
                continue;
            }
            int id = ns.get("id").asInt();
            String name = ns.path("name").asText("");
            names.put(name, id);
            local.put(id, name);
            String canonical = ns.path("canonical").asText(null);
            if (canonical != null) {
                names.putIfAbsent(canonical, id);
            }
        }
        for (JsonNode a : q.path("namespacealiases")) {
            String alias = a.path("alias").asText(null);
            if (alias != null && a.has("id")) {
                names.putIfAbsent(alias, a.get("id").asInt());
            }
        }
        if (local.isEmpty()) {
            throw new WikiException(wiki, "siteinfo without namespaces");
        }
        return new SiteInfo(wiki, lang, names, local);
    }

    /** Facts about one user, fresh from the wiki (no cache). IP addresses come back {@link UserFacts.Status#INVALID}. */
    public UserFacts userFacts(String wiki, String user) throws WikiException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("action", "query");
        params.put("list", "users");
        params.put("ususers", user);
        params.put("usprop", "editcount|groups|registration|blockinfo");
        JsonNode users = call(wiki, params).path("query").path("users");
        if (!users.isArray() || users.isEmpty()) {
            throw new WikiException(wiki, "list=users gave no user for " + user);
        }
        return parseUser(wiki, users.get(0), clock.millis());
    }

    /**
     * Facts about one user, from a cache of a few minutes or fetched in the background. The future completes within
     * the configured hard timeout (about 2 s): exceptionally with a {@link java.util.concurrent.TimeoutException} if
     * the wiki is slow (a late answer still fills the cache), or with a {@link WikiException} as cause if it failed.
     * Failures are not cached.
     */
    public CompletableFuture<UserFacts> userFactsAsync(String wiki, String user) {
        String key = wiki + '\n' + user;
        long now = clock.millis();
        CachedFacts c = factsCache.get(key);
        if (c == null || (c.facts().isDone() && c.expiresMillis() <= now)) {
            CompletableFuture<UserFacts> f = CompletableFuture.supplyAsync(() -> {
                try {
                    return userFacts(wiki, user);
                } catch (WikiException e) {
                    throw new CompletionException(e);
                }
            }, userFactsExecutor);
            CachedFacts fresh = new CachedFacts(f, now + userFactsTtlMillis);
            factsCache.put(key, fresh);
            f.whenComplete((v, e) -> {
                if (e != null) {
                    factsCache.remove(key, fresh);
                }
            });
            trimFactsCache(now);
            c = fresh;
        }
        // A copy, so that one caller's timeout does not fail the shared future that others wait on.
        return c.facts().copy().orTimeout(userFactsTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void trimFactsCache(long now) {
        if (factsCache.size() <= userFactsMaxEntries) {
            return;
        }
        factsCache.entrySet().removeIf(e -> e.getValue().facts().isDone() && e.getValue().expiresMillis() <= now);
        if (factsCache.size() > userFactsMaxEntries) {
            factsCache.clear();
        }
    }

    static UserFacts parseUser(String wiki, JsonNode u, long fetchedMillis) {
        String name = u.path("name").asText("");
        if (u.path("invalid").asBoolean(false) || u.has("invalidreason")) {
            return new UserFacts(wiki, name, UserFacts.Status.INVALID, 0, null, List.of(), null, fetchedMillis);
        }
        if (u.path("missing").asBoolean(false)) {
            return new UserFacts(wiki, name, UserFacts.Status.MISSING, 0, null, List.of(), null, fetchedMillis);
        }
        List<String> groups = new ArrayList<>();
        for (JsonNode g : u.path("groups")) {
            groups.add(g.asText());
        }
        UserFacts.Block block = null;
        if (u.has("blockedby") || u.has("blockid")) {
            block = new UserFacts.Block(u.path("blockedby").asText(""), u.path("blockreason").asText(""),
                    u.path("blockexpiry").asText(""), u.path("blockpartial").asBoolean(false));
        }
        String registration = u.hasNonNull("registration") ? u.get("registration").asText() : null;
        return new UserFacts(wiki, name, UserFacts.Status.FOUND, u.path("editcount").asLong(0), registration,
                groups, block, fetchedMillis);
    }

    static String decodeSpaces(String raw) {
        return raw.indexOf("&#32;") < 0 ? raw : raw.replace("&#32;", " ");
    }

    // ------------------------------------------------------------------------------------------- state

    /**
     * One line for {@code status}: {@code ok}, {@code fr.wikipedia: unreachable since 12:03 (HTTP 503)}, or
     * {@code fr.wikipedia: not contacted yet}.
     */
    public String state(String wiki) {
        Health h = health.get(wiki);
        if (h == null) {
            return templates.render("wiki.state.unknown", "wiki", wiki);
        }
        if (h.ok()) {
            return templates.render("wiki.state.ok", "wiki", wiki);
        }
        String since = HOUR_MINUTE.format(Instant.ofEpochMilli(h.sinceMillis()).atZone(zone));
        return templates.render("wiki.state.unreachable", "wiki", wiki, "since", since, "cause", h.cause());
    }

    /** {@link #state(String)} of every wiki called so far, by wiki name. */
    public Map<String, String> states() {
        Map<String, String> out = new TreeMap<>();
        for (String wiki : health.keySet()) {
            out.put(wiki, state(wiki));
        }
        return out;
    }

    /** Whether the last call to the wiki got an answer ({@code false} also when never called). */
    public boolean reachable(String wiki) {
        Health h = health.get(wiki);
        return h != null && h.ok();
    }

    private void markOk(String wiki) {
        Health h = health.get(wiki);
        if (h == null || !h.ok()) {
            health.put(wiki, new Health(true, clock.millis(), ""));
        }
    }

    private void markDown(String wiki, String cause) {
        health.compute(wiki, (w, h) -> h == null || h.ok()
                ? new Health(false, clock.millis(), cause)
                : new Health(false, h.sinceMillis(), cause));
    }

    // ------------------------------------------------------------------------------------------- transport

    /** One outcome of one attempt. */
    private record Attempt(JsonNode body, String failure, long retryAfterMillis, boolean retryable) {
        static Attempt ok(JsonNode body) {
            return new Attempt(body, null, -1, false);
        }

        static Attempt retry(String failure, long retryAfterMillis) {
            return new Attempt(null, failure, retryAfterMillis, true);
        }

        static Attempt fail(String failure) {
            return new Attempt(null, failure, -1, false);
        }
    }

    /**
     * A query call with retries. Also public for the few calls without a dedicated method (e.g. global groups on meta):
     * {@code params} are the action's own parameters; format, formatversion and maxlag are added.
     */
    public JsonNode call(String wiki, Map<String, String> params) throws WikiException {
        HttpUrl base = HttpUrl.parse(apiUrl.apply(wiki));
        if (base == null) {
            throw new WikiException(wiki, "bad API URL " + apiUrl.apply(wiki));
        }
        HttpUrl.Builder url = base.newBuilder();
        params.forEach(url::addQueryParameter);
        url.addQueryParameter("format", "json");
        url.addQueryParameter("formatversion", "2");
        url.addQueryParameter("maxlag", "5");
        Request request = new Request.Builder().url(url.build())
                .header("User-Agent", userAgent)
                .header("Accept", "application/json")
                .build();
        Attempt last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            last = attempt(request);
            if (last.body() != null) {
                markOk(wiki);
                JsonNode error = last.body().get("error");
                if (error != null) {
                    // The wiki answered: it is reachable even if it refused this request.
                    throw new WikiException(wiki, "API error " + error.path("code").asText("?") + ": "
                            + oneLine(error.path("info").asText("")));
                }
                return last.body();
            }
            if (!last.retryable() || attempt == maxAttempts) {
                break;
            }
            try {
                sleeper.sleep(delayMillis(attempt, last.retryAfterMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                markDown(wiki, last.failure());
                throw new WikiException(wiki, last.failure() + ", interrupted while waiting to retry");
            }
        }
        markDown(wiki, last.failure());
        throw new WikiException(wiki, last.retryable()
                ? last.failure() + " after " + maxAttempts + " attempts"
                : last.failure());
    }

    private Attempt attempt(Request request) {
        try (Response response = client.newCall(request).execute()) {
            int code = response.code();
            long retryAfter = retryAfterMillis(response.header("Retry-After"));
            if (code == 429 || code >= 500) {
                return Attempt.retry("HTTP " + code, retryAfter);
            }
            if (code != 200) {
                return Attempt.fail("HTTP " + code);
            }
            ResponseBody body = response.body();
            JsonNode root;
            try {
                root = json.readTree(body.string());
            } catch (JsonProcessingException e) {
                return Attempt.retry("answer is not JSON", retryAfter);
            }
            if (root == null || !root.isObject()) {
                return Attempt.retry("answer is not a JSON object", retryAfter);
            }
            JsonNode error = root.get("error");
            if (error != null && "maxlag".equals(error.path("code").asText())) {
                return Attempt.retry("database lag (maxlag)",
                        retryAfter >= 0 ? retryAfter : DEFAULT_MAXLAG_WAIT_MILLIS);
            }
            return Attempt.ok(root);
        } catch (IOException | UncheckedIOException e) {
            return Attempt.retry(describe(e), -1);
        }
    }

    /** Exponential backoff with jitter, never shorter than what the server asked (bounded): {@link Backoff}. */
    long delayMillis(int attempt, long retryAfterMillis) {
        return backoff.delayMillis(attempt - 1, retryAfterMillis);
    }

    /** {@code Retry-After} as seconds or as an HTTP date; -1 when absent or unreadable. */
    long retryAfterMillis(String header) {
        return Backoff.retryAfterMillis(header, clock.millis());
    }

    private static String describe(Exception e) {
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return "timeout";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        String m = e.getMessage();
        return oneLine(e.getClass().getSimpleName() + (m == null ? "" : ": " + m));
    }

    private static String oneLine(String s) {
        String t = s.replace('\r', ' ').replace('\n', ' ');
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    private static Templates defaultTemplates() {
        try {
            return Templates.loadResource("en");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        userFactsExecutor.shutdownNow();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    // ------------------------------------------------------------------------------------------- builder

    /** Settings of a {@link WikiApi}; every one has a working default. */
    public static final class Builder {
        private final String version;
        private final String owner;
        private Function<String, String> apiUrl = WikiApi::defaultApiUrl;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration callTimeout = Duration.ofSeconds(60);
        private int maxAttempts = 4;
        private Duration baseBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration maxRetryAfter = Duration.ofSeconds(120);
        private Sleeper sleeper = Thread::sleep;
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneId.systemDefault();
        private Templates templates;
        private Duration userFactsTtl = Duration.ofMinutes(5);
        private Duration userFactsTimeout = Duration.ofSeconds(2);
        private int userFactsMaxEntries = 5_000;

        private Builder(String version, String owner) {
            if (version == null || version.isBlank() || owner == null || owner.isBlank()) {
                throw new IllegalArgumentException("a User-Agent needs a version and an owner (e.g. User:Foo)");
            }
            this.version = version;
            this.owner = owner;
        }

        /** The API endpoint of a wiki; default {@link WikiApi#defaultApiUrl(String)}. */
        public Builder apiUrl(Function<String, String> apiUrl) {
            this.apiUrl = apiUrl;
            return this;
        }

        public Builder timeouts(Duration connect, Duration read, Duration call) {
            this.connectTimeout = connect;
            this.readTimeout = read;
            this.callTimeout = call;
            return this;
        }

        /** Attempts per call, first one included (default 4). */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts < 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** First backoff and its ceiling (default 1 s doubling up to 30 s); {@code maxRetryAfter} caps Retry-After. */
        public Builder backoff(Duration base, Duration max, Duration maxRetryAfter) {
            this.baseBackoff = base;
            this.maxBackoff = max;
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Time zone of the {@code since HH:mm} in state lines. */
        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        /** Messages for state lines (keys {@code wiki.state.*}); default: English from the class path. */
        public Builder templates(Templates templates) {
            this.templates = templates;
            return this;
        }

        /** How long user facts stay cached, how long a caller may wait, how many entries at most. */
        public Builder userFacts(Duration ttl, Duration hardTimeout, int maxEntries) {
            this.userFactsTtl = ttl;
            this.userFactsTimeout = hardTimeout;
            this.userFactsMaxEntries = maxEntries;
            return this;
        }

        public WikiApi build() {
            return new WikiApi(this);
        }
    }
}
