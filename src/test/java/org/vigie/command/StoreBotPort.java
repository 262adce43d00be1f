package org.vigie.command;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.vigie.alert.Destination;
import org.vigie.alert.Dispatcher;
import org.vigie.config.ConfigItem;
import org.vigie.config.Settings;
import org.vigie.feed.FeedStats;
import org.vigie.hook.Hook;
import org.vigie.hook.HookFormat;
import org.vigie.hook.HookStats;
import org.vigie.hook.HookStore;
import org.vigie.hook.Hooks;
import org.vigie.i18n.Templates;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;
import org.vigie.lists.WordMatch;
import org.vigie.patrol.Event;
import org.vigie.store.Actor;
import org.vigie.store.Audit;
import org.vigie.store.AuditRow;
import org.vigie.store.ConfigStore;
import org.vigie.store.Database;
import org.vigie.store.ListStore;
import org.vigie.store.StoreException;

/**
 * The {@link BotPort} of the command tests, built on the bot's own pieces over an in-memory H2 database: the real
 * {@link ListStore} (validation, MediaWiki case rules, audit trail, commit before memory), the real {@link Lists} and
 * its word matchers, the real {@link Dispatcher} (destination table, quiet), the real {@link ConfigStore} and
 * {@link Hooks} (not started: nothing is delivered). Lists, destinations, quiet, settings and webhooks are therefore
 * exactly what the running bot does; only the edges the tests cannot have here are recorded instead of done: the IRC
 * network (nick, WHOIS, what would be said in channels, JOIN after a kick), the feed and the engine's counters, the
 * wiki API, plugins and shutdown.
 */
class StoreBotPort implements BotPort, AutoCloseable {

    private static final AtomicLong DATABASES = new AtomicLong();

    final Clock clock;
    final Database db;
    private final Audit audit;
    final ListStore store;
    final Lists lists = new Lists();
    final ConfigStore configStore;
    final Dispatcher dispatcher = new Dispatcher(null);
    final Hooks hooks;
    private final Templates templates;
    private volatile Settings settings = Settings.defaults();

    // ------------------------------------------------------------------ the edges, recorded or set by the tests

    String botNick = "Vigie";
    /** The control channel ({@code irc.control}): commands are always heard there. */
    final String control = "#vigie";
    final List<String> owners = new ArrayList<>();
    /** What went to the network for a channel instead of a reply: "{@code #chan: text}" (announces, quietall text). */
    final List<String> saidInChannels = new ArrayList<>();
    final List<String> unkicked = new ArrayList<>();
    final List<FeedStats> feeds = new ArrayList<>();
    long changesSeen;
    long alertsSent;
    long alertsDropped;
    int queueDepth;
    Drops drops = Drops.NONE;
    final long startMillis;
    ApiState apiState = ApiState.DISABLED;
    int readerResets;
    final Map<String, Boolean> plugins = new LinkedHashMap<>();
    final List<BlockConflict> conflicts = new ArrayList<>();
    boolean wikiApi;
    int messageReloads;
    /** A refresh the test completes by hand; {@code null} for an immediate answer. */
    CompletableFuture<WikiRefresh> pendingRefresh;
    final List<String> refreshed = new ArrayList<>();
    /** nick (lower case) → account; a nick absent from the map is offline. */
    final Map<String, Optional<String>> accounts = new HashMap<>();
    /** WHOIS the test answers itself (or never), by lower-case nick; asked before {@link #accounts}. */
    final Map<String, CompletableFuture<Optional<String>>> pendingWhois = new java.util.concurrent.ConcurrentHashMap<>();
    /** Every nick {@link #accountOf} was asked about. */
    final List<String> whoisAsked = new java.util.concurrent.CopyOnWriteArrayList<>();
    boolean shutdown;

    StoreBotPort(Clock clock, Templates templates) {
        this.clock = clock;
        this.templates = templates;
        this.startMillis = clock.millis();
        this.db = Database.open("jdbc:h2:mem:commands" + DATABASES.incrementAndGet() + "-" + System.nanoTime());
        this.audit = new Audit(db, clock);
        this.store = new ListStore(db, audit, lists, clock);
        this.configStore = new ConfigStore(db, audit);
        this.hooks = new Hooks(new HookStore(db, audit), clock, Hooks.Settings.DEFAULT);
    }

    private static Actor actor(Caller c) {
        return new Actor(c.nick(), c.account(), c.host());
    }

    /** An entry written as the bot's own automatic additions and wiki refreshes write theirs: through the store. */
    void put(Entry e) {
        store.add(e, Actor.system(e.adder()));
    }

