package org.vigie.wiki;

import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigie.i18n.Templates;
import org.vigie.lists.ListKind;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WikiRefresherTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-08-29T12:03:00Z"), ZoneOffset.UTC);

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final FakeWiki fake = new FakeWiki(500).group("sysop", "Admin", 1234).group("bot", "Bot", 321);
    private final List<WikiApi> apis = new ArrayList<>();
    private final WikiCache cache = new H2WikiCache(TestDb.withV2());

    record ListCall(ListKind kind, String wiki, Set<String> users) {
    }

    record TextCall(String wiki, Map<String, String> messages, Map<String, Integer> namespaces) {
    }

    private final List<ListCall> listCalls = new CopyOnWriteArrayList<>();
    private final List<TextCall> textCalls = new CopyOnWriteArrayList<>();

    private WikiApi api() {
        WikiApi api = WikiApi.builder("0.1.0", "User:Tester")
                .apiUrl(w -> server.url("/" + w + "/w/api.php").toString())
                .sleeper(ms -> { })
                .clock(CLOCK)
                .zone(ZoneOffset.UTC)
                .maxAttempts(2)
                .build();
        apis.add(api);
        return api;
    }

    private WikiRefresher refresher(WikiApi api, List<ListCall> lists, List<TextCall> texts) {
        return new WikiRefresher(api,
                (kind, wiki, users) -> lists.add(new ListCall(kind, wiki, users)),
                (wiki, messages, namespaces) -> texts.add(new TextCall(wiki, messages, namespaces)),
                cache, CLOCK);
    }

    @AfterEach
    void closeApis() {
        apis.forEach(WikiApi::close);
    }

    private Set<String> expectedKeys() {
        Set<String> keys = new HashSet<>(WikiRefresher.MESSAGE_KEYS);
        keys.retainAll(fake.messagesFr().keySet());
        return keys;
    }

    @Test
    void globalGroupsFromMetaAreAdminsAndBotsOnEveryWiki() throws Exception {
        fake.globalGroup("steward", "Steward", 40).globalGroup("global-sysop", "GlobalSysop", 1200)
                .globalGroup("global-bot", "GlobalBot", 7);
        server.setDispatcher(fake);
        WikiRefresher r = refresher(api(), listCalls, textCalls);

        WikiRefresher.Result result = r.refreshGlobalGroups();

        assertTrue(result.ok(), result.error());
        assertEquals(1240, result.admins());
        assertEquals(7, result.bots());
        assertEquals(List.of(ListKind.AL, ListKind.BOT), listCalls.stream().map(ListCall::kind).toList());
        assertEquals(List.of("*", "*"), listCalls.stream().map(ListCall::wiki).toList(), "global entries");
        Set<String> admins = listCalls.get(0).users();
        assertTrue(admins.contains("Steward0039") && admins.contains("GlobalSysop1199"), "every page of both groups");
        assertFalse(admins.contains("GlobalBot0000"));
        assertEquals(7, listCalls.get(1).users().size());
        List<String> paths = new ArrayList<>();
        for (int i = server.getRequestCount(); i > 0; i--) {
            paths.add(server.takeRequest().getUrl().encodedPath());
        }
        assertTrue(paths.stream().allMatch(p -> p.startsWith("/meta.wikimedia/")), paths.toString());
        assertTrue(textCalls.isEmpty());
    }

    @Test
    void aGlobalGroupThatCannotBeReadLeavesItsListAsItWas() throws Exception {
        fake.globalGroup("steward", "Steward", 3).failGlobal("global-sysop").globalGroup("global-bot", "GlobalBot", 2);
        server.setDispatcher(fake);
        WikiRefresher r = refresher(api(), listCalls, textCalls);

        WikiRefresher.Result result = r.refreshGlobalGroups();

        assertFalse(result.ok());
        assertTrue(result.error().startsWith("global-sysop: "), result.error());
        assertEquals(-1, result.admins(), "stewards alone would drop the global sysops: nothing replaced");
        assertEquals(1, listCalls.size());
        assertEquals(new ListCall(ListKind.BOT, "*", Set.of("GlobalBot0000", "GlobalBot0001")), listCalls.get(0));
    }

    @Test
    void refreshHandsOverAdminsBotsMessagesAndNamespaces() throws Exception {
        server.setDispatcher(fake);
        WikiRefresher r = refresher(api(), listCalls, textCalls);

        WikiRefresher.Result result = r.refresh("fr.wikipedia");

        assertTrue(result.ok(), result.error());
        assertEquals(1234, result.admins());
        assertEquals(321, result.bots());
        assertEquals(2, listCalls.size());
        assertEquals(ListKind.AL, listCalls.get(0).kind());
        assertEquals(1234, listCalls.get(0).users().size());
        assertTrue(listCalls.get(0).users().contains("Admin1233"), "last page read");
        assertEquals(ListKind.BOT, listCalls.get(1).kind());
        assertEquals(321, listCalls.get(1).users().size());

        assertEquals(1, textCalls.size());
        TextCall t = textCalls.get(0);
        assertEquals("fr.wikipedia", t.wiki());
        assertEquals(expectedKeys(), t.messages().keySet());
        assertEquals(t.messages().size(), result.messages());
        assertEquals("\u202f: ", t.messages().get("colon-separator"), "French separator, &#32; decoded");
        assertEquals("blocked [[$1]] with an expiration time of $2 $3", t.messages().get("blocklogentry"));
        assertEquals("création de compte interdite", t.messages().get("block-log-flags-nocreate"));
        assertEquals(2, t.namespaces().get("Utilisatrice"));
        assertEquals(-1, t.namespaces().get("Spécial"));
        assertEquals(t.namespaces().size(), result.namespaces());
    }

    @Test
    void messagesAreAskedInTheWikisContentLanguage() throws Exception {
        server.setDispatcher(fake);
        refresher(api(), listCalls, textCalls).refreshMessages("fr.wikipedia");

        RecordedRequest siteinfo = server.takeRequest();
        RecordedRequest messages = server.takeRequest();
        assertEquals("siteinfo", siteinfo.getUrl().queryParameter("meta"));
        assertEquals("fr", messages.getUrl().queryParameter("amlang"));
        assertEquals(String.join("|", WikiRefresher.MESSAGE_KEYS), messages.getUrl().queryParameter("ammessages"));
    }

    @Test
    void refreshStoresWhatItFetched() {
        server.setDispatcher(fake);
        refresher(api(), listCalls, textCalls).refreshMessages("fr.wikipedia");

        WikiCache.Cached m = cache.load("fr.wikipedia", WikiRefresher.KIND_MESSAGES).orElseThrow();
        WikiCache.Cached s = cache.load("fr.wikipedia", WikiRefresher.KIND_SITEINFO).orElseThrow();
        assertEquals(CLOCK.millis(), m.fetchedMillis());
        assertTrue(m.json().contains("blocklogentry"));
        assertTrue(s.json().contains("Utilisatrice"));
    }

    @Test
    void unreachableWikiKeepsWorkingWithTheStoredCopy() {
        server.setDispatcher(fake);
        refresher(api(), listCalls, textCalls).refresh("fr.wikipedia");
        TextCall fetched = textCalls.get(0);

        // A later start, with the wiki down.
        fake.down(503);
        List<ListCall> lists2 = new CopyOnWriteArrayList<>();
        List<TextCall> texts2 = new CopyOnWriteArrayList<>();
        WikiApi api2 = api();
        WikiRefresher second = refresher(api2, lists2, texts2);

        List<WikiRefresher.Result> results = second.refreshAll(List.of("fr.wikipedia"));

        assertEquals(1, texts2.size(), "the stored copy, and nothing replacing it");
        assertEquals(fetched.messages(), texts2.get(0).messages());
        assertEquals(fetched.namespaces(), texts2.get(0).namespaces());
        assertTrue(lists2.isEmpty(), "admin and bot lists are not emptied by a failed fetch");
        WikiRefresher.Result r = results.get(0);
        assertFalse(r.ok());
        assertTrue(r.error().contains("fr.wikipedia: HTTP 503 after 2 attempts"), r.error());
        assertFalse(r.error().contains("\n"));
        assertEquals("fr.wikipedia: unreachable since 12:03 (HTTP 503)", api2.state("fr.wikipedia"));
    }

    @Test
    void loadStoredWithoutACopyHandsNothingOut() {
        WikiRefresher r = refresher(api(), listCalls, textCalls);
        assertTrue(r.loadStored("nl.wikipedia").isEmpty());
        assertTrue(textCalls.isEmpty());
    }

    @Test
    void resultRendersAsOneLine() throws Exception {
        Templates en = Templates.loadResource("en");
        assertEquals("fr.wikipedia: 150 admins, 40 bots, 31 messages, 42 namespace names in 12 ms",
                new WikiRefresher.Result("fr.wikipedia", 150, 40, 31, 42, 12, null).render(en));
        assertEquals("fr.wikipedia: refresh failed after 30 ms (fr.wikipedia: HTTP 503 after 4 attempts);"
                        + " the stored copy stays in use",
                new WikiRefresher.Result("fr.wikipedia", -1, -1, -1, -1, 30,
                        "fr.wikipedia: HTTP 503 after 4 attempts").render(en));
        assertNull(new WikiRefresher.Result("x", 0, 0, 0, 0, 0, null).error());
    }

    @Test
    void messageKeysAreTheOnesOfFeedFormatSectionTwo() {
        List<String> keys = WikiRefresher.MESSAGE_KEYS;
        assertEquals(Set.copyOf(keys).size(), keys.size(), "no duplicates");
        assertTrue(keys.containsAll(List.of("blocklogentry", "reblock-logentry", "unblocklogentry", "colon-separator",
                "1movedto2_redir", "newuserlog-create2-entry", "block-log-flags-nousertalk", "revertpage")));
        assertTrue(keys.size() <= 50, "one allmessages call");
    }
}
