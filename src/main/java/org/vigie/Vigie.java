package org.vigie;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.alert.AlertFormatter;
import org.vigie.alert.AlertSink;
import org.vigie.alert.Destination;
import org.vigie.alert.Dispatcher;
import org.vigie.alert.Priority;
import org.vigie.alert.Sinks;
import org.vigie.i18n.Templates;
import org.vigie.command.BotPort;
import org.vigie.command.CommandIntake;
import org.vigie.command.CommandProcessor;
import org.vigie.command.PortException;
import org.vigie.command.Reply;
import org.vigie.config.BotConfig;
import org.vigie.config.Settings;
import org.vigie.feed.Feed;
import org.vigie.feed.LogTexts;
import org.vigie.feed.RcLineParser;
import org.vigie.feed.StreamFeed;
import org.vigie.feed.StreamParser;
import org.vigie.hook.HookStore;
import org.vigie.hook.Hooks;
import org.vigie.irc.ConnectionSettings;
import org.vigie.irc.IrcConnection;
import org.vigie.irc.IrcFeed;
import org.vigie.irc.IrcHandler;
import org.vigie.irc.IrcMessage;
import org.vigie.irc.OutboxSettings;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;
import org.vigie.patrol.AutoList;
import org.vigie.patrol.BlockConflicts;
import org.vigie.patrol.Patrol;
import org.vigie.patrol.PluginException;
import org.vigie.patrol.Plugins;
import org.vigie.store.Actor;
import org.vigie.store.Audit;
import org.vigie.store.AuditFollower;
import org.vigie.store.ConfigStore;
import org.vigie.store.Database;
import org.vigie.store.ListStore;
import org.vigie.store.SeedFiles;
import org.vigie.web.LiveAlerts;
import org.vigie.web.WebServer;
import org.vigie.wiki.H2WikiCache;
import org.vigie.wiki.WikiApi;
import org.vigie.wiki.WikiRefresher;

/**
 * Wires the parts together and owns their start and stop order. Start: database → lists → settings → templates →
 * patrol → engine → network → feed → background jobs → status endpoint. Stop: the reverse, with H2's SHUTDOWN last.
 */
