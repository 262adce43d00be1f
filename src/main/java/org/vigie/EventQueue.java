package org.vigie;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.vigie.feed.RcEvent;

/**
 * The engine's bounded queue of changes: a ring under one lock, filled and emptied by batches, so that a feed
 * reader hands over a whole socket read and the engine takes all that waits with one lock each (an
 * {@code ArrayBlockingQueue} takes its lock, and may signal, once per change). Full: what does not fit is refused
 * (the caller counts it), never waited for.
 *
 * <p>It also says who runs the engine's work at the moment: nobody ({@code IDLE}), the engine thread on a batch it
 * took ({@code ENGINE}), or a feed reader that found the queue empty and the engine idle and runs its few changes
 * itself ({@code INLINE}, see {@link #claimIfIdle}). Only one of them at a time: the engine's state has a single
 * writer at any moment, and the lock orders one owner's writes before the next owner's reads.
 */
final class EventQueue {

    private static final int IDLE = 0;
    private static final int ENGINE = 1;
    private static final int INLINE = 2;

    private final RcEvent[] ring;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private int head;          // next to take
    private int count;
    private volatile int size;     // count, readable without the lock
    private boolean waiting;   // the taker sleeps on ready
    private int owner = IDLE;
    private boolean stopped;

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
            if (k > 0 && waiting && owner == IDLE) {
                ready.signal();
            }
            return k;
        } finally {
            lock.unlock();
        }
    }

    /**
     * For a feed reader with changes in hand: true when nothing waits and nobody runs the engine's work, and then the
     * caller owns it until {@link #releaseInline} (the engine thread does not take a batch meanwhile). False: the
     * caller queues its changes as usual (behind those waiting, in order).
     */
    boolean claimIfIdle() {
        lock.lock();
        try {
            if (count != 0 || owner != IDLE || stopped) {
                return false;
            }
            owner = INLINE;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Gives back what {@link #claimIfIdle} granted; wakes the engine thread if changes came meanwhile. */
    void releaseInline() {
        lock.lock();
        try {
            owner = IDLE;
            if (count > 0 && waiting) {
                ready.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * For the engine thread: ends its previous batch, then moves up to {@code dst.length} waiting changes into
     * {@code dst}, waiting (without a time-out: {@link #stop} wakes it) until some wait and no reader runs changes
     * inline. Returns how many, or 0 once stopped.
     */
    int take(RcEvent[] dst) throws InterruptedException {
        lock.lock();
        try {
            if (owner == ENGINE) {
                owner = IDLE;
            }
            while (count == 0 || owner != IDLE) {
                if (stopped) {
                    return 0;
                }
                waiting = true;
                try {
                    ready.await();
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
            owner = ENGINE;
            return k;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the engine thread's previous batch (as the next {@link #take} would), e.g. before it stops. */
    void doneTaking() {
        lock.lock();
        try {
            if (owner == ENGINE) {
                owner = IDLE;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the taker for good: {@link #take} returns 0 when nothing waits; no reader may claim the engine any more. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            ready.signalAll();
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
