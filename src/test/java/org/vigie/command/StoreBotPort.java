package org.vigie.command;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.vigie.alert.Dispatcher;
import org.vigie.config.ConfigItem;
import org.vigie.config.Settings;
import org.vigie.feed.FeedStats;
import org.vigie.hook.HookStore;
import org.vigie.hook.Hooks;
import org.vigie.i18n.Templates;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;
import org.vigie.lists.WordMatch;
import org.vigie.patrol.Event;
import org.vigie.service.DestinationService;
import org.vigie.service.HookService;
import org.vigie.service.ListService;
import org.vigie.service.Live;
import org.vigie.store.Actor;
import org.vigie.store.Audit;
import org.vigie.store.AuditRow;
import org.vigie.store.ConfigStore;
import org.vigie.store.Database;
import org.vigie.store.ListStore;

/**
 * The {@link BotPort} of the command tests: the bot's own services ({@link ListService}, {@link DestinationService},
 * {@link HookService}) over its own pieces on an in-memory H2 database: the real {@link ListStore} (validation,
 * MediaWiki case rules, audit trail, commit before memory), the real {@link Lists} and its word matchers, the real
 * {@link Dispatcher} (destination table, quiet), the real {@link ConfigStore} and {@link Hooks} (not started: nothing is
 * delivered). Only the edges the tests cannot have here are recorded or set by the tests instead: the IRC network
 * (nick, owners, WHOIS, JOIN after a kick; with no connection, announcements and the quietall text are not said), the
 * feed and the engine's counters, the wiki API, plugins and shutdown.
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
    private final ListService listService;
    private final DestinationService destinations;
    private final HookService hookService;

    // ------------------------------------------------------------------ the edges, recorded or set by the tests

    String botNick = "Vigie";
    /** The control channel ({@code irc.control}): commands are always heard there. */
    static final String CONTROL = "#vigie";
    final List<String> owners = new ArrayList<>();
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
        this.startMillis = clock.millis();
        this.db = Database.open("jdbc:h2:mem:commands" + DATABASES.incrementAndGet() + "-" + System.nanoTime());
        this.audit = new Audit(db, clock);
        this.store = new ListStore(db, audit, lists, clock);
        this.configStore = new ConfigStore(db, audit);
        this.hooks = new Hooks(new HookStore(db, audit), clock, Hooks.Settings.DEFAULT);
        this.listService = new ListService(store, lists, configStore, new AtomicReference<>(Settings.defaults()), "",
                templates, clock);
        this.destinations = new DestinationService(dispatcher, configStore, hooks, templates, new Live(), CONTROL);
        this.hookService = new HookService(hooks, destinations, templates);
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

    // ------------------------------------------------------------------ identity and network (the edge)

    @Override
    public String botNick() {
        return botNick;
    }

    @Override
    public List<String> owners() {
        return List.copyOf(owners);
    }

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
    public void unkick(String channel, Caller by) {
        unkicked.add(channel);
    }

    @Override
    public void shutdown(Caller by) {
        shutdown = true;
    }

    // ------------------------------------------------------------------ lists and settings (the bot's service)

    @Override
    public Optional<Entry> find(ListKind kind, String wiki, String item) {
        return listService.find(kind, wiki, item);
    }

    @Override
    public List<Entry> entriesFor(String item) {
        return listService.entriesFor(item);
    }

    @Override
    public List<Entry> operators() {
        return listService.operators();
    }

    @Override
    public Entry add(Entry entry, Caller by) throws PortException {
        return listService.add(entry, by);
    }

    @Override
    public Optional<Entry> remove(ListKind kind, String wiki, String item, Caller by) throws PortException {
        return listService.remove(kind, wiki, item, by);
    }

    @Override
    public Optional<WordMatch> testWord(ListKind kind, String wiki, String text) {
        return listService.testWord(kind, wiki, text);
    }

    @Override
    public List<AuditRecord> history(String item, int limit) {
        return listService.history(item, limit);
    }

    @Override
    public Settings settings() {
        return listService.settings();
    }

    @Override
    public Settings setConfig(ConfigItem item, String value, Caller by) throws PortException {
        return listService.setConfig(item, value, by);
    }

    // ------------------------------------------------------------------ destinations and quiet (the bot's service)

    @Override
    public CommandMode commandMode(String channel) {
        return destinations.commandMode(channel);
    }

    @Override
    public List<Subscription> destList() {
        return destinations.destList();
    }

    @Override
    public Subscription destAdd(String channel, Set<Event> events, Set<DestFlag> flags, boolean announce, Caller by)
            throws PortException {
        return destinations.destAdd(channel, events, flags, announce, by);
    }

    @Override
    public Subscription destDel(String channel, Set<Event> events, Set<DestFlag> flags, Caller by)
            throws PortException {
        return destinations.destDel(channel, events, flags, by);
    }

    @Override
    public Subscription destAdd(String channel, Set<Event> events, Set<DestFlag> flags, List<String> values,
                                boolean announce, Caller by) throws PortException {
        return destinations.destAdd(channel, events, flags, values, announce, by);
    }

    @Override
    public Subscription destDel(String channel, Set<Event> events, Set<DestFlag> flags, List<String> values,
                                Caller by) throws PortException {
        return destinations.destDel(channel, events, flags, values, by);
    }

    @Override
    public void destSwap(String a, String b, Caller by) throws PortException {
        destinations.destSwap(a, b, by);
    }

    @Override
    public Subscription destSet(String dest, String source, Caller by) throws PortException {
        return destinations.destSet(dest, source, by);
    }

    @Override
    public void quiet(String channel, Caller by) {
        destinations.quiet(channel, by);
    }

    @Override
    public void quietAll(String text, Caller by) {
        destinations.quietAll(text, by);
    }

    @Override
    public void speak(String channel, Caller by) {
        destinations.speak(channel, by);
    }

    @Override
    public boolean isQuiet(String channel) {
        return destinations.isQuiet(channel);
    }

    // ------------------------------------------------------------------ webhooks (the bot's service, never delivered)

    @Override
    public List<HookInfo> hooks() {
        return hookService.hooks();
    }

    @Override
    public HookInfo hookAdd(String name, String url, String format, Caller by) throws PortException {
        return hookService.hookAdd(name, url, format, by);
    }

    @Override
    public boolean hookDel(String name, Caller by) throws PortException {
        return hookService.hookDel(name, by);
    }

    // ------------------------------------------------------------------ status: engine and feed figures (the edge)

    @Override
    public Status status() {
        return new Status(feeds, changesSeen, alertsSent, alertsDropped, queueDepth, destinations.isQuietAll(),
                destinations.quietChannels(), clock.millis() - startMillis, apiState, drops);
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
}
