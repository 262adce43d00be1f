package org.vigie.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the Druid "wikiticker" sample (39,244 real changes of 2015-09-12, one JSON object a line) for the benchmark.
 * Only the fields a feed line carries are kept.
 */
public final class WikitickerRows {

    /** One row: the wiki's channel name, the page, the user, flags, size delta, summary, time (epoch ms, 0 if none). */
    public record Row(String channel, String page, String user, boolean isNew, boolean minor, boolean bot,
               boolean unpatrolled, int delta, String comment, long millis) {
    }

    private WikitickerRows() {
    }

    public static List<Row> read(Path gz) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>(40_000);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz));
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                rows.add(new Row(n.path("channel").asText(), n.path("page").asText(), n.path("user").asText(),
                        n.path("isNew").asBoolean(), n.path("isMinor").asBoolean(), n.path("isRobot").asBoolean(),
                        n.path("isUnpatrolled").asBoolean(), n.path("delta").asInt(),
                        n.path("comment").asText("").replace('\n', ' ').replace('\r', ' '), millis(n)));
            }
        }
        return rows;
    }

    private static long millis(JsonNode n) {
        String t = n.path("time").asText("");
        try {
            return t.isEmpty() ? 0 : java.time.Instant.parse(t).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            return 0;
        }
    }
}
