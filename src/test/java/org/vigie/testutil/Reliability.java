package org.vigie.testutil;

/**
 * The size of the reliability suite: {@code -Dvigie.reliability=long} (set by {@code mvn -Preliability}) runs the long
 * form, anything else the short one that the default build and CI run.
 */
public final class Reliability {

    private Reliability() {
    }

    public static boolean isLong() {
        return "long".equals(System.getProperty("vigie.reliability"));
    }

    /** {@code shortForm} in the default build, {@code longForm} with -Preliability. */
    public static int size(int shortForm, int longForm) {
        return isLong() ? longForm : shortForm;
    }
}
