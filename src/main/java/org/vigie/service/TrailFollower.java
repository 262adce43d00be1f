package org.vigie.service;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.store.Audit;
import org.vigie.store.AuditFollower;
import org.vigie.store.AuditRow;
import org.vigie.store.ListStore;

/**
 * Follows the audit trail, every few seconds: what another instance on the same database changed reaches this one —
 * list entries (applied by the store), settings and the destination table (read again).
 */
public final class TrailFollower implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TrailFollower.class);

    private final ListStore store;
    private final AuditFollower follower;
    private final ListService lists;
    private final DestinationService destinations;

    public TrailFollower(ListStore store, AuditFollower follower, ListService lists,
                         DestinationService destinations) {
        this.store = store;
        this.follower = follower;
        this.lists = lists;
        this.destinations = destinations;
    }

    @Override
    public void run() {
        try {
            List<AuditRow> rows = store.follow(follower);
            if (!rows.isEmpty()) {
                if (rows.stream().anyMatch(r -> Audit.CONFIG.equals(r.area()))) {
                    lists.reloadSettings();
                }
                if (rows.stream().anyMatch(r -> Audit.DEST.equals(r.area()))) {
                    destinations.reload();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("following the audit trail failed: {}", e.getMessage());
        }
    }
}
