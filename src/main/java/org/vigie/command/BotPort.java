package org.vigie.command;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.vigie.alert.Destination;
import org.vigie.config.ConfigItem;
import org.vigie.config.Settings;
import org.vigie.feed.FeedStats;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.WordMatch;
import org.vigie.patrol.Event;

/**
 * Everything the command layer needs from the rest of the bot. The wiring implements it by delegating to the list
 * store, the dispatcher, the IRC adapter and the wiki API; each method should be a call or two.
 *
 * <p>Threading: the processor calls the port from the command thread (never from an IRC reader thread). Writing
 * methods return only after the change is committed and visible to the patrol, so that a reply never announces a
 * change that a crash could lose. Any method may block briefly (a commit, a JOIN); {@link #accountOf} and the wiki
 * refreshes are asynchronous because they wait on the network.
 *
 * <p>Writing methods take the {@link Caller} so that the implementation can write the audit trail (nick and account).
 * A refusal or failure is a {@link PortException} whose message is shown to the operator.
 */
public interface BotPort {

    // ------------------------------------------------------------------ identity

    /** The bot's current nick on the network (it may differ from the configured one after a collision). */
    String botNick();

    /** The bot's owners: services accounts or {@code nick!user@host} masks from bot.properties; may be empty. */
    List<String> owners();

    /** Whether commands are heard in this channel, and whether loudly ({@code cmds}) or silently ({@code cmdsq}). */
    CommandMode commandMode(String channel);

    enum CommandMode { NONE, LOUD, SILENT }

    // ------------------------------------------------------------------ lists

    /**
     * The unexpired entry for exactly this list, scope ({@code wiki} or {@link Entry#GLOBAL}) and item, compared as
     * the list compares items (MediaWiki case rules for users and pages, case-insensitive for words and accounts).
     */
    Optional<Entry> find(ListKind kind, String wiki, String item);

    /** Every unexpired entry, on any list and any scope, whose item is this one (same comparison as {@link #find}). */
    List<Entry> entriesFor(String item);

    /** The unexpired entries of the operator list ({@code aclo}), for access checks. */
    List<Entry> operators();

    /**
     * Adds an entry, or replaces the entry with the same list, scope and item. Word items written {@code /.../} are
     * regular expressions; an invalid one is refused with the compiler's reason.
     *
     * @return the entry as stored
     */
    Entry add(Entry entry, Caller by) throws PortException;

    /** Removes an entry; returns it, or empty when there was none. */
    Optional<Entry> remove(ListKind kind, String wiki, String item, Caller by) throws PortException;

    /** The first entry of a word list matching the text, for that wiki and the global entries ({@code GLOBAL}: global only). */
    Optional<WordMatch> testWord(ListKind kind, String wiki, String text);

    /** The last audited list changes concerning an item (newest first), at most {@code limit}. */
    List<AuditRecord> history(String item, int limit);

    /** One line of the audit trail. {@code action} is {@code add}, {@code del}, {@code expire} or {@code auto}. */
    record AuditRecord(long atMillis, String who, String action, ListKind kind, String wiki, String item,
                       String reason) {
    }

    // ------------------------------------------------------------------ settings

    Settings settings();

    /**
     * Stores one config item (the value is already normalised by {@link ConfigItem#normalise}) and swaps in the new
     * settings.
     *
     * @return the settings now in force
     */
    Settings setConfig(ConfigItem item, String value, Caller by) throws PortException;

    // ------------------------------------------------------------------ destinations

    /** The words that subscribe a channel to something other than an {@link Event}. */
    enum DestFlag {
        /** Commands are heard in the channel and answered there. */
        CMDS(Destination.Flag.CMDS),
        /** Commands are heard in the channel and acknowledged silently. */
        CMDSQ(Destination.Flag.CMDSQ),
        /** Changes by admins are not reported there. */
        NOADMIN(Destination.Flag.NOADMIN),
        /** Changes by whitelisted users are not reported there. */
        NOWHITE(Destination.Flag.NOWHITE),
        /** Changes by bots are not reported there. */
        NOBOT(Destination.Flag.NOBOT);

        private final Destination.Flag flag;

        DestFlag(Destination.Flag flag) {
            this.flag = flag;
        }

