package org.vigie.store;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.ListView;
import org.vigie.lists.Lists;
import org.vigie.lists.PageNames;
import org.vigie.testutil.TestClock;

/**
 * Namespaces by any of their names (issue 9, point 7), through the real store: a wiki's own names, learned later from
 * its siteinfo, re-key what is already stored.
 */
class PageNamesRekeyTest {

    private static final long T0 = 1_787_659_200_000L;
    private final TestClock clock = new TestClock(T0);
    private Database db;
    private ListStore store;

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
    void aWikisOwnNamesLearnedLaterReKeyWhatIsStored() {
        store.add(new Entry(ListKind.CVP, Entry.GLOBAL, "Brukar:Parite Nynorsk", "op", "", T0, Entry.NEVER,
                Entry.Source.OPERATOR), Actor.system("test"));
        ListView feed = store.lists().reader();
        assertNull(feed.find(ListKind.CVP, "nn.wikipedia", "User:Parite Nynorsk", T0), "not known yet");
        assertTrue(PageNames.learn(Map.of("Brukar", 2, "Brukardiskusjon", 3, "Portal", 100)) > 0);
        assertTrue(store.rekeyPages() > 0);
        assertNotNull(feed.find(ListKind.CVP, "en.wikipedia", "User:Parite Nynorsk", T0));
        assertNotNull(feed.find(ListKind.CVP, "nn.wikipedia", "Brukar:Parite Nynorsk", T0));
        assertNotNull(store.remove(ListKind.CVP, Entry.GLOBAL, "User:Parite Nynorsk", Actor.system("test")));
    }
}
