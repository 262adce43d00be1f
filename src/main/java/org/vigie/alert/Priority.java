package org.vigie.alert;

/** Output priority of a line: the outbox sends every REPLY before any HIGH, every HIGH before any NORMAL. */
public enum Priority {
    /** Answers to commands and protocol-level courtesy: never queued behind alerts. */
    REPLY,
    /** Alerts about listed users and watched pages: black, grey, cvp. */
    HIGH,
    /** Every other alert; may be dropped when stale. */
    NORMAL
}
