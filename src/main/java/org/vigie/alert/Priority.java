package org.vigie.alert;

/**
 * Output priority of a line: the outbox sends REPLY before HIGH, HIGH before NORMAL, NORMAL before PUBLIC, except
 * that HIGH keeps a guaranteed share of the pace whatever waits ahead of it (see {@code OutboxSettings#highShare}).
 * The order of the constants is the order of the outbox's lanes.
 */
public enum Priority {
    /** Answers to commands and protocol-level courtesy: never queued behind alerts. */
    REPLY,
    /** Alerts about listed users and watched pages: black, grey, cvp. */
    HIGH,
    /** Every other alert; may be dropped when stale. */
    NORMAL,
    /**
     * Answers to people who are not operators ({@code status} asked by anyone): what is left of the pace after every
     * alert, a small lane, dropped first (when full or stale).
     */
    PUBLIC
}
