package org.vigie.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EventStreams JSON read into the same events as the IRC feed gives. */
class StreamParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LogTexts texts = LogTexts.withDefaults();
    private final StreamParser stream = new StreamParser(texts);
    private final RcLineParser irc = new RcLineParser(texts);

    /** Every recorded event of ../shared/fixtures/eventstreams, whatever file shape it came in. */
    static List<JsonNode> recordedEvents() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String f : List.of("magadiflo_spring-boot-apache-kafka_2024-04-26.jsonl",
                "wikidata-realtime-dumps_events_mod_rs_2020-02-02.jsonl",
                "wikimedia-sampler_WikiMediaClientSpec_2023-05-25.jsonl")) {
            for (String l : Fixtures.lines("eventstreams/" + f)) {
                if (!l.isBlank()) {
                    out.add(JSON.readTree(l));
                }
            }
        }
        out.add(JSON.readTree(Fixtures.read("eventstreams/EventWatch_docs_examples_enwiki_edit_2021-11-06.json")));
        out.add(JSON.readTree(Fixtures.read("eventstreams/kafka-connect-sse_recentchange_2019-03-04.json")));
        for (String l : Fixtures.lines("eventstreams/DataPlumbHub_sse_id_data_2025-04-30.txt")) {
            if (l.startsWith("data: ")) {
                out.add(JSON.readTree(l.substring(6)));
            }
        }
        return out;
    }

    @Test
    void everyRecordedEventIsReadAndCategorizeIsIgnored() throws Exception {
        List<JsonNode> events = recordedEvents();
        assertEquals(20, events.size());
        int logs = 0;
        for (JsonNode n : events) {
            RcEvent e = stream.toEvent(n);
            if (n.path("type").asText().equals("categorize")) {
                assertNull(e);
                continue;
            }
            assertNotNull(e, n.toString());
            String server = n.path("server_name").asText();
            assertEquals(server.equals("www.wikidata.org") ? "wikidata.wikipedia" : server.replace(".org", ""),
                    e.wiki(), "the wiki is named as its IRC channel");
            assertEquals(n.path("user").asText(), e.user());
            if (e.isLog()) {
                logs++;
                assertTrue(e.log().matched(), e.summary());
                assertEquals(n.path("title").asText(), e.log().target());
            } else {
                assertEquals(n.path("title").asText(), e.title());
                assertEquals(n.path("namespace").asInt(), e.namespace());
                assertEquals(n.path("revision").path("new").asLong(), e.revId());
                assertEquals(n.path("length").path("new").asInt() - n.path("length").path("old").asInt(),
                        e.sizeDelta());
                assertFalse(e.url().isEmpty());
            }
        }
        assertEquals(2, logs);
        assertEquals(19, stream.parsed());
        assertEquals(1, stream.ignored());
        assertEquals(0, stream.skipped());
    }

    @Test
    void anEntityEscapedDeleteIsDecodedThenReadLikeIrc() throws Exception {
        JsonNode n = recordedEvents().stream().filter(x -> "delete".equals(x.path("log_type").asText()))
                .findFirst().orElseThrow();
        RcEvent e = stream.toEvent(n);
        assertEquals("en.wikipedia", e.wiki());
        assertEquals("Special:Log/delete", e.title());
        assertEquals(-1, e.namespace());
        assertEquals("delete", e.logAction());
        assertEquals("Category talk:Replaceable non-free use to be decided after 25 April 2024", e.log().target());
        assertEquals("[[WP:CSD#G8|G8]]: Talk page of deleted page \"Category:Replaceable non-free use to be decided "
                + "after 25 April 2024\"", e.log().reason());
        assertTrue(e.summary().startsWith("deleted \"[[Category talk:"));
    }

    @Test
    void anUploadWithAMultiLineDescriptionGetsIrcsSpaces() throws Exception {
        JsonNode n = recordedEvents().stream().filter(x -> "upload".equals(x.path("log_type").asText()))
                .findFirst().orElseThrow();
        RcEvent e = stream.toEvent(n);
        assertEquals("commons.wikimedia", e.wiki());
        assertEquals("File:Wissensturm Linz, Eingangsbereich - Panorama (06).jpg", e.log().target());
        assertFalse(e.summary().contains("\n"));
        assertTrue(e.log().reason().startsWith("== {{int:filedesc}} == {{Information |Description="));
    }

    @Test
    void anOldEventWithoutNotifyUrlGetsTheDiffUrlRebuilt() throws Exception {
        RcEvent e = stream.toEvent(Fixtures.read("eventstreams/EventWatch_docs_examples_enwiki_edit_2021-11-06.json"));
        assertEquals("https://en.wikipedia.org/w/index.php?diff=1053855737&oldid=1053855113", e.url());
        assertEquals(1440399890, e.rcid());
        assertEquals(2, e.namespace());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,2]", "null", "42", "\"text\"", "{\"type\":\"edit\"}", "{\"type\":\"weird\"}",
            "{\"type\":\"log\",\"server_name\":\"fr.wikipedia.org\",\"user\":\"X\"}",
            "{\"type\":\"edit\",\"server_name\":\"fr.wikipedia.org\",\"title\":\"T\",\"user\":\"U\","
                    + "\"length\":{\"new\":\"lots\"}}"})
    void malformedEventsAreCountedAndSkipped(String json) {
        RcEvent e = stream.toEvent(json);
        if (e == null) {
            assertEquals(1, stream.skipped());
        } else {
            assertEquals(0, stream.skipped(), "a readable event: a strange length is only a missing size");
        }
        assertNull(stream.toEvent((JsonNode) null));
    }

    @Test
    void blockFactsFromLogParamsWinOverTheText() throws Exception {
        ObjectNode n = frenchLog("block", "block", "Utilisateur:203.0.113.7",
                "blocked [[Utilisateur:203.0.113.7]] with an expiration time of 31 heures (création de compte "
                        + "interdite, une chose inconnue)&#x202F;: Vandalisme &quot;répété&quot; &amp; &#039;spam&#039;");
        ObjectNode params = n.putObject("log_params");
        params.put("duration", "31 hours");
        params.put("flags", "nocreate,noautoblock");
        params.put("sitewide", true);
        RcEvent e = stream.toEvent(n);
        assertEquals("31 heures", e.log().expiry());
        assertEquals(31 * 3600, e.log().expirySeconds());
        assertEquals(List.of("nocreate", "noautoblock"), e.log().flags());
        assertEquals("Vandalisme \"répété\" & 'spam'", e.log().reason());
        assertEquals("Spécial:Log/block", e.title());
    }

    // ------------------------------------------------------------------ the same change through both feeds

    /** The IRC text MediaWiki would have sent for this event. */
    private static String ircTextOf(JsonNode n, RcEvent fromStream) {
        if (fromStream.isLog()) {
            return RcLineWriter.log(fromStream.title(), n.path("log_action").asText(), n.path("user").asText(),
                    n.path("title").asText(), fromStream.summary());
        }
        JsonNode patrolled = n.get("patrolled");
        return RcLineWriter.edit(n.path("title").asText(), n.path("type").asText().equals("new"),
                patrolled != null && !patrolled.asBoolean(), n.path("minor").asBoolean(), n.path("bot").asBoolean(),
                fromStream.url(), n.path("user").asText(), fromStream.sizeDelta(), n.path("comment").asText());
    }

    static Stream<JsonNode> sameChanges() throws Exception {
        List<JsonNode> all = new ArrayList<>(recordedEvents());
        all.removeIf(n -> n.path("type").asText().equals("categorize"));
        all.add(frenchLog("block", "block", "Utilisateur:198.51.100.4", "blocked [[Utilisateur:198.51.100.4]] with "
                + "an expiration time of 1 semaine (création de compte interdite, envoi de courriel interdit)&#x202F;: "
                + "[[WP:V|vandalisme]]"));
        all.add(frenchLog("block", "reblock", "Utilisateur:Faux Nez", "changed block settings for [[Utilisateur:Faux "
                + "Nez]] with an expiration time of indéfiniment (ne peut modifier sa propre page de discussion)"));
        all.add(frenchLog("block", "unblock", "Utilisateur:Faux Nez", "unblocked Utilisateur:Faux Nez&#8239;: erreur"));
        all.add(frenchLog("delete", "delete", "Essai d&#039;été", "deleted &quot;[[Essai d&#039;été]]&quot;&#x202F;: "
                + "[[WP:SI|SI]] : test"));
        all.add(frenchLog("move", "move", "Brouillon:Ma page", "moved [[Brouillon:Ma page]] to [[Ma page]]&#160;: "
                + "publication"));
        all.add(frenchLog("upload", "upload", "Fichier:Tour Eiffel.jpg", "uploaded &quot;[[Fichier:Tour "
                + "Eiffel.jpg]]&quot;&#x202F;: photo personnelle"));
        all.add(frenchLog("protect", "protect", "Paris", "protected &quot;[[Paris &#x200E;[modifier=autoconfirmed] "
                + "(infini)]]&quot;&#x202F;: vandalisme"));
        all.add(frenchLog("newusers", "create2", "Utilisateur:Recrue", "created new account Utilisateur:Recrue"));
        all.add(frenchLog("newusers", "create", "Utilisateur:Recrue", "New user account"));
        return all.stream();
    }

    private static ObjectNode frenchLog(String type, String action, String title, String comment) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "log");
        n.put("title", title);
        n.put("user", title.startsWith("Utilisateur:Recrue") ? "Recrue" : "Admin Exemple");
        n.put("bot", false);
        n.put("log_type", type);
        n.put("log_action", action);
        n.putArray("log_params");
        n.put("log_action_comment", comment);
        n.put("server_name", "fr.wikipedia.org");
        n.put("wiki", "frwiki");
        return n;
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("sameChanges")
    void theSameChangeReadFromIrcAndFromEventStreamsGivesTheSameEvent(JsonNode n) {
        RcEvent s = stream.toEvent(n);
        RcEvent i = irc.parse(s.wiki(), ircTextOf(n, s));
        assertNotNull(i);
        assertEquals(s.wiki(), i.wiki());
        assertEquals(s.kind(), i.kind());
        assertEquals(s.title(), i.title());
        if (i.namespace() != RcEvent.NS_UNKNOWN) {
            assertEquals(s.namespace(), i.namespace(), "IRC knows a namespace only from the wiki's names");
        }
        assertEquals(s.user(), i.user());
        assertEquals(s.minor(), i.minor());
        if (!s.isLog()) {
            assertEquals(s.bot(), i.bot(), "IRC flags a bot's edits, not its log entries");
        }
        assertEquals(s.unpatrolled(), i.unpatrolled());
        assertEquals(s.sizeDelta(), i.sizeDelta());
        assertEquals(s.revId(), i.revId());
        assertEquals(s.oldRevId(), i.oldRevId());
        if (i.rcid() != 0) {
            assertEquals(s.rcid(), i.rcid(), "IRC shows the rcid only where patrolling is on");
        }
        assertEquals(s.url(), i.url());
        assertEquals(s.summary(), i.summary());
        assertEquals(s.log(), i.log());
        assertEquals(s.revert(), i.revert());
        assertEquals(s.revertedUser(), i.revertedUser());
        assertFalse(i.truncated());
        if (s.isLog()) {
            assertTrue(s.log().matched(), s.summary());
        }
    }
}
