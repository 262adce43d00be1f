package org.vigie.command;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.vigie.alert.Dispatcher;
import org.vigie.config.BotConfig;
import org.vigie.config.ConfigItem;
import org.vigie.config.Settings;
import org.vigie.feed.Feed;
import org.vigie.feed.FeedStats;
import org.vigie.hook.HookStore;
import org.vigie.hook.Hooks;
import org.vigie.i18n.Templates;
import org.vigie.lists.Entry;
import org.vigie.lists.Lists;
import org.vigie.patrol.BlockConflicts;
import org.vigie.patrol.Event;
import org.vigie.report.Activity;
import org.vigie.report.ActivityStore;
import org.vigie.report.Reports;
import org.vigie.score.ScoreWeights;
import org.vigie.score.Scorer;
import org.vigie.service.DestinationService;
import org.vigie.service.EngineFigures;
import org.vigie.service.HookService;
import org.vigie.service.ListService;
import org.vigie.service.Live;
import org.vigie.service.NetworkService;
import org.vigie.service.PluginService;
import org.vigie.service.ReportService;
import org.vigie.service.ServicePort;
import org.vigie.service.StatusService;
import org.vigie.service.WikiService;
import org.vigie.store.Actor;
import org.vigie.store.Audit;
import org.vigie.store.AuditRow;
import org.vigie.store.ConfigStore;
import org.vigie.store.Database;
import org.vigie.store.ListStore;
import org.vigie.wiki.WikiApi;

/**
 * The bot's services for the command tests: the real {@link ServicePort} (so the commands reach the services exactly
 * as in the bot, through the one forwarding there is) over the real {@link ListService}, {@link DestinationService},
 * {@link HookService}, {@link StatusService} and {@link ReportService}, on their real pieces and an in-memory H2
 * database: {@link ListStore} (validation, MediaWiki case rules, audit trail, commit before memory), {@link Lists} and
 * its word matchers, {@link Dispatcher}, {@link ConfigStore}, {@link Hooks} (not started: nothing is delivered),
 * {@link BlockConflicts}. Only the edges the tests cannot have are doubles, set or recorded by the tests through the
 * fields below: the IRC network ({@link NetworkService}: nick, owners, WHOIS, JOIN after a kick, the outbox's drops,
 * the stop; with no connection, announcements and the quietall text are not said), the engine (its counters, the
 * feed, the plugins) and the wikis' lists refreshed over HTTP (a user's facts go to the real {@link WikiApi} when
 * one is given).
 */
final class TestServices implements AutoCloseable {

    private static final AtomicLong DATABASES = new AtomicLong();

    final Clock clock;
    final Database db;
    private final Audit audit;
    final ListStore store;
    final Lists lists = new Lists();
    final ConfigStore configStore;
    final Dispatcher dispatcher = new Dispatcher(null);
    final Hooks hooks;
    final BlockConflicts conflicts = new BlockConflicts();
    private final Live live = new Live();
    /** What the command processor is given: the bot's own port. */
    final ServicePort services;

    // ------------------------------------------------------------------ the edges, recorded or set by the tests

    String botNick = "Vigie";
    /** The control channel ({@code irc.control}): commands are always heard there. */
    static final String CONTROL = "#vigie";
    final List<String> owners = new ArrayList<>();
    final List<String> unkicked = new ArrayList<>();
    long changesSeen;
    long alertsSent;
    long alertsDropped;
    int queueDepth;
    /** Thrown by the engine's counters when set: a failure inside a service. */
    RuntimeException engineFailure;
    BotPort.Drops drops = BotPort.Drops.NONE;
    long outboxDropped;
    BotPort.ApiState apiState = BotPort.ApiState.DISABLED;
    int readerResets;
    final Map<String, Boolean> plugins = new LinkedHashMap<>();
    boolean wikiApi;
    /** A refresh the test completes by hand; {@code null} for an immediate answer. */
    CompletableFuture<BotPort.WikiRefresh> pendingRefresh;
    final List<String> refreshed = new ArrayList<>();
    /** nick (lower case) → account; a nick absent from the map is offline. */
    final Map<String, Optional<String>> accounts = new HashMap<>();
    /** WHOIS the test answers itself (or never), by lower-case nick; asked before {@link #accounts}. */
    final Map<String, CompletableFuture<Optional<String>>> pendingWhois = new java.util.concurrent.ConcurrentHashMap<>();
    /** Every nick {@link NetworkService#accountOf} was asked about. */
    final List<String> whoisAsked = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean shutdown;

    TestServices(Clock clock, Templates templates) {
        this(clock, templates, null);
    }

