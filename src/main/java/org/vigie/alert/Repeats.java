package org.vigie.alert;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.vigie.patrol.Event;

/**
 * One alert per editor per window in a channel: an alert on an editor already alerted in that channel within the
 * window is counted, not sent (config item {@code repeatminutes}, or {@code repeat=N} in a destination's spec). The
 * events a patroller always wants ({@link Destination#NEVER_HELD}) and the behaviour events, which already fire once per
 * window ({@link #NEWS}), are never held back; they do take the mark, so the editor's next ordinary alert waits. Log
 * entries (uploads, moves, blocks, new accounts…: each a distinct action, and unscored) are not repeats either: they are
 * never held back and take no mark.
 *
 * <p>The mark is taken when the alert is delivered, not when it is routed: a verdict held for Lift Wing is routed twice
 * (once to count it, once to send it) and marked once. Called only for an alert about to go out, never per change;
 * thread-safe (the engine thread and Lift Wing's threads deliver). Memory is bounded: a channel remembers at most
 * {@link #MAX_EDITORS} editors, the least recently alerted going first, and forgets those whose window has closed.
 */
public final class Repeats {

    /** Behaviour events: each fires once per window by construction, and says something new about the editor. */
    public static final long NEWS = Event.BURST.bit() | Event.BRIGADE.bit() | Event.EDITWAR.bit()
            | Event.REVERTED.bit();

    /** Never held back as a repeat. */
    public static final long EXEMPT = Destination.NEVER_HELD | NEWS;

    /** Editors remembered per channel at most. */
    public static final int MAX_EDITORS = 200_000;

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    private static final class Channel {
        final String name;
        // editor → last alert sent, in the order of those alerts (re-marked editors move to the end)
        final LinkedHashMap<String, Long> last = new LinkedHashMap<>();
        long held;

        Channel(String name) {
            this.name = name;
        }
    }

    /**
     * Whether an alert on this editor goes to the channel now; when it does (and the window is on), the editor is
     * marked. A held-back alert is counted and does not extend the window.
     *
     * @param events       the events of the change that this channel takes
     * @param log          the change is a log entry
     * @param windowMillis the channel's window; 0 or less: every alert goes out
     */
    public boolean pass(String channel, String wiki, String user, long events, boolean log, long now,
                        long windowMillis) {
        if (windowMillis <= 0 || log || user == null || user.isEmpty()) {
            return true;
        }
        String ck = Destination.key(channel);
        Channel c = channels.get(ck);
        if (c == null) {
            // not computeIfAbsent: its lambda, capturing the channel, would be made at every alert
            Channel fresh = new Channel(channel);
            c = channels.putIfAbsent(ck, fresh);
            if (c == null) {
                c = fresh;
            }
        }
        String key = wiki + '\u0000' + user;
        synchronized (c) {
            Long t = c.last.get(key);
            if (t != null && now - t < windowMillis && now >= t && (events & EXEMPT) == 0) {
                c.held++;
                return false;
            }
            c.last.remove(key);
            c.last.put(key, now);
            Iterator<Long> it = c.last.values().iterator();
            while (it.hasNext()) {
                long at = it.next();
                if (c.last.size() > MAX_EDITORS || now - at >= windowMillis) {
                    it.remove();
                } else {
                    break;
                }
            }
            return true;
        }
    }

    /** Channel (as first written) → repeats held back since start, sorted; channels at 0 left out. */
    public Map<String, Long> held() {
        Map<String, Long> out = new TreeMap<>();
        for (Channel c : channels.values()) {
            synchronized (c) {
                if (c.held > 0) {
                    out.put(c.name, c.held);
                }
            }
        }
        return out;
    }

    /** Editors remembered in a channel now (tests, memory). */
    int remembered(String channel) {
        Channel c = channels.get(Destination.key(channel));
        if (c == null) {
            return 0;
        }
        synchronized (c) {
            return c.last.size();
        }
    }
}
