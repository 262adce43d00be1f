package org.vigie.score;

import java.util.List;

/**
 * The score of one change, as an alert carries it.
 *
 * @param value    0–100, or -1 when the change was not scored
 * @param reasons  the (at most two) present features that raise it most, strongest first
 * @param features every present feature, as a bit set of {@link Feature#bit()}
 * @param risk     Lift Wing's revert risk (0–1) when it answered in time, {@code NaN} otherwise
 */
public record Score(int value, List<Feature> reasons, long features, double risk) {

    /** Not scored (a verdict built outside the patrol, or a log entry). */
    public static final Score NONE = new Score(-1, List.of(), 0, Double.NaN);

    public Score {
        reasons = List.copyOf(reasons);
    }

    public boolean known() {
        return value >= 0;
    }

    public boolean hasRisk() {
        return !Double.isNaN(risk);
    }

    /** The same score with Lift Wing's probability folded in (see {@link RiskFold}). */
    public Score withRisk(double probability, int foldedValue) {
        return new Score(foldedValue, reasons, features, probability);
    }
}
