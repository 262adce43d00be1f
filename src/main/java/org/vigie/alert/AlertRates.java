package org.vigie.alert;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Alerts sent per channel over the last hour, in one-minute buckets, for {@code status}. Counted only when an alert
 * goes out (never per change); read from the command thread.
 */
public final class AlertRates {

    private static final int BUCKETS = 60;

    private final Clock clock;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    private static final class Channel {
        final long[] minute = new long[BUCKETS];
        final long[] count = new long[BUCKETS];
        final String name;

        Channel(String name) {
            this.name = name;
        }

        synchronized void add(long m) {
            int i = (int) (m % BUCKETS);
            if (minute[i] != m) {
                minute[i] = m;
                count[i] = 0;
            }
            count[i]++;
        }

        synchronized long lastHour(long m) {
            long n = 0;
            for (int i = 0; i < BUCKETS; i++) {
                if (m - minute[i] < BUCKETS) {
                    n += count[i];
                }
            }
            return n;
        }
    }

    public AlertRates(Clock clock) {
        this.clock = clock;
    }

    /** One alert sent to a channel now. */
    public void count(String channel) {
        channels.computeIfAbsent(Destination.key(channel), k -> new Channel(channel))
                .add(clock.millis() / 60_000);
    }

    /** Channel (as first written) → alerts sent in the last 60 minutes, sorted by channel; channels at 0 left out. */
    public Map<String, Long> lastHour() {
        long m = clock.millis() / 60_000;
        Map<String, Long> out = new TreeMap<>();
        for (Channel c : channels.values()) {
            long n = c.lastHour(m);
            if (n > 0) {
                out.put(c.name, n);
            }
        }
        return out;
    }
}
