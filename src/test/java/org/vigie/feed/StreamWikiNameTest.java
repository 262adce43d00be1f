package org.vigie.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The wiki of an EventStreams event becomes a list key, a channel-like name in every alert and part of links: a name
 * no wiki could have (too long, spaces, controls, odd characters) is refused and counted, as a malformed event. Found by
 * FeedFuzzTest: a 698-character server_name made one alert seven IRC lines long.
 */
class StreamWikiNameTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StreamParser parser = new StreamParser(LogTexts.withDefaults());

    private static ObjectNode edit(String serverName, String dbName) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "edit");
        n.put("title", "Paris");
        n.put("namespace", 0);
        n.put("user", "Exemple");
        n.put("server_name", serverName);
        n.put("server_url", "https://" + serverName);
        if (dbName != null) {
            n.put("wiki", dbName);
        }
        n.putObject("revision").put("old", 1).put("new", 2);
        n.putObject("length").put("old", 10).put("new", 20);
        return n;
    }

    @Test
    void realWikiNamesAreRead() {
        assertEquals("fr.wikipedia", parser.toEvent(edit("fr.wikipedia.org", "frwiki")).wiki());
        assertEquals("wikidata.wikipedia", parser.toEvent(edit("www.wikidata.org", "wikidatawiki")).wiki());
        assertEquals("zh-min-nan.wikipedia", parser.toEvent(edit("zh-min-nan.wikipedia.org", null)).wiki());
        assertNotNull(parser.toEvent(edit("be-tarask.wikipedia.org", "be_x_oldwiki")));
    }

    @Test
    void aNameNoWikiCouldHaveIsRefusedAndCounted() {
        long before = parser.skipped();
        assertNull(parser.toEvent(edit("a".repeat(200) + ".wikipedia.org", null)), "too long");
        assertNull(parser.toEvent(edit("fr wikipedia.org", null)), "a space");
        assertNull(parser.toEvent(edit("fr.wiki\u0003pedia.org", null)), "a control character");
        assertNull(parser.toEvent(edit("fr.wikipédia.org", null)), "not a host name");
        assertNull(parser.toEvent(edit("#fr.wikipedia", null)), "not a host name");
        assertEquals(before + 5, parser.skipped());
    }
}
