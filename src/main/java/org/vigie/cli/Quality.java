package org.vigie.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.vigie.alert.Repeats;
import org.vigie.config.ConfigItem;
import org.vigie.patrol.Event;
import org.vigie.score.Feature;
import org.vigie.score.ScoreWeights;

/**
 * {@code quality FILE [--lists DIR] [--split 0.5] [--svg OUT]} and {@code fit-score FILE [--lists DIR] [--split 0.5]
 * [--out FILE]}: how well the alerts find the editors that the wikis reverted, on a recorded day split by time.
 *
 * <p>Counting: the labels are the editors named in revert summaries (see {@link org.vigie.score.RevertSummaries}); an
 * editor is found when an alert on one of their changes came <em>before</em> their first revert. {@code quality}
 * counts only the held-out part (the changes after the split, in time order) and the editors whose first revert lies
 * in it and who made a change in it before that revert. {@code fit-score} fits on the part before the split, with the
 * reverts seen before the split only, and never reads the held-out part's labels. {@code quality FILE --bound} adds
 * {@link Bound}'s optimistic ceilings after the two rows.
 */
public final class Quality {

    public static final String USAGE = "quality FILE [--lists DIR] [--split 0.5] [--part held|fit] [--svg OUT] "
            + "[--bound [--l2 30]] | fit-score FILE [--lists DIR] [--split 0.5] [--out FILE] [--l2 30]";

    private final PrintStream out;
    private Path file;
    private Path listsDir = Path.of("lists");
    private double split = 0.5;
    private Path svg;
    private Path outFile;
    private double l2 = 30;
    /** {@code --part fit}: measure the fitting part instead (its own reverts only), to compare with the held-out. */
    private boolean fitPart;
    /** {@code --bound}: the optimistic upper bounds of {@link Bound} after the two rows. */
    private boolean bound;

    public Quality(PrintStream out) {
        this.out = out;
    }

