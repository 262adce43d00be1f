package org.vigie.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigie.i18n.Templates;
import org.vigie.wiki.WikiApi;

/**
 * {@code intel} with the wiki's facts: the command layer asks the bot's port, its wiki service asks the real
 * {@link WikiApi} (here pointed at a mock wiki), and the reply carries edit count, registration, groups and block. A wiki that takes 10 s
 * does not hold the reply: the facts line then says they are unavailable.
 */
class IntelWikiFactsTest {

    private static final long NOW = Instant.parse("2026-05-04T12:00:00Z").toEpochMilli();

    @StartStop
    private final MockWebServer wiki = new MockWebServer();

    private final WikiApi api = WikiApi.builder("0.1.0", "User:Tester")
            .apiUrl(w -> wiki.url("/" + w + "/w/api.php").toString())
            .maxAttempts(1)
            .build();

    @AfterEach
    void closeApi() {
        api.close();
    }

    private static final String BLOCKED = """
            {"batchcomplete":true,"query":{"users":[{"userid":424242,"name":"Blagueur75","editcount":1234,
             "registration":"2019-03-04T05:06:07Z","groups":["*","user","autoconfirmed"],
             "blockid":1234567,"blockedby":"AdminExemple","blockedbyid":99,"blockreason":"Vandalisme répété",
             "blockedtimestamp":"2026-05-04T10:00:00Z","blockexpiry":"2026-05-05T10:00:00Z","blockpartial":false}]}}""";

    private static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    private List<String> intel(String lang, String args) throws Exception {
        Templates t = Templates.load(Path.of("messages"), lang);
        Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        try (TestServices bot = new TestServices(clock, t, api)) {
            return intel(new CommandProcessor(bot.services, t, clock, null), args);
        }
    }

    private static List<String> intel(CommandProcessor p, String args) {
        List<String> out = new ArrayList<>();
        Reply reply = new Reply() {
            @Override
            public void say(String text) {
                out.add(Text.plain(text));
            }

            @Override
            public void notice(String text) {
                out.add(Text.plain(text));
            }
        };
        p.handle(new Caller("Op", "op", "op.example.org", "OpAccount", "#vigie", true), "Vigie intel " + args, reply);
        return out;
    }

    @Test
    void intelShowsTheWikisFactsOnTheAccount() throws Exception {
        wiki.enqueue(json(BLOCKED));

        List<String> out = intel("en", "Blagueur75 p=fr.wikipedia");

        assertEquals(2, out.size(), out.toString());
        assertEquals("Blagueur75 is on no list, and no list change concerns it", out.get(0));
        assertEquals("fr.wikipedia: 1234 edits, registered 2019-03-04 05:06 UTC, groups: autoconfirmed, blocked by "
                + "AdminExemple until 2026-05-05 10:00 UTC, \"Vandalisme répété\"", out.get(1));
        var request = wiki.takeRequest();
        assertEquals("/fr.wikipedia/w/api.php", request.getUrl().encodedPath());
        assertEquals("Blagueur75", request.getUrl().queryParameter("ususers"));
    }

    @Test
    void intelInFrenchAndFromTheCacheTheSecondTime() throws Exception {
        wiki.enqueue(json(BLOCKED));

        intel("fr", "Blagueur75 p=frwiki");
        List<String> out = intel("fr", "Blagueur75 p=fr.wikipedia");

        assertTrue(out.get(1).startsWith("fr.wikipedia : 1234 modifications, inscrit le 2019-03-04 05:06 UTC, "
                + "groupes : autoconfirmed, bloqué par AdminExemple"), out.get(1));
        assertEquals(1, wiki.getRequestCount(), "cached for a few minutes");
    }

    @Test
    void anUnknownAccountAndAnIpAddressAreToldApart() throws Exception {
        wiki.enqueue(json("""
                {"batchcomplete":true,"query":{"users":[{"name":"Personne Inconnue","missing":true}]}}"""));
        wiki.enqueue(json("""
                {"batchcomplete":true,"query":{"users":[{"name":"192.0.2.15","invalid":true}]}}"""));

        assertEquals("fr.wikipedia: no account named Personne Inconnue",
                intel("en", "Personne Inconnue p=fr.wikipedia").get(1));
        assertEquals(List.of("192.0.2.15 is on no list, and no list change concerns it"),
                intel("en", "192.0.2.15 p=fr.wikipedia"), "no account, nothing to add");
    }

    @Test
    void aSlowWikiDoesNotHoldTheReply() throws Exception {
        wiki.enqueue(new MockResponse.Builder().headersDelay(10, TimeUnit.SECONDS).body(BLOCKED).build());

        List<String> out = intel("en", "Blagueur75 p=fr.wikipedia");

        assertEquals(List.of("Blagueur75 is on no list, and no list change concerns it",
                "Wiki facts unavailable: the wiki did not answer in time"), out);
    }

    @Test
    void aFailingWikiSaysWhy() throws Exception {
        wiki.enqueue(new MockResponse.Builder().code(404).build());

        List<String> out = intel("en", "Blagueur75 p=fr.wikipedia");

        assertEquals("Wiki facts unavailable: fr.wikipedia: HTTP 404", out.get(1));
    }

    @Test
    void withoutAWikiApiIntelIsAsBefore() throws Exception {
        assertEquals(Optional.empty(), org.vigie.service.WikiService.wikiFacts(null, "fr.wikipedia", "Blagueur75").get(1, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), org.vigie.service.WikiService.wikiFacts(api, null, "Blagueur75").get(1, TimeUnit.SECONDS));
        assertEquals(0, wiki.getRequestCount());
    }
}
