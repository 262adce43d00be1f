package org.vigie;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.vigie.feed.RcEvent;

/**
 * The engine's bounded queue of changes: a ring under one lock, filled and emptied by batches, so that a feed
 * reader hands over a whole socket read and the engine takes all that waits with one lock each (an
 * {@code ArrayBlockingQueue} takes its lock, and may signal, once per change). Full: what does not fit is refused
 * (the caller counts it), never waited for.
 */
final class EventQueue {

    private final RcEvent[] ring;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private int head;          // next to take
    private int count;
    private volatile int size;     // count, readable without the lock
    private boolean waiting;   // the taker sleeps on notEmpty

    EventQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        ring = new RcEvent[capacity];
    }

    /** Appends as many of {@code src[0, n)} as fit, in order; returns how many were taken. */
    int offerAll(RcEvent[] src, int n) {
        lock.lock();
        try {
            int cap = ring.length;
            int room = cap - count;
            int k = Math.min(room, n);
            int tail = head + count;
            for (int i = 0; i < k; i++) {
                ring[(tail + i) % cap] = src[i];
            }
            count += k;
            size = count;
            if (k > 0 && waiting) {
                notEmpty.signal();
            }
            return k;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves up to {@code dst.length} waiting changes into {@code dst}, waiting at most {@code timeoutNanos} for the
     * first one. Returns how many (0 on time-out).
     */
    int take(RcEvent[] dst, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (count == 0) {
                if (left <= 0) {
                    return 0;
                }
                waiting = true;
                try {
                    left = notEmpty.awaitNanos(left);
                } finally {
                    waiting = false;
                }
            }
            int cap = ring.length;
            int k = Math.min(count, dst.length);
            for (int i = 0; i < k; i++) {
                int at = (head + i) % cap;
                dst[i] = ring[at];
                ring[at] = null;
            }
            head = (head + k) % cap;
            count -= k;
            size = count;
            return k;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        return size;
    }

    boolean full() {
        return size >= ring.length;
    }

    boolean isEmpty() {
        return size() == 0;
    }
}
