package org.vigie.patrol;

import org.vigie.config.Settings;
import org.vigie.feed.RcEvent;
import org.vigie.lists.ListView;

/**
 * A detector looks at one change and may raise events. The built-in ones are listed in
 * {@code META-INF/services/org.vigie.patrol.Detector}; a plugin jar in the plugins folder declares its own the same
 * way, and {@link Plugins} finds them through {@link java.util.ServiceLoader}.
 *
 * <p>A detector runs on the patrol thread, once per change, in feed order: it needs no synchronisation of its own, and
 * it must be cheap. {@link #inspect} must not allocate when it raises nothing (build a string only for a hit), must not
 * block, log, or read the clock (use {@link Context#nowMillis()}), and must not keep the context or the findings after
 * it returns: both are reused for the next change. An exception it throws is counted by the patrol and the change goes
 * on to the other detectors.
 *
 * <p>A provider class needs a public no-argument constructor (the {@link java.util.ServiceLoader} rule).
 */
public interface Detector {

    /**
     * The name operators type ({@code plugin unload sizes}): lower case letters, digits, {@code -} and {@code _},
     * at most 32 characters, unique among the loaded detectors.
     */
    String name();

    /**
     * The events this detector may raise, as a bit set of {@link Event#bit()}. Read once when the detector is loaded;
     * a raise outside this set is ignored, so unloading the detector silences exactly these events.
     */
    long events();

    /**
     * Looks at one change and adds what it finds to {@code out}.
     *
     * @param change the change
     * @param ctx    what the patrol knows about it and the patrol's services, valid during this call only
     * @param out    where to raise events; shared by the detectors of this change, first raise of an event wins
     */
    void inspect(RcEvent change, Context ctx, Findings out);

    /** What the patrol hands every detector for one change. */
    interface Context {

        /** The editor's class (the first match of the classification order). */
        EditorClass editor();

        /**
         * The editor is logged out (an IP address or a temporary account), whatever their class: a whitelisted or
         * blacklisted address is still an address. Worked out once per change.
         */
        boolean editorAnonymous();

        /**
         * The page the change is about: the title for an edit or a new page, the target page of a log entry; {@code null}
         * for log entries whose target is a user (blocks, new accounts) or when the feed gave none.
         */
        String page();

        /** The lists, memory only. */
        ListView lists();

        /** This change's settings snapshot. */
        Settings settings();

        /** The time of this change's check. */
        long nowMillis();

        /** The patrol's memory of recent blocks, shared with the {@code bcl} command. */
        BlockConflicts blockConflicts();
    }

    /** The bit set of some events, for {@link #events()}. */
    static long bits(Event... events) {
        long b = 0;
        for (Event e : events) {
            b |= e.bit();
        }
        return b;
    }
}
