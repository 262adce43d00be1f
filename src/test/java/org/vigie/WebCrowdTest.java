package org.vigie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigie.bench.WikitickerRows;
import org.vigie.alert.AlertFormatter;
import org.vigie.alert.Dispatcher;
import org.vigie.i18n.Templates;
import org.vigie.config.Settings;
import org.vigie.feed.FeedStats;
import org.vigie.feed.LogTexts;
import org.vigie.feed.RcEvent;
import org.vigie.feed.RcLineParser;
import org.vigie.feed.RcLineWriter;
import org.vigie.lists.Lists;
import org.vigie.patrol.AutoList;
import org.vigie.patrol.BlockConflicts;
import org.vigie.patrol.Patrol;
import org.vigie.web.LiveAlerts;
import org.vigie.web.WebServer;
import org.vigie.web.WebSource;

/**
 * A crowd at the live page: 60 idle viewers (more than {@code web.clients} = 50) while the engine patrols a recorded
 * day whose anonymous edits alert by the thousand. The 10 beyond the limit are refused at once with 503, the pages
 * still answer, and the engine's throughput with the crowd is printed next to the one without (a figure to read, not
 * a timed assertion: the machine is shared).
 */
class WebCrowdTest {

    static final int LIMIT = 50;
    static final int CROWD = 60;
    static final int RUNS = 7;

