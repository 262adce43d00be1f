package org.vigie.alert;

import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;

/**
 * One line to post in one channel.
 *
 * @param channel      where
 * @param text         the formatted text (IRC colours included; split and sanitised again by the outbox)
 * @param priority     {@link Priority#HIGH} for listed users and watched pages, {@link Priority#NORMAL} otherwise
 * @param createdNanos {@link System#nanoTime()} when the alert was made, so that the outbox can drop stale ones
 */
public record Alert(String channel, String text, Priority priority, long createdNanos) {

    private static final long HIGH_EVENTS = Event.BLACK.bit() | Event.GREY.bit() | Event.CVP.bit();

    /** HIGH when the change raised {@code black}, {@code grey} or {@code cvp}; NORMAL otherwise. */
    public static Priority priorityOf(Verdict v) {
        return (v.events() & HIGH_EVENTS) != 0 ? Priority.HIGH : Priority.NORMAL;
    }
}
