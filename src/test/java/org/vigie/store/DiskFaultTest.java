package org.vigie.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;

/**
 * The disk under the H2 file fails ({@link FaultyFileSystem}) and comes back: a change during the fault is refused with
 * its reason and not stored; after it, changes are stored again at once, whatever connections the pool held when H2
 * closed the database on the failed write.
 */
class DiskFaultTest {

    @TempDir
    Path dir;

    @AfterEach
    void heal() {
        FaultyFileSystem.set(FaultyFileSystem.Fault.NONE);
    }

    private static Entry bl(String item) {
        return new Entry(ListKind.BL, "*", item, "", "test", 0, Entry.NEVER, Entry.Source.OPERATOR);
    }

    @Test
    void afterAFullDiskComesBackChangesAreStoredAgainAtOnce() throws Exception {
        FaultyFileSystem.install();
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open("jdbc:h2:faulty:" + dir.resolve("vigie").toAbsolutePath())) {
            ListStore store = new ListStore(db, new Audit(db, clock), new Lists(), clock);
            store.add(bl("Avant"), Actor.system("test"));
            // the pool holds several idle connections, as it does under Vigie's threads
            try (Connection a = db.connection(); Connection b = db.connection(); Connection c = db.connection()) {
                assertNotNull(a.getMetaData());
                assertNotNull(b.getMetaData());
                assertNotNull(c.getMetaData());
            }

            FaultyFileSystem.set(FaultyFileSystem.Fault.DISK_FULL);
            StoreException e = assertThrows(StoreException.class, () -> store.add(bl("Pendant"), Actor.system("test")));
            assertEquals(StoreException.Reason.DISK_FULL, e.reason());
            assertThrows(StoreException.class, () -> store.add(bl("Pendant2"), Actor.system("test")));

            FaultyFileSystem.set(FaultyFileSystem.Fault.NONE);
            for (int i = 0; i < 4; i++) {
                store.add(bl("Apres" + i), Actor.system("test"));   // each would meet a stale pooled connection
            }
            assertNull(store.find(ListKind.BL, "*", "Pendant"));
        }
        try (Database db = Database.open("jdbc:h2:faulty:" + dir.resolve("vigie").toAbsolutePath())) {
            ListStore store = new ListStore(db, new Audit(db, clock), new Lists(), clock);
            store.loadAll();
            assertNotNull(store.find(ListKind.BL, "*", "Avant"));
            assertNotNull(store.find(ListKind.BL, "*", "Apres3"));
            assertNull(store.find(ListKind.BL, "*", "Pendant"));
            assertNull(store.find(ListKind.BL, "*", "Pendant2"));
        }
    }
}
