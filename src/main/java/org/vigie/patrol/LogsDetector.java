package org.vigie.patrol;

import org.vigie.feed.LogAction;
import org.vigie.feed.RcEvent;

/**
 * {@code logs}: log entries of the watched types raise their event, with the target as what matched: account
 * creations {@code newuser} (the created account), blocks {@code block} (the target without its namespace),
 * {@code delete}, {@code move}, {@code upload}, {@code protect}. Other log types raise nothing here.
 */
public final class LogsDetector extends BuiltInDetector {

    public static final String NAME = "logs";
    private static final long EVENTS = Detector.bits(Event.NEWUSER, Event.BLOCK, Event.DELETE, Event.MOVE,
            Event.UPLOAD, Event.PROTECT);

    public LogsDetector() {
        super(NAME, EVENTS);
    }

    @Override
    public void inspect(RcEvent e, Context ctx, Findings out) {
        LogAction log = e.log();
        if (!e.isLog() || log == null || log.type() == null) {
            return;
        }
        switch (log.type()) {
            case "block" -> out.raise(Event.BLOCK, null, LogTargets.blockTarget(log));
            case "delete" -> out.raise(Event.DELETE, null, log.target());
            case "protect" -> out.raise(Event.PROTECT, null, log.target());
            case "move" -> out.raise(Event.MOVE, null, log.target());
            case "upload" -> out.raise(Event.UPLOAD, null, log.target());
            case "newusers" -> {
                if (LogTargets.isAccountCreation(log)) {
                    out.raise(Event.NEWUSER, null, LogTargets.newAccount(e));
                }
            }
            default -> {
                // other log types are not watched
            }
        }
    }
}
