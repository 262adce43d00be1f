package org.vigie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigie.alert.Alert;
import org.vigie.alert.AlertFormatter;
import org.vigie.alert.Dispatcher;
import org.vigie.i18n.Templates;
import org.vigie.config.Settings;
import org.vigie.feed.RcEvent;
import org.vigie.lists.Lists;
import org.vigie.patrol.AutoList;
import org.vigie.patrol.BlockConflicts;
import org.vigie.patrol.DetectorSet;
import org.vigie.patrol.EditorClass;
import org.vigie.patrol.Event;
import org.vigie.patrol.Patrol;
import org.vigie.patrol.Verdict;
import org.vigie.score.Feature;
import org.vigie.score.Score;
import org.vigie.score.ScoreWeights;
import org.vigie.score.Scorer;
import org.vigie.wiki.LiftWing;

/** Lift Wing in the engine: the engine never waits, a late answer is not waited for, a timely one is folded in. */
class RiskGateTest {

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<Alert> sent = new LinkedBlockingQueue<>();
    private LiftWing lw;

    @AfterEach
    void stop() {
        timer.shutdownNow();
        if (lw != null) {
            lw.close();
        }
    }

    private static RcEvent ipEdit(long rev) {
        return new RcEvent("fr.wikipedia", RcEvent.Kind.EDIT, "Paris", 0, "10.0.0." + rev, false, false, false, 120,
                rev, rev - 1, 0, "https://fr.wikipedia.org/w/index.php?diff=" + rev, "ajout", null,
                RcEvent.SummaryKind.NONE, null, false);
    }

    /** An engine whose every IP edit scores 50 (in the band), sending to #vigie, with Lift Wing on the mock server. */
    private Engine engine(long waitMillis) throws java.io.IOException {
        lw = new LiftWing(new LiftWing.Options(server.url("/predict").toString(), 2, Duration.ofSeconds(5), 100, 100),
                "Vigie/test", Clock.systemUTC());
        Settings settings = Settings.defaults();
        Scorer scorer = new Scorer(ScoreWeights.of(0, java.util.Map.of(), 40));
        Patrol patrol = new Patrol(new Lists().reader(), () -> settings, new BlockConflicts(), AutoList.english(),
                DetectorSet::builtIns, scorer);
        Dispatcher d = new Dispatcher(null);
        d.add("#vigie", "ip,suspect");
        Templates t = Templates.loadResource("en");
        Engine e = new Engine(patrol, d, new AlertFormatter(t), (a, v) -> sent.add(a), (en, v) -> { }, Clock.systemUTC(),
                16);
        e.holdWith(new RiskGate(lw::revertRisk, timer, waitMillis, () -> settings, () -> 60));
        return e;
    }

    @Test
    void aTimelyAnswerIsFoldedIntoTheScoreAndShownInTheAlert() throws Exception {
        Engine e = engine(5_000);
        server.enqueue(new MockResponse.Builder().body("{\"output\":{\"probabilities\":{\"true\":0.87}}}").build());
        Verdict v = e.process(ipEdit(101));
        assertEquals(50, v.score().value());
        Alert a = sent.poll(10, TimeUnit.SECONDS);
        assertNotNull(a, "the alert went out once Lift Wing answered");
        String plain = AlertFormatter.plain(a.text());
        assertTrue(plain.contains("[score 69"), plain);
        assertTrue(plain.contains("risk 0.87"), plain);
        assertTrue(plain.contains("Suspicious"), "the folded score reached suspect (60): " + plain);
    }

