package org.vigie.patrol;

import org.vigie.feed.LogAction;
import org.vigie.feed.RcEvent;

/**
 * {@code blockconflict}: a second admin blocking, reblocking or unblocking the same target within the
 * {@code blockconflict} window raises {@code blockconflict}, with the first admin as what matched. While this detector
 * is unloaded, blocks are not remembered either.
 */
public final class BlockConflictDetector extends BuiltInDetector {

    public static final String NAME = "blockconflict";
    private static final long EVENTS = Event.BLOCKCONFLICT.bit();

    public BlockConflictDetector() {
        super(NAME, EVENTS);
    }

    @Override
    public void inspect(RcEvent e, Context ctx, Findings out) {
        LogAction log = e.log();
        if (log == null || !log.isBlock() || ctx.blockConflicts() == null) {
            return;
        }
        String action = log.action();
        if (!LogTargets.isBlockAction(action) && !"unblock".equals(action)) {
            return;
        }
        String target = LogTargets.blockTarget(log);
        if (target == null || target.isEmpty()) {
            return;
        }
        BlockConflicts.Conflict c = ctx.blockConflicts().observe(e.wiki(), target, e.user(), action, ctx.nowMillis(),
                ctx.settings().blockConflictMillis());
        if (c != null) {
            out.raise(Event.BLOCKCONFLICT, null, c.firstAdmin());
        }
    }
}
