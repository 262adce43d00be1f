package org.vigie.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.score.Feature;
import org.vigie.score.ScoreWeights;

/**
 * {@code quality} and {@code fit-score} on a small day written here: who was reverted is read from the summaries,
 * an editor counts as found only when alerted before the revert, and the fit never reads the held-out half.
 */
class QualityTest {

    @TempDir
    Path tmp;

    private static String row(String time, String user, String page, int delta, String comment) {
        return "{\"time\":\"2015-09-12T" + time + "Z\",\"channel\":\"#en.wikipedia\",\"page\":\"" + page
                + "\",\"user\":\"" + user + "\",\"isNew\":false,\"isMinor\":false,\"isRobot\":false,"
                + "\"isUnpatrolled\":false,\"delta\":" + delta + ",\"comment\":\"" + comment + "\"}";
    }

    private static String revert(String time, String by, String page, String who) {
        return row(time, by, page, -10, "Reverted edits by [[Special:Contributions/" + who + "|" + who
                + "]] ([[User talk:" + who + "|talk]]) to last version by Someone");
    }

    /** 4 hours: editors 10.0.0.x (IPs) edit and are reverted in each half, regulars edit quietly. */
    private Path day() throws IOException {
        List<String> rows = new ArrayList<>();
        for (int h = 0; h < 4; h++) {
            for (int m = 0; m < 50; m++) {
                rows.add(row(String.format("%02d:%02d:00", h, m), "Regular" + (m % 7), "Page" + m, 30, "copyedit"));
            }
            String ip = "10.0.0." + h;
            rows.add(row(String.format("%02d:51:00", h), ip, "Target" + h, 40, "lol"));
            rows.add(revert(String.format("%02d:52:00", h), "Patroller", "Target" + h, ip));
            // a registered editor reverted before any change of theirs: not counted, nothing could have found them
            rows.add(revert(String.format("%02d:53:00", h), "Patroller", "Other" + h, "Ghost" + h));
            // a registered editor whose only change is after the revert naming them: not counted either
            rows.add(row(String.format("%02d:54:00", h), "Ghost" + h, "Other" + h, 5, "again"));
        }
        Path f = tmp.resolve("day.json");
        Files.write(f, rows, StandardCharsets.UTF_8);
        return f;
    }