    /** The whole audit trail, oldest first. */
    List<AuditRow> auditTrail() {
        return audit.since(0);
    }

    /** Sets a config item as the {@code config} command would. */
    void set(ConfigItem item, String value) {
        try {
            setConfig(item, value, TestBot.op());
        } catch (PortException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * From now on every write to the lists fails in the database itself as a read-only H2 database fails (H2's error
     * 90097, raised by a trigger), so that the store's rollback and the reason shown are the real ones.
     */
    void failWrites() {
        db.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TRIGGER read_only BEFORE INSERT, UPDATE, DELETE ON list_entry FOR EACH ROW CALL '"
                        + ReadOnlyTrigger.class.getName() + "'");
            }
            return null;
        });
    }

    /** The trigger of {@link #failWrites}. */
    public static final class ReadOnlyTrigger implements org.h2.api.Trigger {
        @Override
        public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
            throw new SQLException("The database is read only", "90097", 90097);
        }
    }

    @Override
    public void close() {
        hooks.close();
        db.close();
    }

    // ------------------------------------------------------------------ identity

    @Override
    public String botNick() {
        return botNick;
    }

    @Override
    public List<String> owners() {
        return List.copyOf(owners);
    }

    @Override
    public CommandMode commandMode(String channel) {
        if (channel == null) {
            return CommandMode.LOUD;
        }
        if (Destination.key(channel).equals(Destination.key(control))) {
            return CommandMode.LOUD;
        }
        if (dispatcher.hearsCommands(channel)) {
            return dispatcher.commandsSilent(channel) ? CommandMode.SILENT : CommandMode.LOUD;
        }
        return CommandMode.NONE;
    }

    // ------------------------------------------------------------------ lists

    @Override
    public Optional<Entry> find(ListKind kind, String wiki, String item) {
        return Optional.ofNullable(store.find(kind, wiki, item));
    }

    @Override
    public List<Entry> entriesFor(String item) {
        return store.entriesFor(item);
    }

    @Override
    public List<Entry> operators() {
        return store.entries(ListKind.ACLO);
    }

    @Override
    public Entry add(Entry entry, Caller by) throws PortException {
        try {
            return store.add(entry, actor(by)).entry();
        } catch (IllegalArgumentException e) {
            throw new PortException(e.getMessage(), e);
        } catch (StoreException e) {
            throw notStored(e);
        }
    }

    @Override
    public Optional<Entry> remove(ListKind kind, String wiki, String item, Caller by) throws PortException {
        try {
            return Optional.ofNullable(store.remove(kind, wiki, item, actor(by)));
        } catch (IllegalArgumentException e) {
            throw new PortException(e.getMessage(), e);
        } catch (StoreException e) {
            throw notStored(e);
        }
    }

    @Override
    public Optional<WordMatch> testWord(ListKind kind, String wiki, String text) {
        return Optional.ofNullable(lists.findWord(kind, wiki, text, clock.millis()));
    }

    @Override
    public List<AuditRecord> history(String item, int limit) {
        List<AuditRecord> out = new ArrayList<>();
        for (AuditRow r : store.history(item, limit)) {
            out.add(new AuditRecord(r.atMillis(), r.account() == null ? r.nick() : r.nick() + " (" + r.account() + ")",
                    r.action().name().toLowerCase(Locale.ROOT), ListKind.fromCommand(r.area()), r.wiki(), r.item(),
                    r.details()));
        }
        return out;
    }

    private PortException notStored(StoreException e) {
        String reason = switch (e.reason()) {
            case DISK_FULL -> templates.render("store.reason.full");
            case READ_ONLY -> templates.render("store.reason.readonly");
            case OTHER -> templates.render("store.reason.other", "detail", e.detail());
        };
        return new PortException(templates.render("store.notstored", "reason", reason), e);
    }

    // ------------------------------------------------------------------ settings

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public synchronized Settings setConfig(ConfigItem item, String value, Caller by) throws PortException {
        try {
            Settings next = settings.with(item, value);
            configStore.saveSetting(item, next.get(item), actor(by));
            settings = next;
            return next;
        } catch (IllegalArgumentException e) {
            throw new PortException(e.getMessage(), e);
        } catch (StoreException e) {
            throw notStored(e);
        }
    }

    // ------------------------------------------------------------------ destinations

    private static Subscription subscription(Destination d) {
        Set<Event> events = EnumSet.noneOf(Event.class);
        for (Event e : Event.values()) {
            if ((d.events() & e.bit()) != 0) {
                events.add(e);
            }
        }
        Set<DestFlag> flags = EnumSet.noneOf(DestFlag.class);
        if (d.cmds()) {
            flags.add(DestFlag.CMDS);
        }
        if (d.cmdsq()) {
            flags.add(DestFlag.CMDSQ);
        }
        if (d.noAdmin()) {
            flags.add(DestFlag.NOADMIN);
        }
        if (d.noWhite()) {
            flags.add(DestFlag.NOWHITE);
        }
        if (d.noBot()) {
            flags.add(DestFlag.NOBOT);
        }
        return new Subscription(d.channel(), events, flags);
    }

    private static String spec(Set<Event> events, Set<DestFlag> flags) {
        List<String> words = new ArrayList<>();
        events.forEach(e -> words.add(e.key()));
        flags.forEach(f -> words.add(f.key()));
        return String.join(",", words);
    }

    /** Applies a change to the dispatcher's table and stores the destinations that differ; rolls back if storing fails. */
    private void persistDests(Caller by, Runnable change) throws PortException {
        synchronized (dispatcher) {
            Map<String, String> before = dispatcher.specs();
            try {
                change.run();
            } catch (IllegalArgumentException e) {
                throw new PortException(e.getMessage(), e);
            }
            Map<String, String> after = dispatcher.specs();
            try {
                for (Map.Entry<String, String> e : after.entrySet()) {
                    if (!e.getValue().equals(before.get(e.getKey()))) {
                        configStore.saveDestination(e.getKey(), e.getValue(), actor(by));
                    }
                }
                for (String ch : before.keySet()) {
                    if (!after.containsKey(ch)) {
                        configStore.deleteDestination(ch, actor(by));
                    }
                }
            } catch (StoreException e) {
                dispatcher.load(before);
                throw notStored(e);
            }
        }
    }

    @Override
    public List<Subscription> destList() {
        List<Subscription> out = new ArrayList<>();
        for (Destination d : dispatcher.list()) {
            out.add(subscription(d));
        }
        return out;
    }

    @Override
    public Subscription destAdd(String channel, Set<Event> events, Set<DestFlag> flags, boolean announce, Caller by)
            throws PortException {
        if (Destination.isHook(channel) && hooks.get(Destination.hookName(channel)) == null) {
            throw new PortException(templates.render("dest.nohook", "name", Destination.hookName(channel)));
        }
        persistDests(by, () -> dispatcher.add(channel, spec(events, flags)));
        Destination d = dispatcher.get(channel);
        if (announce && d != null && d.isJoined()) {
            saidInChannels.add(channel + ": "
                    + Text.plain(templates.render("dest.announce", "nick", by.nick(), "spec", d.spec())));
        }
        return d == null ? new Subscription(channel, Set.of(), Set.of()) : subscription(d);
    }

    @Override
    public Subscription destDel(String channel, Set<Event> events, Set<DestFlag> flags, Caller by)
            throws PortException {
        if (dispatcher.get(channel) == null) {
            throw new PortException(templates.render("dest.unknown", "channel", channel));
        }
        String spec = events.size() == Event.values().length && flags.isEmpty() ? "all" : spec(events, flags);
        persistDests(by, () -> dispatcher.remove(channel, spec));
        Destination d = dispatcher.get(channel);
        return d == null ? new Subscription(channel, Set.of(), Set.of()) : subscription(d);
    }

    @Override
    public void destSwap(String a, String b, Caller by) throws PortException {
        persistDests(by, () -> {
            if (!dispatcher.swap(a, b)) {
                throw new IllegalArgumentException(templates.render("dest.unknown", "channel", a + " / " + b));
            }
        });
    }

    @Override
    public Subscription destSet(String dest, String source, Caller by) throws PortException {
        persistDests(by, () -> {
            if (dispatcher.set(dest, source) == null) {
                throw new IllegalArgumentException(templates.render("dest.unknown", "channel", source));
            }
        });
        return subscription(dispatcher.get(dest));
    }

    @Override
    public void unkick(String channel, Caller by) {
        unkicked.add(channel);
    }

    // ------------------------------------------------------------------ quiet

    @Override
    public void quiet(String channel, Caller by) {
        if (channel == null) {
            dispatcher.quietAll();
        } else {
            dispatcher.quiet(channel);
        }
    }

    @Override
    public void quietAll(String text, Caller by) {
        dispatcher.quietAll();
        if (text != null && !text.isBlank()) {
            for (Destination d : dispatcher.list()) {
                if (d.isJoined()) {
                    saidInChannels.add(d.channel() + ": " + text);
                }
            }
        }
    }

    @Override
    public void speak(String channel, Caller by) {
        if (channel == null) {
            dispatcher.speakAll();
        } else {
            dispatcher.speak(channel);
        }
    }

    @Override
    public boolean isQuiet(String channel) {
        return dispatcher.isQuietAll() || channel != null && dispatcher.isQuiet(channel);
    }

    // ------------------------------------------------------------------ status and feed

    @Override
    public Status status() {
        List<String> quiet = new ArrayList<>();
        for (Destination d : dispatcher.list()) {
            if (dispatcher.isQuiet(d.channel())) {
                quiet.add(d.channel());
            }
        }
        return new Status(feeds, changesSeen, alertsSent, alertsDropped, queueDepth, dispatcher.isQuietAll(), quiet,
                clock.millis() - startMillis, apiState, drops);
    }

    @Override
    public void readerReset(Caller by) {
        readerResets++;
    }

    // ------------------------------------------------------------------ about, plugins, conflicts

    @Override
    public Info info() {
        return new Info("0.1.0", "Alice", "https://example.org/vigie");
    }

    @Override
    public List<Plugin> plugins() {
        return plugins.entrySet().stream().map(e -> new Plugin(e.getKey(), e.getValue())).toList();
    }

    private void plugin(String name, boolean loaded) throws PortException {
        if (!plugins.containsKey(name)) {
            throw new PortException("no plugin named " + name);
        }
        plugins.put(name, loaded);
    }

    @Override
    public void pluginLoad(String name, Caller by) throws PortException {
        plugin(name, true);
    }

    @Override
    public void pluginReload(String name, Caller by) throws PortException {
        plugin(name, true);
    }

    @Override
    public void pluginUnload(String name, Caller by) throws PortException {
        plugin(name, false);
    }

    @Override
    public List<BlockConflict> blockConflicts(int limit) {
        return conflicts.stream().limit(limit).toList();
    }

    // ------------------------------------------------------------------ wiki API

    @Override
    public int reloadMessages() {
        messageReloads++;
        return 321;
    }

    @Override
    public boolean wikiApiAvailable() {
        return wikiApi;
    }

    private CompletableFuture<WikiRefresh> refresh(String what, String wiki, int perWiki) {
        refreshed.add(what + ":" + (wiki == null ? "all" : wiki));
        if (pendingRefresh != null) {
            return pendingRefresh;
        }
        int wikis = wiki == null ? 3 : 1;
        return CompletableFuture.completedFuture(new WikiRefresh(wikis, wikis * perWiki, List.of()));
    }

    @Override
    public CompletableFuture<WikiRefresh> readMessages(String wiki) {
        return refresh("messages", wiki, 13);
    }

    @Override
    public CompletableFuture<WikiRefresh> getAdmins(String wiki) {
        return refresh("admins", wiki, 150);
    }

    @Override
    public CompletableFuture<WikiRefresh> getBots(String wiki) {
        return refresh("bots", wiki, 40);
    }

    // ------------------------------------------------------------------ webhooks (stored for real, never delivered)

    private static HookInfo info(HookStats h) {
        return new HookInfo(h.name(), h.format().key(), h.redactedUrl(), h.queued(), h.sent(), h.retried(),
                h.dropped(), h.oldestMillis());
    }

    @Override
    public List<HookInfo> hooks() {
        return hooks.stats().stream().map(StoreBotPort::info).toList();
    }

    @Override
    public HookInfo hookAdd(String name, String url, String format, Caller by) throws PortException {
        HookFormat f = HookFormat.fromKey(format);
        Hook h;
        try {
            h = new Hook(name, url, f == null ? HookFormat.JSON : f);
        } catch (IllegalArgumentException e) {
            throw new PortException(templates.render("hook.badurl"), e);
        }
        hooks.add(h, actor(by));
        return hooks().stream().filter(i -> i.name().equals(h.name())).findFirst().orElseThrow();
    }

    @Override
    public boolean hookDel(String name, Caller by) throws PortException {
        if (hooks.get(name) == null) {
            return false;
        }
        String target = Destination.hookTarget(name);
        if (dispatcher.get(target) != null) {
            persistDests(by, () -> dispatcher.remove(target, "all"));
        }
        return hooks.delete(name, actor(by));
    }

    // ------------------------------------------------------------------ network

    @Override
    public CompletableFuture<Optional<String>> accountOf(String nick) {
        whoisAsked.add(nick);
        CompletableFuture<Optional<String>> pending = pendingWhois.get(nick.toLowerCase(Locale.ROOT));
        if (pending != null) {
            return pending;
        }
        Optional<String> a = accounts.get(nick.toLowerCase(Locale.ROOT));
        if (a == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("401 no such nick"));
        }
        return CompletableFuture.completedFuture(a);
    }

    @Override
    public void shutdown(Caller by) {
        shutdown = true;
    }
}
