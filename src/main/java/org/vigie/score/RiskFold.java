package org.vigie.score;

/**
 * How Lift Wing's revert risk changes a score: the mean of the two on the same 0–100 scale, so that a confident
 * answer moves an uncertain score (30–70) out of the band either way, and a score is never replaced outright.
 */
public final class RiskFold {

    private RiskFold() {
    }

    /** The folded score for a score and a probability (0–1). */
    public static int fold(int score, double probability) {
        double p = Math.max(0, Math.min(1, probability));
        return (int) Math.round((score + 100 * p) / 2.0);
    }
}
