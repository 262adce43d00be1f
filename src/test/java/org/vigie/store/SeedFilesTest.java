package org.vigie.store;

import org.vigie.testutil.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;

class SeedFilesTest {

    private static final long T0 = 1_750_000_000_000L;
    private static final long HOUR = 3_600_000L;
    /** The project's own seed folder (surefire runs in the project directory). */
    private static final Path SAMPLE = Path.of("lists");

    private final TestClock clock = new TestClock(T0);
    private Database db;
    private ListStore store;
    private ConfigStore config;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:mem:" + UUID.randomUUID());
        Audit audit = new Audit(db, clock);
        store = new ListStore(db, audit, new Lists(), clock);
        config = new ConfigStore(db, audit);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "Foo|Foo|-|-|-",
            "Foo p=fr.wikipedia x=24 r=spam|Foo|fr.wikipedia|24|spam",
            "Foo r=spam x=24 p=fr.wikipedia|Foo|fr.wikipedia|24|spam",
            "Tour Eiffel p=fr.wikipedia r=cible fréquente de vandalisme|Tour Eiffel|fr.wikipedia|-|cible fréquente de vandalisme",
            "Foo r=vu sur fr.wikipedia x=2026-01-31T12:00:00Z|Foo|-|2026-01-31T12:00:00Z|vu sur fr.wikipedia",
            "/h[a4]ck[e3]r/ r=pseudo|/h[a4]ck[e3]r/|-|-|pseudo",
            "Foo r=|Foo|-|-|''",
            "Foo rx=1|Foo rx=1|-|-|-",
    })
    void linesSplitIntoItemAndOptionsInAnyOrder(String line, String item, String wiki, String expiry, String reason) {
        assertEquals(new SeedFiles.Line(item, wiki, expiry, reason), SeedFiles.parse(line));
    }

    @Test
    void malformedLinesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SeedFiles.parse(" p=fr.wikipedia"));
        assertThrows(IllegalArgumentException.class, () -> SeedFiles.parse("x=3 r=no item"));
        assertThrows(IllegalArgumentException.class, () -> SeedFiles.parse("Foo x=1 x=2"));
        assertThrows(IllegalArgumentException.class, () -> SeedFiles.parse("Foo x="));
    }

    @Test
    void theSampleListsImportForTheFrenchDemo() {
        SeedFiles.ImportReport r = SeedFiles.importOnce(SAMPLE, store, config);
        assertTrue(r.ran());
        assertEquals(List.of(), r.problems());
        assertEquals(12, r.added());
        long now = clock.millis();
        Lists l = store.lists();
        assertEquals("vandalisme répété", l.find(ListKind.BL, "fr.wikipedia", "Vandale123", now).reason());
        assertNotNull(l.find(ListKind.WL, "fr.wikipedia", "GentilContributeur", now));
        assertNotNull(l.find(ListKind.CVP, "fr.wikipedia", "Tour_Eiffel", now));
        assertNull(l.find(ListKind.CVP, "en.wikipedia", "Tour Eiffel", now));
        assertEquals("vandal", l.findWord(ListKind.BNU, "fr.wikipedia", "Vandalator", now).entry().item());
        assertEquals("H4ck3r", l.findWord(ListKind.BNU, "fr.wikipedia", "H4ck3rDu93", now).matched());
        assertNotNull(l.findWord(ListKind.BNA, "fr.wikipedia", "Caca boudin", now));
        assertNotNull(l.findWord(ListKind.BES, "fr.wikipedia", "c'est nul", now));
        assertNull(l.findWord(ListKind.BES, "fr.wikipedia", "Annulation des modifications", now),
                "the French undo summary is not a bad summary");
        assertEquals("administrateur (exemple pour la démo hors ligne)",
                l.find(ListKind.AL, "fr.wikipedia", "AdminExemple", now).reason());
        assertNotNull(l.findWord(ListKind.WHEELS, "fr.wikipedia", "Wheels on fire", now));
        assertEquals(T0 + 720 * HOUR, l.find(ListKind.BL, "fr.wikipedia", "203.0.113.45", now).expiresMillis());
        assertEquals("seed", l.find(ListKind.WL, "x", "GentilContributeur", now).adder());

        assertFalse(SeedFiles.importOnce(SAMPLE, store, config).ran(), "first start only");
        assertNotNull(config.get(SeedFiles.IMPORTED_FLAG));
        List<AuditRow> rows = new Audit(db, clock).since(0);
        assertEquals(9, rows.size(), "one summary row per file");
        assertEquals("2 entries, from bl.txt", rows.stream().filter(a -> a.area().equals("bl")).findFirst()
                .orElseThrow().details());
    }

    @Test
    void badLinesAreCountedAndReportedWhileGoodOnesLoad(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bl.txt"), String.join("\n",
                "# comment",
                "",
                "Good r=ok",
                "Bad x=soon",
                "Ctrl\u0007Char",
                "Old x=2020-01-01T00:00:00Z",
                " x=3",
                "   # indented comment",
                "Also Good p=FR.Wikipedia"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("bnu.txt"), "/ab(c/\nfine\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("nope.txt"), "x\n", StandardCharsets.UTF_8);
        Files.write(dir.resolve("wl.txt"), new byte[] {'A', (byte) 0xC3, '\n'});
        SeedFiles.ImportReport r = SeedFiles.importOnce(dir, store, config);
        assertEquals(3, r.added(), r.problems() + " " + store.lists().entries(ListKind.BL));
        assertEquals(1, r.expired());
        assertEquals(6, r.bad(), r.problems().toString());
        assertTrue(r.problems().contains("bl.txt:4: x= is neither hours nor an instant like 2026-01-31T12:00:00Z"),
                r.problems().toString());
        assertTrue(r.problems().stream().anyMatch(p -> p.startsWith("bnu.txt:1: invalid regular expression /ab(c/")));
        assertTrue(r.problems().contains("nope.txt: no list of that name"));
        assertTrue(r.problems().contains("wl.txt: not UTF-8"));
        assertNotNull(store.find(ListKind.BL, "fr.wikipedia", "Also Good"));
    }

    @Test
    void aMissingFolderIsNotMarkedImported(@TempDir Path dir) {
        assertFalse(SeedFiles.importOnce(dir.resolve("absent"), store, config).ran());
        assertNull(config.get(SeedFiles.IMPORTED_FLAG));
    }

    @Test
    void importingAnExportGivesBackTheSameEntries(@TempDir Path dir) throws Exception {
        SeedFiles.importAll(SAMPLE, store);
        Actor op = new Actor("Alice", "alice", "h");
        store.add(new Entry(ListKind.ACLO, "*", "AliceAccount", "", "opératrice", 0, Entry.NEVER, null), op);
        store.add(new Entry(ListKind.BL, "de.wikipedia", "Ärger_Macher", "", "", 0, T0 + 1234567, null), op);
        store.replaceFromWiki(ListKind.AL, "fr.wikipedia", Set.of("Admin1"), Actor.system("wiki refresh"));
        store.add(new Entry(ListKind.GL, "*", "Grey", "auto", "rollback", 0, T0 + HOUR, Entry.Source.AUTO), op);
        store.add(new Entry(ListKind.BES, "*", "bad r=word", "", "", 0, Entry.NEVER, null), op);

        SeedFiles.ExportReport out = SeedFiles.export(dir, store);
        assertEquals(List.of("bes bad r=word"), out.skipped());
        // the 12 sample entries, the aclo and the de.wikipedia bl entries; not the wiki's nor the automatic ones
        assertEquals(14, out.written());
        assertFalse(Files.readString(dir.resolve("al.txt")).contains("Admin1"),
                "wiki entries are fetched again, not exported");
        assertFalse(Files.exists(dir.resolve("gl.txt")), "automatic entries are not exported");
        assertTrue(Files.readString(dir.resolve("bl.txt")).contains(
                "Ärger_Macher p=de.wikipedia x=" + java.time.Instant.ofEpochMilli(T0 + 1234567) + "\n"));

        Database db2 = Database.open("jdbc:h2:mem:" + UUID.randomUUID());
        try {
            ListStore again = new ListStore(db2, new Audit(db2, clock), new Lists(), clock);
            SeedFiles.ImportReport r = SeedFiles.importAll(dir, again);
            assertEquals(List.of(), r.problems());
            for (ListKind k : ListKind.values()) {
                assertEquals(exported(store, k), exported(again, k), k.command());
            }
        } finally {
            db2.close();
        }
    }

    /** The fields an export carries: list, wiki, item, reason, expiry. */
    private static Set<String> exported(ListStore s, ListKind k) {
        return s.entries(k).stream()
                .filter(e -> e.source() == Entry.Source.OPERATOR && !e.item().contains(" r="))
                .sorted(Comparator.comparing(Entry::item))
                .map(e -> e.wiki() + "|" + e.item() + "|" + e.reason() + "|" + e.expiresMillis())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
