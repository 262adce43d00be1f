package org.vigie.irc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** Records what a connection reports, and lets a test wait for it. */
final class RecordingHandler implements IrcHandler {

    private final List<IrcMessage> messages = new ArrayList<>();
    private int connects;
    private int disconnects;
    private final List<String> threads = new ArrayList<>();

    @Override
    public synchronized void onMessage(IrcMessage message) {
        messages.add(message);
        threads.add(Thread.currentThread().getName());
        notifyAll();
    }

    @Override
    public synchronized void onConnected() {
        connects++;
        notifyAll();
    }

    @Override
    public synchronized void onDisconnected() {
        disconnects++;
        notifyAll();
    }

    synchronized int connects() {
        return connects;
    }

    synchronized int disconnects() {
        return disconnects;
    }

    synchronized List<IrcMessage> messages() {
        return List.copyOf(messages);
    }

    synchronized List<String> threads() {
        return List.copyOf(threads);
    }

    IrcMessage awaitMessage(Predicate<IrcMessage> p, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            int seen = 0;
            while (true) {
                for (; seen < messages.size(); seen++) {
                    if (p.test(messages.get(seen))) {
                        return messages.get(seen);
                    }
                }
                waitUntil(deadline, "a matching message; got " + messages);
            }
        }
    }

    void awaitConnects(int n, Duration timeout) {
        await(() -> connects >= n, timeout, "connect #" + n);
    }

    void awaitDisconnects(int n, Duration timeout) {
        await(() -> disconnects >= n, timeout, "disconnect #" + n);
    }

    private synchronized void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            waitUntil(deadline, what);
        }
    }

    private void waitUntil(long deadline, String what) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError("timed out waiting for " + what);
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