    @Test
    void theEngineNeverWaitsAndASlowAnswerIsNotWaitedFor() throws Exception {
        Engine e = engine(300);
        server.enqueue(new MockResponse.Builder().headersDelay(4, TimeUnit.SECONDS)
                .body("{\"output\":{\"probabilities\":{\"true\":0.99}}}").build());
        long t0 = System.nanoTime();
        e.process(ipEdit(102));
        long engineNanos = System.nanoTime() - t0;
        assertTrue(engineNanos < TimeUnit.SECONDS.toNanos(2), "the engine returned at once: " + engineNanos + " ns");
        Alert a = sent.poll(3, TimeUnit.SECONDS);
        assertNotNull(a, "the alert went out after wiki.liftwing.wait, without the risk");
        String plain = AlertFormatter.plain(a.text());
        assertTrue(plain.contains("[score 50"), plain);
        assertFalse(plain.contains("risk"), plain);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3), "before the server answered");
    }

    @Test
    void aFailingServerLetsTheAlertGoOutWithoutTheRisk() throws Exception {
        Engine e = engine(5_000);
        server.enqueue(new MockResponse.Builder().code(503).build());
        e.process(ipEdit(103));
        Alert a = sent.poll(10, TimeUnit.SECONDS);
        assertNotNull(a);
        assertFalse(AlertFormatter.plain(a.text()).contains("risk"));
    }

    @Test
    void scoresOutsideTheBandAreNotHeld() {
        RiskGate gate = new RiskGate((w, r) -> {
            throw new AssertionError("not asked");
        }, timer, 1000, Settings::defaults, () -> 60);
        RcEvent e = ipEdit(104);
        Verdict high = new Verdict(e, EditorClass.ANON, Event.IP.bit(), List.of(), List.of(),
                new Score(90, List.of(Feature.IP), Feature.IP.bit(), Double.NaN));
        assertFalse(gate.hold(high, v -> { }));
        Verdict unscored = new Verdict(e, EditorClass.ANON, Event.IP.bit(), List.of(), List.of());
        assertFalse(gate.hold(unscored, v -> { }));
        RiskGate refusing = new RiskGate((w, r) -> CompletableFuture.failedFuture(new LiftWing.Unavailable("budget")),
                timer, 1000, Settings::defaults, () -> 60);
        Verdict band = high.withScore(new Score(50, List.of(Feature.IP), Feature.IP.bit(), Double.NaN));
        assertFalse(refusing.hold(band, v -> { }), "refused at once: sent at once, not held");
    }
    /**
     * A change held for Lift Wing whose folded score falls below its channel's threshold is never sent: the reports'
     * figures must not count it as alerted (they did, as routed before the answer). One folded up is counted, once sent.
     */
    @Test
    void aHeldChangeIsCountedAsAlertedOnlyWhenItIsDelivered() throws Exception {
        Settings settings = Settings.defaults();
        Scorer scorer = new Scorer(ScoreWeights.of(0, java.util.Map.of(), 40));
        Patrol patrol = new Patrol(new Lists().reader(), () -> settings, new BlockConflicts(), AutoList.english(),
                DetectorSet::builtIns, scorer);
        Dispatcher d = new Dispatcher(null);
        d.add("#vigie", "ip score=45");
        Engine e = new Engine(patrol, d, new AlertFormatter(Templates.loadResource("en")), (a, v) -> sent.add(a),
                (en, v) -> { }, Clock.systemUTC(), 16);
        org.vigie.report.Activity activity = new org.vigie.report.Activity();
        e.observe(activity);
        java.util.Map<Long, CompletableFuture<Double>> answers = new java.util.HashMap<>();
        e.holdWith(new RiskGate((w, rev) -> answers.computeIfAbsent(rev, r -> new CompletableFuture<>()), timer,
                60_000, () -> settings, () -> 60));

        Verdict low = e.process(ipEdit(201));
        assertEquals(50, low.score().value(), "in the band (30-70), above the channel's 45: routed, held");
        assertTrue(answers.containsKey(201L), "Lift Wing was asked");
        assertEquals(List.of(), activity.drain().alerted(), "not alerted while held");
        answers.get(201L).complete(0.0);            // folded: (50 + 0) / 2 = 25, below the channel's 45
        assertTrue(sent.isEmpty(), "nothing sent");
        org.vigie.report.Activity.Drained after = activity.drain();
        assertEquals(List.of(), after.alerted(), "a held change never delivered is not counted as alerted");

        e.process(ipEdit(202));
        answers.get(202L).complete(0.9);            // folded: (50 + 90) / 2 = 70
        assertEquals(1, sent.size(), "sent once Lift Wing answered");
        List<org.vigie.report.Activity.Raised> alerted = activity.drain().alerted();
        assertEquals(1, alerted.size(), "counted as alerted once delivered: " + alerted);
        assertEquals("10.0.0.202", alerted.get(0).user());
    }
    /**
     * Two changes of one IP within the hour, both held: the first goes out once Lift Wing answers; the second's wait
     * runs out and the repeat window holds it back. Only the first counts as alerted.
     */
    @Test
    void aHeldChangeTheRepeatWindowHoldsBackAfterTheWaitIsNotCountedAsAlerted() throws Exception {
        Settings settings = Settings.defaults();
        Scorer scorer = new Scorer(ScoreWeights.of(0, java.util.Map.of(), 40));
        Patrol patrol = new Patrol(new Lists().reader(), () -> settings, new BlockConflicts(), AutoList.english(),
                DetectorSet::builtIns, scorer);
        Dispatcher d = new Dispatcher(null);
        d.add("#vigie", "ip");
        Engine e = new Engine(patrol, d, new AlertFormatter(Templates.loadResource("en")), (a, v) -> sent.add(a),
                (en, v) -> { }, Clock.systemUTC(), 16);
        org.vigie.report.Activity activity = new org.vigie.report.Activity();
        e.observe(activity);
        java.util.Map<Long, CompletableFuture<Double>> answers = new java.util.concurrent.ConcurrentHashMap<>();
        RiskGate gate = new RiskGate((w, rev) -> answers.computeIfAbsent(rev, r -> new CompletableFuture<>()), timer,
                50, () -> settings, () -> 60);
        e.holdWith(gate);
        RcEvent first = ipEdit(131);
        RcEvent again = new RcEvent(first.wiki(), first.kind(), "Lyon", 0, first.user(), false, false, false, 90, 132,
                131, 0, "https://fr.wikipedia.org/w/index.php?diff=132", "encore", null, RcEvent.SummaryKind.NONE,
                null, false);
        e.process(first);
        e.process(again);
        assertTrue(answers.containsKey(131L) && answers.containsKey(132L), "both held: " + answers.keySet());
        answers.get(131L).complete(0.9);
        // the second's wait (50 ms) runs out on the timer's thread
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gate.late() + gate.folded() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(2, gate.late() + gate.folded(), "both held changes were let go");
        assertEquals(1, sent.size(), "one alert per editor per hour: " + sent);
        List<org.vigie.report.Activity.Raised> alerted = activity.drain().alerted();
        assertEquals(1, alerted.size(), "only the delivered one counts as alerted: " + alerted);
    }
}