        /** The word, as the destination table spells it ({@link Destination.Flag}). */
        public String key() {
            return flag.key();
        }

        /** The destination table's own flag. */
        public Destination.Flag flag() {
            return flag;
        }

        public static DestFlag fromKey(String s) {
            Destination.Flag f = Destination.Flag.fromKey(s);
            for (DestFlag d : values()) {
                if (d.flag == f) {
                    return d;
                }
            }
            return null;
        }
    }

    /** What a destination channel receives. */
    record Subscription(String channel, Set<Event> events, Set<DestFlag> flags, List<String> values) {
        public Subscription {
            events = Set.copyOf(events);
            flags = Set.copyOf(flags);
            values = List.copyOf(values);
        }

        /** A subscription without value words ({@code score=N}, {@code repeat=N}). */
        public Subscription(String channel, Set<Event> events, Set<DestFlag> flags) {
            this(channel, events, flags, List.of());
        }

        public boolean isEmpty() {
            return events.isEmpty() && flags.isEmpty();
        }
    }

    /** Every destination channel and its subscription. */
    List<Subscription> destList();

    /**
     * Subscribes a channel to more events and flags (joining it if needed).
     *
     * @param values   the spec's value words ({@code score=N}, {@code repeat=N}), checked by the caller; may be empty
     * @param announce whether to say in the channel that it is now a destination ({@code false} for a {@code !} preset)
     * @return the channel's subscription after the change
     */
    Subscription destAdd(String channel, Set<Event> events, Set<DestFlag> flags, List<String> values,
                         boolean announce, Caller by) throws PortException;

    /**
     * Unsubscribes a channel from events and flags; a channel left with nothing is removed and parted. Each value word
     * lifts the channel's own value ({@code score=N}: no threshold; {@code repeat=N}: the config item's window).
     *
     * @return the channel's subscription after the change (empty when removed)
     */
    Subscription destDel(String channel, Set<Event> events, Set<DestFlag> flags, List<String> values, Caller by)
            throws PortException;

    /** Exchanges the subscriptions of two channels. */
    void destSwap(String a, String b, Caller by) throws PortException;

    /**
     * Gives {@code dest} the same subscription as {@code source}, replacing what {@code dest} had.
     *
     * @return the new subscription of {@code dest}
     */
    Subscription destSet(String dest, String source, Caller by) throws PortException;

    /** Lets the bot join a channel it was kicked from again (it does not rejoin by itself after a kick). */
    void unkick(String channel, Caller by) throws PortException;

    // ------------------------------------------------------------------ quiet

    /** Stops alerts in one channel; commands are still accepted there. */
    void quiet(String channel, Caller by);

    /** Stops alerts everywhere; when {@code text} is not empty it is said once in every destination channel first. */
    void quietAll(String text, Caller by);

    /** Resumes alerts in one channel, or everywhere (undoing {@code quietall} too) when {@code channel} is null. */
    void speak(String channel, Caller by);

    /**
     * Whether alerts to this channel are stopped (by {@code quiet} or {@code quietall}). Called for each reply line,
     * also from the thread completing a wiki refresh: must be cheap and thread-safe.
     */
    boolean isQuiet(String channel);

    // ------------------------------------------------------------------ status and feed

    /**
     * A snapshot for {@code status}.
     *
     * @param feeds         the feeds and their counters
     * @param changesSeen   changes run through the patrol since start
     * @param alertsSent    alerts sent since start
     * @param alertsDropped stale alerts dropped by the outbox since start
     * @param queueDepth    lines waiting in the outbox now
     * @param quietAll      whether {@code quietall} is in force
     * @param quietChannels channels made quiet one by one
     * @param uptimeMillis  time since start
     * @param wikiApi       the wiki API's state
     * @param drops         of the outbox's drops, how many went stale and how many found their lane full; and how
     *                      many alerts were coalesced
     */
    record Status(List<FeedStats> feeds, long changesSeen, long alertsSent, long alertsDropped, int queueDepth,
                  boolean quietAll, List<String> quietChannels, long uptimeMillis, ApiState wikiApi, Drops drops) {
        public Status {
            feeds = List.copyOf(feeds);
            quietChannels = List.copyOf(quietChannels);
            drops = drops == null ? Drops.NONE : drops;
        }

        public Status(List<FeedStats> feeds, long changesSeen, long alertsSent, long alertsDropped, int queueDepth,
                      boolean quietAll, List<String> quietChannels, long uptimeMillis, ApiState wikiApi) {
            this(feeds, changesSeen, alertsSent, alertsDropped, queueDepth, quietAll, quietChannels, uptimeMillis,
                    wikiApi, Drops.NONE);
        }
    }

