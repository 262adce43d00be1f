package org.vigie.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.config.KeyValues;
import org.vigie.feed.RcEvent;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.patrol.Changes;
import org.vigie.patrol.EditorClass;
import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;
import org.vigie.store.Actor;
import org.vigie.store.Audit;
import org.vigie.store.Database;
import org.vigie.store.ListStore;

class ReportsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    Path dir;

    private static long at(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), PARIS).toInstant().toEpochMilli();
    }

    private static KeyValues memory() {
        Map<String, String> m = new HashMap<>();
        return new KeyValues() {
            @Override
            public String get(String key) {
                return m.get(key);
            }

            @Override
            public void put(String key, String value) {
                if (value == null) {
                    m.remove(key);
                } else {
                    m.put(key, value);
                }
            }
        };
    }

    @Test
    void aDailyReportFallsDueOnceADayAtItsTimeInTheInstancesZone() {
        Reports r = new Reports(new Activity(), null, PARIS, memory(), at("2026-03-10T07:00"));
        r.add("#vigie", LocalTime.of(8, 0));
        r.add("hook:fr-discord", LocalTime.of(8, 30));
        assertEquals(List.of(), r.due(at("2026-03-10T07:59")));
        assertEquals(List.of("#vigie"), r.due(at("2026-03-10T08:00")).stream().map(Reports.Schedule::target).toList());
        assertEquals(List.of(), r.due(at("2026-03-10T08:01")));
        assertEquals(List.of("hook:fr-discord"),
                r.due(at("2026-03-10T08:45")).stream().map(Reports.Schedule::target).toList());
        assertEquals(List.of(), r.due(at("2026-03-10T23:00")));
        // a tick that missed the minute (a slow scheduler, a pause) still sends it, once
        assertEquals(2, r.due(at("2026-03-11T09:10")).size());
        assertTrue(r.remove("#VIGIE"));
        assertFalse(r.remove("#vigie"));
        assertEquals(List.of("hook:fr-discord"), r.schedules().stream().map(Reports.Schedule::target).toList());
    }

    @Test
    void aRestartAfterTheTimeDoesNotSendTheSameReportAgain() {
        KeyValues kv = memory();
        new Reports(new Activity(), null, PARIS, kv, at("2026-03-10T07:00")).add("#vigie", LocalTime.of(8, 0));
        Reports restarted = new Reports(new Activity(), null, PARIS, kv, at("2026-03-10T08:05"));
        assertEquals(List.of(), restarted.due(at("2026-03-10T08:06")));
        assertEquals(1, restarted.due(at("2026-03-11T08:00")).size());
    }

    @Test
    void timesOfDayAreReadStrictly() {
        assertEquals(LocalTime.of(8, 0), Reports.time("08:00"));
        assertEquals(LocalTime.of(8, 5), Reports.time("8:05"));
        assertNull(Reports.time("25:00"));
        assertNull(Reports.time("8h"));
    }

    @Test
    void theCommandLineReportReadsTheDatabase() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        try (Database db = Database.open(url)) {
            Clock clock = Clock.systemUTC();
            Audit audit = new Audit(db, clock);
            ListStore lists = new ListStore(db, audit, new org.vigie.lists.Lists(), clock);
            lists.add(new Entry(ListKind.BL, Entry.GLOBAL, "Vandal", "Alice", "spam", clock.millis(), Entry.NEVER,
                    Entry.Source.OPERATOR),
                    new Actor("Alice", "AliceAccount", "example.org"));
            Activity a = new Activity();
            for (int i = 0; i < 10; i++) {
                a.read("fr.wikipedia");
            }
            RcEvent e = Changes.edit("Paris", "Vandal", -900).build();
            a.raised(new Verdict(e, EditorClass.BLACK, Event.BLACK.bit() | Event.BIGREMOVE.bit(), List.of(),
                    List.of()), true);
            a.raised(new Verdict(e, EditorClass.BLACK, Event.BLACK.bit(), List.of(), List.of()), true);
            new ActivityStore(db).add(a.drain(), 2, 3, clock.millis());
        }
        Path config = Files.writeString(dir.resolve("bot.properties"), "db.url=" + url + "\nlang=en\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = org.vigie.cli.Main.run(new String[] {"--config", config.toString(), "report", "--since", "24h",
                "--json"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        JsonNode r = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        JsonNode w = r.get("wikis").get(0);
        assertEquals("fr.wikipedia", w.get("wiki").asText());
        assertEquals(10, w.get("changes").asLong());
        assertEquals(2, w.get("alerted").asLong());
        assertEquals(2, w.get("events").get("black").asLong());
        assertEquals(1, w.get("events").get("bigremove").asLong());
        assertEquals("Vandal", w.get("topUsers").get(0).get("name").asText());
        assertEquals(2, w.get("topUsers").get(0).get("alerts").asLong());
        assertEquals("Alice", r.get("listChanges").get(0).get("who").asText());
        assertEquals("bl", r.get("listChanges").get(0).get("list").asText());
        assertEquals(2, r.get("reconnections").asLong());
        assertEquals(3, r.get("silentMinutes").asLong());

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        assertEquals(0, org.vigie.cli.Main.run(new String[] {"--config", config.toString(), "report"},
                new PrintStream(text, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        String t = text.toString(StandardCharsets.UTF_8);
        assertTrue(t.contains("fr.wikipedia, last 24 h: 10 changes read, 2 raised events, 2 alerted (black 2, "
                + "bigremove 1); 0 blocks seen"), t);
        assertTrue(t.contains("Top users by alerts: Vandal (2)"), t);
        assertTrue(t.contains("List changes: Alice: bl +1 | feed: 2 reconnections, 3 min without a line"), t);
    }
}
