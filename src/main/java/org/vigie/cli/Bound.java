package org.vigie.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.vigie.feed.RcEvent;
import org.vigie.patrol.Event;
import org.vigie.score.Feature;

/**
 * {@code quality FILE --bound}: how far any score built from the feed could go on the held-out part, as upper bounds
 * that are optimistic on purpose, next to what the shipped score does. Every optimistic line says so
 * ({@link #OPTIMISTIC}): they are not results, they are ceilings.
 *
 * <p>Counting is {@code quality}'s: the held-out part's labels ({@link Quality#labels}), an editor found when an
 * alert on one of their changes came before their first revert, alerts passed through the bot's repeat window
 * ({@link Quality#repeatsHeld}: one per editor per window) and the share taken over all the part's changes. Each
 * ranking alerts every scored change (edits and new pages: log entries carry no score) at or above a threshold; a
 * ranking is read at the thresholds where its recall rises (between two of them the recall stays and the alerts grow).
 *
 * <ul>
 *   <li>(a) the shipped score alone, thresholded: a real figure;</li>
 *   <li>(b) the score's own features with weights fitted on the held-out part itself, with its own labels (the
 *       project's logistic fit, several penalties and row weightings, and the shipped weights: the best of them at
 *       each budget): optimistic for a reweighting of the score; (b+) the same weights searched directly for each
 *       budget and target, in-sample; (b') that search on the fitting part only, measured on the held-out part;</li>
 *   <li>(c) a richer set of feed features (wiki, namespace, editor class × wiki, sizes, summary words and signs, hour,
 *       the editor's and the page's changes so far…) fitted the same way in-sample — optimistic — and, honestly,
 *       fitted on the fitting part only and measured on the held-out part: the gap is what in-sample fitting
 *       flatters;</li>
 *   <li>(d) a proof-style bound for any prior that is constant within each wiki × editor class cell (the class at the
 *       editor's first change in the part): a threshold on such a score alerts whole cells; each editor lies in one
 *       cell and the repeat window is per editor, so a set of cells finds the sum of its cells' editors with the sum of
 *       its cells' alerts. The best set within a budget is a knapsack whose fractional relaxation — cells taken in the
 *       order of their held-out hit rate (editors found per alert), the last one in part — is an upper bound for every
 *       such prior and every threshold.</li>
 * </ul>
 */
final class Bound {

    /** The label of every line whose figures are optimistic ceilings. */
    static final String OPTIMISTIC = "OPTIMISTIC FIGURES, NOT RESULTS";
    /** The richer feature set keeps at most this many features, the most frequent in the rows fitted. */
    static final int RICH_MAX = 400;
    /** … each seen in at least this many of those rows. */
    static final int RICH_MIN_ROWS = 8;
    /** The in-sample fits' L2 penalties for the score's features: the best of them is kept, threshold by threshold. */
    static final double[] IN_SAMPLE_L2S = {0.1, 1, 10, 30};
    /** The direct search's moves of one weight, and its rounds at most. */
    static final double[] SEARCH_STEPS = {2, -2, 0.5, -0.5, 0.125, -0.125};
    static final int SEARCH_ROUNDS = 4;
    /** … and for the richer features (fewer: each fit solves a 400-wide system). */
    static final double[] RICH_L2S = {1, 10};

    private final PrintStream out;
    private final double l2;

    /** @param l2 the honest fit's L2 penalty (fit-score's) */
    Bound(PrintStream out, double l2) {
        this.out = out;
        this.l2 = l2;
    }

    /** A point of a ranking's curve: its threshold and what it finds there. */
    record Point(double threshold, Quality.Result result) {
    }

