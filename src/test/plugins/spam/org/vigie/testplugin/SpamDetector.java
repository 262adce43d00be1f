package org.vigie.testplugin;

import org.vigie.feed.RcEvent;
import org.vigie.patrol.Detector;
import org.vigie.patrol.Event;
import org.vigie.patrol.Findings;

/** A plugin detector: raises bes when an edit summary contains the trigger. */
public final class SpamDetector implements Detector {

    private static final String TRIGGER = "spam-plugin-test";

    @Override
    public String name() {
        return "spamcheck";
    }

    @Override
    public long events() {
        return Event.BES.bit();
    }

    @Override
    public void inspect(RcEvent change, Context ctx, Findings out) {
        String summary = change.summary();
        if (summary != null && summary.contains(TRIGGER)) {
            out.raise(Event.BES, null, Version.describe(TRIGGER));
        }
    }
}
