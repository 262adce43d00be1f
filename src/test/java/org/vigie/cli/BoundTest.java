package org.vigie.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.patrol.EditorClass;

/**
 * {@code quality FILE --bound}: optimistic ceilings, labelled as such, counted as quality counts, and right where the
 * answer is known by construction.
 */
class BoundTest {

    @TempDir
    Path tmp;

    private static String row(String time, String user, String page, int delta, String comment) {
        return "{\"time\":\"2015-09-12T" + time + "Z\",\"channel\":\"#en.wikipedia\",\"page\":\"" + page
                + "\",\"user\":\"" + user + "\",\"isNew\":false,\"isMinor\":false,\"isRobot\":false,"
                + "\"isUnpatrolled\":false,\"delta\":" + delta + ",\"comment\":\"" + comment + "\"}";
    }

    /**
     * 8 hours; each hour 40 regulars' and 10 quiet IPs' edits, and 3 IPs writing "zzqx" in their summary, each
     * reverted 2 minutes later: the word separates the reverted editors perfectly.
     */
    private Path separableDay() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int h = 0; h < 8; h++) {
            for (int m = 0; m < 40; m++) {
                rows.add(row(String.format("%02d:%02d:10", h, m), "Regular" + (m % 9), "Page" + m, 30 + m,
                        "copyedit " + (m % 3 == 0 ? "typo" : "style")));
            }
            for (int q = 0; q < 10; q++) {
                rows.add(row(String.format("%02d:%02d:20", h, 40 + q), "10.1." + h + "." + q, "Page" + q, 40,
                        "added a source"));
            }
            for (int v = 0; v < 3; v++) {
                String ip = "10.9." + h + "." + v;
                rows.add(row(String.format("%02d:5%d:30", h, v), ip, "Target" + h + v, 40, "zzqx"));
                rows.add(row(String.format("%02d:5%d:40", h, v + 3), "Patroller", "Target" + h + v, -40,
                        "Reverted edits by [[Special:Contributions/" + ip + "|" + ip + "]] ([[User talk:" + ip
                                + "|talk]]) to last version by Someone"));
            }
        }
        Path f = tmp.resolve("day.json");
        Files.write(f, rows, StandardCharsets.UTF_8);
        return f;
    }

    private String run(String... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(args, out, out), b.toString(StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    private String bound() throws Exception {
        Path lists = Files.createDirectories(tmp.resolve("lists"));
        Files.writeString(lists.resolve("score.properties"), "bias=-3\nthreshold.default=60\nweight.ip=4\n");
        return run("quality", separableDay().toString(), "--lists", lists.toString(), "--bound");
    }

    private static String line(String out, String start) {
        return out.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError(
                "no line starting " + start + " in\n" + out));
    }

    @Test
    void aFeatureThatSeparatesPerfectlyGivesAHundredPercentInSampleAndEveryCeilingIsLabelled() throws Exception {
        String out = bound();
        assertTrue(out.contains("12 counted editors"), out);
        String rich = line(out, Bound.OPTIMISTIC + ": (c) ");
        // the 12 reverted IPs' changes are the only ones with the word: 12 alerts, 12 of them found, at the first
        // threshold where the recall rises to 12 of 12
        assertTrue(rich.contains("at share <= 12.0 %: recall 100.0 % (12 of 12"), rich);
        assertTrue(rich.contains("recall 75.0 % (9 of 12) needs share"), rich);
        // every optimistic figure carries the label; the real and the honest ones say what they are
        assertTrue(line(out, Bound.OPTIMISTIC + ": (b) ").contains("IN-SAMPLE"), out);
        assertTrue(line(out, Bound.OPTIMISTIC + ": (d) ").contains("ANY score constant within each wiki x editor"),
                out);
        assertTrue(line(out, "REAL (shipped weights, no refit): (a) ").contains("recall"), out);
        assertTrue(line(out, "NOT OPTIMISTIC, an honest measure: (c') ").contains("fitting part only"), out);
        assertTrue(line(out, Bound.OPTIMISTIC + ": (b+) ").contains("searched directly IN-SAMPLE"), out);
        assertTrue(line(out, "NOT OPTIMISTIC, an honest measure: (b') ").contains("on the fitting part only"), out);
        for (String l : out.lines().toList()) {
            if (l.contains("IN-SAMPLE") || l.contains("ANY score constant")) {
                assertTrue(l.startsWith(Bound.OPTIMISTIC), l);
            }
        }
        assertTrue(out.contains("one per editor per 60 min"), "says what is counted: " + out);
    }

    @Test
    void theOutputIsDeterministic() throws Exception {
        String a = bound();
        String b = bound();
        assertEquals(strip(a), strip(b));
    }

    private static String strip(String out) {
        // log lines carry the time
        return String.join("\n", out.lines().filter(l -> !l.contains(" INFO ")).toList());
    }

    @Test
    void theBoundNeedsTheHeldOutPart() throws Exception {
        String day = separableDay().toString();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8);
        assertEquals(2, Main.run(new String[] {"quality", day, "--bound", "--part", "fit"}, out, out));
        assertTrue(b.toString(StandardCharsets.UTF_8).contains("--bound measures the held-out part"), b.toString());
        assertEquals(2, Main.run(new String[] {"fit-score", day, "--bound"}, out, out));
        assertTrue(b.toString(StandardCharsets.UTF_8).contains("unknown argument --bound"), b.toString());
        assertEquals(2, Main.run(new String[] {"quality", day, "--l2", "3"}, out, out));
        assertTrue(b.toString(StandardCharsets.UTF_8).contains("--l2 goes with fit-score or quality --bound"),
                b.toString());
    }

    // ------------------------------------------------------------------ the pieces, on days built here

    private static DayRun.Change change(long millis, String wiki, String user, EditorClass cls, int score) {
        return new DayRun.Change(millis, wiki, user, cls, 0, score, 0, false, false, false, false, null);
    }

    @Test
    void aRankingIsCountedWithTheRepeatWindowAndReadWhereItsRecallRises() {
        List<DayRun.Change> cs = new ArrayList<>();
        // A (reverted later) three times within minutes, B once, C (not reverted) once; then the revert
        cs.add(change(0, "en.wikipedia", "A", EditorClass.ANON, 90));
        cs.add(change(60_000, "en.wikipedia", "A", EditorClass.ANON, 90));
        cs.add(change(120_000, "en.wikipedia", "A", EditorClass.ANON, 90));
        cs.add(change(180_000, "en.wikipedia", "C", EditorClass.ANON, 70));
        cs.add(change(240_000, "en.wikipedia", "B", EditorClass.ANON, 50));
        cs.add(change(300_000, "en.wikipedia", "Patroller", EditorClass.USER, 1));
        Quality.Labels labels = new Quality.Labels(Map.of(DayRun.key("en.wikipedia", "A"), 5,
                DayRun.key("en.wikipedia", "B"), 5), 2);
        double[] s = new double[cs.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = cs.get(i).score();
        }
        List<Bound.Point> curve = Bound.curve(cs, 0, cs.size(), labels, s);
        assertEquals(2, curve.size(), "the recall rises at 90 and at 50: " + curve);
        assertEquals(90, curve.get(0).threshold());
        assertEquals(1, curve.get(0).result().alerts(), "A's three changes within the hour: one alert");
        assertEquals(1, curve.get(0).result().found());
        assertEquals(50, curve.get(1).threshold());
        assertEquals(3, curve.get(1).result().alerts(), "A once, C, B");
        assertEquals(2, curve.get(1).result().found());
        assertEquals(curve.get(0), Bound.atBudget(curve, 1.0 / 6));
        assertEquals(curve.get(1), Bound.forRecall(curve, 2));
    }

    /** The direct search's fast count is quality's count: the same alerts and editors at every point of a curve. */
    @Test
    void theFastCountCountsAsQualityDoes() {
        Random r = new Random(14);
        List<DayRun.Change> cs = new ArrayList<>();
        long black = org.vigie.patrol.Event.BLACK.bit();
        for (int i = 0; i < 2_000; i++) {
            String user = r.nextInt(50) == 0 ? "" : "U" + r.nextInt(150);
            long features = r.nextLong() & ((1L << 31) - 1) & r.nextLong() & r.nextLong();
            cs.add(new DayRun.Change(i * 30_000L, "en.wikipedia", user, EditorClass.ANON, r.nextInt(40) == 0 ? black
                    : 0, r.nextInt(60) == 0 ? -1 : 50, features, false, false, false, false, null));
        }
        Map<String, Integer> first = new HashMap<>();
        for (int u = 0; u < 150; u += 4) {
            first.put(DayRun.key("en.wikipedia", "U" + u), 1_000 + u * 5);
        }
        Quality.Labels labels = Quality.labels(cs, 0, cs.size());
        assertTrue(labels.first().isEmpty(), "no revert summary in this day: labels set below");
        labels = new Quality.Labels(first, first.size());
        Bound.FastCount fc = new Bound.FastCount(cs, 0, cs.size(), labels);
        for (int trial = 0; trial < 5; trial++) {
            double[] beta = new double[31];
            for (int j = 0; j < beta.length; j++) {
                beta[j] = r.nextInt(7) - 3;
            }
            double[] byEntry = fc.scores(beta);
            double[] byChange = Bound.rankScoreFeatures(cs, 0, cs.size(), beta);
            for (int e = 0; e < fc.size(); e++) {
                assertEquals(byChange[fc.change[e]], byEntry[e]);
            }
            List<Bound.Point> curve = Bound.curve(cs, 0, cs.size(), labels, byChange);
            assertTrue(curve.size() > 3, "a curve to compare: " + curve.size());
            for (Bound.Point p : curve) {
                long[] c = fc.count(byEntry, p.threshold());
                assertEquals(p.result().alerts(), c[0], "alerts at " + p.threshold());
                assertEquals(p.result().found(), c[1], "editors at " + p.threshold());
            }
            // the binary search lands on the curve's own best within a budget
            long budget = curve.get(curve.size() / 2).result().alerts();
            long[] best = fc.best(byEntry, budget, -1);
            assertEquals(Bound.atBudget(curve, (double) budget / cs.size()).result().found(), best[0]);
        }
    }

    @Test
    void theFractionalKnapsackOfTheCellsIsExactOnAKnownCase() {
        List<Bound.Cell> cells = List.of(new Bound.Cell("a", 2, 10), new Bound.Cell("b", 1, 20));
        assertEquals(2.25, Bound.cellEditorsWithin(cells, 15), 1e-9);
        assertEquals(3, Bound.cellEditorsWithin(cells, 100), 1e-9);
        assertEquals(5, Bound.cellAlertsFor(cells, 1), 1e-9);
        assertEquals(30, Bound.cellAlertsFor(cells, 3), 1e-9);
        assertEquals(-1, Bound.cellAlertsFor(cells, 4), 1e-9);
    }

    /**
     * Whatever constant each wiki × class cell gets, no threshold finds more editors within a budget than the cells'
     * bound, nor reaches a recall with fewer alerts.
     */
    @Test
    void theOptimalCellOrderBoundsEveryThresholdOnTheSameCells() {
        Random r = new Random(11);
        String[] wikis = {"en.wikipedia", "fr.wikipedia", "de.wikipedia", "es.wikipedia"};
        EditorClass[] classes = {EditorClass.ANON, EditorClass.USER, EditorClass.BOT};
        List<DayRun.Change> cs = new ArrayList<>();
        Map<String, EditorClass> classOf = new HashMap<>();
        List<String> editors = new ArrayList<>();
        for (int e = 0; e < 300; e++) {
            String wiki = wikis[r.nextInt(wikis.length)];
            String user = "U" + e;
            classOf.put(wiki + "|" + user, classes[r.nextInt(classes.length)]);
            editors.add(wiki + "|" + user);
        }
        for (int i = 0; i < 3_000; i++) {
            String[] e = editors.get(r.nextInt(editors.size())).split("\\|");
            cs.add(change(i * 20_000L, e[0], e[1], classOf.get(e[0] + "|" + e[1]), 50));
        }
        cs.add(change(3_000 * 20_000L, "en.wikipedia", "Patroller", EditorClass.USER, -1)); // a log entry: unscored
        // editors whose first change falls in the first half are reverted at the end, more often IPs
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < 1_500; i++) {
            DayRun.Change c = cs.get(i);
            String k = DayRun.key(c.wiki(), c.user());
            double p = c.editor() == EditorClass.ANON ? 0.5 : 0.1;
            if (!first.containsKey(k) && r.nextDouble() < p) {
                first.put(k, cs.size() - 1);
            }
        }
        Quality.Labels labels = new Quality.Labels(first, first.size());
        int n = cs.size();
        List<Bound.Cell> cells = Bound.cells(cs, 0, n, labels);
        assertEquals(12, cells.size());
        for (int trial = 0; trial < 40; trial++) {
            Map<String, Double> constant = new HashMap<>();
            for (Bound.Cell c : cells) {
                constant.put(c.key(), trial == 0 ? c.rate() : (double) r.nextInt(5)); // trial 0: the optimal order
            }
            double[] s = new double[n];
            Arrays.fill(s, Double.NaN);
            for (int i = 0; i < n; i++) {
                if (cs.get(i).score() >= 0) {
                    s[i] = constant.get(Bound.cellKey(cs.get(i)));
                }
            }
            List<Bound.Point> curve = Bound.curve(cs, 0, n, labels, s);
            for (double budget : new double[] {0.05, 0.1, 0.2, 0.4, 0.8}) {
                Bound.Point p = Bound.atBudget(curve, budget);
                double bound = Bound.cellEditorsWithin(cells, budget * n);
                if (p != null) {
                    assertTrue(p.result().found() <= bound + 1e-9, trial + " at " + budget + ": " + p.result()
                            .found() + " > " + bound);
                }
            }
            for (Bound.Point p : curve) {
                double least = Bound.cellAlertsFor(cells, p.result().found());
                assertTrue(least >= 0 && p.result().alerts() >= least - 1e-9, trial + ": " + p + " < " + least);
            }
        }
        // the bound is reached at whole cells taken in its order
        double whole = 0;
        int found = 0;
        for (Bound.Cell c : cells.subList(0, 3)) {
            whole += c.alerts();
            found += c.editors();
        }
        assertEquals(found, Bound.cellEditorsWithin(cells, whole), 1e-9);
        assertNotNull(cells.get(0));
    }
}