public final class Vigie implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Vigie.class);
    static final String VERSION = Optional.ofNullable(Vigie.class.getPackage().getImplementationVersion()).orElse("0.1.0");

    final BotConfig config;
    final Clock clock;
    final long startedMillis;
    final Database db;
    final Audit audit;
    final Lists lists;
    final ListStore store;
    final ConfigStore configStore;
    final AtomicReference<Settings> settings;
    volatile Templates templates;
    final LogTexts logTexts;
    final BlockConflicts conflicts;
    final Plugins plugins;
    final Patrol patrol;
    final Dispatcher dispatcher;
    /** The webhooks: their table, queues and deliveries (the sink of {@code hook:NAME} destinations). */
    final Hooks hooks;
    /** The daily reports: their schedule and the activity they count. */
    final org.vigie.report.Reports reports;
    final Engine engine;
    final ExecutorService autoWriter;
    final ExecutorService commandThread;
    final ExecutorService background;
    final ScheduledExecutorService scheduler;
    /** Writes the periodic list snapshot: its own thread, so that the stop waits for it rather than interrupt H2. */
    final ScheduledExecutorService snapshots;
    final VigiePort port;
    final CommandProcessor processor;
    final CommandIntake intake;
    final WikiApi wikiApi;
    final WikiRefresher refresher;
    /** burst, brigade, editwar, reverted: alerts that are not coalesced with the editor's others. */
    private static final long BEHAVIOUR_NEWS = org.vigie.patrol.Event.BURST.bit() | org.vigie.patrol.Event.BRIGADE.bit()
            | org.vigie.patrol.Event.EDITWAR.bit() | org.vigie.patrol.Event.REVERTED.bit();
    /** Lift Wing's revert risk, when {@code wiki.liftwing} is on; otherwise {@code null}. */
    final org.vigie.wiki.LiftWing liftWing;
    IrcConnection network;
    Feed feed;
    /** The alerts on their way to the web page (a tap on the engine's output, bounded, never blocking it). */
    final LiveAlerts liveAlerts;
    volatile WebServer web;
    /** Follows the audit trail once started; its safe position is what a list snapshot is complete up to. */
    private volatile AuditFollower follower;
    /** The audit id of the last snapshot written, to skip writing the same one again. */
    private volatile long lastSnapshotId = -1;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;

    public Vigie(BotConfig config, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.startedMillis = clock.millis();
        this.db = Database.open(config.get("db.url"));
        this.audit = new Audit(db, clock);
        this.lists = new Lists();
        this.store = new ListStore(db, audit, lists, clock);
        this.configStore = new ConfigStore(db, audit);
        int loaded = store.loadAll();
        this.lastSnapshotId = store.snapshotAuditId();
        Path listsDir = Path.of(config.get("lists.dir"));
        if (Files.isDirectory(listsDir)) {
            SeedFiles.ImportReport r = SeedFiles.importOnce(listsDir, store, configStore);
            if (r.ran()) {
                LOG.info("seed lists imported from {}: {}", listsDir, r);
            }
        }
        LOG.info("lists: {} entries ({} read from the database at start)", store.size(), loaded);
        Settings s = storedSettings();
        this.settings = new AtomicReference<>(s);
        this.templates = loadTemplates();
        this.logTexts = LogTexts.withDefaults();
        this.conflicts = new BlockConflicts();
        this.plugins = new Plugins(Path.of(config.get("plugins.dir")));
        for (String problem : plugins.discover()) {
            LOG.warn("plugin skipped: {}", problem);
        }
        keepUnloaded();
        this.patrol = new Patrol(lists.reader(), settings::get, conflicts, new AutoList(templates), plugins::active,
                new org.vigie.score.Scorer(startWeights(listsDir)));
        this.dispatcher = new Dispatcher(config.get("irc.alerts"));
        List<String> skipped = dispatcher.load(configStore.loadDestinations());
        if (!skipped.isEmpty()) {
            LOG.warn("stored destinations skipped: {}", skipped);
        }
        if (s.startupQuiet()) {
            dispatcher.quietAll();
        }
        this.autoWriter = single("store-writer");
        // commands: a refused task must be seen (the intake counts it), never silently discarded
        this.commandThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(10_000),
                daemon("commands"), new ThreadPoolExecutor.AbortPolicy());
        this.background = Executors.newFixedThreadPool(2, daemon("background"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("scheduler"));
        this.snapshots = Executors.newSingleThreadScheduledExecutor(daemon("snapshot"));
        this.hooks = new Hooks(new HookStore(db, audit), clock, Hooks.Settings.DEFAULT
                .withStale(Duration.ofSeconds(config.integer("hook.stale"))));
        AlertSink irc = (alert, verdict) -> {
            if (network != null && !network.isKicked(alert.channel())) {
                // one editor's repeated alerts are coalesced per channel (issue 13.4), except those that say
                // something new about the editor's behaviour: these fire once per window, never a flood
                String user = verdict.change().user();
                if ((verdict.events() & BEHAVIOUR_NEWS) != 0) {
                    user = null;
                }
                network.outbox().sendAlert(alert.priority(), alert.channel(), alert.text(),
                        user == null ? null : verdict.change().wiki() + "|" + user,
                        user == null ? null : AlertFormatter.bounded(user, AlertFormatter.NAME_MAX));
            }
        };
        this.liveAlerts = new LiveAlerts(clock, config.integer("web.clients"));
        AlertSink routed = Sinks.of(Map.of(Destination.TargetKind.IRC, irc, Destination.TargetKind.HOOK, hooks));
        this.engine = new Engine(patrol, dispatcher, new AlertFormatter(templates),
                (alert, verdict) -> {
                    routed.send(alert, verdict);
                    liveAlerts.send(alert, verdict);    // the web's tap: every alert, bounded, never waits
                },
                (entry, cause) -> autoWriter.execute(() -> {
                    try {
                        store.add(entry, Actor.system("auto"));
                    } catch (RuntimeException e) {
                        LOG.warn("automatic entry {} {} not stored: {}", entry.kind().command(), entry.item(),
                                e.getMessage());
                    }
                }),
                clock, config.integer("feed.queue")).inline(config.bool("engine.inline"));
        this.reports = new org.vigie.report.Reports(new org.vigie.report.Activity(),
                new org.vigie.report.ActivityStore(db), java.time.ZoneId.of(config.get("report.zone")),
                new org.vigie.report.Reports.Kv() {
                    @Override
                    public String get(String key) {
                        return configStore.get(key);
                    }

                    @Override
                    public void put(String key, String value) {
                        configStore.put(key, value);
                    }
                }, clock.millis());
        engine.observe(reports.activity());
        if (config.bool("wiki.api")) {
            this.wikiApi = WikiApi.builder(VERSION, config.get("owner").isEmpty() ? "no owner set" : config.get("owner"))
                    .clock(clock).templates(templates).build();
            this.refresher = new WikiRefresher(wikiApi,
                    (kind, wiki, users) -> store.replaceFromWiki(kind, wiki, users, Actor.system("wiki refresh")),
                    (wiki, messages, namespaces) -> {
                        logTexts.put(wiki, messages, namespaces);
                        // a wiki's own namespace names and aliases: page list items written with them match too
                        if (org.vigie.lists.PageNames.learn(namespaces) > 0) {
                            store.rekeyPages();
                        }
                    }, new H2WikiCache(db.dataSource()), clock);
        } else {
            this.wikiApi = null;
            this.refresher = null;
        }
        if (config.bool("wiki.liftwing")) {
            this.liftWing = new org.vigie.wiki.LiftWing(new org.vigie.wiki.LiftWing.Options(
                    config.get("wiki.liftwing.url"), config.integer("wiki.liftwing.concurrency"),
                    java.time.Duration.ofMillis(config.integer("wiki.liftwing.timeout")),
                    config.integer("wiki.liftwing.perminute"), 10_000),
                    WikiApi.userAgent(VERSION, config.get("owner").isEmpty() ? "no owner set" : config.get("owner")),
                    clock);
            engine.holdWith(new RiskGate(liftWing::revertRisk, scheduler, config.integer("wiki.liftwing.wait"),
                    settings::get, () -> patrol.scorer().suspectThreshold()));
        } else {
            this.liftWing = null;
        }
        this.port = new VigiePort(this);
        this.processor = new CommandProcessor(port, templates, clock,
                Path.of(config.get("commands.file")));
        this.intake = new CommandIntake(processor,
                (nick, login, host) -> network.accountOf(nick, login, host), commandThread, this::replyTo,
                clock, config.integer("cmd.queue"), CommandIntake.DEFAULT_REFUSED_BUDGET);
    }

    /** The score's weights beside the lists, or the jar's when that file is missing or wrong (said in the log). */
    private static org.vigie.score.ScoreWeights startWeights(Path listsDir) {
        try {
            return org.vigie.score.ScoreWeights.load(listsDir);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("{}: {}; the jar's weights are used", listsDir.resolve(org.vigie.score.ScoreWeights.FILE_NAME),
                    e.getMessage());
            return org.vigie.score.ScoreWeights.defaults();
        }
    }

    /** The stored settings, with bot.properties' pseudonym when none is stored (at start and at every reload). */
    private Settings storedSettings() {
        Settings s = Settings.of(configStore.loadSettings());
        if (s.pseudonym().isEmpty() && !config.get("irc.pseudonym").isEmpty()) {
            s = s.with(org.vigie.config.ConfigItem.PSEUDONYM, config.get("irc.pseudonym"));
        }
        return s;
    }

    private Templates loadTemplates() throws IOException {
        Path dir = Path.of(config.get("messages.dir"));
        return Files.isDirectory(dir) ? Templates.load(dir, config.get("lang")) : Templates.loadResource(config.get("lang"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static ExecutorService single(String name) {
        // bounded: a flood of commands or automatic entries must not grow without limit
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(10_000), daemon(name),
                new ThreadPoolExecutor.DiscardPolicy());
    }

    /** The wikis this instance watches (from the feed channels, or feed.wikis for EventStreams). */
    List<String> watchedWikis() {
        List<String> out = new ArrayList<>();
        if ("eventstreams".equals(config.get("feed.source"))) {
            for (String w : config.list("feed.wikis")) {
                if (!w.equals("*")) {
                    out.add(org.vigie.feed.WikiNames.canonical(w));
                }
            }
        } else {
            for (String c : config.list("feed.channels")) {
                out.add(c.substring(1));
            }
        }
        return out;
    }

    /** The global groups (unless {@code wiki.globalgroups} is off), then each watched wiki. Background thread. */
    private void refreshWikis(List<String> wikis) {
        if (config.bool("wiki.globalgroups") && !wikis.isEmpty()) {
            refresher.refreshGlobalGroups();
        }
        refresher.refreshAll(wikis);
    }

    // ------------------------------------------------------------------ start

    public void start() throws IOException {
        String hint = networkHint(config);
        if (hint != null) {
            LOG.warn(hint);
        }
        hooks.start();
        String webState = "off (web.enabled=false)";
        if (config.bool("web.enabled")) {
            try {
                web = new WebServer(config.get("web.bind"), config.integer("web.port"), config.get("web.base"),
                        templates, new VigieWeb(this), liveAlerts, clock, true);
                web.allowHosts(config.list("web.hosts"));
                webState = "on " + web.address();
            } catch (IOException e) {
                // the patrol matters more than its pages: say it plainly and go on without them
                webState = "off: cannot listen on " + config.get("web.bind") + ":" + config.get("web.port") + " ("
                        + e.getMessage() + "); set web.port to a free port, or web.enabled=false";
                LOG.warn("web pages {}", webState);
            }
        }
        engine.start();
        warmUp();
        startNetwork();
        startFeed();
        scheduler.scheduleWithFixedDelay(this::sweep, 60, 60, TimeUnit.SECONDS);
        // on the snapshot thread, which the stop waits for: an interrupt in the middle of an H2 write closes the file
        snapshots.scheduleWithFixedDelay(this::reportTick, 60, 60, TimeUnit.SECONDS);
        // from where the lists were loaded, not from now: another instance's change in between is not missed
        AuditFollower f = new AuditFollower(audit, clock, store.loadedThrough());
        follower = f;
        scheduler.scheduleWithFixedDelay(() -> follow(f), 5, 5, TimeUnit.SECONDS);
        long snapshotMinutes = config.integer("lists.snapshot.minutes");
        if (snapshotMinutes > 0) {
            snapshots.scheduleWithFixedDelay(() -> saveSnapshot("periodic"), snapshotMinutes, snapshotMinutes,
                    TimeUnit.MINUTES);
        }
        if (refresher != null) {
            List<String> wikis = watchedWikis();
            background.execute(() -> refreshWikis(wikis));
            long every = config.integer("wiki.refresh.hours") * 3600L;
            scheduler.scheduleWithFixedDelay(() -> background.execute(() -> refreshWikis(watchedWikis())),
                    every, every, TimeUnit.SECONDS);
        }
        LOG.info("Vigie {} started: feed {} {}, network {}:{} as {}, web pages {}", VERSION, config.get("feed.source"),
                config.get("feed.source").equals("irc") ? config.get("feed.channels") : config.get("feed.wikis"),
                config.get("irc.host"), config.get("irc.port"), config.get("irc.nick"), webState);
    }

    /** Cold start: the per-line code compiled before the feed is joined (see {@link Warmup}). */
    private void warmUp() {
        int lines = config.integer("feed.warmup");
        if (lines <= 0) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            RcLineParser parser = new RcLineParser(logTexts);
            List<String> wikis = watchedWikis();
            Warmup.run(lines, wikis.isEmpty() ? "fr.wikipedia" : wikis.get(0), parser::parse, lists.reader(),
                    settings::get, templates);
            LOG.info("warm-up: {} synthetic lines in {} ms", lines, (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("warm-up failed (the bot starts anyway, cold): {}", e.toString());
        }
    }

    /** The keys that place the bot on a network; all four left at their shipped values means "not configured". */
    static final List<String> NETWORK_KEYS = List.of("irc.host", "irc.nick", "irc.control", "irc.alerts");

    /**
     * One line for a newcomer whose bot.properties still names the shipped example network, nick and channels (the
     * bot would join someone else's channels as someone else's nick), saying which keys to set; {@code null} once any
     * of them is the operator's own.
     */
    static String networkHint(BotConfig c) {
        BotConfig shipped = BotConfig.defaults();
        List<String> values = new ArrayList<>();
        List<String> env = new ArrayList<>();
        for (String k : NETWORK_KEYS) {
            if (!c.get(k).equals(shipped.get(k))) {
                return null;
            }
            values.add(k + "=" + c.get(k));
            env.add("VIGIE_" + k.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
        }
        return "network not configured: " + String.join(", ", values) + " are the shipped examples; set "
                + String.join(", ", NETWORK_KEYS) + " in bot.properties (or " + String.join(", ", env)
                + ") to your network, your bot's nick, your control channel and your alert channel";
    }

    private void sweep() {
        try {
            int n = store.sweep(clock.millis());
            if (n > 0) {
                LOG.info("{} expired list entries removed", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("sweep failed: {}", e.getMessage());
        }
    }

    private long reconnectsSeen;

    /** Once a minute: the activity to the store (with the feed's reconnections and silence), then the reports due. */
    private void reportTick() {
        try {
            long now = clock.millis();
            long reconnects = 0;
            long silent = 0;
            if (feed != null) {
                var s = feed.stats();
                reconnects = Math.max(0, s.reconnects() - reconnectsSeen);
                reconnectsSeen = s.reconnects();
                silent = !s.connected() || now - s.lastLineMillis() > 60_000 ? 1 : 0;
            }
            reports.flush(reconnects, silent, now);
            for (org.vigie.report.Reports.Schedule due : reports.due(now)) {
                sendReport(due.target());
            }
        } catch (RuntimeException e) {
            LOG.warn("reports: {}", e.toString());
        }
    }

    /** Sends the report of the last 24 h: the short form to a channel, the rich form to a webhook. */
    boolean sendReport(String target) {
        org.vigie.report.Report r = reports.last(24, clock.millis());
        if (Destination.isHook(target)) {
            return hooks.post(Destination.hookName(target), templates.render("report.title", "hours", 24),
                    r.richText(templates), r.json(new com.fasterxml.jackson.databind.ObjectMapper()));
        }
        if (network == null) {
            return false;
        }
        for (String line : r.ircLines(templates)) {
            network.outbox().send(Priority.REPLY, target, line);
        }
        return true;
    }

    private void follow(AuditFollower follower) {
        try {
            var rows = store.follow(follower);
            if (!rows.isEmpty()) {
                if (rows.stream().anyMatch(r -> Audit.CONFIG.equals(r.area()))) {
                    synchronized (settings) {        // as a config command does: never overwrite its newer value
                        settings.set(storedSettings());
                    }
                }
                if (rows.stream().anyMatch(r -> Audit.DEST.equals(r.area()))) {
                    synchronized (dispatcher) {      // as a dest command does, between its change and its commit
                        Map<String, String> before = dispatcher.specs();
                        dispatcher.load(configStore.loadDestinations());
                        followTable(before, dispatcher.specs());
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("following the audit trail failed: {}", e.getMessage());
        }
    }

    /**
     * Writes the snapshot of the lists that the next start reads, complete up to the follower's safe position (or the
     * newest audit row before the follower runs). Skipped when nothing was audited since the last one. A failure is
     * only logged: the previous snapshot stays valid, the next start replays more.
     */
    private void saveSnapshot(String why) {   // not synchronized: close() holds this object's lock while it waits for it
        try {
            AuditFollower f = follower;
            LongSupplier upTo = f != null ? f::safePosition : audit::latestId;
            if (upTo.getAsLong() == lastSnapshotId) {
                return;
            }
            ListStore.SnapshotInfo s = store.saveSnapshot(upTo);
            lastSnapshotId = s.auditId();
            LOG.info("lists snapshot ({}): {} entries, {} KB, {} ms, audit id {}", why, s.entries(), s.bytes() / 1024,
                    s.millis(), s.auditId());
        } catch (RuntimeException e) {
            LOG.warn("lists snapshot ({}) not written: {}", why, e.getMessage());
        }
    }

    private OutboxSettings outboxSettings() {
        int rate = config.integer("irc.rate");
        return OutboxSettings.DEFAULT.withPace(config.integer("irc.burst"), rate)
                .withStaleMillis(config.integer("irc.stale") * 1000L)
                .withHigh(config.integer("irc.queue.high"), config.integer("irc.high.share"));
    }

    private void startNetwork() {
        Set<String> channels = new LinkedHashSet<>();
        channels.add(config.get("irc.control"));
        for (Destination d : dispatcher.list()) {
            if (d.isJoined()) {
                channels.add(d.channel());
            }
        }
        ConnectionSettings cs = ConnectionSettings.of("network", config.get("irc.host"), config.integer("irc.port"),
                        config.get("irc.nick"))
                .withTls(config.bool("irc.tls"))
                .withChannels(new ArrayList<>(channels))
                .withWatchdog(config.integer("irc.watchdog") * 1000L,
                        Math.min(ConnectionSettings.DEFAULT_SOCKET_TIMEOUT_MILLIS, config.integer("irc.watchdog") * 500))
                .withOutbox(outboxSettings());
        boolean credentials = !config.get("irc.sasl.user").isEmpty() || !config.get("irc.password").isEmpty();
        boolean clear = !config.bool("irc.tls");
        if (credentials && clear && !config.bool("irc.allow-plaintext-auth")) {
            LOG.warn("irc.tls=false: the SASL and server passwords are NOT sent (they would cross the network in clear);"
                    + " use TLS, or set irc.allow-plaintext-auth=true for a local or trusted server");
        } else {
            if (credentials && clear) {
                LOG.warn("irc.allow-plaintext-auth=true: the SASL and server passwords go to {}:{} in clear",
                        config.get("irc.host"), config.get("irc.port"));
            }
            if (!config.get("irc.sasl.user").isEmpty()) {
                cs = cs.withSasl(config.get("irc.sasl.user"), config.get("irc.sasl.password"));
            }
            if (!config.get("irc.password").isEmpty()) {
                cs = cs.withServerPassword(config.get("irc.password"));
            }
        }
        network = new IrcConnection(cs, new NetworkHandler(), org.vigie.irc.Outbox.dropNote(templates));
        network.outbox().coalesceNote(org.vigie.irc.Outbox.coalesceNote(templates));
        network.outbox().fullNote(org.vigie.irc.Outbox.fullNote(templates));
        network.start();
    }

    private void startFeed() {
        if ("eventstreams".equals(config.get("feed.source"))) {
            StreamParser parser = new StreamParser(logTexts);
            StreamFeed.Builder b = StreamFeed.builder(WikiApi.userAgent(VERSION,
                            config.get("owner").isEmpty() ? "no owner set" : config.get("owner")), parser::toEvent)
                    .url(config.get("feed.stream.url"))
                    .wikis(new LinkedHashSet<>(config.list("feed.wikis")))
                    .clock(clock)
                    .watchdog(Duration.ofSeconds(config.integer("feed.watchdog")))
                    .cursor(new StreamFeed.Cursor() {
                        @Override
                        public String load() {
                            return configStore.get("stream.cursor");
                        }

                        @Override
                        public void save(String id) {
                            configStore.put("stream.cursor", id);
                        }
                    });
            feed = b.build();
        } else {
            RcLineParser parser = new RcLineParser(logTexts);
            ConnectionSettings cs = ConnectionSettings.of("feed", config.get("feed.host"), config.integer("feed.port"),
                            config.get("feed.nick"))
                    .withTls(config.bool("feed.tls"))
                    .withChannels(config.list("feed.channels"))
                    .withWatchdog(config.integer("feed.watchdog") * 1000L,
                            Math.min(ConnectionSettings.DEFAULT_SOCKET_TIMEOUT_MILLIS,
                                    config.integer("feed.watchdog") * 500))
                    .withOutbox(OutboxSettings.DEFAULT);
            feed = new IrcFeed(cs, config.get("feed.sender"), parser::parse);
        }
        feed.start(engine);   // one hand-off per socket read (Engine.acceptAll)
    }

    /** Joins the channels that became destinations and parts those that stopped being one. */
    void followTable(Map<String, String> before, Map<String, String> after) {
        Set<String> was = new java.util.HashSet<>();
        before.keySet().forEach(c -> was.add(Destination.key(c)));
        Set<String> is = new java.util.HashSet<>();
        after.keySet().forEach(c -> is.add(Destination.key(c)));
        for (String ch : after.keySet()) {
            if (!was.contains(Destination.key(ch))) {
                joinDestination(ch);
            }
        }
        for (String ch : before.keySet()) {
            if (!is.contains(Destination.key(ch))) {
                partDestination(ch);
            }
        }
    }

    /** Joins a channel that became a destination (not a preset, not a webhook). */
    void joinDestination(String channel) {
        if (network != null && !channel.startsWith("!") && !Destination.isHook(channel)) {
            network.join(channel);
        }
    }

    /** Parts a channel that stopped being a destination, unless it is the control channel (or a webhook). */
    void partDestination(String channel) {
        if (network != null && !Destination.isHook(channel)
                && !Destination.key(channel).equals(Destination.key(config.get("irc.control")))) {
            network.part(channel);
        }
    }

    List<BotPort.Plugin> pluginList() {
        List<BotPort.Plugin> out = new ArrayList<>();
        for (Plugins.Info i : plugins.list()) {
            out.add(new BotPort.Plugin(i.name(), i.loaded()));
        }
        return out;
    }

    void pluginOp(String op, String name) throws PortException {
        // asked before the operation: unloading a jar forgets its detectors
        String designation = plugins.designation(name);
        try {
            switch (op) {
                case "load" -> plugins.load(name);
                case "unload" -> plugins.unload(name);
                default -> plugins.reload(name);
            }
        } catch (PluginException e) {
            throw new PortException(templates.render(e.problem().key(), "name", e.subject()), e);
        }
        if (designation != null) {
            rememberUnloaded(designation, op.equals("unload"));
        }
    }

    /** The key under which the plugins an operator unloaded are kept, one designation a line. */
    static final String UNLOADED_PLUGINS = "plugins.unloaded";

    /** The designations of the plugins an operator unloaded and did not load again, in the order they were unloaded. */
    private Set<String> unloadedPlugins() {
        Set<String> out = new LinkedHashSet<>();
        String stored = configStore.get(UNLOADED_PLUGINS);
        if (stored != null) {
            for (String n : stored.split("\n")) {
                if (!n.isBlank()) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** Adds or removes one designation of the stored set. A failure to store is only logged: the operation stands. */
    private synchronized void rememberUnloaded(String designation, boolean unloaded) {
        if (designation.indexOf('\n') >= 0) {
            return;
        }
        try {
            Set<String> names = unloadedPlugins();
            boolean changed = unloaded ? names.add(designation) : names.remove(designation);
            if (changed) {
                configStore.put(UNLOADED_PLUGINS, names.isEmpty() ? null : String.join("\n", names));
            }
        } catch (RuntimeException e) {
            LOG.warn("the plugins' state could not be stored: {}", e.getMessage());
        }
    }

    /** At start: what an operator unloaded stays unloaded across a restart. */
    private void keepUnloaded() {
        Set<String> names;
        try {
            names = unloadedPlugins();
        } catch (RuntimeException e) {
            LOG.warn("the plugins' stored state could not be read: {}", e.getMessage());
            return;
        }
        for (String n : names) {
            try {
                plugins.unload(n);
                LOG.info("plugin {} left unloaded, as an operator left it (plugin load {} to bring it back)", n, n);
            } catch (PluginException e) {
                if (e.problem() == PluginException.Problem.UNKNOWN) {
                    LOG.info("plugin {} was unloaded by an operator and is gone: forgotten", n);
                    rememberUnloaded(n, false);
                }
            }
        }
    }

    // ------------------------------------------------------------------ commands from the network

    private final class NetworkHandler implements IrcHandler {
        @Override
        public void onMessage(IrcMessage m) {
            if (m.isNotice() || closing) {
                return;
            }
            String channel = m.channel();
            if (channel != null && port.commandMode(channel) == BotPort.CommandMode.NONE) {
                return;
            }
            // On the reader thread, and never blocking: the intake decides what needs a WHOIS and queues the rest.
            boolean op = network.isOp(config.get("irc.control"), m.nick());
            intake.offer(new CommandIntake.Incoming(m.nick(), m.login(), m.host(), m.account(), m.accountKnown(),
                    channel, op, m.text()));
        }

        @Override
        public void onConnected() {
            LOG.info("network connected as {}", network.currentNick());
        }
    }

    /** Operators' answers go in the replies lane; others' in the lane that gets what alerts leave, dropped first. */
    private Reply replyTo(CommandIntake.Incoming m, boolean operator) {
        Priority p = operator ? Priority.REPLY : Priority.PUBLIC;
        return new Reply() {
            @Override
            public void say(String text) {
                network.outbox().send(p, m.channel() == null ? m.nick() : m.channel(), text);
            }

            @Override
            public void notice(String text) {
                network.outbox().notice(p, m.nick(), text);
            }
        };
    }

    // ------------------------------------------------------------------ stop

    /** Starts an orderly stop from any thread (the shutdown command). */
    void requestShutdown(String why) {
        LOG.info("stopping: {}", why);
        close();
    }

    /** The web pages' address ({@code http://127.0.0.1:8080/}), or {@code null} when they are off or not started. */
    public String webAddress() {
        WebServer w = web;
        return w == null ? null : w.address();
    }

    /** Blocks until the bot has stopped. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            if (web != null) {
                web.close();
            }
            liveAlerts.close();
            if (feed != null) {
                feed.close();
            }
            engine.close();
            try {
                reports.flush(0, 0, clock.millis());
            } catch (RuntimeException e) {
                LOG.warn("reports: last minute not stored: {}", e.toString());
            }
            hooks.close();       // after the engine: what it handed over is stored first
            scheduler.shutdownNow();
            background.shutdownNow();
            commandThread.shutdown();
            autoWriter.shutdown();
            try {
                autoWriter.awaitTermination(5, TimeUnit.SECONDS);
                commandThread.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (network != null) {
                network.close(templates.render("irc.quit"));
            }
            if (wikiApi != null) {
                wikiApi.close();
            }
            if (liftWing != null) {
                liftWing.close();
            }
            plugins.close();
            // After the engine and every writer: the last changes are in memory and in the audit trail.
            snapshots.shutdown();
            try {
                snapshots.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            saveSnapshot("stop");
        } finally {
            db.close();
            stopped.countDown();
            LOG.info("stopped");
        }
    }

    // ------------------------------------------------------------------ command line

    static int runFromCommandLine(String configFile, List<String> args, PrintStream out, PrintStream err)
            throws Exception {
        if (!args.isEmpty()) {
            err.println("run takes no argument besides --config FILE\n" + Main.USAGE);
            return 2;
        }
        BotConfig cfg = BotConfig.load(Path.of(configFile == null ? "bot.properties" : configFile),
                configFile != null, System.getenv());
        Vigie v = new Vigie(cfg, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            v.close();
        }, "sigterm"));
        try {
            v.start();
        } catch (IOException | RuntimeException e) {
            v.close();      // what started is stopped and the database closed: the error is the last word
            throw e;
        }
        v.awaitStop();
        return 0;
    }

    static int importExport(String mode, String configFile, List<String> args, PrintStream out, PrintStream err)
            throws IOException {
        if (args.size() != 1) {
            err.println(mode + " needs a folder\n" + Main.USAGE);
            return 2;
        }
        BotConfig cfg = BotConfig.load(Path.of(configFile == null ? "bot.properties" : configFile),
                configFile != null, System.getenv());
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(cfg.get("db.url"))) {
            ListStore store = new ListStore(db, new Audit(db, clock), new Lists(), clock);
            store.loadAll();
            Path dir = Path.of(args.get(0));
            if (mode.equals("export")) {
                out.println(SeedFiles.export(dir, store));
            } else {
                out.println(SeedFiles.importAll(dir, store));
            }
        }
        return 0;
    }

    /**
     * {@code report [--since 24h] [--json]}: the report of a period, from the database, for cron users. With an
     * embedded H2 file the bot must be stopped (H2 locks the file), or {@code db.url} must point to a shared server.
     */
    static int reportFromCommandLine(String configFile, List<String> args, PrintStream out, PrintStream err)
            throws IOException {
        long sinceMillis = 24 * 3_600_000L;
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--since") && i + 1 < args.size()) {
                sinceMillis = period(args.get(++i));
                if (sinceMillis <= 0) {
                    err.println("--since: a period such as 24h, 7d or 90m, got " + args.get(i));
                    return 2;
                }
            } else {
                err.println("report takes [--since 24h] [--json]\n" + Main.USAGE);
                return 2;
            }
        }
        BotConfig cfg = BotConfig.load(Path.of(configFile == null ? "bot.properties" : configFile),
                configFile != null, System.getenv());
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(cfg.get("db.url"))) {
            long now = clock.millis();
            org.vigie.report.Report r = org.vigie.report.Report.build(new org.vigie.report.ActivityStore(db),
                    now - sinceMillis, now);
            if (json) {
                com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
                out.println(m.writeValueAsString(r.json(m)));
            } else {
                Path dir = Path.of(cfg.get("messages.dir"));
                Templates t = Files.isDirectory(dir) ? Templates.load(dir, cfg.get("lang"))
                        : Templates.loadResource(cfg.get("lang"));
                out.println(r.richText(t));
            }
        }
        return 0;
    }

    /** {@code 24h}, {@code 7d}, {@code 90m} in milliseconds; -1 when unreadable. */
    static long period(String s) {
        if (s.length() < 2) {
            return -1;
        }
        long unit = switch (s.charAt(s.length() - 1)) {
            case 'm' -> 60_000L;
            case 'h' -> 3_600_000L;
            case 'd' -> 86_400_000L;
            default -> -1;
        };
        try {
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return unit < 0 || n <= 0 || n > 10_000 ? -1 : n * unit;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
