package org.vigie.command;

/** How much a command weighs against the caller's flood budget ({@link Throttle}). */
public enum RateClass {
    /** An ordinary command. */
    LIGHT(1),
    /** A command that costs a database scan, a network request or several lines of output. */
    HEAVY(2);

    private final int cost;

    RateClass(int cost) {
        this.cost = cost;
    }

    public int cost() {
        return cost;
    }
}
