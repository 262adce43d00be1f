package org.vigie.command;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Flood protection for commands: each caller (by account, else by host; never by nick) has a budget of
 * {@code budget} cost units per sliding window. Past it, the caller gets one warning, then silence until the
 * commands of the window have aged out.
 */
public final class Throttle {

    public static final int DEFAULT_BUDGET = 5;
    public static final long DEFAULT_WINDOW_MILLIS = 10_000;

    public enum Verdict { PASS, WARN, SILENT }

    private final int budget;
    private final long windowMillis;
    private final Map<String, Window> windows = new HashMap<>();

    private static final class Window {
        final ArrayDeque<long[]> spent = new ArrayDeque<>(); // {atMillis, cost}
        int total;
        boolean warned;
    }

    public Throttle(int budget, long windowMillis) {
        this.budget = budget;
        this.windowMillis = windowMillis;
    }

    public Throttle() {
        this(DEFAULT_BUDGET, DEFAULT_WINDOW_MILLIS);
    }

    public synchronized Verdict check(String key, int cost, long nowMillis) {
        if (windows.size() > 1000) {
            sweep(nowMillis);
        }
        Window w = windows.computeIfAbsent(key, k -> new Window());
        age(w, nowMillis);
        if (w.total + cost <= budget) {
            w.spent.addLast(new long[] {nowMillis, cost});
            w.total += cost;
            w.warned = false;
            return Verdict.PASS;
        }
        if (!w.warned) {
            w.warned = true;
            return Verdict.WARN;
        }
        return Verdict.SILENT;
    }

    private void age(Window w, long nowMillis) {
        while (!w.spent.isEmpty() && w.spent.peekFirst()[0] <= nowMillis - windowMillis) {
            w.total -= (int) w.spent.pollFirst()[1];
        }
    }

    private void sweep(long nowMillis) {
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            Window w = it.next();
            age(w, nowMillis);
            if (w.spent.isEmpty()) {
                it.remove();
            }
        }
    }
}