    /**
     * The outbox's drops told apart: {@code stale} lines went stale waiting, {@code full} lines were refused because
     * their lane was full; {@code coalesced} alerts were counted into a "N more edits" line instead of being sent.
     */
    record Drops(long stale, long full, long coalesced) {
        public static final Drops NONE = new Drops(0, 0, 0);
    }

    enum ApiState { UP, FAILING, DISABLED }

    Status status();

    /** Alerts sent per channel in the last hour, for {@code status}; empty when none. */
    default java.util.Map<String, Long> alertsLastHour() {
        return java.util.Map.of();
    }

    /** Alerts held back as repeats (one editor, within a channel's repeat window) since start, per channel. */
    default java.util.Map<String, Long> repeatsHeld() {
        return java.util.Map.of();
    }

    /**
     * {@code config readscore}: re-reads {@code score.properties} beside the lists.
     *
     * @return the file read and the default threshold it sets
     * @throws PortException naming what is wrong; the weights in use stay
     */
    default ScoreReload readScore() throws PortException {
        throw new PortException("not available");
    }

    /** What {@code config readscore} read. */
    record ScoreReload(String file, int threshold) {
    }

    /** Closes and reopens the feed connections (the {@code reader reset} command). */
    void readerReset(Caller by) throws PortException;

    // ------------------------------------------------------------------ about, plugins, conflicts

    record Info(String version, String owner, String sourceUrl) {
    }

    Info info();

    record Plugin(String name, boolean loaded) {
    }

    List<Plugin> plugins();

    void pluginLoad(String name, Caller by) throws PortException;

    void pluginReload(String name, Caller by) throws PortException;

    void pluginUnload(String name, Caller by) throws PortException;

    /** Two admins' blocks of one target within the {@code blockconflict} window. */
    record BlockConflict(long atMillis, String wiki, String target, String firstAdmin, String firstBlock,
                         String secondAdmin, String secondBlock) {
    }

    /** The most recent block conflicts, newest first. */
    List<BlockConflict> blockConflicts(int limit);

    // ------------------------------------------------------------------ wiki API

    /** Whether a wiki API is configured and usable; when not, the refresh commands answer that they need it. */
    /**
     * Reads the message files ({@code messages/}) again, so that corrected sentences take effect without a restart.
     *
     * @return how many messages are loaded now
     */
    default int reloadMessages() throws PortException {
        throw new PortException("not supported");
    }

    boolean wikiApiAvailable();

    /**
     * The outcome of a refresh from the wiki API.
     *
     * @param wikis    the wikis refreshed
     * @param items    messages, admins or bots read
     * @param failures one short reason per wiki that failed ({@code "de.wikipedia: HTTP 503"})
     */
    record WikiRefresh(int wikis, int items, List<String> failures) {
        public WikiRefresh {
            failures = List.copyOf(failures);
        }
    }

    /** Re-reads the interface messages (log wording) of one wiki, or of every watched wiki when {@code wiki} is null. */
    CompletableFuture<WikiRefresh> readMessages(String wiki);

    /** Reloads the admin list from the wiki (one wiki, or every watched wiki when null). */
    CompletableFuture<WikiRefresh> getAdmins(String wiki);

    /** Reloads the bot list from the wiki (one wiki, or every watched wiki when null). */
    CompletableFuture<WikiRefresh> getBots(String wiki);

    /**
     * What a wiki says of an account, for {@code intel}.
     *
     * @param wiki         the wiki asked ({@code fr.wikipedia})
     * @param user         the name as the wiki normalised it
     * @param exists       false when the wiki has no such account
     * @param editCount    the edit count
     * @param registration registration time as ISO-8601, or {@code null} when unknown (very old accounts)
     * @param groups       explicit groups ({@code sysop}, {@code autoconfirmed}…; {@code *} and {@code user} left out)
     * @param block        the current block, or {@code null}
     */
    record WikiFacts(String wiki, String user, boolean exists, long editCount, String registration, List<String> groups,
                     WikiBlock block) {
        public WikiFacts {
            groups = List.copyOf(groups);
        }
    }

