package org.vigie.store;

import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the snapshot of the lists that the next start reads, complete up to the audit follower's safe position (or
 * the newest audit row before the follower runs). Skipped when nothing was audited since the last one. A failure is
 * only logged: the previous snapshot stays valid, the next start replays more.
 */
public final class ListSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(ListSnapshots.class);

    private final ListStore store;
    private final Audit audit;
    /** Follows the audit trail once started; its safe position is what a list snapshot is complete up to. */
    private volatile AuditFollower follower;
    /** The audit id of the last snapshot written, to skip writing the same one again. */
    private volatile long lastSnapshotId;

    /** After the lists were loaded: the snapshot they came from is the last one written. */
    public ListSnapshots(ListStore store, Audit audit) {
        this.store = store;
        this.audit = audit;
        this.lastSnapshotId = store.snapshotAuditId();
    }

    /** From now on, snapshots are complete up to this follower's safe position. */
    public void follower(AuditFollower f) {
        this.follower = f;
    }

    /** Writes one snapshot, unless nothing was audited since the last; {@code why} goes to the log. */
    public void save(String why) {
        try {
            AuditFollower f = follower;
            LongSupplier upTo = f != null ? f::safePosition : audit::latestId;
            if (upTo.getAsLong() == lastSnapshotId) {
                return;
            }
            ListStore.SnapshotInfo s = store.saveSnapshot(upTo);
            lastSnapshotId = s.auditId();
            LOG.info("lists snapshot ({}): {} entries, {} KB, {} ms, audit id {}", why, s.entries(), s.bytes() / 1024,
                    s.millis(), s.auditId());
        } catch (RuntimeException e) {
            LOG.warn("lists snapshot ({}) not written: {}", why, e.getMessage());
        }
    }
}
