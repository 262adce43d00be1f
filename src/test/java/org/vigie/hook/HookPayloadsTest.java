package org.vigie.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches stay within each platform's documented limits, however long or many the waiting alerts. */
class HookPayloadsTest {

    private static final ObjectMapper M = new ObjectMapper();

    private static List<HookMessage> messages(int n, int length) {
        List<HookMessage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = ("alert " + i + " ").repeat(length / 8 + 1).substring(0, length);
            out.add(new HookMessage(1_700_000_000_000L + i, i % 2 == 0, "fr.wikipedia", "User " + i,
                    "T".repeat(300), "https://fr.wikipedia.org/w/index.php?diff=" + i, List.of("black"), text,
                    M.createObjectNode().put("i", i)));
        }
        return out;
    }

    @Test
    void discordContentStaysWithin2000CharactersAndTenEmbeds() throws Exception {
        HookPayloads.Batch b = HookPayloads.build(M, HookFormat.DISCORD, messages(20, 500), Integer.MAX_VALUE);
        JsonNode body = M.readTree(b.body());
        assertEquals(3, b.count(), "three lines of 500 and their breaks fit, a fourth would not");
        assertTrue(body.get("content").asText().length() <= HookPayloads.DISCORD_CONTENT_MAX);
        assertEquals(3, body.get("embeds").size());
        int embedChars = 0;
        for (JsonNode e : body.get("embeds")) {
            assertTrue(e.get("title").asText().length() <= HookPayloads.DISCORD_TITLE_MAX);
            embedChars += e.get("title").asText().length();
            for (JsonNode f : e.get("fields")) {
                embedChars += f.get("name").asText().length() + f.get("value").asText().length();
            }
        }
        assertTrue(embedChars <= 6000, "all embeds together within 6,000 characters: " + embedChars);

        HookPayloads.Batch shortOnes = HookPayloads.build(M, HookFormat.DISCORD, messages(25, 50), Integer.MAX_VALUE);
        assertEquals(HookPayloads.DISCORD_EMBEDS_MAX, shortOnes.count());
        HookPayloads.Batch huge = HookPayloads.build(M, HookFormat.DISCORD, messages(2, 5000), Integer.MAX_VALUE);
        assertEquals(1, huge.count(), "one alert always goes, cut to fit");
        assertEquals(HookPayloads.DISCORD_CONTENT_MAX, M.readTree(huge.body()).get("content").asText().length());
    }

    @Test
    void slackTextStaysWithin40000CharactersAndFiftyBlocks() throws Exception {
        HookPayloads.Batch b = HookPayloads.build(M, HookFormat.SLACK, messages(60, 2000), Integer.MAX_VALUE);
        JsonNode body = M.readTree(b.body());
        assertEquals(19, b.count(), "19 lines of 2,000 and their breaks fit in 40,000, a 20th would not");
        assertTrue(body.get("text").asText().length() <= HookPayloads.SLACK_TEXT_MAX);
        for (JsonNode block : body.get("blocks")) {
            assertTrue(block.get("text").get("text").asText().length() <= 3000);
            assertTrue(block.get("fields").size() <= 10);
        }
        assertEquals(HookPayloads.SLACK_BLOCKS_MAX,
                HookPayloads.build(M, HookFormat.SLACK, messages(60, 20), Integer.MAX_VALUE).count());
    }

    @Test
    void aBatchCanBeLimitedToOne() {
        assertEquals(1, HookPayloads.build(M, HookFormat.DISCORD, messages(5, 10), 1).count());
        assertEquals(1, HookPayloads.build(M, HookFormat.JSON, messages(5, 10), Integer.MAX_VALUE).count());
    }

    @Test
    void aLongReportIsCutAtLineEndsIntoPartsThatDiscordTakes() {
        String line = "x".repeat(700);
        List<String> parts = Hooks.split(String.join("\n", line, line, line, line, line), 2000);
        assertEquals(List.of(line + "\n" + line, line + "\n" + line, line), parts);
        assertEquals(List.of("short"), Hooks.split("short", 2000));
    }
}
