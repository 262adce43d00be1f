package org.vigie.testutil;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way tests wait for state that has no callback to wait on (counters, lines received, a page's content):
 * poll until it holds, or fail naming what was awaited. A condition is checked at once, then after 1 ms, doubling up
 * to 20 ms, so a quick answer costs no fixed delay and a slow machine only waits longer, up to the timeout.
 *
 * <p>Never use it, nor a sleep, to show that something did <em>not</em> happen: make something that must happen
 * after it on the same ordered path (a marker edit, a later command) and wait for that instead.
 */
public final class Await {

    /** The usual bound: long enough for a loaded two-core machine, short enough to fail a hung test. */
    public static final Duration WAIT = Duration.ofSeconds(15);

    private static final long MAX_STEP_MILLIS = 20;

    private Await() {
    }

    /** Waits until {@code condition} holds, within {@link #WAIT}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, WAIT, condition);
    }

    /** Waits until {@code condition} holds, or fails with "timed out waiting for {@code what}". */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(() -> what, timeout, condition);
    }

    /** As {@link #until(String, Duration, BooleanSupplier)}, the description computed only on failure. */
    public static void until(Supplier<String> what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    /** Waits until {@code probe} gives a value other than {@code null}, and returns it. */
    public static <T> T value(String what, Duration timeout, Supplier<T> probe) {
        return value(() -> what, timeout, probe);
    }

    /**
     * As {@link #value(String, Duration, Supplier)}, with a description computed only on failure (so that it can show
     * what was seen instead).
     */
    public static <T> T value(Supplier<String> what, Duration timeout, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long step = 1;
        while (true) {
            T v = probe.get();
            if (v != null) {
                return v;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what.get());
            }
            pause(step);
            step = Math.min(MAX_STEP_MILLIS, step * 2);
        }
    }

    /**
     * Sleeps, for pacing what a test sends (a load at a given rate, a helper thread's loop), never to wait for an
     * outcome. Interruption ends the test.
     */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
