package org.vigie.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code replay --report}: the activity is recorded as the running bot records it (engine → Activity → H2) and the
 * report built from the store gives the same figures as the replay's own counts.
 */
class ReportReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"samples/fr-sample.irc", "samples/fr-sample.jsonl"})
    void theReportOfAReplayedDayMatchesTheReplaysOwnCounts(String file) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"replay", file, "--json", "--lists", "lists", "--report"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) {
                lines.add(JSON.readTree(l));
            }
        }
        JsonNode report = lines.get(lines.size() - 1).get("report");
        JsonNode summary = lines.get(lines.size() - 2);
        assertTrue(summary.path("summary").asBoolean());
        List<JsonNode> changes = lines.subList(0, lines.size() - 2);

        // the replay's own counts, per wiki
        Map<String, Long> raised = new TreeMap<>();
        Map<String, Map<String, Long>> events = new TreeMap<>();
        Map<String, Map<String, Long>> users = new TreeMap<>();
        for (JsonNode c : changes) {
            String wiki = c.get("wiki").asText();
            raised.merge(wiki, 1L, Long::sum);
            c.get("events").forEach(e -> events.computeIfAbsent(wiki, k -> new TreeMap<>())
                    .merge(e.asText(), 1L, Long::sum));
            users.computeIfAbsent(wiki, k -> new TreeMap<>()).merge(c.get("user").asText(), 1L, Long::sum);
        }

        long changesRead = 0;
        long raisedTotal = 0;
        long alertedTotal = 0;
        for (JsonNode w : report.get("wikis")) {
            String wiki = w.get("wiki").asText();
            changesRead += w.get("changes").asLong();
            raisedTotal += w.get("raised").asLong();
            alertedTotal += w.get("alerted").asLong();
            assertEquals(raised.getOrDefault(wiki, 0L), w.get("raised").asLong(), wiki);
            Map<String, Long> reported = new TreeMap<>();
            w.get("events").fields().forEachRemaining(e -> reported.put(e.getKey(), e.getValue().asLong()));
            assertEquals(events.getOrDefault(wiki, Map.of()), reported, wiki + ": alerts per event");
            assertEquals(reported.getOrDefault("block", 0L), w.get("blocks").asLong());
            for (JsonNode u : w.get("topUsers")) {
                assertTrue(u.get("alerts").asLong() <= users.get(wiki).get(u.get("name").asText()),
                        "a user has no more alerts than changes that raised events: " + u);
            }
        }
        assertEquals(summary.get("parsed").asLong(), changesRead, "changes read");
        assertEquals(summary.get("changesWithEvents").asLong(), raisedTotal, "changes that raised events");
        // one destination (#replay, the default spec): one alert per alerted change
        assertEquals(summary.get("alerts").asLong(), alertedTotal, "alerted changes");
        assertTrue(changesRead > 20 && raisedTotal > 5, "the sample is not empty: " + report);
        // the automatic entries of the replay are list changes by "auto" in the audit trail
        boolean auto = false;
        for (JsonNode l : report.get("listChanges")) {
            auto |= l.get("who").asText().equals("auto") && l.get("action").asText().equals("add");
        }
        assertTrue(auto, "the block's automatic blacklisting is a list change: " + report.get("listChanges"));
    }
}
