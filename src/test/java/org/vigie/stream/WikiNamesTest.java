package org.vigie.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigie.feed.WikiNames;
import org.vigie.wiki.WikiApi;

/** One name per wiki: the IRC channel's, whichever feed or spelling it came from. */
class WikiNamesTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            frwiki            | fr.wikipedia.org       | fr.wikipedia
            enwiki            | en.wikipedia.org       | en.wikipedia
            commonswiki       | commons.wikimedia.org  | commons.wikimedia
            metawiki          | meta.wikimedia.org     | meta.wikimedia
            specieswiki       | species.wikimedia.org  | species.wikimedia
            frwiktionary      | fr.wiktionary.org      | fr.wiktionary
            wikidatawiki      | www.wikidata.org       | wikidata.wikipedia
            testwikidatawiki  | test.wikidata.org      | testwikidata.wikipedia
            mediawikiwiki     | www.mediawiki.org      | mediawiki.wikipedia
            wikifunctionswiki | www.wikifunctions.org  | www.wikifunctions
            """)
    void anEventIsNamedAsItsIrcChannel(String db, String server, String name) {
        assertEquals(name, WikiNames.ofEvent(db, server));
    }

    @Test
    void anEventWithoutItsDatabaseNameIsNamedByItsDomain() {
        assertEquals("wikidata.wikipedia", WikiNames.ofEvent(null, "www.wikidata.org"));
        assertEquals("fr.wikipedia", WikiNames.ofEvent(null, "fr.wikipedia.org"));
        assertNull(WikiNames.ofEvent(null, null));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            fr.wikipedia         | fr.wikipedia
            fr.wikipedia.org     | fr.wikipedia
            #fr.wikipedia        | fr.wikipedia
            Commons.Wikimedia    | commons.wikimedia
            www.wikidata.org     | wikidata.wikipedia
            www.wikidata         | wikidata.wikipedia
            #wikidata.wikipedia  | wikidata.wikipedia
            www.mediawiki.org    | mediawiki.wikipedia
            """)
    void whatOperatorsWriteIsReadAsTheChannelName(String written, String name) {
        assertEquals(name, WikiNames.canonical(written));
    }

    @Test
    void theApiIsReachedByTheWikisDomain() {
        assertEquals("www.wikidata.org", WikiNames.domain("wikidata.wikipedia"));
        assertEquals("fr.wikipedia.org", WikiNames.domain("fr.wikipedia"));
        assertEquals("https://www.mediawiki.org/w/api.php", WikiApi.defaultApiUrl("mediawiki.wikipedia"));
    }
}
