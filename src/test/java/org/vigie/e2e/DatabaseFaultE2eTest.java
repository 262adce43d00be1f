package org.vigie.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigie.e2e.LiveBot.ALERTS;
import static org.vigie.e2e.LiveBot.CONTROL;
import static org.vigie.e2e.LiveBot.ask;
import static org.vigie.e2e.LiveBot.said;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;
import org.vigie.store.Audit;
import org.vigie.store.Database;
import org.vigie.store.FaultyFileSystem;
import org.vigie.store.ListStore;
import org.vigie.store.FaultyFileSystem.Fault;
import org.vigie.testirc.TestClient;

/**
 * The disk under the database fails while Vigie runs: full ({@code ENOSPC}) or remounted read-only ({@code EROFS}),
 * simulated under H2 at each write of the real database file ({@link FaultyFileSystem}). An operator's change is then
 * answered "not stored" with the reason, never acknowledged; alerts keep flowing from the lists in memory; and once the
 * disk is back, changes are stored again.
 */
class DatabaseFaultE2eTest extends LiveBotCase {

    @BeforeAll
    static void install() {
        FaultyFileSystem.install();
    }

    @AfterEach
    void stop() {
        FaultyFileSystem.set(Fault.NONE);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"DISK_FULL", "READ_ONLY"})
    void aFailingDiskGivesNotStoredNeverAnAcknowledgementAndAlertsKeepFlowing(Fault fault) throws IOException {
        Path db = dir.resolve("db").resolve("vigie");
        bot = LiveBot.start(dir, "db.url", "jdbc:h2:faulty:" + db.toAbsolutePath()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        TestClient op = bot.newOperator("op-disque");
        ask(op, "bl add Avant r=avant la panne", t -> t.startsWith("Added:"));

        FaultyFileSystem.set(fault);
        long failedBefore = FaultyFileSystem.failedWrites();
        String expected = fault == Fault.DISK_FULL ? "not stored: the disk is full"
                : "not stored: the database cannot be written (read-only)";
        String answer = said(ask(op, "bl add Pendant r=pendant la panne", t -> t.contains("Pendant") || t.contains("stored")),
                CONTROL).text();
        System.out.println("reliability: database " + fault + ": the operator is told \"" + answer + "\"");
        assertTrue(answer.contains(expected), answer);
        assertFalse(answer.startsWith("Added:"), answer);
        assertTrue(FaultyFileSystem.failedWrites() > failedBefore, "the write reached the failing disk");
        // a removal and a destination change are refused the same way (the latter by another operator)
        assertTrue(ask(op, "bl del Avant", t -> t.contains("stored") || t.contains("Avant")).contains(expected));
        TestClient op2 = bot.newOperator("op-dest");
        String dest = said(ask(op2, "dest add #panne all", t -> t.contains("#panne") || t.contains("stored")), CONTROL)
                .text();
        assertTrue(dest.contains(expected) && !dest.contains("now receives"), dest);

        // alerts keep flowing: from an entry stored before the fault, and for an edit that needs no list
        long black = bot.edit("Lyon", "Avant", 12, "pendant la panne");
        assertTrue(said(bot.awaitAlert(black), ALERTS).text().contains("Avant is on the blacklist"));
        bot.awaitAlert(bot.marker());
        // the refused entry is not in force: memory follows the record (an edit by Pendant raises nothing, the marker after it does)
        long pendant = bot.edit("Lyon", "Pendant", 3, "");
        bot.awaitAlert(bot.marker());
        assertEquals(-1, LiveBot.indexOf(bot.watcher, 0, l -> LiveBot.isAlert(l, ALERTS, "diff=" + pendant + "&")));

        // the disk is back: changes are stored again, without a restart
        FaultyFileSystem.set(Fault.NONE);
        ask(op, "bl add Apres r=après la panne", t -> t.startsWith("Added:"));

        // what was acknowledged survives a restart, what was refused does not exist
        bot.vigie.close();
        Clock clock = Clock.systemUTC();
        try (Database d = Database.open("jdbc:h2:faulty:" + db.toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE")) {
            ListStore s = new ListStore(d, new Audit(d, clock), new Lists(), clock);
            s.loadAll();
            assertTrue(s.find(ListKind.BL, "*", "Avant") != null, "acknowledged before the fault");
            assertTrue(s.find(ListKind.BL, "*", "Apres") != null, "acknowledged after the disk came back");
            assertNull(s.find(ListKind.BL, "*", "Pendant"), "refused: never stored");
        }
        System.out.printf("reliability: database %s: %d writes refused by the disk, 0 acknowledged, alerts kept flowing, "
                + "stored again once the disk was back%n", fault, FaultyFileSystem.failedWrites() - failedBefore);
    }
}
