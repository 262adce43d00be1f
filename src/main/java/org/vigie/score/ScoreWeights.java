package org.vigie.score;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The score's weights, read from {@code score.properties} (beside the seed lists; the jar carries the fitted copy as
 * its default): a logistic model, {@code score = 100 / (1 + e^-(bias + Σ weight of each present feature))}.
 *
 * <p>Keys: {@code bias}, {@code weight.<feature>} (see {@link Feature}; a missing feature weighs 0) and
 * {@code threshold.default}, the threshold of the default alert channel chosen by {@code quality}. Anything else is
 * refused with its line number, so that a typo never silently weighs nothing.
 *
 * <p>Immutable; the contribution of every feature is precomputed, so a change costs one table walk.
 */
public final class ScoreWeights {

    /** Where the jar keeps its copy (the pom copies {@code lists/score.properties} there). */
    public static final String RESOURCE = "/lists/score.properties";
    /** The file's name beside the lists. */
    public static final String FILE_NAME = "score.properties";

    private final double bias;
    private final double[] weights = new double[Feature.ALL.length];
    private final int defaultThreshold;

    private ScoreWeights(double bias, double[] w, int defaultThreshold) {
        this.bias = bias;
        System.arraycopy(w, 0, weights, 0, weights.length);
        this.defaultThreshold = defaultThreshold;
    }

    /** Weights given in code (tests, the fitter). */
    public static ScoreWeights of(double bias, Map<Feature, Double> w, int defaultThreshold) {
        double[] a = new double[Feature.ALL.length];
        w.forEach((f, v) -> a[f.ordinal()] = v);
        return new ScoreWeights(bias, a, checkThreshold(defaultThreshold));
    }

    /** The weights the jar carries (fitted on the first half of the 2015 day). */
    public static ScoreWeights defaults() {
        try (InputStream in = ScoreWeights.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + RESOURCE);
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file beside the lists when there is one, the jar's copy otherwise. */
    public static ScoreWeights load(Path listsDir) throws IOException {
        Path f = listsDir == null ? null : listsDir.resolve(FILE_NAME);
        if (f == null || !Files.isRegularFile(f)) {
            return defaults();
        }
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            return parse(r);
        }
    }

    /**
     * Reads a {@code score.properties}.
     *
     * @throws IllegalArgumentException naming the first bad line ({@code line 7: unknown feature "ipp"})
     */
    public static ScoreWeights parse(Reader reader) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[4096];
        for (int n; (n = reader.read(buf)) > 0; ) {
            sb.append(buf, 0, n);
        }
        double bias = 0;
        double[] w = new double[Feature.ALL.length];
        int threshold = 50;
        boolean sawBias = false;
        String[] lines = sb.toString().split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("line " + (i + 1) + ": key=value expected");
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            if (key.equals("bias")) {
                bias = number(value, i);
                sawBias = true;
            } else if (key.equals("threshold.default")) {
                try {
                    threshold = checkThreshold(Integer.parseInt(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": threshold.default is a whole number "
                            + "from 0 to 100");
                }
            } else if (key.startsWith("weight.")) {
                Feature f = Feature.fromKey(key.substring("weight.".length()));
                if (f == null) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": unknown feature \""
                            + key.substring("weight.".length()) + "\"");
                }
                w[f.ordinal()] = number(value, i);
            } else {
                throw new IllegalArgumentException("line " + (i + 1) + ": unknown key \"" + key + "\"");
            }
        }
        if (!sawBias) {
            throw new IllegalArgumentException("no bias= line");
        }
        return new ScoreWeights(bias, w, threshold);
    }

    private static double number(String v, int line) {
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d) && Math.abs(d) <= 100) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("line " + (line + 1) + ": a number between -100 and 100 is expected, not \""
                + v + "\"");
    }

    private static int checkThreshold(int t) {
        if (t < 0 || t > 100) {
            throw new IllegalArgumentException("threshold from 0 to 100");
        }
        return t;
    }

    public double bias() {
        return bias;
    }

    public double weight(Feature f) {
        return weights[f.ordinal()];
    }

    /** The threshold of the default alert channel. */
    public int defaultThreshold() {
        return defaultThreshold;
    }

    /** The model's log-odds for a set of features. */
    public double logit(long features) {
        double z = bias;
        for (long b = features; b != 0; b &= b - 1) {
            z += weights[Long.numberOfTrailingZeros(b)];
        }
        return z;
    }

    /** The score (0–100) for a set of features. */
    public int score(long features) {
        return toScore(logit(features));
    }

    // BOUNDS[s] is the log-odds from which the score rounds to s (s = 1..100): a binary search, no exp per change
    private static final double[] BOUNDS = new double[101];

    static {
        for (int s = 1; s <= 100; s++) {
            double p = (s - 0.5) / 100.0;
            BOUNDS[s] = Math.log(p / (1 - p));
        }
    }

    /** Log-odds to a score from 0 to 100: {@code round(100 / (1 + e^-z))}. */
    public static int toScore(double z) {
        int lo = 0;
        int hi = 100;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (z >= BOUNDS[mid]) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * The two present features that raise the score most, packed as {@code (first+1) | (second+1) << 8} (0 = none):
     * only features with a positive weight count as reasons.
     */
    public int strongest(long features) {
        int a = -1;
        int b = -1;
        for (long bits = features; bits != 0; bits &= bits - 1) {
            int i = Long.numberOfTrailingZeros(bits);
            double w = weights[i];
            if (w <= 0) {
                continue;
            }
            if (a < 0 || w > weights[a]) {
                b = a;
                a = i;
            } else if (b < 0 || w > weights[b]) {
                b = i;
            }
        }
        return (a + 1) | (b + 1) << 8;
    }

    /** The file's text: what {@code fit-score} writes. */
    public String toProperties(List<String> comments) {
        StringBuilder sb = new StringBuilder();
        for (String c : comments) {
            sb.append("# ").append(c).append('\n');
        }
        sb.append("bias=").append(round(bias)).append('\n');
        sb.append("threshold.default=").append(defaultThreshold).append('\n');
        for (Feature f : Feature.ALL) {
            sb.append("weight.").append(f.key()).append('=').append(round(weights[f.ordinal()])).append('\n');
        }
        return sb.toString();
    }

    /** A copy with another default threshold. */
    public ScoreWeights withDefaultThreshold(int t) {
        return new ScoreWeights(bias, weights, checkThreshold(t));
    }

    /** Feature → weight, in feature order. */
    public Map<Feature, Double> weights() {
        Map<Feature, Double> m = new LinkedHashMap<>();
        for (Feature f : Feature.ALL) {
            m.put(f, weights[f.ordinal()]);
        }
        return m;
    }

    /** The features packed by {@link #strongest}, strongest first. */
    public static List<Feature> unpack(int packed) {
        List<Feature> out = new ArrayList<>(2);
        if ((packed & 0xff) != 0) {
            out.add(Feature.ALL[(packed & 0xff) - 1]);
        }
        if ((packed >> 8 & 0xff) != 0) {
            out.add(Feature.ALL[(packed >> 8 & 0xff) - 1]);
        }
        return out;
    }

    private static String round(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }
}
