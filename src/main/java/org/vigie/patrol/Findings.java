package org.vigie.patrol;

import org.vigie.lists.Entry;

/**
 * What the detectors raised for one change: the events, and for each the entry and the text that matched. One instance
 * per {@link Patrol}, cleared before each change, so that a change that raises nothing allocates nothing.
 *
 * <p>The first raise of an event wins (a second detector raising it adds nothing). A raise outside the running
 * detector's declared {@link Detector#events()} is ignored.
 */
public final class Findings {

    private static final int SIZE = Event.values().length;

    private final Entry[] entries = new Entry[SIZE];
    private final String[] matched = new String[SIZE];
    private long bits;
    private long allowed;

    /**
     * Raises an event.
     *
     * @param event   the event
     * @param entry   the list entry that matched, or {@code null}
     * @param matched the matched text (word, title, user, size), or {@code null}
     */
    public void raise(Event event, Entry entry, String matched) {
        long b = event.bit();
        if ((allowed & b) == 0 || (bits & b) != 0) {
            return;
        }
        bits |= b;
        int i = event.ordinal();
        this.entries[i] = entry;
        this.matched[i] = matched;
    }

    /** Whether an event was raised so far for this change (by this or an earlier detector). */
    public boolean has(Event event) {
        return (bits & event.bit()) != 0;
    }

    /** The events raised so far, as a bit set. */
    public long bits() {
        return bits;
    }

    Entry entry(Event e) {
        return entries[e.ordinal()];
    }

    String matched(Event e) {
        return matched[e.ordinal()];
    }

    Entry entry(int ordinal) {
        return entries[ordinal];
    }

    String matched(int ordinal) {
        return matched[ordinal];
    }

    void allow(long mask) {
        this.allowed = mask;
    }

    /** Forgets the last change; drops its references so that nothing is kept alive past the change. */
    void clear() {
        long b = bits;
        while (b != 0) {
            int i = Long.numberOfTrailingZeros(b);
            entries[i] = null;
            matched[i] = null;
            b &= b - 1;
        }
        bits = 0;
        allowed = 0;
    }
}