    @Test
    void sixtyIdleViewersAreCappedAndThePatrolDoesNotWaitForThem() throws Exception {
        RcEvent[] day = day();
        Templates templates = Templates.loadResource("en");
        Lists lists = new Lists();
        Settings settings = Settings.defaults();
        Patrol patrol = new Patrol(lists.reader(), () -> settings, new BlockConflicts(), new AutoList(templates));
        Dispatcher dispatcher = new Dispatcher(null);
        dispatcher.add("#crowd", "all");
        Clock clock = Clock.systemUTC();
        // the same engine without the web's tap, for comparison: only the network's sink (here a checksum)
        long[] sink = new long[1];
        Engine bare = new Engine(new Patrol(lists.reader(), () -> settings, new BlockConflicts(),
                new AutoList(templates)), dispatcher, new AlertFormatter(templates),
                (alert, verdict) -> sink[0] += alert.text().length(), (entry, cause) -> lists.put(entry), clock, 16);
        try (LiveAlerts alerts = new LiveAlerts(clock, LIMIT)) {
            Engine engine = new Engine(patrol, dispatcher, new AlertFormatter(templates), (alert, verdict) -> {
                sink[0] += alert.text().length();
                alerts.send(alert, verdict);
            }, (entry, cause) -> lists.put(entry), clock, 16);
            WebSource source = new WebSource() {
                @Override
                public Status status() {
                    return new Status("test", 0, List.<FeedStats>of(), engine.changes(), Map.of(), engine.queueDepth(),
                            0, true, 0, 0, 0, 0, 0, 0, Map.of(), false, List.of(), Map.of(), -1, "disabled", 0, 0, 0,
                            List.of(), Map.of());
                }

                @Override
                public String unhealthyReason() {
                    return null;
                }

                @Override
                public Lookup lookup(String item, String wiki) {
                    return new Lookup(item, List.of(), List.of(), Map.of());
                }
            };
            try (WebServer web = new WebServer("127.0.0.1", 0, "", templates, source, alerts, clock, false)) {
                long warmEnd = System.nanoTime() + 3_000_000_000L;
                while (System.nanoTime() < warmEnd) {
                    pass(day, engine, clock);
                    pass(day, bare, clock);
                }
                double withoutTap = linesPerSecond(day, bare, clock);
                double alone = linesPerSecond(day, engine, clock);
                long alertedBefore = alerts.alerted();

                List<Socket> crowd = new ArrayList<>();
                int accepted = 0;
                int refused = 0;
                try {
                    for (int i = 0; i < CROWD; i++) {
                        Socket s = new Socket();
                        crowd.add(s);
                        s.connect(new InetSocketAddress("127.0.0.1", web.port()), 5_000);
                        s.setSoTimeout(10_000);
                        OutputStream out = s.getOutputStream();
                        out.write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        // the status line only: then the viewer sits there and reads nothing more
                        String status = new BufferedReader(new InputStreamReader(s.getInputStream(),
                                StandardCharsets.US_ASCII), 1).readLine();
                        if (status.startsWith("HTTP/1.1 200")) {
                            accepted++;
                        } else if (status.startsWith("HTTP/1.1 503")) {
                            refused++;
                        } else {
                            throw new AssertionError("viewer " + i + ": " + status);
                        }
                    }
                    assertEquals(LIMIT, accepted, "viewers let in");
                    assertEquals(CROWD - LIMIT, refused, "viewers refused at once with 503");
                    assertEquals(LIMIT, alerts.viewers());
                    assertEquals(CROWD - LIMIT, alerts.refused());

                    double crowded = linesPerSecond(day, engine, clock);
                    long alertedWithCrowd = alerts.alerted() - alertedBefore;
                    // the pages still answer while every viewer's thread is taken
                    HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + web.port() + "/status")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, page.statusCode());
                    assertTrue(alertedWithCrowd > 0, "the recorded day alerts");
                    System.out.printf("web crowd: engine without the web's tap %,.0f lines/s; with the tap, no viewer "
                                    + "%,.0f lines/s; with %d idle live viewers "
                                    + "(%d let in, %d refused) %,.0f lines/s; %,d alerted changes meanwhile, "
                                    + "%,d alerts missed by the page (full buffers: dropped, never waited for)%n",
                            withoutTap, alone, CROWD, accepted, refused, crowded, alertedWithCrowd,
                            alerts.dropped());
                } finally {
                    for (Socket s : crowd) {
                        s.close();
                    }
                }
                System.out.printf("web crowd: after the crowd left: with the tap %,.0f lines/s, without %,.0f lines/s"
                        + "%n", linesPerSecond(day, engine, clock), linesPerSecond(day, bare, clock));
                assertTrue(sink[0] > 0);
            }
        }
    }

    /** The median of {@link #RUNS} timed passes over the day. */
    private static double linesPerSecond(RcEvent[] day, Engine engine, Clock clock) {
        long[] ns = new long[RUNS];
        for (int r = 0; r < RUNS; r++) {
            long t0 = System.nanoTime();
            pass(day, engine, clock);
            ns[r] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        return day.length * 1e9 / ns[RUNS / 2];
    }

    /** As the engine thread: one clock reading per batch. */
    private static void pass(RcEvent[] day, Engine engine, Clock clock) {
        long now = 0;
        for (int i = 0; i < day.length; i++) {
            if (i % Engine.BATCH == 0) {
                now = clock.millis();
            }
            engine.process(day[i], now);
        }
    }

    /** The recorded day (wikiticker, 2015-09-12) as parsed changes. */
    private static RcEvent[] day() throws IOException {
        Path gz = Path.of(System.getProperty("vigie.shared", "../shared"), "data",
                "wikiticker-2015-09-12-sampled.json.gz");
        RcLineParser parser = new RcLineParser(LogTexts.withDefaults());
        List<RcEvent> out = new ArrayList<>();
        long n = 0;
        for (WikitickerRows.Row r : WikitickerRows.read(gz)) {
            String wiki = r.channel().startsWith("#") ? r.channel().substring(1) : r.channel();
            long rev = 680_000_000L + n++;
            String url = "https://" + wiki + ".org/w/index.php?" + (r.isNew() ? "oldid=" + rev
                    : "diff=" + rev + "&oldid=" + (rev - 1));
            RcEvent e = parser.parse(wiki, RcLineWriter.edit(r.page(), r.isNew(), r.unpatrolled(), r.minor(), r.bot(),
                    url, r.user(), r.delta(), r.comment()));
            if (e != null) {
                out.add(e);
            }
        }
        assertTrue(out.size() > 10_000, "the recorded day was read: " + out.size());
        return out.toArray(new RcEvent[0]);
    }
}
