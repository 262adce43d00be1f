package org.vigie.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigie.e2e.LiveBot.CONTROL;
import static org.vigie.e2e.LiveBot.NICK;
import static org.vigie.e2e.LiveBot.after;
import static org.vigie.e2e.LiveBot.ask;
import static org.vigie.e2e.LiveBot.said;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.testirc.TestClient;

/**
 * The whole bot on ngIRCd with a webhook destination on a real HTTP server: one feed line reaches both the IRC alert
 * channel and the hook; the hook's address, given by private message, is never said back.
 */
class HookE2eTest {

    @TempDir
    Path dir;

    @StartStop
    private final MockWebServer hook = new MockWebServer();

    /** Sends {@code Vigie <command>} by private message and returns Vigie's first private answer that fits. */
    private static String privately(TestClient who, String command, java.util.function.Predicate<String> answer) {
        int mark = who.lines().size();
        who.privmsg(NICK, command);
        return said(after(who, mark, l -> {
            TestClient.Received r = said(l, who.nick());
            return r != null && answer.test(r.text());
        }), who.nick()).text();
    }

    @Test
    void oneFeedLineReachesTheIrcChannelAndTheWebhook() throws Exception {
        for (int i = 0; i < 5; i++) {
            hook.enqueue(new MockResponse.Builder().code(204).build());
        }
        int web;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            web = free.getLocalPort();
        }
        try (LiveBot bot = LiveBot.start(dir, "web.port", Integer.toString(web))) {
            String url = hook.url("/api/webhooks/42/t0p-s3cret-token").toString();

            // said in a channel, the address would be public: refused, nothing stored
            String refused = ask(bot.operator, "hook add leak " + url + " format=discord",
                    t -> t.contains("private message"));
            assertFalse(refused.contains("s3cret"), refused);

            String added = privately(bot.operator, "hook add fr-discord " + url + " format=discord",
                    t -> t.contains("fr-discord"));
            assertTrue(added.contains("oken"), "the last characters are shown: " + added);
            assertFalse(added.contains("t0p-s3cret"), "the address is never said back: " + added);

            String dest = ask(bot.operator, "dest add hook:fr-discord black,ip", t -> t.contains("hook:fr-discord"));
            assertTrue(dest.contains("ip"), dest);
            String list = ask(bot.operator, "hook list", t -> t.startsWith("Webhooks:"));
            assertTrue(list.contains("fr-discord (discord, "), list);
            assertFalse(list.contains("s3cret"), list);

            long diff = bot.edit("Tour Eiffel", "198.51.100.23", -40, "test hook");
            String alert = bot.awaitAlert(diff);
            assertTrue(alert.contains("Tour Eiffel"), alert);

            RecordedRequest r = hook.takeRequest(15, TimeUnit.SECONDS);
            assertTrue(r != null, "the webhook got nothing");
            assertEquals("/api/webhooks/42/t0p-s3cret-token", r.getUrl().encodedPath());
            JsonNode body = new ObjectMapper().readTree(r.getBody().utf8());
            String content = body.get("content").asText();
            assertTrue(content.contains("Tour Eiffel") && content.contains("diff=" + diff + "&"), content);
            assertFalse(content.contains("\u0003"), "no IRC colour on a webhook: " + content);
            assertEquals("Tour Eiffel", body.get("embeds").get(0).get("title").asText());

            // never joined: a webhook is not a channel
            assertTrue(bot.watcher.lines().stream().noneMatch(l -> l.contains("JOIN") && l.contains("hook:")));

            // another operator: the first one has spent its command budget
            String test = privately(bot.newOperator("oper2"), "hook test fr-discord", t -> t.contains("HTTP"));
            assertTrue(test.contains("HTTP 204"), test);
            RecordedRequest testMessage = hook.takeRequest(15, TimeUnit.SECONDS);
            assertTrue(testMessage != null && testMessage.getBody().utf8().contains("test message asked by oper2"));
            // after the test's round trip, the alert's 204 has long been read: the figures show it sent
            String status = ask(bot.stranger, "status", t -> t.startsWith("Webhooks:"));
            assertTrue(status.contains("fr-discord") && status.contains("1 sent"), status);
            assertFalse(status.contains("oken"), "status, open to anyone, shows no part of the address: " + status);

            // the same figures on the status endpoint
            okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
            try (okhttp3.Response resp = http.newCall(new okhttp3.Request.Builder()
                    .url("http://127.0.0.1:" + web + "/status.json").build()).execute()) {
                String doc = resp.body().string();
                JsonNode h = new ObjectMapper().readTree(doc).get("status").get("hooks").get(0);
                assertEquals("fr-discord", h.get("name").asText());
                assertEquals(1, h.get("sent").asLong());
                assertEquals(0, h.get("queued").asLong());
                assertFalse(doc.contains("t0p-s3cret"), doc);
            }
            try (okhttp3.Response resp = http.newCall(new okhttp3.Request.Builder()
                    .url("http://127.0.0.1:" + web + "/metrics").build()).execute()) {
                String metrics = resp.body().string();
                assertTrue(metrics.contains("vigie_hook_sent_total{hook=\"fr-discord\"} 1.0"), metrics);
                assertFalse(metrics.contains("t0p-s3cret"), metrics);
            }
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();

            // the report of the last 24 h: short in the channel, rich on the webhook
            String head = ask(bot.newOperator("oper3"), "report now", t -> t.startsWith("fr.wikipedia, last 24 h:"));
            assertTrue(head.contains("1 changes read, 1 raised events, 1 alerted (ip 1)"), head);
            String sent = ask(bot.newOperator("oper4"), "report now hook:fr-discord", t -> t.startsWith("Report sent"));
            assertTrue(sent.contains("hook:fr-discord"), sent);
            RecordedRequest report = hook.takeRequest(15, TimeUnit.SECONDS);
            assertTrue(report != null, "the report never reached the webhook");
            String rich = new ObjectMapper().readTree(report.getBody().utf8()).get("content").asText();
            assertTrue(rich.startsWith("Vigie report, last 24 h\nfr.wikipedia, last 24 h: 1 changes read"), rich);
            assertTrue(rich.contains("Top users by alerts: 198.51.100.23 (1)"), rich);
        }
    }
}
