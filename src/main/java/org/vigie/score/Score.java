package org.vigie.score;

import java.util.List;
import java.util.Objects;

/**
 * The score of one change, as an alert carries it: its value (0–100), its two strongest reasons, its features, and
 * Lift Wing's revert risk when that answered in time.
 *
 * <p>A score made by the patrol is computed on first use ({@link #lazy}): most verdicts go to no channel that reads
 * it (a channel without threshold that does not alert), and the summary scan and the weights then cost nothing. Its
 * inputs are immutable (the change, the features the patrol saw, the weights in force), so computing it later, on
 * any thread, gives the same answer. Immutable from the outside; thread-safe.
 */
public final class Score {

    /** Not scored (a verdict built outside the patrol, or a log entry). */
    public static final Score NONE = new Score(-1, List.of(), 0, Double.NaN);

    private record Computed(int value, List<Feature> reasons, long features) {
    }

    private final double risk;
    // lazy inputs (null once computed, or for a score given outright)
    private final org.vigie.feed.RcEvent change;
    private final long seen;
    private final ScoreWeights weights;
    private volatile Computed computed;

    /**
     * A score given outright.
     *
     * @param value    0–100, or -1 when the change was not scored
     * @param reasons  the (at most two) present features that raise it most, strongest first
     * @param features every present feature, as a bit set of {@link Feature#bit()}
     * @param risk     Lift Wing's revert risk (0–1), {@code NaN} when none
     */
    public Score(int value, List<Feature> reasons, long features, double risk) {
        this.computed = new Computed(value, List.copyOf(reasons), features);
        this.risk = risk;
        this.change = null;
        this.seen = 0;
        this.weights = null;
    }

    private Score(org.vigie.feed.RcEvent change, long seen, ScoreWeights weights) {
        this.change = change;
        this.seen = seen;
        this.weights = weights;
        this.risk = Double.NaN;
    }

    /** The score of an edit, computed on first use from what the patrol saw ({@link Scorer#seen}). */
    public static Score lazy(org.vigie.feed.RcEvent change, long seen, ScoreWeights weights) {
        return new Score(change, seen, weights);
    }

    private Computed computed() {
        Computed c = computed;
        if (c == null) {
            long f = Scorer.features(change, seen);
            c = new Computed(weights.score(f), ScoreWeights.unpack(weights.strongest(f)), f);
            computed = c;
        }
        return c;
    }

    public int value() {
        return computed().value();
    }

    public List<Feature> reasons() {
        return computed().reasons();
    }

    public long features() {
        return computed().features();
    }

    public double risk() {
        return risk;
    }

    public boolean known() {
        return value() >= 0;
    }

    public boolean hasRisk() {
        return !Double.isNaN(risk);
    }

    /** The same score with Lift Wing's probability folded in (see {@link RiskFold}). */
    public Score withRisk(double probability, int foldedValue) {
        return new Score(foldedValue, reasons(), features(), probability);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Score s && s.value() == value() && s.features() == features()
                && s.reasons().equals(reasons()) && Double.compare(s.risk, risk) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(value(), features(), reasons(), risk);
    }

    @Override
    public String toString() {
        return "Score[value=" + value() + ", reasons=" + reasons() + ", features=" + features() + ", risk=" + risk + "]";
    }
}