    /** A current block: by whom, until when ({@code infinite} or ISO-8601), why, and whether partial. */
    record WikiBlock(String by, String expiry, String reason, boolean partial) {
    }

    /**
     * The wiki's facts about an account (edit count, registration, groups, current block), from a cache of a few
     * minutes or asked in the background. The future completes within about two seconds, exceptionally when the wiki
     * is slow or failing; empty when there are no facts to give (no wiki API, an IP address).
     *
     * @param wiki the wiki, or {@code null} for the first watched wiki
     */
    default CompletableFuture<Optional<WikiFacts>> wikiFacts(String wiki, String user) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    // ------------------------------------------------------------------ webhooks

    /**
     * A webhook and its delivery figures. The URL is never part of it: only its host and last characters.
     *
     * @param dropped      alerts given up, by reason ({@code stale}, {@code HTTP 404}, …)
     * @param oldestMillis when the oldest waiting alert was made; 0 when none waits
     */
    record HookInfo(String name, String format, String redactedUrl, int queued, long sent, long retried,
                    java.util.Map<String, Long> dropped, long oldestMillis) {
        public HookInfo {
            dropped = java.util.Map.copyOf(dropped);
        }

        public long droppedTotal() {
            return dropped.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Every webhook, by name. */
    default List<HookInfo> hooks() {
        return List.of();
    }

    /**
     * Declares (or replaces) a webhook. The URL is a secret: the implementation stores it and never says or logs it.
     *
     * @param format {@code discord}, {@code slack} or {@code json}
     * @return the hook as stored
     * @throws PortException when the name, the address or the format is refused (the message names no address)
     */
    default HookInfo hookAdd(String name, String url, String format, Caller by) throws PortException {
        throw new PortException("webhooks are not available");
    }

    /** Removes a webhook, its queue and its destination; false when there was none. */
    default boolean hookDel(String name, Caller by) throws PortException {
        throw new PortException("webhooks are not available");
    }

    /**
     * Sends one test message to a webhook now and returns the HTTP status.
     *
     * @throws PortException when there is no such hook or no answer came
     */
    default int hookTest(String name, Caller by) throws PortException {
        throw new PortException("webhooks are not available");
    }

    // ------------------------------------------------------------------ daily reports

    /** A daily report: to a channel or {@code hook:NAME}, at {@code HH:MM} in {@link #reportZone()}. */
    record ReportSchedule(String target, String time) {
    }

    default List<ReportSchedule> reports() {
        return List.of();
    }

    /** The zone of the reports' times of day ({@code report.zone}). */
    default String reportZone() {
        return "UTC";
    }

    /** Sets (or moves) the daily report of a channel or webhook ({@code time}: {@code HH:MM}, already checked). */
    default ReportSchedule reportAdd(String target, String time, Caller by) throws PortException {
        throw new PortException("reports are not available");
    }

    /** Removes the daily report of a target; false when it had none. */
    default boolean reportDel(String target, Caller by) throws PortException {
        throw new PortException("reports are not available");
    }

    /** The report of the last 24 h in its short form (IRC lines). */
    default List<String> reportNow() throws PortException {
        throw new PortException("reports are not available");
    }

    /** Sends the report of the last 24 h to a channel (short form) or a webhook (rich form). */
    default void reportSend(String target, Caller by) throws PortException {
        throw new PortException("reports are not available");
    }

    // ------------------------------------------------------------------ network

    /**
     * The services account a nick is logged in as, by WHOIS (numeric 330), answered asynchronously; empty when the
     * nick is online but not logged in. Completes exceptionally when the nick is not online or on timeout.
     */
    CompletableFuture<Optional<String>> accountOf(String nick);

    /**
     * The full {@code nick!user@host} of a nick the bot can see (sharing a channel with it), for {@code aclo show};
     * empty when unknown. Never a basis for trust on its own: only used to tell which mask entry matches.
     */
    default Optional<String> maskOf(String nick) {
        return Optional.empty();
    }

    /** Stops the bot cleanly (quits IRC, flushes, shuts the database down). Returns at once; the stop follows. */
    void shutdown(Caller by);
}
