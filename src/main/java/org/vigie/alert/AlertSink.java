package org.vigie.alert;

import org.vigie.patrol.Verdict;

/**
 * Where alerts of one kind of target go: the IRC outbox, the webhook queues, a live tap. Called on the engine thread
 * (or on a feed reader running a few changes itself, one thread at a time; see Engine) for each alert that a destination
 * of this sink takes: an implementation hands the alert on and returns at once (no SQL, no network, no logging on this
 * thread, which may be the one reading the feed's socket).
 */
@FunctionalInterface
public interface AlertSink {

    void send(Alert alert, Verdict verdict);

    /** Drops everything. */
    AlertSink NONE = (alert, verdict) -> { };
}
