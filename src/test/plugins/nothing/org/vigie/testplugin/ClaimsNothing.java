package org.vigie.testplugin;

import org.vigie.feed.RcEvent;
import org.vigie.patrol.Detector;
import org.vigie.patrol.Event;
import org.vigie.patrol.Findings;

/** A faulty plugin: it raises bes but declares no event. */
public final class ClaimsNothing implements Detector {

    @Override
    public String name() {
        return "claimsnothing";
    }

    @Override
    public long events() {
        return 0;
    }

    @Override
    public void inspect(RcEvent change, Context ctx, Findings out) {
        out.raise(Event.BES, null, "always");
    }
}
