package org.vigie.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Follows the audit trail of a database shared by several instances: each poll returns the rows not seen yet.
 *
 * <p>Ids are handed out when a row is inserted, not when it commits, so a row may become visible after a row with a
 * higher id. Missing ids below the newest one seen are remembered as gaps and looked for again for a minute (a gap may
 * also be a rolled-back insert, which never fills). Typical wiring: at start {@code new AuditFollower(audit, clock,
 * audit.latestId())} right after {@link ListStore#loadAll}; then every few seconds {@code store.follow(follower)},
 * and reload settings and destinations when a returned row's area is {@code config} or {@code dest}.
 */
public final class AuditFollower {

    private static final long GAP_PATIENCE_MILLIS = 60_000;
    /** A larger jump is an identity cache skip (after a restart), not rows in flight. */
    private static final long MAX_GAP = 100;

    private final Audit audit;
    private final Clock clock;
    private final TreeMap<Long, Long> gaps = new TreeMap<>();   // missing id -> when first missed
    private long high;

    public AuditFollower(Audit audit, Clock clock, long startAfterId) {
        this.audit = audit;
        this.clock = clock;
        this.high = startAfterId;
    }

    /** The rows that appeared since the last poll, oldest first. */
    public synchronized List<AuditRow> poll() {
        long now = clock.millis();
        gaps.values().removeIf(first -> now - first > GAP_PATIENCE_MILLIS);
        long from = gaps.isEmpty() ? high : Math.min(high, gaps.firstKey() - 1);
        List<AuditRow> fresh = new ArrayList<>();
        for (AuditRow r : audit.since(from)) {
            if (r.id() <= high) {
                if (gaps.remove(r.id()) != null) {
                    fresh.add(r);
                }
                continue;
            }
            if (r.id() - high <= MAX_GAP) {
                for (long g = high + 1; g < r.id(); g++) {
                    gaps.put(g, now);
                }
            }
            high = r.id();
            fresh.add(r);
        }
        return fresh;
    }

    /** The newest id seen. */
    public synchronized long position() {
        return high;
    }

    /**
     * The highest id up to which every row has been returned: the newest id seen, or just below the oldest id still
     * awaited. A list snapshot taken now is complete up to it ({@link ListStore#saveSnapshot}).
     */
    public synchronized long safePosition() {
        return gaps.isEmpty() ? high : Math.min(high, gaps.firstKey() - 1);
    }

    /** How many ids are still awaited. */
    public synchronized int pendingGaps() {
        return gaps.size();
    }
}
