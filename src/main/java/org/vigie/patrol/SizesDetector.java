package org.vigie.patrol;

import org.vigie.config.Settings;
import org.vigie.feed.RcEvent;

/**
 * {@code sizes}: the size heuristics, thresholds from the settings. A new page of at least {@code bignew} bytes
 * raises {@code bignew}, of at most {@code tinynew} bytes {@code tinynew}; an edit removing at least {@code bigremove}
 * bytes raises {@code bigremove}, adding at least {@code bigedit} bytes {@code bigedit}. What matched is the signed
 * size change.
 */
public final class SizesDetector extends BuiltInDetector {

    public static final String NAME = "sizes";
    private static final long EVENTS = Detector.bits(Event.BIGREMOVE, Event.BIGNEW, Event.TINYNEW, Event.BIGEDIT);

    public SizesDetector() {
        super(NAME, EVENTS);
    }

    @Override
    public void inspect(RcEvent e, Context ctx, Findings out) {
        if (e.isLog() || !e.hasSize()) {
            return;
        }
        Settings s = ctx.settings();
        int delta = e.sizeDelta();
        if (e.kind() == RcEvent.Kind.NEW) {
            if (delta >= s.bignew()) {
                out.raise(Event.BIGNEW, null, Integer.toString(delta));
            }
            if (delta <= s.tinynew()) {
                out.raise(Event.TINYNEW, null, Integer.toString(delta));
            }
        } else {
            if (delta <= -s.bigremove()) {
                out.raise(Event.BIGREMOVE, null, Integer.toString(delta));
            }
            if (delta >= s.bigedit()) {
                out.raise(Event.BIGEDIT, null, Integer.toString(delta));
            }
        }
    }
}
