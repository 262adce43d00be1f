package org.vigie.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigie.e2e.LiveBot.ALERTS;
import static org.vigie.e2e.LiveBot.CONTROL;
import static org.vigie.e2e.LiveBot.FEED;
import static org.vigie.e2e.LiveBot.NICK;
import static org.vigie.e2e.LiveBot.ask;
import static org.vigie.e2e.LiveBot.said;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;
import org.vigie.store.Audit;
import org.vigie.store.Database;
import org.vigie.store.ListStore;
import org.vigie.testirc.FaultProxy;
import org.vigie.testirc.TestClient;
import org.vigie.testutil.Await;

/**
 * A bad network between Vigie and its IRC server: both its connections (feed and network) go through a
 * {@link FaultProxy}, configured only by {@code feed.host/port} and {@code irc.host/port}, and the proxy fails them
 * while the feed is busy and an operator keeps sending commands. Promised: Vigie is back in every channel (control,
 * alerts, a destination added by command, the feed channel) within watchdog + backoff; no acknowledged command is lost;
 * no alert is sent twice; alerts flow again afterwards.
 *
 * <p>The feed carries a line every {@value #FEED_EVERY_MS} ms throughout, so that a watchdog counting feed lines only
 * (issue 13.5) sees a live feed whenever the path is up.
 */
class NetworkFaultE2eTest {

    /** Both watchdogs, in seconds: short, so that a stall is noticed within the test. */
    static final int WATCHDOG_S = 4;
    static final int FEED_EVERY_MS = 250;
    /** First reconnect delay ceiling (ConnectionSettings.DEFAULT_RECONNECT_MIN_MILLIS) and the watchdog's tick. */
    static final long BACKOFF_MS = 2_000;
    /** Registration, JOIN and NAMES on a loaded 2-core machine, on top of watchdog + backoff. */
    static final long SLACK_MS = 6_000;

    enum Fault { DROP, RESET_MID_LINE, STALL, SLOW_READER }

    @TempDir
    Path dir;
    LiveBot bot;
    FaultProxy feedProxy;
    FaultProxy netProxy;
    ScheduledExecutorService load;

