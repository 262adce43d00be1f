package org.vigie.wiki;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WikiApiTest {

    private static final Clock AT_1203 = Clock.fixed(Instant.parse("2025-08-29T12:03:41Z"), ZoneOffset.UTC);

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final List<Long> sleeps = new CopyOnWriteArrayList<>();
    private WikiApi api;

    @BeforeEach
    void setUp() {
        api = apiFor(w -> server.url("/" + w + "/w/api.php").toString());
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private WikiApi apiFor(java.util.function.Function<String, String> url) {
        return WikiApi.builder("0.1.0", "User:Tester")
                .apiUrl(url)
                .sleeper(sleeps::add)
                .clock(AT_1203)
                .zone(ZoneOffset.UTC)
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(120))
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .build();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    private static final String OK_ONE_USER = """
            {"batchcomplete":true,"query":{"allusers":[{"userid":1,"name":"Alice"}]}}""";

    @Test
    void userAgentAndApiUrlFollowTheConventions() {
        assertEquals("Vigie/0.1.0 (User:Tester; recent-changes patrol bot)", api.userAgent());
        assertEquals("https://fr.wikipedia.org/w/api.php", WikiApi.defaultApiUrl("fr.wikipedia"));
        assertEquals("https://commons.wikimedia.org/w/api.php", WikiApi.defaultApiUrl("commons.wikimedia"));
        assertEquals("https://www.wikidata.org/w/api.php", WikiApi.defaultApiUrl("wikidata.wikipedia"));
        assertEquals("https://www.mediawiki.org/w/api.php", WikiApi.defaultApiUrl("mediawiki.wikipedia"));
        assertThrows(IllegalArgumentException.class, () -> WikiApi.builder("0.1.0", " "));
    }

    @Test
    void groupMembersFollowsContinueThroughThreePages() throws Exception {
        server.enqueue(json("""
                {"continue":{"aufrom":"Carol","continue":"-||"},
                 "query":{"allusers":[{"userid":1,"name":"Alice"},{"userid":2,"name":"Bob"}]}}"""));
        server.enqueue(json("""
                {"continue":{"aufrom":"Eve","continue":"-||"},
                 "query":{"allusers":[{"userid":3,"name":"Carol"},{"userid":4,"name":"Dan"}]}}"""));
        server.enqueue(json("""
                {"batchcomplete":true,"query":{"allusers":[{"userid":5,"name":"Eve"}]}}"""));

        Set<String> admins = api.groupMembers("fr.wikipedia", "sysop");

        assertEquals(Set.of("Alice", "Bob", "Carol", "Dan", "Eve"), admins);
        assertEquals(3, server.getRequestCount());
        RecordedRequest first = server.takeRequest();
        RecordedRequest second = server.takeRequest();
        RecordedRequest third = server.takeRequest();
        for (RecordedRequest r : List.of(first, second, third)) {
            HttpUrl u = r.getUrl();
            assertEquals("/fr.wikipedia/w/api.php", u.encodedPath());
            assertEquals("query", u.queryParameter("action"));
            assertEquals("allusers", u.queryParameter("list"));
            assertEquals("sysop", u.queryParameter("augroup"));
            assertEquals("max", u.queryParameter("aulimit"));
            assertEquals("json", u.queryParameter("format"));
            assertEquals("2", u.queryParameter("formatversion"));
            assertEquals("5", u.queryParameter("maxlag"));
            assertEquals("Vigie/0.1.0 (User:Tester; recent-changes patrol bot)", r.getHeaders().get("User-Agent"));
        }
        assertNull(first.getUrl().queryParameter("aufrom"));
        assertEquals("Carol", second.getUrl().queryParameter("aufrom"));
        assertEquals("-||", second.getUrl().queryParameter("continue"));
        assertEquals("Eve", third.getUrl().queryParameter("aufrom"));
        assertTrue(sleeps.isEmpty(), "no waiting when every page answers");
    }

    @Test
    void moreThanFiveHundredAdminsAreAllRead() throws Exception {
        FakeWiki wiki = new FakeWiki(500).group("sysop", "Admin", 1234);
        server.setDispatcher(wiki);

        Set<String> admins = api.groupMembers("en.wikipedia", "sysop");

        assertEquals(1234, admins.size());
        assertTrue(admins.contains("Admin0000") && admins.contains("Admin0500") && admins.contains("Admin1233"));
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void maxlagErrorIsRetriedAfterWhatRetryAfterAsks() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .addHeader("Content-Type", "application/json")
                .addHeader("Retry-After", "7")
                .addHeader("X-Database-Lag", "6")
                .body("""
                        {"error":{"code":"maxlag","info":"Waiting for 10.64.16.8: 6 seconds lagged.",
                         "host":"10.64.16.8","lag":6,"type":"db"},"servedby":"mw1234"}""")
                .build());
        server.enqueue(json(OK_ONE_USER));

        Set<String> users = api.groupMembers("fr.wikipedia", "bot");

        assertEquals(Set.of("Alice"), users);
        assertEquals(1, sleeps.size());
        long waited = sleeps.get(0);
        assertTrue(waited >= 7_000 && waited <= 7_000 + 30_000, "waited " + waited);
        assertEquals("ok", api.state("fr.wikipedia"));
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfter() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3").body("slow down").build());
        server.enqueue(json(OK_ONE_USER));

        assertEquals(Set.of("Alice"), api.groupMembers("fr.wikipedia", "sysop"));
        assertEquals(1, sleeps.size());
        assertTrue(sleeps.get(0) >= 3_000 && sleeps.get(0) < 3_000 + 30_000, "waited " + sleeps.get(0));
    }

    @Test
    void serverErrorsBackOffExponentiallyWithJitter() throws Exception {
        server.enqueue(new MockResponse.Builder().code(502).build());
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(504).build());
        server.enqueue(json(OK_ONE_USER));

        assertEquals(Set.of("Alice"), api.groupMembers("fr.wikipedia", "sysop"));

        assertEquals(3, sleeps.size());
        long[][] bounds = {{500, 1_000}, {1_000, 2_000}, {2_000, 4_000}};
        for (int i = 0; i < 3; i++) {
            long s = sleeps.get(i);
            assertTrue(s >= bounds[i][0] && s <= bounds[i][1], "attempt " + (i + 1) + " waited " + s);
        }
    }

    @Test
    void wikiThatStaysDownGivesOneLineStateAndException() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse.Builder().code(503).body("<html>Service unavailable\n</html>").build());
        }
        assertEquals("fr.wikipedia: not contacted yet", api.state("fr.wikipedia"));

        WikiException e = assertThrows(WikiException.class, () -> api.groupMembers("fr.wikipedia", "sysop"));

        assertEquals("fr.wikipedia: HTTP 503 after 4 attempts", e.getMessage());
        assertEquals("fr.wikipedia", e.wiki());
        assertEquals(4, server.getRequestCount());
        assertEquals(3, sleeps.size(), "no wait after the last attempt");
        assertEquals("fr.wikipedia: unreachable since 12:03 (HTTP 503)", api.state("fr.wikipedia"));
        assertEquals(Map.of("fr.wikipedia", "fr.wikipedia: unreachable since 12:03 (HTTP 503)"), api.states());
        assertFalse(api.reachable("fr.wikipedia"));
    }

    @Test
    void wikiBackAfterAnOutageIsOkAgain() throws Exception {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse.Builder().code(500).build());
        }
        server.enqueue(json(OK_ONE_USER));
        assertThrows(WikiException.class, () -> api.groupMembers("fr.wikipedia", "sysop"));

        api.groupMembers("fr.wikipedia", "sysop");

        assertEquals("ok", api.state("fr.wikipedia"));
        assertTrue(api.reachable("fr.wikipedia"));
    }

    @Test
    void closedPortIsReportedAsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closedPort = port;
        try (WikiApi down = apiFor(w -> "http://127.0.0.1:" + closedPort + "/w/api.php")) {
            WikiException e = assertThrows(WikiException.class, () -> down.siteInfo("xx.wikipedia"));
            assertEquals("xx.wikipedia: connection refused after 4 attempts", e.getMessage());
            assertEquals("xx.wikipedia: unreachable since 12:03 (connection refused)", down.state("xx.wikipedia"));
        }
    }

    @Test
    void apiErrorOtherThanMaxlagIsNotRetried() {
        server.enqueue(json("""
                {"error":{"code":"badvalue","info":"Unrecognized value for parameter \\"list\\": allusers2."}}"""));

        WikiException e = assertThrows(WikiException.class, () -> api.groupMembers("fr.wikipedia", "sysop"));

        assertEquals("fr.wikipedia: API error badvalue: Unrecognized value for parameter \"list\": allusers2.",
                e.getMessage());
        assertEquals(1, server.getRequestCount());
        assertEquals("ok", api.state("fr.wikipedia"), "the wiki answered, so it is reachable");
    }

    @Test
    void messagesDecodeTheSpaceEntityAndLeaveMissingOnesOut() throws Exception {
        server.enqueue(json("""
                {"batchcomplete":true,"query":{"allmessages":[
                  {"name":"colon-separator","content":"\\u202f:&#32;"},
                  {"name":"blocklogentry","content":"blocked [[$1]] with an expiration time of $2 $3"},
                  {"name":"block-log-flags-nocreate","content":"création de compte interdite"},
                  {"name":"no-such-message","missing":true}]}}"""));

        Map<String, String> m = api.messages("fr.wikipedia", "fr",
                List.of("colon-separator", "blocklogentry", "block-log-flags-nocreate", "no-such-message"));

        assertEquals(Map.of(
                "colon-separator", "\u202f: ",
                "blocklogentry", "blocked [[$1]] with an expiration time of $2 $3",
                "block-log-flags-nocreate", "création de compte interdite"), m);
        HttpUrl u = server.takeRequest().getUrl();
        assertEquals("allmessages", u.queryParameter("meta"));
        assertEquals("colon-separator|blocklogentry|block-log-flags-nocreate|no-such-message",
                u.queryParameter("ammessages"));
        assertEquals("fr", u.queryParameter("amlang"));
    }

    @Test
    void siteInfoGivesLanguageAndEveryNamespaceName() throws Exception {
        server.enqueue(json(FakeWiki.SITEINFO_FR));

        SiteInfo s = api.siteInfo("fr.wikipedia");

        assertEquals("fr", s.lang());
        assertEquals(2, s.namespaces().get("Utilisateur"));
        assertEquals(2, s.namespaces().get("User"), "canonical name");
        assertEquals(2, s.namespaces().get("Utilisatrice"), "alias");
        assertEquals(-1, s.namespaces().get("Spécial"));
        assertEquals(6, s.namespaces().get("Image"));
        assertEquals(0, s.namespaces().get(""));
        assertEquals("Modèle", s.localNames().get(10));
        assertEquals(3, s.namespaceOf("discussion_utilisateur"), "case and underscores folded");
        assertNull(s.namespaceOf("Nope"));
        assertEquals("namespaces|namespacealiases|general", server.takeRequest().getUrl().queryParameter("siprop"));
    }

    private static final String BLOCKED_USER = """
            {"batchcomplete":true,"query":{"users":[{"userid":424242,"name":"Vandale du 92","editcount":17,
             "registration":"2025-08-28T09:15:02Z","groups":["*","user"],
             "blockid":1234567,"blockedby":"Admin Exemple","blockedbyid":99,"blockreason":"[[WP:V|Vandalisme]]",
             "blockedtimestamp":"2025-08-29T11:00:00Z","blockexpiry":"infinite","blockpartial":false}]}}""";

    @Test
    void userFactsOfABlockedAccount() throws Exception {
        server.enqueue(json(BLOCKED_USER));

        UserFacts f = api.userFacts("fr.wikipedia", "Vandale du 92");

        assertEquals(UserFacts.Status.FOUND, f.status());
        assertEquals("Vandale du 92", f.user());
        assertEquals(17, f.editCount());
        assertEquals("2025-08-28T09:15:02Z", f.registration());
        assertEquals(List.of("*", "user"), f.groups());
        assertEquals(new UserFacts.Block("Admin Exemple", "[[WP:V|Vandalisme]]", "infinite", false), f.block());
        HttpUrl u = server.takeRequest().getUrl();
        assertEquals("users", u.queryParameter("list"));
        assertEquals("Vandale du 92", u.queryParameter("ususers"));
        assertEquals("editcount|groups|registration|blockinfo", u.queryParameter("usprop"));
    }

    @Test
    void userFactsOfAnIpAddressIsInvalid() throws Exception {
        server.enqueue(json("""
                {"batchcomplete":true,"query":{"users":[{"name":"192.0.2.15","invalid":true}]}}"""));

        UserFacts f = api.userFacts("fr.wikipedia", "192.0.2.15");

        assertEquals(UserFacts.Status.INVALID, f.status());
        assertFalse(f.found());
        assertNull(f.block());
    }

    @Test
    void userFactsOfAnUnknownAccountIsMissing() throws Exception {
        server.enqueue(json("""
                {"batchcomplete":true,"query":{"users":[{"name":"Personne Inconnue","missing":true}]}}"""));

        assertEquals(UserFacts.Status.MISSING, api.userFacts("fr.wikipedia", "Personne Inconnue").status());
    }

    @Test
    void userFactsAsyncIsServedFromTheCacheTheSecondTime() throws Exception {
        server.enqueue(json(BLOCKED_USER));

        UserFacts first = api.userFactsAsync("fr.wikipedia", "Vandale du 92").get(5, TimeUnit.SECONDS);
        UserFacts second = api.userFactsAsync("fr.wikipedia", "Vandale du 92").get(5, TimeUnit.SECONDS);

        assertSame(first, second);
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void userFactsAsyncGivesUpAtTheHardTimeout() throws Exception {
        try (WikiApi quick = WikiApi.builder("0.1.0", "User:Tester")
                .apiUrl(w -> server.url("/w/api.php").toString())
                .sleeper(sleeps::add)
                .userFacts(Duration.ofMinutes(5), Duration.ofMillis(200), 100)
                .build()) {
            server.enqueue(new MockResponse.Builder().headersDelay(2, TimeUnit.SECONDS).body(BLOCKED_USER).build());

            long start = System.nanoTime();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> quick.userFactsAsync("fr.wikipedia", "Vandale du 92").get(5, TimeUnit.SECONDS));
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;

            assertInstanceOf(TimeoutException.class, e.getCause());
            assertTrue(waitedMillis < 1_500, "waited " + waitedMillis + " ms");
        }
    }

    @Test
    void userFactsAsyncFailureCarriesTheWikiException() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse.Builder().code(503).build());
        }
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> api.userFactsAsync("fr.wikipedia", "Quelqu'un").get(5, TimeUnit.SECONDS));
        assertInstanceOf(WikiException.class, e.getCause());
        assertEquals("fr.wikipedia: HTTP 503 after 4 attempts", e.getCause().getMessage());
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertEquals(5_000, api.retryAfterMillis("5"));
        assertEquals(19_000, api.retryAfterMillis("Fri, 29 Aug 2025 12:04:00 GMT"));
        assertEquals(-1, api.retryAfterMillis(null));
        assertEquals(-1, api.retryAfterMillis("soon"));
    }
}
