package org.vigie.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.ListView;
import org.vigie.lists.Lists;
import org.vigie.testutil.TestClock;

/**
 * Namespaces by any of their names (issue 9, point 7), through the real store: an old CVUBot list written with English
 * prefixes, imported, matches the French titles the feed sends, and show and del take any spelling.
 */
class PageNamesStoreTest {

    private static final long T0 = 1_787_659_200_000L;
    private final TestClock clock = new TestClock(T0);
    private Database db;
    private ListStore store;

    @TempDir
    Path dir;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:mem:" + UUID.randomUUID());
        store = new ListStore(db, new Audit(db, clock), new Lists(), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anOldListWithEnglishPrefixesMatchesTheFrenchTitlesOfTheFeed() throws Exception {
        Files.writeString(dir.resolve("cvp.txt"), "User:Cible Import\nTemplate talk:Infobox Import p=fr.wikipedia\n");
        Files.writeString(dir.resolve("cvi.txt"), "Image:Import.png r=souvent remplacée\nFile:Autre Import.jpg\n");
        SeedFiles.ImportReport r = SeedFiles.importAll(dir, store);
        assertEquals(4, r.added(), r.toString());
        ListView feed = store.lists().reader();
        assertNotNull(feed.find(ListKind.CVP, "fr.wikipedia", "Utilisateur:Cible Import", T0));
        assertNotNull(feed.find(ListKind.CVP, "fr.wikipedia", "Discussion modèle:Infobox Import", T0));
        assertNotNull(feed.find(ListKind.CVI, "fr.wikipedia", "Fichier:Import.png", T0));
        assertNotNull(feed.find(ListKind.CVI, "en.wikipedia", "File:Import.png", T0));
        assertNotNull(feed.find(ListKind.CVI, "fr.wikipedia", "Fichier:Autre Import.jpg", T0));
        assertNull(feed.find(ListKind.CVP, "fr.wikipedia", "Cible Import", T0), "the namespace still counts");
        // show (entriesFor) and del (remove) accept any spelling
        assertEquals(1, store.entriesFor("utilisateur:Cible Import").size());
        assertNotNull(store.remove(ListKind.CVI, Entry.GLOBAL, "Fichier:Import.png", Actor.system("test")));
        assertNull(feed.find(ListKind.CVI, "fr.wikipedia", "Fichier:Import.png", T0));
    }
}