    @AfterEach
    void stop() throws InterruptedException {
        if (load != null) {
            load.shutdownNow();
            load.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (bot != null) {
            bot.close();
        }
        for (FaultProxy p : new FaultProxy[] {feedProxy, netProxy}) {
            if (p != null) {
                p.close();
            }
        }
    }

    /** A documentation address (RFC 5737) per number: logged-out editors whose edits always alert. */
    static String anonymous(int n) {
        return (n % 2 == 0 ? "203.0.113." : "198.51.100.") + (1 + (n / 2) % 250);
    }

    /** Vigie, its feed and network connections each through a proxy, watchdogs of {@value #WATCHDOG_S} s. */
    private void startThroughProxies() throws IOException {
        bot = LiveBot.startVia(dir, irc -> {
            try {
                feedProxy = FaultProxy.to(irc.host(), irc.port());
                netProxy = FaultProxy.to(irc.host(), irc.port());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"feed.host", feedProxy.host(), "feed.port", Integer.toString(feedProxy.port()),
                    "irc.host", netProxy.host(), "irc.port", Integer.toString(netProxy.port()),
                    "feed.watchdog", Integer.toString(WATCHDOG_S), "irc.watchdog", Integer.toString(WATCHDOG_S)};
        });
    }

    /**
     * Issue 13.5: the feed server stops relaying feed lines while the connection stays alive (PING/PONG pass). The
     * watchdog must count feed lines, not any input: the feed is reconnected within watchdog + backoff and alerts
     * resume. Was red before the lean feed reader (the PONG to Vigie's own keep-alive PING counted as activity: no
     * reconnect); the reader's watchdog now counts only the sender's lines.
     */
    @org.junit.jupiter.api.Test
    void aFeedThatFallsSilentWhileItsServerStillAnswersIsReconnected() throws Exception {
        startThroughProxies();
        List<Long> fed = Collections.synchronizedList(new ArrayList<>());
        load = Executors.newScheduledThreadPool(1);
        AtomicInteger editor = new AtomicInteger();
        load.scheduleAtFixedRate(() -> fed.add(bot.edit("Bac à sable", anonymous(editor.incrementAndGet()), 3, "marker")),
                0, FEED_EVERY_MS, TimeUnit.MILLISECONDS);
        Await.pause(1_000);
        long before = feedProxy.accepted();
        int f = bot.feeder.lines().size();
        long t0 = System.nanoTime();
        feedProxy.silenceMessages();
        Duration bound = Duration.ofMillis(WATCHDOG_S * 1000L + BACKOFF_MS + SLACK_MS);
        LiveBot.after(bot.feeder, f, l -> LiveBot.isFeedPresent(l, FEED), bound);
        long back = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(feedProxy.accepted() > before, "the feed connection was made again");
        Await.pause(1_000);
        bot.awaitAlert(fed.get(fed.size() - 1));
        System.out.printf("reliability: network: a feed silent behind a live connection is reconnected after %d ms "
                + "(watchdog %d s)%n", back, WATCHDOG_S);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void vigieComesBackInEveryChannelLosingNoAcknowledgedCommandAndRepeatingNoAlert(Fault fault) throws Exception {
        startThroughProxies();
        TestClient second = bot.person("veilleur-deux");
        second.join("#second");
        TestClient op = bot.newOperator("op-reseau");
        ask(op, "dest add #second all", t -> t.contains("#second now receives"));
        LiveBot.after(second, 0, l -> LiveBot.isPresent(l, NICK, "#second"));
        ask(op, "bl add Avant r=avant la panne", t -> t.startsWith("Added:"));

        // load: a feed line every FEED_EVERY_MS, a command every 2.5 s
        List<Long> fed = Collections.synchronizedList(new ArrayList<>());
        List<String> asked = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger n = new AtomicInteger();
        load = Executors.newScheduledThreadPool(2);
        // a logged-out editor of its own for each line: one editor's alerts waiting behind a fault would be coalesced
        AtomicInteger editor = new AtomicInteger();
        load.scheduleAtFixedRate(() -> fed.add(bot.edit("Bac à sable", anonymous(editor.incrementAndGet()), 3, "marker")),
                0, FEED_EVERY_MS, TimeUnit.MILLISECONDS);
        load.scheduleAtFixedRate(() -> {
            String item = "Pendant" + n.incrementAndGet();
            asked.add(item);
            op.privmsg(CONTROL, NICK + " bl add " + item + " r=réseau");
        }, 500, 2_500, TimeUnit.MILLISECONDS);
        Await.pause(1_500);
        long acceptedBefore = netProxy.accepted() + feedProxy.accepted();

        int w = bot.watcher.lines().size();
        int o = bot.operator.lines().size();
        int s = second.lines().size();
        int f = bot.feeder.lines().size();
        long t0 = System.nanoTime();
        long backMillis;
        switch (fault) {
            case DROP -> {
                netProxy.drop();
                feedProxy.drop();
            }
            case RESET_MID_LINE -> {
                netProxy.resetMidLine();
                feedProxy.resetMidLine();
            }
            case STALL -> {
                netProxy.stall();
                feedProxy.stall();
            }
            case SLOW_READER -> {
                netProxy.slowReader(300);
                feedProxy.slowReader(300);
            }
        }
        if (fault == Fault.SLOW_READER) {
            // a congested link for twice the watchdog: input keeps coming, so no reconnect is needed; then it clears
            Await.pause(2L * WATCHDOG_S * 1000);
            netProxy.fastReader();
            feedProxy.fastReader();
            long after = fed.get(fed.size() - 1);
            bot.awaitAlert(after);
            backMillis = (System.nanoTime() - t0) / 1_000_000;
        } else {
            Duration bound = Duration.ofMillis(WATCHDOG_S * 1000L + BACKOFF_MS + SLACK_MS
                    + (fault == Fault.STALL ? WATCHDOG_S * 1000L / 4 : 0));
            // every channel rejoined: control, alerts, the destination added by command, the feed channel
            LiveBot.after(bot.operator, o, l -> LiveBot.isPresent(l, NICK, CONTROL), bound.plusSeconds(10));
            LiveBot.after(bot.watcher, w, l -> LiveBot.isPresent(l, NICK, ALERTS), bound.plusSeconds(10));
            LiveBot.after(second, s, l -> LiveBot.isPresent(l, NICK, "#second"), bound.plusSeconds(10));
            LiveBot.after(bot.feeder, f, l -> LiveBot.isFeedPresent(l, FEED), bound.plusSeconds(10));
            backMillis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(backMillis <= bound.toMillis(), fault + ": back in every channel after " + backMillis
                    + " ms, more than watchdog + backoff + slack = " + bound.toMillis() + " ms");
            assertTrue(netProxy.accepted() + feedProxy.accepted() >= acceptedBefore + 2, "both connections were made again");
        }

        // a little more load on the new connections, then quiet
        Await.pause(2_000);
        load.shutdown();
        load.awaitTermination(5, TimeUnit.SECONDS);
        long last = bot.edit("Lyon", "Avant", 9, "après la panne");
        assertTrue(said(bot.awaitAlert(last), ALERTS).text().contains("Avant is on the blacklist"));
        int lastAsk = LiveBot.command(op, "bl add Dernier r=après");
        LiveBot.after(op, lastAsk, l -> {
            TestClient.Received r = said(l, CONTROL);
            return r != null && r.text().startsWith("Added: \u0002Dernier\u0002");
        });

        // no alert twice: each fed diff at most once in each alert channel
        Map<String, Integer> twice = new HashMap<>();
        for (TestClient c : List.of(bot.watcher, second)) {
            String channel = c == bot.watcher ? ALERTS : "#second";
            Map<Long, Integer> seen = new HashMap<>();
            for (String text : LiveBot.alerts(c, channel)) {
                int at = text.indexOf("diff=");
                if (at >= 0) {
                    int end = text.indexOf('&', at);
                    long diff = Long.parseLong(text.substring(at + 5, end));
                    seen.merge(diff, 1, Integer::sum);
                }
            }
            seen.forEach((d, k) -> {
                if (k > 1) {
                    twice.put(channel + " diff " + d, k);
                }
            });
        }
        assertEquals(Map.of(), twice, "alerts sent more than once");
        long delivered = fed.stream().filter(d -> LiveBot.indexOf(bot.watcher, 0,
                l -> LiveBot.isAlert(l, ALERTS, "diff=" + d + "&")) >= 0).count();

        // no acknowledged command lost: every "Added:" is in the database the next start reads
        Set<String> acked = new LinkedHashSet<>();
        for (String l : op.lines()) {
            TestClient.Received r = said(l, CONTROL);
            if (r != null && r.text().startsWith("Added: \u0002")) {
                acked.add(r.text().substring(8, r.text().indexOf('\u0002', 8)));
            }
        }
        bot.vigie.close();
        List<String> lost = new ArrayList<>();
        Clock clock = Clock.systemUTC();
        try (Database d = Database.open("jdbc:h2:file:" + bot.db.toAbsolutePath()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE")) {
            ListStore st = new ListStore(d, new Audit(d, clock), new Lists(), clock);
            st.loadAll();
            for (String item : acked) {
                if (st.find(ListKind.BL, "*", item) == null) {
                    lost.add(item);
                }
            }
        }
        assertEquals(List.of(), lost, "acknowledged commands lost");
        System.out.printf("reliability: network %s on both connections: %s %d ms after the fault (watchdog %d s, "
                        + "first backoff <= %d ms); %d feed lines, %d alerted (%d lost while down), 0 twice; %d commands, "
                        + "%d acknowledged, 0 acknowledged lost%n", fault,
                fault == Fault.SLOW_READER ? "slowed for " + 2 * WATCHDOG_S + " s, every alert delivered"
                        : "back in every channel", backMillis, WATCHDOG_S, BACKOFF_MS,
                fed.size(), delivered, fed.size() - delivered, asked.size() + 3, acked.size());
    }
}