    private String run(String... args) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(args, out, out), b.toString(StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void qualityCountsRevertedEditorsAlertedBeforeTheirRevertOnTheHeldOutHalf() throws Exception {
        Path lists = Files.createDirectories(tmp.resolve("lists"));
        Files.writeString(lists.resolve("score.properties"), "bias=-3\nthreshold.default=60\nweight.ip=4\n");
        Path svg = tmp.resolve("curve.svg");
        String out = run("quality", day().toString(), "--lists", lists.toString(), "--svg", svg.toString());
        assertTrue(out.contains("labels: 4 editors first reverted in the held-out part"), out);
        assertTrue(out.contains("2 made a change in it before that revert and are counted"), out);
        // the held-out half: 7 regulars, 2 IPs (both counted), 2 ghosts and the patroller
        assertTrue(out.contains("counted editors by class (of the editors with a change in the part):"), out);
        assertTrue(out.contains(" anon 2 of 2;"), out);
        String rules = out.lines().filter(l -> l.startsWith("rules:")).findFirst().orElseThrow();
        String dflt = out.lines().filter(l -> l.startsWith("default:")).findFirst().orElseThrow();
        // both IPs of the held-out half were alerted (event ip) before their revert; 2 alerts of 108 changes
        assertTrue(rules.contains("recall 100.0 % (2 of 2 reverted editors"), rules);
        assertTrue(rules.contains("share 1.9 % (2 alerts of 108 changes"), rules);
        assertTrue(dflt.contains("recall 100.0 %") && dflt.contains("score=60"), dflt);
        String every = out.lines().filter(l -> l.startsWith("default, every repeat sent (repeat=0):"))
                .findFirst().orElseThrow();
        assertTrue(every.contains("recall 100.0 %"), every);
        assertTrue(Files.readString(svg).startsWith("<svg"), "the curve");
    }

    /**
     * Held back alone, a threshold never finds more than the rules: a registered editor whose shouted summary raises
     * no rule is found only with {@code suspect} at the threshold, and the goal's "some threshold" reads that curve.
     */
    @Test
    void theGoalsThresholdLineReadsTheScoreAloneCurveToo() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int h = 0; h < 4; h++) {
            for (int m = 0; m < 50; m++) {
                rows.add(row(String.format("%02d:%02d:00", h, m), "Regular" + (m % 7), "Page" + m, 30, "copyedit"));
            }
            String ip = "10.0.0." + h;
            rows.add(row(String.format("%02d:51:00", h), ip, "Target" + h, 40, "lol"));
            rows.add(revert(String.format("%02d:52:00", h), "Patroller", "Target" + h, ip));
            String loud = "Loud" + h;
            rows.add(row(String.format("%02d:53:00", h), loud, "Loud" + h, 20, "THIS IS THE TRUTH"));
            rows.add(revert(String.format("%02d:54:00", h), "Patroller", "Loud" + h, loud));
        }
        Path day = tmp.resolve("loud.json");
        Files.write(day, rows, StandardCharsets.UTF_8);
        Path lists = Files.createDirectories(tmp.resolve("lists"));
        Files.writeString(lists.resolve("score.properties"),
                "bias=-3\nthreshold.default=60\nweight.ip=4\nweight.shouting=4\n");
        String out = run("quality", day.toString(), "--lists", lists.toString());
        String rules = out.lines().filter(l -> l.startsWith("rules:")).findFirst().orElseThrow();
        assertTrue(rules.contains("recall 50.0 % (2 of 4 reverted editors"), rules);
        assertTrue(out.contains("best threshold with share <= 12 %: score=") && out.contains("recall 50.0 %"), out);
        String alone = out.lines().filter(l -> l.startsWith("best threshold with share <= 12 %, suspect at the "
                + "threshold too:")).findFirst().orElseThrow();
        assertTrue(alone.contains("recall 100.0 % (4 of 4 reverted editors"), alone);
        String goal = out.lines().filter(l -> l.startsWith("goal:")).findFirst().orElseThrow();
        assertTrue(goal.endsWith("a threshold with recall >= 75 % at share <= 12 % (either curve): yes"), goal);
    }

    @Test
    void theCurvesKeepTheFirstAlertOfEachEditorAndWindowButNeverHoldBackBlack() {
        List<DayRun.Change> cs = new ArrayList<>();
        long h = 3_600_000L;
        String[] users = {"A", "A", "B", "A", "A", "A"};
        long[] at = {0, 60_000, 120_000, h - 1, h, h + 1};
        long ip = org.vigie.patrol.Event.IP.bit();
        long black = org.vigie.patrol.Event.BLACK.bit();
        long[] events = {ip, ip, ip, ip | black, ip, ip};
        for (int i = 0; i < users.length; i++) {
            cs.add(new DayRun.Change(at[i], "en.wikipedia", users[i], org.vigie.patrol.EditorClass.ANON, events[i],
                    50, 0, true, true, true, false, null));
        }
        boolean[] all = {true, true, true, true, true, true};
        boolean[] kept = Quality.repeatsHeld(cs, 0, cs.size(), all);
        // A at 0, B; A's black at h-1 goes and takes the mark, so A at h and h+1 wait
        assertEquals(List.of(true, false, true, true, false, false),
                List.of(kept[0], kept[1], kept[2], kept[3], kept[4], kept[5]));
    }

    /** An IP alerted three times within minutes: the default row counts what the bot sends, one alert. */
    @Test
    void theDefaultRowCountsTheRepeatsTheBotHoldsBack() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int h = 0; h < 4; h++) {
            for (int m = 0; m < 50; m++) {
                rows.add(row(String.format("%02d:%02d:00", h, m), "Regular" + (m % 7), "Page" + m, 30, "copyedit"));
            }
            String ip = "10.0.0." + h;
            for (int k = 0; k < 3; k++) {
                rows.add(row(String.format("%02d:5%d:00", h, k + 1), ip, "Target" + h, 40, "lol"));
            }
            rows.add(revert(String.format("%02d:55:00", h), "Patroller", "Target" + h, ip));
        }
        Path day = tmp.resolve("repeats.json");
        Files.write(day, rows, StandardCharsets.UTF_8);
        Path lists = Files.createDirectories(tmp.resolve("lists"));
        Files.writeString(lists.resolve("score.properties"), "bias=-3\nthreshold.default=60\nweight.ip=4\n");
        String out = run("quality", day.toString(), "--lists", lists.toString());
        String rules = out.lines().filter(l -> l.startsWith("rules:")).findFirst().orElseThrow();
        String dflt = out.lines().filter(l -> l.startsWith("default:")).findFirst().orElseThrow();
        String every = out.lines().filter(l -> l.startsWith("default, every repeat sent")).findFirst().orElseThrow();
        assertTrue(rules.contains("recall 100.0 % (2 of 2") && rules.contains("(6 alerts of"), rules);
        assertTrue(every.contains("recall 100.0 % (2 of 2") && every.contains("(6 alerts of"), every);
        assertTrue(dflt.contains("recall 100.0 % (2 of 2") && dflt.contains("(2 alerts of"), dflt);
        assertTrue(dflt.contains("one alert per editor per 60 min"), dflt);
    }

    /** {@code --part fit}: the same figures on the fitting half, with that half's own reverts only. */
    @Test
    void partFitMeasuresTheFittingHalfWithItsOwnReverts() throws Exception {
        Path lists = Files.createDirectories(tmp.resolve("lists"));
        Files.writeString(lists.resolve("score.properties"), "bias=-3\nthreshold.default=60\nweight.ip=4\n");
        String out = run("quality", day().toString(), "--lists", lists.toString(), "--part", "fit");
        assertTrue(out.contains("fitting part (the weights were fitted on it"), out);
        assertTrue(out.contains("labels: 4 editors first reverted in the fitting part"), out);
        String rules = out.lines().filter(l -> l.startsWith("rules:")).findFirst().orElseThrow();
        assertTrue(rules.contains("recall 100.0 % (2 of 2 reverted editors"), rules);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(b, true, StandardCharsets.UTF_8);
        assertTrue(Main.run(new String[] {"quality", day().toString(), "--part", "later"}, err, err) != 0);
        assertTrue(b.toString(StandardCharsets.UTF_8).contains("--part is held or fit"), b.toString());
    }

    @Test
    void fitScoreWritesWeightsFromTheFirstHalfOnly() throws Exception {
        Path lists = Files.createDirectories(tmp.resolve("lists"));
        Files.writeString(lists.resolve("score.properties"), "bias=0\nweight.grey=2.5\n");
        Path out = tmp.resolve("fitted.properties");
        String printed = run("fit-score", day().toString(), "--lists", lists.toString(), "--out", out.toString());
        ScoreWeights w = ScoreWeights.parse(Files.newBufferedReader(out));
        assertTrue(w.weight(Feature.IP) > 0, printed);
        assertEquals(2.5, w.weight(Feature.GREY), "a feature the data never shows keeps its prior");
        assertTrue(printed.contains("on the first 108 of 216 changes"), printed);
        assertTrue(printed.contains("2 of them by editors reverted later in that part"), printed);
    }

    /**
     * An IP alerted three times within minutes before its revert: the fitted file's comments give the default
     * channel's share as the bot sends it (one alert per editor per hour, quality's default row) beside every alert.
     */
    @Test
    void fitScoreCommentsGiveTheDampedShareBesideTheUndamped() throws Exception {
        List<String> rows = new ArrayList<>(Files.readAllLines(day()));
        for (int k = 0; k < 3; k++) {
            rows.add(row("00:1" + k + ":30", "10.0.0.9", "Hot", 40, "lol"));
        }
        rows.add(revert("00:14:00", "Patroller", "Hot", "10.0.0.9"));
        Path f = tmp.resolve("repeats.json");
        Files.write(f, rows, StandardCharsets.UTF_8);
        Path lists = Files.createDirectories(tmp.resolve("lists"));
        Files.writeString(lists.resolve("score.properties"), "bias=0\n");
        Path out = tmp.resolve("fitted.properties");
        // a huge penalty: every weight near 0, every change the same score, so the threshold keeps the repeats
        run("fit-score", f.toString(), "--lists", lists.toString(), "--out", out.toString(), "--l2", "1e9");
        String text = Files.readString(out);
        String every = text.lines().filter(l -> l.contains("every alert counted (repeat=0)")).findFirst().orElseThrow();
        String damped = text.lines().filter(l -> l.contains("DAMPED as the bot sends it")).findFirst().orElseThrow();
        assertTrue(damped.contains("one alert per editor per 60 min"), damped);
        assertTrue(text.contains("damped (") && text.contains("undamped)"), text);
        // the IP's two repeats within the hour are the only difference
        assertEquals(alerts(every) - 2, alerts(damped), every + "\n" + damped);
        assertEquals(recallOf(every), recallOf(damped), "the window never holds back an editor's first alert");
    }

    private static int alerts(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(([0-9,]+) alerts of").matcher(line);
        assertTrue(m.find(), line);
        return Integer.parseInt(m.group(1).replace(",", ""));
    }

    private static String recallOf(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("recall [0-9.]+ %").matcher(line);
        assertTrue(m.find(), line);
        return m.group();
    }

    /** The same kind of day as EventStreams sends it (one JSON change a line, time in seconds). */
    private Path capture() throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> lines = new ArrayList<>();
        long t0 = 1_441_065_600L;
        int id = 0;
        for (int h = 0; h < 4; h++) {
            for (int m = 0; m < 50; m++) {
                lines.add(json.writeValueAsString(change(json, ++id, t0 + h * 3600 + m * 60, "Regular" + (m % 7),
                        "Page" + m, "copyedit")));
            }
            String ip = "10.0.0." + h;
            lines.add(json.writeValueAsString(change(json, ++id, t0 + h * 3600 + 51 * 60, ip, "Target" + h, "lol")));
            lines.add(json.writeValueAsString(change(json, ++id, t0 + h * 3600 + 52 * 60, "Patroller", "Target" + h,
                    "Reverted edits by [[Special:Contributions/" + ip + "|" + ip + "]] to last version by X")));
        }
        Path f = tmp.resolve("capture.jsonl");
        Files.write(f, lines, StandardCharsets.UTF_8);
        return f;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode change(
            com.fasterxml.jackson.databind.ObjectMapper json, int id, long time, String user, String title,
            String comment) {
        var n = json.createObjectNode();
        n.putObject("meta").put("domain", "en.wikipedia.org").put("dt", "2015-09-12T00:00:00Z");
        n.put("id", id).put("type", "edit").put("namespace", 0).put("title", title).put("timestamp", time)
                .put("user", user).put("bot", false).put("minor", false).put("patrolled", true)
                .put("server_name", "en.wikipedia.org").put("server_url", "https://en.wikipedia.org")
                .put("wiki", "enwiki").put("comment", comment).put("parsedcomment", comment);
        n.putObject("length").put("old", 100).put("new", 130);
        n.putObject("revision").put("old", 1000 + id - 1).put("new", 1000 + id);
        return n;
    }

    @Test
    void anEventStreamsCaptureIsMeasuredTheSameWay() throws Exception {
        Path lists = Files.createDirectories(tmp.resolve("lists"));
        Files.writeString(lists.resolve("score.properties"), "bias=-3\nthreshold.default=60\nweight.ip=4\n");
        String out = run("quality", capture().toString(), "--lists", lists.toString());
        assertTrue(out.contains("labels: 2 editors first reverted in the held-out part"), out);
        String rules = out.lines().filter(l -> l.startsWith("rules:")).findFirst().orElseThrow();
        assertTrue(rules.contains("recall 100.0 % (2 of 2 reverted editors"), rules);
    }

    @Test
    void badArgumentsAreAnsweredWithTheUsage() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8);
        assertEquals(2, Main.run(new String[] {"quality"}, out, out));
        assertEquals(2, Main.run(new String[] {"quality", "nope.json"}, out, out));
        assertEquals(2, Main.run(new String[] {"fit-score", "x", "--split", "2"}, out, out));
        assertTrue(b.toString(StandardCharsets.UTF_8).contains("usage: quality FILE"), b.toString());
    }
}
