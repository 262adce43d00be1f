package org.vigie.feed;

/**
 * Counters of a feed, for {@code status}, {@code reader} and /metrics.
 *
 * @param name        {@code irc irc.wikimedia.org:6667}, {@code eventstreams …}, {@code replay FILE}
 * @param connected   whether the feed is connected now
 * @param lastLineMillis wall-clock time of the last line received (0 = never)
 * @param lines       lines received
 * @param parsed      lines that gave a change
 * @param skipped     lines that could not be parsed (counted and skipped)
 * @param dropped     changes dropped because the engine's queue was full
 * @param reconnects  reconnections since start
 */
public record FeedStats(String name, boolean connected, long lastLineMillis, long lines, long parsed, long skipped,
                        long dropped, long reconnects) {
}
