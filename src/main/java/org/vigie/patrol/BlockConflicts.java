package org.vigie.patrol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the last block, reblock or unblock of each (wiki, target) and notices when a different admin acts on
 * the same target within the window ({@code blockconflict} hours): two admins disagreeing, or unaware of each other.
 *
 * <p>Memory is bounded twice: records older than the window are evicted as time goes by, and the table never holds
 * more than its capacity (the oldest record goes first). The patrol thread writes; the {@code bcl} command reads
 * {@link #recent(int)} from another thread, hence the (uncontended, block-log-only) synchronisation.
 */
public final class BlockConflicts {

    /** Default number of remembered targets; a busy wiki blocks a few hundred targets a day. */
    public static final int DEFAULT_CAPACITY = 20_000;
    /** Default number of conflicts kept for {@code bcl}. */
    public static final int DEFAULT_RECENT = 100;

    /**
     * Two admins' actions on one target within the window.
     *
     * @param wiki         the wiki
     * @param target       the blocked user or address (no namespace prefix)
     * @param firstAdmin   who acted first
     * @param firstAction  {@code block}, {@code reblock} or {@code unblock}
     * @param firstMillis  when
     * @param secondAdmin  who acted second (the change that raised the conflict)
     * @param secondAction what the second admin did
     * @param secondMillis when
     */
    public record Conflict(String wiki, String target, String firstAdmin, String firstAction, long firstMillis,
                           String secondAdmin, String secondAction, long secondMillis) {
    }

    private record Key(String wiki, String target) {
    }

    private record Last(String admin, String action, long millis) {
    }

    private final int capacity;
    private final int recentCapacity;
    private final LinkedHashMap<Key, Last> last;
    private final ArrayDeque<Conflict> recent;

    public BlockConflicts() {
        this(DEFAULT_CAPACITY, DEFAULT_RECENT);
    }

    public BlockConflicts(int capacity, int recentCapacity) {
        if (capacity < 1 || recentCapacity < 1) {
            throw new IllegalArgumentException("capacities must be positive");
        }
        this.capacity = capacity;
        this.recentCapacity = recentCapacity;
        // insertion order = time order, because a target seen again is removed and put back at the end
        this.last = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Last> eldest) {
                return size() > BlockConflicts.this.capacity;
            }
        };
        this.recent = new ArrayDeque<>();
    }

    /**
     * Records one block-log action and tells whether it conflicts with the previous one on the same target.
     *
     * @param windowMillis the conflict window; 0 or less turns the detection off (nothing is recorded)
     * @return the conflict, or {@code null}
     */
    public synchronized Conflict observe(String wiki, String target, String admin, String action, long nowMillis,
                                         long windowMillis) {
        if (windowMillis <= 0 || wiki == null || target == null || target.isEmpty() || admin == null) {
            return null;
        }
        evictOlderThan(nowMillis - windowMillis);
        Key key = new Key(wiki, normalise(target));
        Last previous = last.remove(key);
        last.put(key, new Last(admin, action, nowMillis));
        if (previous == null || previous.admin.equals(admin) || nowMillis - previous.millis > windowMillis) {
            return null;
        }
        Conflict c = new Conflict(wiki, key.target, previous.admin, previous.action, previous.millis, admin, action,
                nowMillis);
        recent.addFirst(c);
        while (recent.size() > recentCapacity) {
            recent.removeLast();
        }
        return c;
    }

    private void evictOlderThan(long oldestKept) {
        Iterator<Last> it = last.values().iterator();
        while (it.hasNext()) {
            if (it.next().millis >= oldestKept) {
                return;
            }
            it.remove();
        }
    }

    /** The last conflicts, newest first, at most {@code max}. */
    public synchronized List<Conflict> recent(int max) {
        List<Conflict> out = new ArrayList<>(Math.min(Math.max(max, 0), recent.size()));
        for (Conflict c : recent) {
            if (out.size() >= max) {
                break;
            }
            out.add(c);
        }
        return out;
    }

    /** How many targets are remembered now. */
    public synchronized int size() {
        return last.size();
    }

    // MediaWiki's user-name rules: the first letter is case-insensitive, '_' is a space.
    private static String normalise(String name) {
        String n = name.indexOf('_') >= 0 ? name.replace('_', ' ') : name;
        int first = n.codePointAt(0);
        int upper = Character.toUpperCase(first);
        if (upper == first) {
            return n;
        }
        return new StringBuilder(n.length()).appendCodePoint(upper).append(n, Character.charCount(first), n.length())
                .toString();
    }
}