    /** @param api the wikis' API for a user's facts ({@code intel}), or {@code null} for none */
    TestServices(Clock clock, Templates templates, WikiApi api) {
        this.clock = clock;
        this.db = Database.open("jdbc:h2:mem:commands" + DATABASES.incrementAndGet() + "-" + System.nanoTime());
        this.audit = new Audit(db, clock);
        this.store = new ListStore(db, audit, lists, clock);
        this.configStore = new ConfigStore(db, audit);
        this.hooks = new Hooks(new HookStore(db, audit), clock, Hooks.Settings.DEFAULT);
        ListService listService = new ListService(store, lists, configStore, new AtomicReference<>(Settings.defaults()),
                "", templates, clock);
        DestinationService destinations = new DestinationService(dispatcher, configStore, hooks, templates, live,
                CONTROL);
        NetworkService network = new Network(templates);
        WikiService wikis = new Wikis(templates, api);
        StatusService status = new StatusService("0.1.0", clock.millis(), clock, new Engine(), destinations, network,
                wikis, live, conflicts, new Scorer(ScoreWeights.defaults()), Path.of("lists"), templates, "Alice",
                "https://example.org/vigie");
        ReportService reports = new ReportService(new Reports(new Activity(), new ActivityStore(db), ZoneOffset.UTC,
                configStore, clock.millis()), hooks, templates, live, clock);
        this.services = new ServicePort(network, listService, destinations, status, new EnginePlugins(templates),
                wikis, new HookService(hooks, destinations, templates), reports);
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
            services.setConfig(item, value, TestBot.op());
        } catch (PortException e) {
            throw new AssertionError(e);
        }
    }

    /** The feed is running and says this about itself ({@code status}, {@code reader}). */
    void feed(FeedStats stats) {
        live.feed(new Feed() {
            @Override
            public void start(Sink sink) {
            }

            @Override
            public void reset() {
                readerResets++;
            }

            @Override
            public FeedStats stats() {
                return stats;
            }

            @Override
            public void close() {
            }
        });
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

    // ------------------------------------------------------------------ the IRC network (an edge)

    private final class Network extends NetworkService {
        Network(Templates templates) {
            super(live, "Vigie", List.of(), why -> shutdown = true, templates);
        }

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
        public Optional<String> maskOf(String nick) {
            return Optional.empty();
        }

        @Override
        public void shutdown(Caller by) {
            shutdown = true;
        }

        @Override
        public void unkick(String channel, Caller by) {
            unkicked.add(channel);
        }

        @Override
        public long outboxDropped() {
            return outboxDropped;
        }

        @Override
        public BotPort.Drops drops() {
            return drops;
        }
    }

    // ------------------------------------------------------------------ the engine (an edge): counters, plugins

    private final class Engine implements EngineFigures {
        private <T> T figure(T value) {
            if (engineFailure != null) {
                throw engineFailure;
            }
            return value;
        }

        @Override
        public long changes() {
            return figure(changesSeen);
        }

        @Override
        public long alertsSent() {
            return figure(alertsSent);
        }

        @Override
        public long dropped() {
            return figure(alertsDropped);
        }

        @Override
        public int queueDepth() {
            return figure(queueDepth);
        }

        @Override
        public long eventCount(Event e) {
            return figure(0L);
        }

        @Override
        public Map<String, Long> alertsLastHour() {
            return figure(Map.of());
        }
    }

    private final class EnginePlugins extends PluginService {
        EnginePlugins(Templates templates) {
            super(null, templates);
        }

        @Override
        public List<BotPort.Plugin> plugins() {
            return plugins.entrySet().stream().map(e -> new BotPort.Plugin(e.getKey(), e.getValue())).toList();
        }

        @Override
        public void apply(String op, String name) throws PortException {
            if (!plugins.containsKey(name)) {
                throw new PortException("no plugin named " + name);
            }
            plugins.put(name, !op.equals("unload"));
        }
    }

    // ------------------------------------------------------------------ the wikis' API over HTTP (an edge)

    private final class Wikis extends WikiService {
        Wikis(Templates templates, WikiApi api) {
            super(BotConfig.defaults(), api, null, templates, Runnable::run);
        }

        @Override
        public boolean wikiApiAvailable() {
            return wikiApi;
        }

        @Override
        public BotPort.ApiState apiState() {
            return apiState;
        }

        private CompletableFuture<BotPort.WikiRefresh> refresh(String what, String wiki, int perWiki) {
            refreshed.add(what + ":" + (wiki == null ? "all" : wiki));
            if (pendingRefresh != null) {
                return pendingRefresh;
            }
            int wikis = wiki == null ? 3 : 1;
            return CompletableFuture.completedFuture(new BotPort.WikiRefresh(wikis, wikis * perWiki, List.of()));
        }

        @Override
        public CompletableFuture<BotPort.WikiRefresh> readMessages(String wiki) {
            return refresh("messages", wiki, 13);
        }

        @Override
        public CompletableFuture<BotPort.WikiRefresh> getAdmins(String wiki) {
            return refresh("admins", wiki, 150);
        }

        @Override
        public CompletableFuture<BotPort.WikiRefresh> getBots(String wiki) {
            return refresh("bots", wiki, 40);
        }
    }
}
