package org.vigie.wiki;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class H2WikiCacheTest {

    private final DataSource db = TestDb.withV2();
    private final H2WikiCache cache = new H2WikiCache(db);

    @Test
    void savedCopyIsLoadedWithItsFetchTime() {
        cache.save("fr.wikipedia", "messages", "{\"lang\":\"fr\"}", 1_756_469_000_000L);

        assertEquals(Optional.of(new WikiCache.Cached("{\"lang\":\"fr\"}", 1_756_469_000_000L)),
                cache.load("fr.wikipedia", "messages"));
    }

    @Test
    void saveReplacesThePreviousCopyOfTheSameWikiAndKind() {
        cache.save("fr.wikipedia", "messages", "old", 1L);
        cache.save("fr.wikipedia", "messages", "new", 2L);
        cache.save("fr.wikipedia", "siteinfo", "ns", 3L);
        cache.save("en.wikipedia", "messages", "en", 4L);

        assertEquals(new WikiCache.Cached("new", 2L), cache.load("fr.wikipedia", "messages").orElseThrow());
        assertEquals(new WikiCache.Cached("ns", 3L), cache.load("fr.wikipedia", "siteinfo").orElseThrow());
        assertEquals(new WikiCache.Cached("en", 4L), cache.load("en.wikipedia", "messages").orElseThrow());
    }

    @Test
    void nothingStoredGivesEmpty() {
        assertTrue(cache.load("nl.wikipedia", "messages").isEmpty());
    }

    @Test
    void largeCopiesAndAccentsSurvive() {
        String big = "«\u202fé\u202f» ".repeat(20_000);
        cache.save("fr.wikipedia", "messages", big, 5L);
        assertEquals(big, cache.load("fr.wikipedia", "messages").orElseThrow().json());
    }

    @Test
    void migrationCanRunTwice() {
        cache.save("fr.wikipedia", "messages", "kept", 1L);
        TestDb.runV2(db);
        assertEquals("kept", cache.load("fr.wikipedia", "messages").orElseThrow().json());
    }
}