    public Quality args(List<String> args, boolean fit) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--lists" -> listsDir = Path.of(value(args, ++i, a));
                case "--split" -> {
                    String v = value(args, ++i, a);
                    try {
                        split = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        split = -1;
                    }
                    if (!(split > 0.05 && split < 0.95)) {
                        throw new IllegalArgumentException("--split is a fraction between 0.05 and 0.95, not " + v);
                    }
                }
                case "--part" -> {
                    String v = value(args, ++i, a);
                    if (fit || !(v.equals("held") || v.equals("fit"))) {
                        throw new IllegalArgumentException("--part is held or fit (quality only), not " + v);
                    }
                    fitPart = v.equals("fit");
                }
                case "--svg" -> {
                    if (fit) {
                        throw new IllegalArgumentException("unknown argument --svg; usage: " + USAGE);
                    }
                    svg = Path.of(value(args, ++i, a));
                }
                case "--bound" -> {
                    if (fit) {
                        throw new IllegalArgumentException("unknown argument --bound; usage: " + USAGE);
                    }
                    bound = true;
                }
                case "--l2" -> {
                    String v = value(args, ++i, a);
                    try {
                        l2 = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        l2 = -1;
                    }
                    if (!(l2 >= 0)) {
                        throw new IllegalArgumentException("--l2 is a penalty >= 0, not " + v);
                    }
                }
                case "--out" -> {
                    if (!fit) {
                        throw new IllegalArgumentException("unknown argument --out; usage: " + USAGE);
                    }
                    outFile = Path.of(value(args, ++i, a));
                }
                default -> {
                    if (a.startsWith("--") || file != null) {
                        throw new IllegalArgumentException("unknown argument " + a + "; usage: " + USAGE);
                    }
                    file = Path.of(a);
                }
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("usage: " + USAGE);
        }
        if (!fit && args.contains("--l2") && !bound) {
            throw new IllegalArgumentException("--l2 goes with fit-score or quality --bound; usage: " + USAGE);
        }
        if (bound && (fitPart || svg != null)) {
            throw new IllegalArgumentException("--bound measures the held-out part, without --part or --svg; usage: "
                    + USAGE);
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file);
        }
        return this;
    }

    private static String value(List<String> args, int i, String name) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value; usage: " + USAGE);
        }
        return args.get(i);
    }

    // ------------------------------------------------------------------ quality

    public int quality() throws IOException {
        ScoreWeights w = ScoreWeights.load(listsDir);
        List<DayRun.Change> cs = DayRun.run(file, listsDir, w, split);
        int from = fitPart ? 0 : DayRun.splitIndex(cs, split);
        int to = fitPart ? DayRun.splitIndex(cs, split) : cs.size();
        if (from >= to) {
            throw new IllegalArgumentException("no change after the split");
        }
        String part = fitPart ? "fitting part (the weights were fitted on it: not a measure of how they generalise)"
                : "held-out part";
        Labels labels = labels(cs, from, to);
        int threshold = w.defaultThreshold();
        out.printf(Locale.ROOT, "quality: %s, %,d changes; %s: %,d changes from %s to %s (split %.2f); "
                        + "lists %s; weights %s%n", file.getFileName(), cs.size(), part, to - from,
                Instant.ofEpochMilli(cs.get(from).millis()), Instant.ofEpochMilli(cs.get(to - 1).millis()), split,
                listsDir, Files.isRegularFile(listsDir.resolve(ScoreWeights.FILE_NAME))
                        ? listsDir.resolve(ScoreWeights.FILE_NAME) : "the jar's");
        if (DayRun.droppedOutsideDay > 0) {
            out.printf("(%d changes dated outside the file's main day were left out)%n", DayRun.droppedOutsideDay);
        }
        out.printf(Locale.ROOT, "labels: %d editors first reverted in the " + (fitPart ? "fitting" : "held-out")
                        + " part (named in revert summaries); "
                        + "%d made a change in it before that revert and are counted (the others' changes are not in "
                        + "the file)%n", labels.named, labels.first.size());
        out.println(byClass(cs, from, to, labels));
        boolean[] rules = new boolean[to];
        boolean[] dflt = new boolean[to];
        boolean[] every = new boolean[to];
        for (int i = from; i < to; i++) {
            rules[i] = cs.get(i).rulesAlert();
            dflt[i] = cs.get(i).defaultAlert();
            every[i] = cs.get(i).everyAlert();
        }
        Result r = measure(cs, from, to, labels, rules);
        Result d = measure(cs, from, to, labels, dflt);
        out.println("rules:   " + r.line() + " (today's events alone, no score)");
        out.println("default: " + d.line() + " (the default channel as the bot delivers it: today's events held back "
                + "below score=" + threshold + ", one alert per editor per " + REPEAT_MINUTES + " min)");
        // the same channel with every repeat sent (repeat=0): what the repeat window saves
        Result de = measure(cs, from, to, labels, every);
        out.println("default, every repeat sent (repeat=0): " + de.line());
        if (bound) {
            return new Bound(out, l2).run(cs, from, labels, r, d, w);
        }
        // the curves: the default channel's filters at every threshold, today's events held back below it; and the
        // same with suspect at the threshold too (the score alone may alert: dest add #chan score=N with suspect=N)
        Result[] curve = new Result[101];
        Result[] alone = new Result[101];
        for (int t = 0; t <= 100; t++) {
            boolean[] a = new boolean[to];
            boolean[] s = new boolean[to];
            for (int i = from; i < to; i++) {
                a[i] = cs.get(i).alertAt(t);
                s[i] = cs.get(i).suspectAt(t);
            }
            // as the bot would deliver them: one alert per editor per window (the bot's own Repeats)
            curve[t] = measure(cs, from, to, labels, repeatsHeld(cs, from, to, a));
            alone[t] = measure(cs, from, to, labels, repeatsHeld(cs, from, to, s));
        }
        int best = best(curve, 0.12);
        int bestAlone = best(alone, 0.12);
        if (best >= 0) {
            out.println("best threshold with share <= 12 %: score=" + best + ": " + curve[best].line());
        }
        if (bestAlone >= 0) {
            out.println("best threshold with share <= 12 %, suspect at the threshold too: score=" + bestAlone + ": "
                    + alone[bestAlone].line());
        }
        // held back alone, a threshold can never find more than the rules do: the goal's "some threshold" is read on
        // both curves
        boolean reached = best >= 0 && curve[best].recall() >= 0.75 || bestAlone >= 0 && alone[bestAlone].recall() >= 0.75;
        out.printf(Locale.ROOT, "goal: default recall >= rules' (%.1f %% vs %.1f %%): %s; default share <= a third of "
                        + "the rules' (%.1f %% vs %.1f %%): %s; a threshold with recall >= 75 %% at share <= 12 %% "
                        + "(either curve): %s%n",
                100 * d.recall(), 100 * r.recall(), d.recall() >= r.recall() ? "yes" : "NO",
                100 * d.share(), 100 * r.share() / 3, d.share() <= r.share() / 3 ? "yes" : "NO",
                reached ? "yes" : "NO");
        out.println("threshold  share    recall   | with suspect at the threshold too: share  recall");
        for (int t = 0; t <= 100; t += 5) {
            out.printf(Locale.ROOT, "  %3d    %5.1f %%  %5.1f %%  |  %5.1f %%  %5.1f %%%n", t, 100 * curve[t].share(),
                    100 * curve[t].recall(), 100 * alone[t].share(), 100 * alone[t].recall());
        }
        perWiki(cs, from, to, dflt);
        perEvent(cs, from, to, labels);
        if (svg != null) {
            Files.writeString(svg, svg(curve, r, d, threshold), StandardCharsets.UTF_8);
            out.println("curve written to " + svg);
        }
        return 0;
    }

    /** The repeat window of a channel without {@code repeat=N}: the config item's default, in minutes. */
    static final long REPEAT_MINUTES = ConfigItem.REPEATMINUTES.number(ConfigItem.REPEATMINUTES.defaultValue());

    /**
     * The alerts of {@code alert} that the bot's {@link Repeats} lets through a channel with the default repeat window
     * (the same code the dispatcher runs at delivery): one per editor per window, except the events never held back.
     */
    static boolean[] repeatsHeld(List<DayRun.Change> cs, int from, int to, boolean[] alert) {
        boolean[] out = new boolean[to];
        Repeats repeats = new Repeats();
        for (int i = from; i < to; i++) {
            if (alert[i]) {
                DayRun.Change c = cs.get(i);
                // a log entry is the only unscored change (score -1)
                out[i] = repeats.pass("#default", c.wiki(), c.user(), c.events(), c.score() < 0, c.millis(),
                        REPEAT_MINUTES * 60_000L);
            }
        }
        return out;
    }

    /**
     * The counted editors by class (at their first change in the part) against every editor of that class with a
     * change in the part: how far apart the editors to find are.
     */
    static String byClass(List<DayRun.Change> cs, int from, int to, Labels labels) {
        Map<org.vigie.patrol.EditorClass, int[]> n = new EnumMap<>(org.vigie.patrol.EditorClass.class);
        Map<String, Boolean> seen = new HashMap<>();
        for (int i = from; i < to; i++) {
            DayRun.Change c = cs.get(i);
            String k = DayRun.key(c.wiki(), c.user());
            if (seen.putIfAbsent(k, Boolean.TRUE) == null) {
                int[] x = n.computeIfAbsent(c.editor(), e -> new int[2]);
                x[1]++;
                if (labels.first().containsKey(k)) {
                    x[0]++;
                }
            }
        }
        StringBuilder sb = new StringBuilder("counted editors by class (of the editors with a change in the part):");
        for (Map.Entry<org.vigie.patrol.EditorClass, int[]> e : n.entrySet()) {
            sb.append(String.format(Locale.ROOT, " %s %d of %,d;", e.getKey().name().toLowerCase(Locale.ROOT),
                    e.getValue()[0], e.getValue()[1]));
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /** The threshold of the best recall at a share of at most {@code maxShare}, or -1. */
    static int best(Result[] curve, double maxShare) {
        int best = -1;
        for (int t = 0; t < curve.length; t++) {
            if (curve[t].share() <= maxShare && (best < 0 || curve[t].recall() > curve[best].recall())) {
                best = t;
            }
        }
        return best;
    }

    /** The held-out part's labels: editor → index of their first revert, for editors with a change before it. */
    record Labels(Map<String, Integer> first, int named) {
    }

    static Labels labels(List<DayRun.Change> cs, int from, int to) {
        Map<String, Integer> all = DayRun.firstReverts(cs, 0, to);
        Map<String, Integer> held = new HashMap<>();
        int named = 0;
        for (Map.Entry<String, Integer> e : all.entrySet()) {
            if (e.getValue() >= from) {
                named++;
                held.put(e.getKey(), e.getValue());
            }
        }
        Map<String, Integer> counted = new HashMap<>();
        for (int i = from; i < to; i++) {
            DayRun.Change c = cs.get(i);
            String k = DayRun.key(c.wiki(), c.user());
            Integer rv = held.get(k);
            if (rv != null && i < rv) {
                counted.put(k, rv);
            }
        }
        return new Labels(counted, named);
    }

    record Result(int found, int editors, int alerts, int changes, double hours, long medianMillis) {
        double recall() {
            return editors == 0 ? 0 : (double) found / editors;
        }

        double share() {
            return changes == 0 ? 0 : (double) alerts / changes;
        }

        String line() {
            return String.format(Locale.ROOT, "recall %.1f %% (%d of %d reverted editors alerted before their first "
                            + "revert), share %.1f %% (%,d alerts of %,d changes, %,.0f alerts/hour), median first "
                            + "alert to revert %s", 100 * recall(), found, editors, 100 * share(), alerts, changes,
                    hours > 0 ? alerts / hours : 0, medianMillis < 0 ? "-" : (medianMillis / 60_000) + " min");
        }
    }

    static Result measure(List<DayRun.Change> cs, int from, int to, Labels labels, boolean[] alert) {
        Map<String, Long> firstAlert = new HashMap<>();
        int alerts = 0;
        for (int i = from; i < to; i++) {
            if (!alert[i]) {
                continue;
            }
            alerts++;
            DayRun.Change c = cs.get(i);
            String k = DayRun.key(c.wiki(), c.user());
            Integer rv = labels.first().get(k);
            if (rv != null && i < rv) {
                firstAlert.putIfAbsent(k, c.millis());
            }
        }
        List<Long> lead = new ArrayList<>();
        for (Map.Entry<String, Long> e : firstAlert.entrySet()) {
            lead.add(cs.get(labels.first().get(e.getKey())).millis() - e.getValue());
        }
        lead.sort(null);
        double hours = (cs.get(to - 1).millis() - cs.get(from).millis()) / 3_600_000.0;
        return new Result(firstAlert.size(), labels.first().size(), alerts, to - from, hours,
                lead.isEmpty() ? -1 : lead.get(lead.size() / 2));
    }

    private void perWiki(List<DayRun.Change> cs, int from, int to, boolean[] dflt) {
        double hours = Math.max(1e-9, (cs.get(to - 1).millis() - cs.get(from).millis()) / 3_600_000.0);
        Map<String, int[]> byWiki = new TreeMap<>();
        for (int i = from; i < to; i++) {
            int[] n = byWiki.computeIfAbsent(cs.get(i).wiki(), k -> new int[2]);
            n[0]++;
            if (dflt[i]) {
                n[1]++;
            }
        }
        List<Map.Entry<String, int[]>> top = new ArrayList<>(byWiki.entrySet());
        top.sort((a, b) -> Integer.compare(b.getValue()[1], a.getValue()[1]));
        StringBuilder sb = new StringBuilder("default channel, alerts/hour per wiki (top 10):");
        for (int i = 0; i < Math.min(10, top.size()); i++) {
            int[] n = top.get(i).getValue();
            sb.append(String.format(Locale.ROOT, " %s %.1f (%.1f %%)", top.get(i).getKey(), n[1] / hours,
                    100.0 * n[1] / n[0]));
        }
        out.println(sb);
    }

    private void perEvent(List<DayRun.Change> cs, int from, int to, Labels labels) {
        StringBuilder sb = new StringBuilder("per event, changes raising it (default filters) and the share on "
                + "reverted editors before their revert:");
        for (Event e : Event.values()) {
            int n = 0;
            int hit = 0;
            for (int i = from; i < to; i++) {
                DayRun.Change c = cs.get(i);
                if ((c.events() & e.bit()) == 0 || !c.classOk()) {
                    continue;
                }
                n++;
                Integer rv = labels.first().get(DayRun.key(c.wiki(), c.user()));
                if (rv != null && i < rv) {
                    hit++;
                }
            }
            if (n > 0) {
                sb.append(String.format(Locale.ROOT, " %s %d (%.1f %%)", e.key(), n, 100.0 * hit / n));
            }
        }
        out.println(sb);
    }

    static String svg(Result[] curve, Result rules, Result dflt, int threshold) {
        int w = 640;
        int h = 480;
        int m = 60;
        double maxShare = 0;
        for (Result r : curve) {
            maxShare = Math.max(maxShare, r.share());
        }
        maxShare = Math.max(0.05, Math.ceil(maxShare * 10) / 10);
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\">Recall against alert share as the score "
                + "threshold moves (held-out part)</text>%n", m));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", m,
                h - m, w - 20, h - m));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", m,
                h - m, m, 30));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">share of changes alerted (0 to %.0f %%)</text>%n",
                w / 2 - 100, h - 20, 100 * maxShare));
        sb.append(String.format(Locale.ROOT, "<text x=\"15\" y=\"%d\" transform=\"rotate(-90 15 %d)\">recall (0 to "
                + "100 %%)</text>%n", h / 2 + 40, h / 2 + 40));
        StringBuilder pts = new StringBuilder();
        for (int t = 0; t <= 100; t++) {
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(curve[t].share(), maxShare, w, m),
                    y(curve[t].recall(), h, m)));
        }
        sb.append("<polyline fill=\"none\" stroke=\"steelblue\" stroke-width=\"2\" points=\"").append(pts.toString()
                .strip()).append("\"/>\n");
        for (int t = 0; t <= 100; t += 10) {
            sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"steelblue\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\" fill=\"steelblue\">%d</text>%n",
                    x(curve[t].share(), maxShare, w, m), y(curve[t].recall(), h, m),
                    x(curve[t].share(), maxShare, w, m) + 5, y(curve[t].recall(), h, m) - 5, t));
        }
        point(sb, rules, "rules", "firebrick", maxShare, w, h, m);
        point(sb, dflt, "default (score=" + threshold + ")", "darkgreen", maxShare, w, h, m);
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void point(StringBuilder sb, Result r, String label, String colour, double maxShare, int w, int h,
                              int m) {
        double x = x(r.share(), maxShare, w, m);
        double y = y(r.recall(), h, m);
        sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\"/>"
                + "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">%s: %.1f %% at %.1f %%</text>%n", x - 4, y - 4, colour,
                x + 8, y + 16, colour, label, 100 * r.recall(), 100 * r.share()));
    }

    private static double x(double share, double maxShare, int w, int m) {
        return m + Math.min(1, share / maxShare) * (w - 20 - m);
    }

    private static double y(double recall, int h, int m) {
        return (h - m) - recall * (h - m - 30);
    }

    // ------------------------------------------------------------------ fit-score

    public int fit() throws IOException {
        ScoreWeights current = ScoreWeights.load(listsDir);
        List<DayRun.Change> cs = DayRun.run(file, listsDir, current, split);
        int to = DayRun.splitIndex(cs, split);
        // labels from the fitting part only: the reverts it saw
        Map<String, Integer> first = DayRun.firstReverts(cs, 0, to);
        List<long[]> rows = new ArrayList<>();
        int pos = 0;
        for (int i = 0; i < to; i++) {
            DayRun.Change c = cs.get(i);
            if (c.score() < 0) {
                continue;
            }
            Integer rv = first.get(DayRun.key(c.wiki(), c.user()));
            boolean y = rv != null && i < rv;
            pos += y ? 1 : 0;
            rows.add(new long[] {c.features(), y ? 1 : 0});
        }
        if (pos == 0) {
            throw new IllegalArgumentException("no reverted editor in the fitting part: nothing to fit");
        }
        double[] beta = Logistic.fit(rows, Feature.values().length, l2);
        long present = 0;
        for (long[] r : rows) {
            present |= r[0];
        }
        // a feature the fitting part never shows cannot be fitted: it keeps the weight the file gave it (a prior
        // set by hand: blanking, greylisted editors, temporary accounts… do not occur in the 2015 day)
        Map<Feature, Double> weights = new EnumMap<>(Feature.class);
        List<String> kept = new ArrayList<>();
        for (Feature f : Feature.values()) {
            if ((present & f.bit()) != 0) {
                weights.put(f, beta[f.ordinal()]);
            } else {
                weights.put(f, current.weight(f));
                kept.add(f.key() + "=" + current.weight(f));
            }
        }
        ScoreWeights fitted = ScoreWeights.of(beta[beta.length - 1], weights, 50);
        // the default threshold, chosen on the fitting part: the fewest alerts that still find as many reverted
        // editors as the rules do (the default channel loses nothing against today's rules, with fewer alerts)
        List<DayRun.Change> scored = rescore(cs, fitted);
        Labels fitLabels = fitLabels(scored, to, first);
        boolean[] rules = new boolean[to];
        for (int i = 0; i < to; i++) {
            rules[i] = scored.get(i).rulesAlert();
        }
        Result r = measure(scored, 0, to, fitLabels, rules);
        int chosen = 0;
        Result best = null;
        for (int t = 0; t <= 100; t++) {
            boolean[] a = new boolean[to];
            for (int i = 0; i < to; i++) {
                a[i] = scored.get(i).alertAt(t);
            }
            Result x = measure(scored, 0, to, fitLabels, a);
            if (x.recall() >= r.recall()) {
                best = x;
                chosen = t;
            }
        }
        fitted = fitted.withDefaultThreshold(chosen);
        // what the default channel sends at that threshold: one alert per editor per window, as quality's default row
        // counts it (the window never holds back an editor's first alert, so the recall, hence the choice, is the same)
        boolean[] chosenAlerts = new boolean[to];
        boolean[] rulesAlerts = new boolean[to];
        for (int i = 0; i < to; i++) {
            chosenAlerts[i] = scored.get(i).alertAt(chosen);
            rulesAlerts[i] = rules[i];
        }
        Result damped = measure(scored, 0, to, fitLabels, repeatsHeld(scored, 0, to, chosenAlerts));
        Result rulesDamped = measure(scored, 0, to, fitLabels, repeatsHeld(scored, 0, to, rulesAlerts));
        List<String> comments = List.of(
                "The score's weights: score = 100 / (1 + exp(-(bias + sum of the weights of the features present))).",
                "Fitted by: java -jar vigie.jar fit-score " + file.getFileName() + " --lists " + listsDir
                        + " --split " + split,
                "on the first " + to + " of " + cs.size() + " changes in time order (up to "
                        + Instant.ofEpochMilli(cs.get(Math.max(0, to - 1)).millis()) + "), " + pos
                        + " of them by editors reverted later in that part (labels from revert summaries);",
                "logistic regression, positives weighted to balance the classes, L2 penalty " + l2 + " (Newton's method).",
                "threshold.default: the highest threshold whose recall is at least the rules' (so the fewest alerts),"
                        + " chosen on the fitting part:",
                "  rules, every alert counted: " + r.line(),
                "  score=" + chosen + ", every alert counted (repeat=0): " + (best == null ? "-" : best.line()),
                "  score=" + chosen + ", DAMPED as the bot sends it (one alert per editor per " + REPEAT_MINUTES
                        + " min, quality's default row): " + damped.line(),
                String.format(Locale.ROOT, "  so the default channel's share on the fitting part: %.1f %% damped "
                        + "(%.1f %% undamped); the rules with the same window would send %.1f %% (quality's rules "
                        + "row counts every alert)",
                        100 * damped.share(), best == null ? 0 : 100 * best.share(), 100 * rulesDamped.share()),
                "Never present in the fitting part, so not fitted (the file's previous weights, set by hand): "
                        + (kept.isEmpty() ? "none" : String.join(", ", kept)) + ".",
                "The held-out part is never read here: measure it with java -jar vigie.jar quality FILE.");
        String text = fitted.toProperties(comments);
        Path target = outFile != null ? outFile : listsDir.resolve(ScoreWeights.FILE_NAME);
        Files.writeString(target, text, StandardCharsets.UTF_8);
        out.print(text);
        out.println("written to " + target);
        return 0;
    }

    private static List<DayRun.Change> rescore(List<DayRun.Change> cs, ScoreWeights w) {
        List<DayRun.Change> out = new ArrayList<>(cs.size());
        for (DayRun.Change c : cs) {
            out.add(c.score() < 0 ? c : new DayRun.Change(c.millis(), c.wiki(), c.user(), c.editor(), c.events(),
                    w.score(c.features()), c.features(), c.rulesAlert(), c.defaultAlert(), c.everyAlert(), c.neverHeld(),
                    c.revertedUser(), c.change()));
        }
        return out;
    }

    private static Labels fitLabels(List<DayRun.Change> cs, int to, Map<String, Integer> first) {
        Map<String, Integer> counted = new LinkedHashMap<>();
        for (int i = 0; i < to; i++) {
            DayRun.Change c = cs.get(i);
            String k = DayRun.key(c.wiki(), c.user());
            Integer rv = first.get(k);
            if (rv != null && i < rv) {
                counted.put(k, rv);
            }
        }
        return new Labels(counted, first.size());
    }

    /** Weighted logistic regression on bit-set features, by Newton's method. */
    static final class Logistic {
        private Logistic() {
        }

        /**
         * @param rows {features bit set, label 0/1}
         * @return one weight per feature, then the bias
         */
        static double[] fit(List<long[]> rows, int features, double l2) {
            List<int[]> x = new ArrayList<>(rows.size());
            boolean[] y = new boolean[rows.size()];
            int[] idx = new int[64];
            for (int n = 0; n < rows.size(); n++) {
                long[] r = rows.get(n);
                int k = 0;
                for (long b = r[0]; b != 0; b &= b - 1) {
                    int j = Long.numberOfTrailingZeros(b);
                    if (j < features) {
                        idx[k++] = j;
                    }
                }
                x.add(Arrays.copyOf(idx, k));
                y[n] = r[1] == 1;
            }
            return fit(x, y, features, l2);
        }

        /**
         * The same fit on sparse rows: each row the indexes of its features present, in increasing order (any number
         * of features: {@code quality --bound}'s richer sets).
         *
         * @return one weight per feature, then the bias
         */
        static double[] fit(List<int[]> x, boolean[] y, int features, double l2) {
            return fit(x, y, null, features, l2);
        }

        /** As above, each row weighing {@code w[row]} ({@code null}: 1 each) before the classes are balanced. */
        static double[] fit(List<int[]> x, boolean[] y, double[] w, int features, double l2) {
            int d = features + 1;
            double pos = 0;
            double neg = 0;
            for (int n = 0; n < y.length; n++) {
                double rw = w == null ? 1 : w[n];
                pos += y[n] ? rw : 0;
                neg += y[n] ? 0 : rw;
            }
            double wPos = pos == 0 ? 1 : neg / pos;
            double[] beta = new double[d];
            int[] idx = new int[d];
            for (int it = 0; it < 50; it++) {
                double[][] hess = new double[d][d];
                double[] grad = new double[d];
                for (int n = 0; n < x.size(); n++) {
                    int[] row = x.get(n);
                    int k = row.length;
                    System.arraycopy(row, 0, idx, 0, k);
                    idx[k++] = features; // bias
                    double z = 0;
                    for (int a = 0; a < k; a++) {
                        z += beta[idx[a]];
                    }
                    double p = 1 / (1 + Math.exp(-z));
                    int label = y[n] ? 1 : 0;
                    double wt = (label == 1 ? wPos : 1) * (w == null ? 1 : w[n]);
                    double g = wt * (p - label);
                    double hh = wt * p * (1 - p);
                    for (int a = 0; a < k; a++) {
                        grad[idx[a]] += g;
                        for (int b = 0; b < k; b++) {
                            hess[idx[a]][idx[b]] += hh;
                        }
                    }
                }
                for (int j = 0; j < features; j++) {
                    grad[j] += l2 * beta[j];
                    hess[j][j] += l2;
                }
                hess[features][features] += 1e-6;
                double[] step = solve(hess, grad);
                double change = 0;
                for (int j = 0; j < d; j++) {
                    beta[j] -= step[j];
                    change = Math.max(change, Math.abs(step[j]));
                }
                if (change < 1e-6) {
                    break;
                }
            }
            for (int j = 0; j < d; j++) {
                beta[j] = Math.max(-100, Math.min(100, beta[j]));
            }
            return beta;
        }

        /** Solves {@code a x = b} by Gaussian elimination with partial pivoting. */
        static double[] solve(double[][] a0, double[] b0) {
            int n = b0.length;
            double[][] a = new double[n][];
            for (int i = 0; i < n; i++) {
                a[i] = Arrays.copyOf(a0[i], n + 1);
                a[i][n] = b0[i];
            }
            for (int c = 0; c < n; c++) {
                int p = c;
                for (int r = c + 1; r < n; r++) {
                    if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                        p = r;
                    }
                }
                double[] t = a[c];
                a[c] = a[p];
                a[p] = t;
                if (Math.abs(a[c][c]) < 1e-12) {
                    continue;
                }
                for (int r = 0; r < n; r++) {
                    if (r != c) {
                        double f = a[r][c] / a[c][c];
                        for (int k = c; k <= n; k++) {
                            a[r][k] -= f * a[c][k];
                        }
                    }
                }
            }
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = Math.abs(a[i][i]) < 1e-12 ? 0 : a[i][n] / a[i][i];
            }
            return x;
        }
    }
}
