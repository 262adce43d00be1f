package org.vigie.web;

import java.util.List;
import java.util.Map;
import org.vigie.feed.FeedStats;
import org.vigie.lists.Entry;
import org.vigie.store.AuditRow;

/**
 * What the web pages read from the running bot. The wiring implements it by delegating to the feed, the engine, the
 * outbox, the lists and the audit trail; the web side never writes. Nothing returned here may carry a secret (the
 * configuration's passwords, webhook addresses or SASL credentials are simply not part of any record).
 */
public interface WebSource {

    /** A snapshot for {@code /status}, {@code /status.json} and {@code /metrics}. */
    Status status();

    /** {@code null} when the feed and the network are live; otherwise why not, in a few words (for {@code /healthz}). */
    String unhealthyReason();

    /**
     * Every list entry about {@code item} (exact, on any list but the operators'), every word-list entry that would
     * match it as a user name or title (as the {@code test} command does), and each one's audit history.
     *
     * @param wiki the wiki to test word lists for, or {@code null} for every wiki that has word entries
     */
    Lookup lookup(String item, String wiki);

    /**
     * The bot's state.
     *
     * @param version        Vigie's version
     * @param uptimeMillis   time since start
     * @param feeds          each feed and its counters
     * @param changes        changes run through the patrol since start
     * @param eventsRaised   changes that raised each event since start ({@code ip} → 12), routed or not
     * @param queueDepth     changes waiting for the engine thread
     * @param queueDropped   changes dropped because the engine's queue was full
     * @param networkConnected whether the IRC network connection is up
     * @param outboxSent     lines sent on the network
     * @param outboxDropped  stale or refused alert lines dropped by the outbox
     * @param outboxStaleDropped of which gone stale while waiting
     * @param outboxFullDropped  of which refused because their lane was full
     * @param outboxCoalesced alerts counted into one line instead of sent (one editor's repeated alerts)
     * @param outboxPublicDropped answers to non-operators dropped (their lane was full)
     * @param outboxDepth    lines waiting in the outbox, by channel (or nick)
     * @param quietAll       whether {@code quietall} is in force
     * @param quietChannels  channels made quiet one by one
     * @param listSizes      entries held per list ({@code bl} → 12)
     * @param databaseBytes  size of the database file, or -1 when unknown (a TCP server, memory)
     * @param wikiApi        the wiki API's state in a word ({@code up}, {@code failing}, {@code disabled})
     * @param commandsWhois  WHOIS asked to learn who sent a command
     * @param commandsIgnored commands from people with no access to them, ignored
     * @param commandsQueueFull commands dropped because their sender had too many waiting
     * @param hooks          each webhook's delivery figures (its address is never part of them)
     * @param feedCounters   more counters of an IRC feed, by source then by name ({@link #FEED_COUNTERS})
     */
    record Status(String version, long uptimeMillis, List<FeedStats> feeds, long changes,
                  Map<String, Long> eventsRaised, int queueDepth,
                  long queueDropped, boolean networkConnected, long outboxSent, long outboxDropped,
                  long outboxStaleDropped, long outboxFullDropped, long outboxCoalesced, long outboxPublicDropped, Map<String, Integer> outboxDepth, boolean quietAll,
                  List<String> quietChannels, Map<String, Long> listSizes, long databaseBytes, String wikiApi,
                  long commandsWhois, long commandsIgnored, long commandsQueueFull, List<Hook> hooks,
                  Map<String, Map<String, Long>> feedCounters) {
        public Status {
            feeds = List.copyOf(feeds);
            eventsRaised = Map.copyOf(eventsRaised);
            outboxDepth = Map.copyOf(outboxDepth);
            quietChannels = List.copyOf(quietChannels);
            listSizes = Map.copyOf(listSizes);
            hooks = List.copyOf(hooks);
            feedCounters = Map.copyOf(feedCounters);
        }
    }

    /** The names of an IRC feed's own counters ({@code vigie_feed_<name>_total{source}}). */
    List<String> FEED_COUNTERS = List.of("spoofed", "ignored", "malformed", "watchdog_closes", "kicks", "shed");

    /**
     * One webhook destination's deliveries since start.
     *
     * @param name          the hook's name ({@code hook:NAME} in destinations)
     * @param format        its payload format ({@code discord}, {@code slack}, {@code json})
     * @param queued        alerts waiting now
     * @param sent          alerts the platform accepted
     * @param retried       requests tried again later
     * @param dropped       alerts given up, by reason
     * @param oldestAgeMillis age of the oldest waiting alert, 0 when none waits
     */
    record Hook(String name, String format, long queued, long sent, long retried, Map<String, Long> dropped,
                long oldestAgeMillis) {
        public Hook {
            dropped = Map.copyOf(dropped);
        }
    }

    /**
     * What the lists say about one item.
     *
     * @param item    what was asked
     * @param exact   live entries whose item is this one
     * @param words   word-list entries that would match it as a user name or title (found by the patrol's matcher, as
     *                {@code test} does, but every one of them: at most 10 per list and scope)
     * @param history the audited changes of the item asked (removed and expired entries included) and of each word
     *                entry's item, newest first, keyed by the item as asked or as the entry writes it; never a
     *                change of the operators' list
     */
    record Lookup(String item, List<Entry> exact, List<WordHit> words, Map<String, List<AuditRow>> history) {
        public Lookup {
            exact = List.copyOf(exact);
            words = List.copyOf(words);
            history = Map.copyOf(history);
        }
    }

    /** A word-list entry and what it matched in the item. */
    record WordHit(Entry entry, String matched) {
    }
}
