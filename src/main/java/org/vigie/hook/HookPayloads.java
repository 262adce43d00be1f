package org.vigie.hook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.vigie.alert.AlertFormatter;

/**
 * Request bodies for each {@link HookFormat}, several waiting alerts batched into one request within the platform's
 * documented limits:
 * <ul>
 *   <li>Discord (Execute Webhook): {@code content} at most 2,000 characters, at most 10 {@code embeds}, an embed's
 *       title at most 256 characters, a field value at most 1,024, all embeds together at most 6,000;
 *       {@code allowed_mentions} with no {@code parse} so that no text from the feed can ping anyone.</li>
 *   <li>Slack (incoming webhook): {@code text} at most 40,000 characters (the notification and the fallback of
 *       Mattermost and Rocket.Chat), at most 50 {@code blocks}, a section's text at most 3,000 characters, at most 10
 *       fields of at most 2,000; {@code &}, {@code <}, {@code >} escaped as Slack asks.</li>
 *   <li>JSON: the replay's JSON object, one alert a request.</li>
 * </ul>
 */
public final class HookPayloads {

    public static final int DISCORD_CONTENT_MAX = 2_000;
    public static final int DISCORD_EMBEDS_MAX = 10;
    public static final int DISCORD_TITLE_MAX = 256;
    /** Field values are cut here so that ten embeds stay under Discord's 6,000 characters in total. */
    static final int DISCORD_FIELD_MAX = 100;
    public static final int SLACK_TEXT_MAX = 40_000;
    public static final int SLACK_BLOCKS_MAX = 50;
    static final int SLACK_SECTION_MAX = 3_000;
    static final int SLACK_FIELD_MAX = 2_000;

    /** A request body and how many alerts (from the head of the list) it carries. */
    public record Batch(int count, String body) {
    }

    private HookPayloads() {
    }

    /**
     * The body carrying as many alerts from the head of {@code messages} as fit, at least one (cut to fit), at most
     * {@code maxCount}.
     */
    public static Batch build(ObjectMapper m, HookFormat f, List<HookMessage> messages, int maxCount) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("nothing to send");
        }
        try {
            return switch (f) {
                case DISCORD -> discord(m, messages, maxCount);
                case SLACK -> slack(m, messages, maxCount);
                case JSON -> new Batch(1, m.writeValueAsString(messages.get(0).json()));
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Batch discord(ObjectMapper m, List<HookMessage> messages, int maxCount)
            throws JsonProcessingException {
        int limit = Math.min(Math.min(maxCount, DISCORD_EMBEDS_MAX), messages.size());
        StringBuilder content = new StringBuilder();
        ObjectNode body = m.createObjectNode();
        ArrayNode embeds = m.createArrayNode();
        int n = 0;
        for (; n < limit; n++) {
            HookMessage msg = messages.get(n);
            String line = AlertFormatter.shorten(msg.text(), DISCORD_CONTENT_MAX);
            int needed = (content.length() == 0 ? 0 : 1) + line.length();
            if (n > 0 && content.length() + needed > DISCORD_CONTENT_MAX) {
                break;
            }
            if (content.length() > 0) {
                content.append('\n');
            }
            content.append(line);
            ObjectNode e = embeds.addObject();
            e.put("title", AlertFormatter.shorten(msg.title().isEmpty() ? msg.wiki() : msg.title(), DISCORD_TITLE_MAX));
            if (msg.url().startsWith("https://") || msg.url().startsWith("http://")) {
                e.put("url", msg.url());
            }
            e.put("color", msg.high() ? 0xE0_2F_2F : 0x33_66_CC);
            ArrayNode fields = e.putArray("fields");
            field(fields, "wiki", msg.wiki(), DISCORD_FIELD_MAX).put("inline", true);
            field(fields, "user", msg.user(), DISCORD_FIELD_MAX).put("inline", true);
            field(fields, "events", String.join(", ", msg.events()), DISCORD_FIELD_MAX).put("inline", true);
            e.put("timestamp", Instant.ofEpochMilli(msg.createdMillis()).toString());
        }
        body.put("content", content.toString());
        body.set("embeds", embeds);
        body.putObject("allowed_mentions").putArray("parse");
        return new Batch(n, m.writeValueAsString(body));
    }

    // Discord refuses an empty field value: a dash stands for nothing.
    private static ObjectNode field(ArrayNode fields, String name, String value, int max) {
        ObjectNode f = fields.addObject();
        f.put("name", name);
        f.put("value", value.isBlank() ? "-" : AlertFormatter.shorten(value, max));
        return f;
    }

    private static Batch slack(ObjectMapper m, List<HookMessage> messages, int maxCount) throws JsonProcessingException {
        int limit = Math.min(Math.min(maxCount, SLACK_BLOCKS_MAX), messages.size());
        StringBuilder text = new StringBuilder();
        ObjectNode body = m.createObjectNode();
        ArrayNode blocks = m.createArrayNode();
        int n = 0;
        for (; n < limit; n++) {
            HookMessage msg = messages.get(n);
            String line = AlertFormatter.shorten(slackEscape(msg.text()), SLACK_SECTION_MAX);
            int needed = (text.length() == 0 ? 0 : 1) + line.length();
            if (n > 0 && text.length() + needed > SLACK_TEXT_MAX) {
                break;
            }
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(line);
            ObjectNode section = blocks.addObject();
            section.put("type", "section");
            ObjectNode t = section.putObject("text");
            t.put("type", "mrkdwn");
            t.put("text", line);
            ArrayNode fields = section.putArray("fields");
            slackField(fields, "wiki", msg.wiki());
            slackField(fields, "user", msg.user());
            slackField(fields, "page", msg.title());
            slackField(fields, "events", String.join(", ", msg.events()));
        }
        body.put("text", text.toString());
        body.set("blocks", blocks);
        return new Batch(n, m.writeValueAsString(body));
    }

    private static void slackField(ArrayNode fields, String name, String value) {
        ObjectNode f = fields.addObject();
        f.put("type", "mrkdwn");
        f.put("text", AlertFormatter.shorten("*" + name + "*\n" + slackEscape(value.isBlank() ? "-" : value),
                SLACK_FIELD_MAX));
    }

    /** Slack's three control characters in message text. */
    static String slackEscape(String s) {
        if (s.indexOf('&') < 0 && s.indexOf('<') < 0 && s.indexOf('>') < 0) {
            return s;
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The one-message body of {@code hook test}. */
    public static String test(ObjectMapper m, HookFormat f, String text, long nowMillis) {
        HookMessage msg = new HookMessage(nowMillis, false, "", "", "Vigie", "", List.of("test"), text,
                m.createObjectNode().put("test", true).put("text", text));
        return build(m, f, List.of(msg), 1).body();
    }
}