    /**
     * The curve of a ranking {@code s} (indexed by change, {@code NaN}: never alerted) on {@code [from, to)}, at each
     * threshold where the recall rises, counted as quality counts (the repeat window included).
     */
    static List<Point> curve(List<DayRun.Change> cs, int from, int to, Quality.Labels labels, double[] s) {
        List<Integer> order = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(s[i])) {
                order.add(i);
            }
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparingInt(i -> i));
        Set<String> found = new HashSet<>();
        List<Point> points = new ArrayList<>();
        int k = 0;
        while (k < order.size()) {
            double v = s[order.get(k)];
            boolean rose = false;
            for (; k < order.size() && s[order.get(k)] == v; k++) {
                int i = order.get(k);
                DayRun.Change c = cs.get(i);
                String key = DayRun.key(c.wiki(), c.user());
                Integer rv = labels.first().get(key);
                if (rv != null && i < rv && found.add(key)) {
                    rose = true;
                }
            }
            if (rose) {
                boolean[] alert = new boolean[to];
                for (int i = from; i < to; i++) {
                    alert[i] = !Double.isNaN(s[i]) && s[i] >= v;
                }
                points.add(new Point(v, Quality.measure(cs, from, to, labels,
                        Quality.repeatsHeld(cs, from, to, alert))));
            }
        }
        return points;
    }

    /** The best recall among the points at a share of at most {@code budget}, or {@code null}. */
    static Point atBudget(List<Point> curve, double budget) {
        Point best = null;
        for (Point p : curve) {
            if (p.result().share() <= budget && (best == null || p.result().found() > best.result().found())) {
                best = p;
            }
        }
        return best;
    }

    /** The smallest share among the points finding at least {@code editors}, or {@code null}. */
    static Point forRecall(List<Point> curve, int editors) {
        Point best = null;
        for (Point p : curve) {
            if (p.result().found() >= editors && (best == null || p.result().share() < best.result().share())) {
                best = p;
            }
        }
        return best;
    }

    // ------------------------------------------------------------------ (d) the cells

    /** One wiki × editor class cell: its counted editors and the alerts it costs, all its scored changes alerted. */
    record Cell(String key, int editors, int alerts) {
        double rate() {
            return (double) editors / alerts;
        }
    }

    /**
     * The cells of the part, in the optimal order for the fractional knapsack: hit rate (editors per alert) first,
     * then more editors, then the key (a fixed order).
     */
    static List<Cell> cells(List<DayRun.Change> cs, int from, int to, Quality.Labels labels) {
        boolean[] all = new boolean[to];
        Map<String, String> cellOf = new HashMap<>();
        for (int i = from; i < to; i++) {
            DayRun.Change c = cs.get(i);
            if (c.score() >= 0) {
                all[i] = true;
                cellOf.putIfAbsent(DayRun.key(c.wiki(), c.user()), cellKey(c));
            }
        }
        boolean[] sent = Quality.repeatsHeld(cs, from, to, all);
        Map<String, int[]> n = new TreeMap<>();
        Set<String> found = new HashSet<>();
        for (int i = from; i < to; i++) {
            if (!sent[i]) {
                continue;
            }
            DayRun.Change c = cs.get(i);
            String editor = DayRun.key(c.wiki(), c.user());
            int[] x = n.computeIfAbsent(cellOf.get(editor), k -> new int[2]);
            x[1]++;
            Integer rv = labels.first().get(editor);
            if (rv != null && i < rv && found.add(editor)) {
                x[0]++;
            }
        }
        List<Cell> out = new ArrayList<>();
        n.forEach((k, x) -> out.add(new Cell(k, x[0], x[1])));
        out.sort(Comparator.comparingDouble((Cell c) -> -c.rate()).thenComparingInt(c -> -c.editors())
                .thenComparing(Cell::key));
        return out;
    }

    static String cellKey(DayRun.Change c) {
        return c.wiki() + " " + c.editor().key();
    }

    /** The fractional knapsack's editors within {@code alerts} alerts: no union of cells finds more. */
    static double cellEditorsWithin(List<Cell> cells, double alerts) {
        double left = alerts;
        double editors = 0;
        for (Cell c : cells) {
            if (c.alerts() <= left) {
                left -= c.alerts();
                editors += c.editors();
            } else {
                editors += c.editors() * left / c.alerts();
                break;
            }
        }
        return editors;
    }

    /** The fractional knapsack's alerts to find {@code editors}: no union of cells finds them with fewer, or -1. */
    static double cellAlertsFor(List<Cell> cells, int editors) {
        double need = editors;
        double alerts = 0;
        for (Cell c : cells) {
            if (need <= 0) {
                break;
            }
            if (c.editors() >= need) {
                return alerts + c.alerts() * need / c.editors();
            }
            need -= c.editors();
            alerts += c.alerts();
        }
        return need <= 0 ? alerts : -1;
    }

    // ------------------------------------------------------------------ (c) the richer features

    /**
     * The richer features of every scored change of {@code [0, to)}, as keys; the editor's and the page's changes so
     * far are counted over the day in time order (what a bot reading the feed would know), nothing after the change.
     */
    static List<List<String>> richKeys(List<DayRun.Change> cs, int to) {
        List<List<String>> out = new ArrayList<>(to);
        Map<String, Integer> editorChanges = new HashMap<>();
        Map<String, String> pageLastEditor = new HashMap<>();
        for (int i = 0; i < to; i++) {
            DayRun.Change c = cs.get(i);
            RcEvent e = c.change();
            if (c.score() < 0 || e == null) {
                out.add(null);
                continue;
            }
            List<String> k = new ArrayList<>(40);
            String cls = c.editor().key();
            k.add("wiki=" + c.wiki());
            k.add("class=" + cls);
            k.add("class@wiki=" + cls + "@" + c.wiki());
            k.add("ns=" + (e.namespace() == RcEvent.NS_UNKNOWN ? "?" : Integer.toString(e.namespace())));
            k.add("ns@class=" + (e.namespace() == RcEvent.NS_UNKNOWN ? "?" : Integer.toString(e.namespace())) + "@"
                    + cls);
            k.add("kind=" + e.kind().name().toLowerCase(Locale.ROOT));
            String size = e.hasSize() ? sizeBucket(e.sizeDelta()) : "?";
            k.add("size=" + size);
            k.add("size@class=" + size + "@" + cls);
            if (e.minor()) {
                k.add("flag=minor");
            }
            if (e.bot()) {
                k.add("flag=bot");
            }
            if (e.unpatrolled()) {
                k.add("flag=unpatrolled");
            }
            k.add("hour=" + Math.floorMod(c.millis() / 3_600_000L, 24));
            summaryKeys(e.summary() == null ? "" : e.summary(), e.revert(), k);
            for (long b = c.features(); b != 0; b &= b - 1) {
                k.add("f=" + Feature.values()[Long.numberOfTrailingZeros(b)].key());
            }
            for (Event ev : Event.values()) {
                if ((c.events() & ev.bit()) != 0) {
                    k.add("ev=" + ev.key());
                }
            }
            String editor = DayRun.key(c.wiki(), c.user());
            int nth = editorChanges.merge(editor, 1, Integer::sum);
            k.add("nth=" + (nth == 1 ? "1" : nth == 2 ? "2" : nth <= 5 ? "3-5" : nth <= 20 ? "6-20" : "21+"));
            k.add("nth@class=" + (nth == 1 ? "1" : "2+") + "@" + cls);
            String page = c.wiki() + '\u0000' + e.title();
            String last = pageLastEditor.put(page, c.user());
            k.add(last == null ? "page=first" : last.equals(c.user()) ? "page=same-editor" : "page=other-editor");
            out.add(k);
        }
        return out;
    }

    private static String sizeBucket(int d) {
        int a = Math.abs(d);
        String m = a <= 5 ? "0-5" : a <= 20 ? "6-20" : a <= 100 ? "21-100" : a <= 500 ? "101-500" : a <= 2000
                ? "501-2000" : "2001+";
        return (d < 0 ? "-" : "+") + m;
    }

    private static void summaryKeys(String s, RcEvent.SummaryKind kind, List<String> k) {
        String own = s;
        int open = own.indexOf("/*");
        int close = open < 0 ? -1 : own.indexOf("*/", open + 2);
        if (open >= 0 && close > open) {
            k.add("sum=section");
            own = (own.substring(0, open) + own.substring(close + 2)).strip();
        }
        own = own.strip();
        k.add("sumlen=" + (own.isEmpty() ? "0" : own.length() <= 10 ? "1-10" : own.length() <= 30 ? "11-30"
                : own.length() <= 80 ? "31-80" : "81+"));
        if (kind != null && kind != RcEvent.SummaryKind.NONE) {
            k.add("sum=" + kind.name().toLowerCase(Locale.ROOT));
        }
        if (s.contains("[[")) {
            k.add("sum=link");
        }
        if (s.contains("http")) {
            k.add("sum=url");
        }
        if (s.contains("←") || s.contains("→")) {
            k.add("sum=arrow");
        }
        int letters = 0;
        int upper = 0;
        boolean digit = false;
        for (int i = 0; i < own.length(); i++) {
            char ch = own.charAt(i);
            if (Character.isLetter(ch)) {
                letters++;
                upper += Character.isUpperCase(ch) ? 1 : 0;
            }
            digit |= Character.isDigit(ch);
        }
        if (digit) {
            k.add("sum=digit");
        }
        if (letters >= 5 && upper * 10 >= letters * 6) {
            k.add("sum=caps");
        }
        if (own.indexOf('!') >= 0 || own.indexOf('?') >= 0) {
            k.add("sum=bang");
        }
        Set<String> words = new java.util.LinkedHashSet<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i <= s.length() && words.size() < 20; i++) {
            char ch = i < s.length() ? s.charAt(i) : ' ';
            if (Character.isLetterOrDigit(ch)) {
                w.append(Character.toLowerCase(ch));
            } else {
                if (w.length() >= 2 && w.length() <= 20) {
                    words.add(w.toString());
                }
                w.setLength(0);
            }
        }
        for (String t : words) {
            k.add("word=" + t);
        }
    }

    /** A dictionary of the keys seen in at least {@link #RICH_MIN_ROWS} of the rows, the {@link #RICH_MAX} most frequent. */
    static Map<String, Integer> dictionary(List<List<String>> keys, int from, int to) {
        Map<String, Integer> count = new HashMap<>();
        for (int i = from; i < to; i++) {
            if (keys.get(i) != null) {
                for (String k : new HashSet<>(keys.get(i))) {
                    count.merge(k, 1, Integer::sum);
                }
            }
        }
        List<Map.Entry<String, Integer>> e = new ArrayList<>(count.entrySet());
        e.removeIf(x -> x.getValue() < RICH_MIN_ROWS);
        e.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> dict = new HashMap<>();
        for (int i = 0; i < Math.min(RICH_MAX, e.size()); i++) {
            dict.put(e.get(i).getKey(), i);
        }
        return dict;
    }

    static int[] row(List<String> keys, Map<String, Integer> dict) {
        int[] r = keys.stream().map(dict::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue)
                .distinct().sorted().toArray();
        return r;
    }

    /**
     * Fits the keys of {@code [from, to)}'s scored changes against {@code y} (by change index) and scores every scored
     * change of {@code [scoreFrom, scoreTo)} with the fitted linear term.
     */
    static double[] fitKeys(List<List<String>> keys, boolean[] y, double[] w, int from, int to, int scoreFrom,
                            int scoreTo, double l2) {
        Map<String, Integer> dict = dictionary(keys, from, to);
        List<int[]> x = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (keys.get(i) != null) {
                x.add(row(keys.get(i), dict));
                at.add(i);
            }
        }
        boolean[] yy = picked(y, at);
        double[] ww = w == null ? null : picked(w, at);
        double[] beta = Quality.Logistic.fit(x, yy, ww, dict.size(), l2);
        double[] s = new double[scoreTo];
        Arrays.fill(s, Double.NaN);
        for (int i = scoreFrom; i < scoreTo; i++) {
            if (keys.get(i) != null) {
                double z = beta[dict.size()];
                for (int j : row(keys.get(i), dict)) {
                    z += beta[j];
                }
                s[i] = z;
            }
        }
        return s;
    }

    /** Per change of {@code [from, to)}: made by an editor reverted later in that range, before the revert. */
    static boolean[] labelsOf(List<DayRun.Change> cs, int from, int to, Map<String, Integer> first) {
        boolean[] y = new boolean[to];
        for (int i = from; i < to; i++) {
            DayRun.Change c = cs.get(i);
            Integer rv = first.get(DayRun.key(c.wiki(), c.user()));
            y[i] = rv != null && i < rv;
        }
        return y;
    }

    /**
     * Row weights that make each reverted editor count once, as the recall counts them: a positive row weighs one over
     * its editor's positive rows in {@code [from, to)}; a negative row weighs 1.
     */
    static double[] perEditor(List<DayRun.Change> cs, int from, int to, boolean[] y, boolean scoredOnly) {
        Map<String, Integer> rows = new HashMap<>();
        for (int i = from; i < to; i++) {
            DayRun.Change c = cs.get(i);
            if (y[i] && (!scoredOnly || c.score() >= 0)) {
                rows.merge(DayRun.key(c.wiki(), c.user()), 1, Integer::sum);
            }
        }
        double[] w = new double[to];
        for (int i = from; i < to; i++) {
            DayRun.Change c = cs.get(i);
            w[i] = y[i] ? 1.0 / rows.getOrDefault(DayRun.key(c.wiki(), c.user()), 1) : 1;
        }
        return w;
    }

    /** The score's own features, fitted on {@code [from, to)} against {@code y}, as a ranking of that range. */
    static double[] fitScoreFeatures(List<DayRun.Change> cs, int from, int to, boolean[] y, double[] w, double l2) {
        return rankScoreFeatures(cs, from, to, scoreFeatureWeights(cs, from, to, y, w, l2));
    }

    /** The scored changes of {@code [from, to)} ranked by the linear term of {@code beta} (one weight per feature). */
    static double[] rankScoreFeatures(List<DayRun.Change> cs, int from, int to, double[] beta) {
        double[] s = new double[to];
        Arrays.fill(s, Double.NaN);
        for (int i = from; i < to; i++) {
            DayRun.Change c = cs.get(i);
            if (c.score() >= 0) {
                double z = 0;
                for (long b = c.features(); b != 0; b &= b - 1) {
                    z += beta[Long.numberOfTrailingZeros(b)];
                }
                s[i] = z;
            }
        }
        return s;
    }

    /** The fitted weights of the score's features (the bias left out: it moves no change above another). */
    static double[] scoreFeatureWeights(List<DayRun.Change> cs, int from, int to, boolean[] y, double[] w,
                                        double l2) {
        List<int[]> x = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = from; i < to; i++) {
            DayRun.Change c = cs.get(i);
            if (c.score() >= 0) {
                int[] r = new int[Long.bitCount(c.features())];
                int k = 0;
                for (long b = c.features(); b != 0; b &= b - 1) {
                    r[k++] = Long.numberOfTrailingZeros(b);
                }
                x.add(r);
                at.add(i);
            }
        }
        boolean[] yy = picked(y, at);
        double[] ww = w == null ? null : picked(w, at);
        int f = Feature.values().length;
        return Arrays.copyOf(Quality.Logistic.fit(x, yy, ww, f, l2), f);
    }

    /**
     * Quality's counting (the repeat window as {@link org.vigie.alert.Repeats} applies it, the editors found before
     * their revert) redone on arrays, for the direct search's inner loop: the scored changes of a part in time order,
     * each with its editor's number, its time, whether the window may hold it back, and whether it would find a
     * counted editor. Every figure the search settles on is counted again by {@link #curve}.
     */
    static final class FastCount {
        final int[] change;
        final int[][] features;
        private final int[] editor;
        private final long[] millis;
        private final boolean[] exempt;
        private final int[] hit;
        private final int editors;
        private final long window;
        private final long[] mark;
        private final boolean[] found;

        FastCount(List<DayRun.Change> cs, int from, int to, Quality.Labels labels) {
            List<Integer> at = new ArrayList<>();
            for (int i = from; i < to; i++) {
                if (cs.get(i).score() >= 0) {
                    at.add(i);
                }
            }
            int m = at.size();
            change = new int[m];
            features = new int[m][];
            editor = new int[m];
            millis = new long[m];
            exempt = new boolean[m];
            hit = new int[m];
            Map<String, Integer> ids = new HashMap<>();
            Map<String, Integer> counted = new HashMap<>();
            for (int e = 0; e < m; e++) {
                int i = at.get(e);
                DayRun.Change c = cs.get(i);
                change[e] = i;
                int[] r = new int[Long.bitCount(c.features())];
                int k = 0;
                for (long b = c.features(); b != 0; b &= b - 1) {
                    r[k++] = Long.numberOfTrailingZeros(b);
                }
                features[e] = r;
                String key = DayRun.key(c.wiki(), c.user());
                editor[e] = c.user() == null || c.user().isEmpty() ? -1 : ids.computeIfAbsent(key, x -> ids.size());
                millis[e] = c.millis();
                exempt[e] = (c.events() & org.vigie.alert.Repeats.EXEMPT) != 0;
                Integer rv = labels.first().get(key);
                hit[e] = rv != null && i < rv ? counted.computeIfAbsent(key, x -> counted.size()) : -1;
            }
            editors = ids.size();
            window = Quality.REPEAT_MINUTES * 60_000L;
            mark = new long[editors];
            found = new boolean[counted.size()];
        }

        int size() {
            return change.length;
        }

        /** {alerts sent, editors found} when the changes scoring at least {@code theta} are alerted. */
        long[] count(double[] s, double theta) {
            Arrays.fill(mark, Long.MIN_VALUE);
            Arrays.fill(found, false);
            long alerts = 0;
            long nFound = 0;
            for (int e = 0; e < s.length; e++) {
                if (!(s[e] >= theta)) {
                    continue;
                }
                int ed = editor[e];
                if (ed >= 0) {
                    long t = mark[ed];
                    long now = millis[e];
                    if (t != Long.MIN_VALUE && now - t < window && now >= t && !exempt[e]) {
                        continue;
                    }
                    mark[ed] = now;
                }
                alerts++;
                if (hit[e] >= 0 && !found[hit[e]]) {
                    found[hit[e]] = true;
                    nFound++;
                }
            }
            return new long[] {alerts, nFound};
        }

        double[] scores(double[] beta) {
            double[] s = new double[change.length];
            for (int e = 0; e < s.length; e++) {
                double z = 0;
                for (int j : features[e]) {
                    z += beta[j];
                }
                s[e] = z;
            }
            return s;
        }

        /**
         * The ranking's best: within {@code maxAlerts} alerts, {editors found, alerts} at most (when
         * {@code minFound < 0}); or the fewest alerts finding {@code minFound} editors, {editors, alerts} ({@code
         * Long.MAX_VALUE} alerts when never). The alerts grow as the threshold falls (the window's greedy marks only
         * multiply), so a binary search over the distinct scores finds it.
         */
        long[] best(double[] s, long maxAlerts, int minFound) {
            double[] v = s.clone();
            Arrays.sort(v);
            int distinct = 0;
            for (int i = v.length - 1; i >= 0; i--) {
                if (distinct == 0 || v[i] != v[distinct - 1]) {
                    v[distinct++] = v[i];
                }
            }
            // v[0..distinct) descending; the prefix up to v[k] alerts more as k grows
            int lo = 0;
            int hi = distinct - 1;
            long[] bestSeen = minFound < 0 ? new long[] {0, 0} : new long[] {0, Long.MAX_VALUE};
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long[] c = count(s, v[mid]);
                boolean ok = minFound < 0 ? c[0] <= maxAlerts : c[1] >= minFound;
                if (minFound < 0 ? ok : !ok) {
                    if (minFound < 0) {
                        bestSeen = new long[] {c[1], c[0]};
                    }
                    lo = mid + 1;
                } else {
                    if (minFound >= 0) {
                        bestSeen = new long[] {c[1], c[0]};
                    }
                    hi = mid - 1;
                }
            }
            return bestSeen;
        }
    }

    /** Better for the search: more editors within the budget (then fewer alerts); or fewer alerts for the target. */
    private static boolean better(long[] a, long[] b, int minFound) {
        if (minFound < 0) {
            return a[0] > b[0] || a[0] == b[0] && a[1] < b[1];
        }
        return a[1] < b[1];
    }

    /**
     * A direct search of the score's weights, in-sample: from {@code start}, each weight in turn moved by a few steps
     * either way, a move kept when it finds more editors within {@code maxAlerts} ({@code minFound < 0}) or needs
     * fewer alerts to find {@code minFound}; rounds until no move helps (at most {@link #SEARCH_ROUNDS}).
     */
    static double[] search(FastCount fc, double[] start, long maxAlerts, int minFound) {
        double[] beta = start.clone();
        long[] now = fc.best(fc.scores(beta), maxAlerts, minFound);
        for (int round = 0; round < SEARCH_ROUNDS; round++) {
            boolean moved = false;
            for (int j = 0; j < beta.length; j++) {
                for (double step : SEARCH_STEPS) {
                    double keep = beta[j];
                    beta[j] = keep + step;
                    long[] t = fc.best(fc.scores(beta), maxAlerts, minFound);
                    if (better(t, now, minFound)) {
                        now = t;
                        moved = true;
                    } else {
                        beta[j] = keep;
                    }
                }
            }
            if (!moved) {
                break;
            }
        }
        return beta;
    }

    /** A named curve, one of the candidates an envelope takes the best of. */
    record Named(String name, List<Point> curve) {
    }

    // ------------------------------------------------------------------ the report

    int run(List<DayRun.Change> cs, int split, Quality.Labels labels, Quality.Result rules, Quality.Result dflt,
            org.vigie.score.ScoreWeights weights) {
        int from = split;
        int to = cs.size();
        int n = to - from;
        int editors = labels.first().size();
        int rulesFound = rules.found();
        int goalFound = (int) Math.ceil(0.75 * editors - 1e-9);
        double third = rules.share() / 3;
        double[] budgets = {third, dflt.share(), 0.12};
        String[] budgetNames = {"a third of the rules' share", "the default row's share", "the goal's"};
        out.printf(Locale.ROOT, "bound: the held-out part, %,d changes, %d counted editors; counted as quality's rows "
                + "count: an editor is found when an alert on one of their changes came before their first revert, "
                + "alerts pass one per editor per %d min (the bot's repeat window), share = alerts sent / all %,d "
                + "changes. Each ranking alerts the scored changes (edits, new pages; log entries carry no score) at or "
                + "above a threshold, read where its recall rises.%n", n, editors, Quality.REPEAT_MINUTES, n);
        out.printf(Locale.ROOT, "budgets: %.1f %% (%s, the goal's budget for the default row), %.1f %% (%s), "
                        + "12.0 %% (%s); recall targets: the rules' %d of %d (%.1f %%), 75 %% = %d of %d%n",
                100 * third, budgetNames[0], 100 * dflt.share(), budgetNames[1], budgetNames[2], rulesFound,
                editors, 100.0 * rulesFound / Math.max(1, editors), goalFound, editors);

        // (a) the shipped score alone
        double[] shipped = new double[to];
        Arrays.fill(shipped, Double.NaN);
        for (int i = from; i < to; i++) {
            if (cs.get(i).score() >= 0) {
                shipped[i] = cs.get(i).score();
            }
        }
        print("REAL (shipped weights, no refit): (a) the shipped score alone, thresholded",
                List.of(new Named("", curve(cs, from, to, labels, shipped))), budgets, rulesFound, goalFound, editors);

        // (b) the score's features refitted on the held-out part itself: the best of the shipped weights and of
        // several in-sample fits (penalties, rows or editors weighing the same), threshold by threshold
        boolean[] yHeld = labelsOf(cs, from, to, labels.first());
        double[] wHeld = perEditor(cs, from, to, yHeld, true);
        List<Named> refits = new ArrayList<>();
        List<double[]> starts = new ArrayList<>();
        double[] shippedBeta = new double[Feature.values().length];
        for (Feature f : Feature.values()) {
            shippedBeta[f.ordinal()] = weights.weight(f);
        }
        starts.add(shippedBeta);
        refits.add(new Named("shipped", curve(cs, from, to, labels, shipped)));
        for (double pen : IN_SAMPLE_L2S) {
            for (boolean byEditor : new boolean[] {false, true}) {
                double[] b = scoreFeatureWeights(cs, from, to, yHeld, byEditor ? wHeld : null, pen);
                starts.add(b);
                refits.add(new Named((byEditor ? "editors" : "rows") + ", L2 " + pen, curve(cs, from, to, labels,
                        rankScoreFeatures(cs, from, to, b))));
            }
        }
        print(OPTIMISTIC + ": (b) the score's " + Feature.values().length + " features, weights fitted IN-SAMPLE on "
                        + "the held-out part with its own labels (logistic, each row or each reverted editor weighing "
                        + "the same, L2 " + joined(IN_SAMPLE_L2S) + "), or the shipped weights: the best of the "
                        + refits.size() + " at each budget",
                refits, budgets, rulesFound, goalFound, editors);
        // (b+) then a direct search of the weights for each budget and target, from the best of those starts
        FastCount fc = new FastCount(cs, from, to, labels);
        List<Named> searched = new ArrayList<>();
        for (int b = 0; b < budgets.length + 2; b++) {
            long maxAlerts = b < budgets.length ? (long) Math.floor(budgets[b] * n + 1e-9) : Long.MAX_VALUE;
            int minFound = b < budgets.length ? -1 : b == budgets.length ? rulesFound : goalFound;
            double[] start = null;
            long[] startAt = null;
            for (double[] st : starts) {
                long[] t = fc.best(fc.scores(st), maxAlerts, minFound);
                if (startAt == null || better(t, startAt, minFound)) {
                    start = st;
                    startAt = t;
                }
            }
            double[] beta = search(fc, start, maxAlerts, minFound);
            searched.add(new Named("searched for " + (b < budgets.length ? String.format(Locale.ROOT, "%.1f %%",
                    100 * budgets[b]) : (minFound + " editors")), curve(cs, from, to, labels,
                    rankScoreFeatures(cs, from, to, beta))));
        }
        searched.addAll(refits);
        print(OPTIMISTIC + ": (b+) the same features, weights searched directly IN-SAMPLE for each budget and target "
                        + "(from the best of (b)'s, each weight moved by " + joinedSteps() + " while it helps, "
                        + SEARCH_ROUNDS + " rounds at most), or (b)'s",
                searched, budgets, rulesFound, goalFound, editors);

        // (b') the same search on the fitting part only (its own counted editors), measured on the held-out part: for
        // each budget the weights searched for that budget, for each target those searched for that target
        Quality.Labels fitLabels = Quality.labels(cs, 0, from);
        FastCount fcFit = new FastCount(cs, 0, from, fitLabels);
        int fitEditors = fitLabels.first().size();
        List<Named> honestSearch = new ArrayList<>();
        StringBuilder onFit = new StringBuilder();
        for (int b = 0; b < budgets.length + 2; b++) {
            long maxAlerts = b < budgets.length ? (long) Math.floor(budgets[b] * from + 1e-9) : Long.MAX_VALUE;
            int minFound = b < budgets.length ? -1 : (int) Math.ceil((b == budgets.length
                    ? (double) rulesFound / Math.max(1, editors) : 0.75) * fitEditors - 1e-9);
            double[] beta = search(fcFit, shippedBeta, maxAlerts, minFound);
            honestSearch.add(new Named("", curve(cs, from, to, labels, rankScoreFeatures(cs, from, to, beta))));
            if (b < budgets.length) {
                onFit.append(String.format(Locale.ROOT, "%s%d -> %d at %.1f %%", onFit.length() == 0 ? "" : ", ",
                        fcFit.best(fcFit.scores(shippedBeta), maxAlerts, -1)[0],
                        fcFit.best(fcFit.scores(beta), maxAlerts, -1)[0], 100 * budgets[b]));
            }
        }
        printMatched("NOT OPTIMISTIC, an honest measure: (b') the same direct search on the fitting part only (its own "
                        + fitEditors + " counted editors, from the shipped weights, the budget as a share of its changes, "
                        + "the targets as a share of its editors; there it found " + onFit + "), each budget's and "
                        + "target's weights measured on the held-out part", honestSearch, budgets, rulesFound, goalFound,
                editors);

        // (c) the richer features: in-sample, then fitted on the fitting part only
        List<List<String>> keys = richKeys(cs, to);
        int features = dictionary(keys, from, to).size();
        double[] wKeys = perEditor(cs, from, to, yHeld, true);
        List<Named> rich = new ArrayList<>();
        for (double pen : RICH_L2S) {
            rich.add(new Named("rows, L2 " + pen, curve(cs, from, to, labels,
                    fitKeys(keys, yHeld, null, from, to, from, to, pen))));
            rich.add(new Named("editors, L2 " + pen, curve(cs, from, to, labels,
                    fitKeys(keys, yHeld, wKeys, from, to, from, to, pen))));
        }
        print(OPTIMISTIC + ": (c) " + features + " feed features (wiki, namespace, class x wiki, sizes, summary words "
                        + "and signs, hour, flags, events, the editor's and page's changes so far), fitted IN-SAMPLE on "
                        + "the held-out part (L2 " + joined(RICH_L2S) + ", rows or editors): the best of " + rich.size(),
                rich, budgets, rulesFound, goalFound, editors);
        boolean[] yFit = labelsOf(cs, 0, from, DayRun.firstReverts(cs, 0, from));
        int fitFeatures = dictionary(keys, 0, from).size();
        double[] honest = fitKeys(keys, yFit, null, 0, from, from, to, l2);
        print("NOT OPTIMISTIC, an honest measure: (c') the same kind of features (" + fitFeatures + ", chosen on the "
                        + "fitting part), fitted as fit-score fits (rows, L2 " + l2 + ") on the fitting part only, with "
                        + "its own labels, measured on the held-out part",
                List.of(new Named("", curve(cs, from, to, labels, honest))), budgets, rulesFound, goalFound, editors);

        // (d) the wiki x class cells
        List<Cell> cells = cells(cs, from, to, labels);
        int found = 0;
        for (Cell c : cells) {
            found += c.editors();
        }
        StringBuilder sb = new StringBuilder(OPTIMISTIC + ": (d) ANY score constant within each wiki x editor class "
                + "cell (" + cells.size() + " cells, the class at the editor's first change in the part; all their "
                + "scored changes alerted, " + found + " of " + editors + " editors findable), upper bound from the "
                + "cells in the order of their held-out hit rate, the last one in part:");
        for (int b = 0; b < budgets.length; b++) {
            double e = cellEditorsWithin(cells, budgets[b] * n);
            sb.append(String.format(Locale.ROOT, " at share <= %.1f %%: recall <= %.1f %% (%.1f of %d);",
                    100 * budgets[b], 100 * e / Math.max(1, editors), e, editors));
        }
        for (int target : new int[] {rulesFound, goalFound}) {
            double a = cellAlertsFor(cells, target);
            sb.append(a < 0 ? String.format(Locale.ROOT, " recall %.1f %% (%d of %d) unreachable;",
                    100.0 * target / Math.max(1, editors), target, editors)
                    : String.format(Locale.ROOT, " recall %.1f %% (%d of %d) needs share >= %.1f %%;",
                    100.0 * target / Math.max(1, editors), target, editors, 100 * a / n));
        }
        sb.setLength(sb.length() - 1);
        out.println(sb);
        out.print("(d) the best cells by hit rate:");
        for (int i = 0; i < Math.min(8, cells.size()); i++) {
            Cell c = cells.get(i);
            out.printf(Locale.ROOT, " %s %d/%,d;", c.key(), c.editors(), c.alerts());
        }
        out.println();
        return 0;
    }

    private void print(String label, List<Named> curves, double[] budgets, int rulesFound, int goalFound,
                       int editors) {
        StringBuilder sb = new StringBuilder(label).append(':');
        for (double b : budgets) {
            Point p = null;
            String by = "";
            for (Named c : curves) {
                Point q = atBudget(c.curve(), b);
                if (q != null && (p == null || q.result().found() > p.result().found())) {
                    p = q;
                    by = c.name();
                }
            }
            sb.append(String.format(Locale.ROOT, " at share <= %.1f %%: ", 100 * b));
            sb.append(p == null ? "nothing" : String.format(Locale.ROOT, "recall %.1f %% (%d of %d, share %.1f %%%s)",
                    100 * p.result().recall(), p.result().found(), editors, 100 * p.result().share(),
                    by.isEmpty() ? "" : ", " + by));
            sb.append(';');
        }
        for (int target : new int[] {rulesFound, goalFound}) {
            Point p = null;
            String by = "";
            for (Named c : curves) {
                Point q = forRecall(c.curve(), target);
                if (q != null && (p == null || q.result().share() < p.result().share())) {
                    p = q;
                    by = c.name();
                }
            }
            sb.append(String.format(Locale.ROOT, " recall %.1f %% (%d of %d) ", 100.0 * target / Math.max(1, editors),
                    target, editors));
            sb.append(p == null ? "never reached" : String.format(Locale.ROOT, "needs share %.1f %%%s",
                    100 * p.result().share(), by.isEmpty() ? "" : " (" + by + ")"));
            sb.append(';');
        }
        sb.setLength(sb.length() - 1);
        out.println(sb);
    }

    /** As {@link #print}, each budget and target read on its own curve (in the order budgets, then targets). */
    private void printMatched(String label, List<Named> perObjective, double[] budgets, int rulesFound, int goalFound,
                              int editors) {
        StringBuilder sb = new StringBuilder(label).append(':');
        for (int b = 0; b < budgets.length; b++) {
            Point p = atBudget(perObjective.get(b).curve(), budgets[b]);
            sb.append(String.format(Locale.ROOT, " at share <= %.1f %%: ", 100 * budgets[b]));
            sb.append(p == null ? "nothing" : String.format(Locale.ROOT, "recall %.1f %% (%d of %d, share %.1f %%)",
                    100 * p.result().recall(), p.result().found(), editors, 100 * p.result().share()));
            sb.append(';');
        }
        int[] targets = {rulesFound, goalFound};
        for (int t = 0; t < targets.length; t++) {
            Point p = forRecall(perObjective.get(budgets.length + t).curve(), targets[t]);
            sb.append(String.format(Locale.ROOT, " recall %.1f %% (%d of %d) ", 100.0 * targets[t]
                    / Math.max(1, editors), targets[t], editors));
            sb.append(p == null ? "never reached" : String.format(Locale.ROOT, "needs share %.1f %%",
                    100 * p.result().share()));
            sb.append(';');
        }
        sb.setLength(sb.length() - 1);
        out.println(sb);
    }

    private static String joinedSteps() {
        StringBuilder sb = new StringBuilder();
        for (double x : SEARCH_STEPS) {
            if (x > 0) {
                sb.append(sb.length() == 0 ? "±" : "/±").append(x);
            }
        }
        return sb.toString();
    }

    private static String joined(double[] xs) {
        StringBuilder sb = new StringBuilder();
        for (double x : xs) {
            sb.append(sb.length() == 0 ? "" : "/").append(x);
        }
        return sb.toString();
    }

    /** The labels of the rows kept, in their order ({@code at}: each kept row's index in {@code y}). */
    private static boolean[] picked(boolean[] y, List<Integer> at) {
        boolean[] out = new boolean[at.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = y[at.get(r)];
        }
        return out;
    }

    /** The weights of the rows kept, in their order. */
    private static double[] picked(double[] w, List<Integer> at) {
        double[] out = new double[at.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = w[at.get(r)];
        }
        return out;
    }
}
