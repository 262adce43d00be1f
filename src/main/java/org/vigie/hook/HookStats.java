package org.vigie.hook;

import java.util.Map;

/**
 * One hook's delivery figures since start.
 *
 * @param queued       alerts waiting in the store now
 * @param sent         alerts the platform accepted
 * @param retried      requests answered 429, 5xx or not at all, tried again later
 * @param dropped      alerts given up, by reason ({@code stale}, {@code HTTP 404}, {@code overflow}, …)
 * @param oldestMillis when the oldest waiting alert was made; 0 when none waits
 */
public record HookStats(String name, HookFormat format, String redactedUrl, int queued, long sent, long retried,
                        Map<String, Long> dropped, long oldestMillis) {

    public HookStats {
        dropped = Map.copyOf(dropped);
    }

    public long droppedTotal() {
        long n = 0;
        for (long v : dropped.values()) {
            n += v;
        }
        return n;
    }
}
