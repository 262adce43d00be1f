package org.vigie;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.alert.AlertFormatter;
import org.vigie.alert.AlertSink;
import org.vigie.alert.Destination;
import org.vigie.alert.Dispatcher;
import org.vigie.alert.Sinks;
import org.vigie.command.BotPort;
import org.vigie.command.CommandProcessor;
import org.vigie.command.IrcIntake;
import org.vigie.config.BotConfig;
import org.vigie.config.Settings;
import org.vigie.feed.Feed;
import org.vigie.feed.LogTexts;
import org.vigie.feed.RcLineParser;
import org.vigie.hook.HookStore;
import org.vigie.hook.Hooks;
import org.vigie.i18n.Templates;
import org.vigie.irc.IrcConnection;
import org.vigie.source.IrcFeed;
import org.vigie.lists.Lists;
import org.vigie.lists.PageNames;
import org.vigie.patrol.AutoList;
import org.vigie.patrol.BlockConflicts;
import org.vigie.patrol.Patrol;
import org.vigie.patrol.PluginState;
import org.vigie.patrol.Plugins;
import org.vigie.report.Activity;
import org.vigie.report.ActivityStore;
import org.vigie.report.Reports;
import org.vigie.score.ScoreWeights;
import org.vigie.score.Scorer;
import org.vigie.service.Connections;
import org.vigie.service.DestinationService;
import org.vigie.service.HookService;
import org.vigie.service.IrcAlertSink;
import org.vigie.service.ListService;
import org.vigie.service.Live;
import org.vigie.service.NetworkService;
import org.vigie.service.PluginService;
import org.vigie.service.ReportService;
import org.vigie.service.ServicePort;
import org.vigie.service.StatusService;
import org.vigie.service.TrailFollower;
import org.vigie.service.WikiService;
import org.vigie.store.Actor;
import org.vigie.store.Audit;
import org.vigie.store.AuditFollower;
import org.vigie.store.ConfigStore;
import org.vigie.store.Database;
import org.vigie.store.ListSnapshots;
import org.vigie.store.ListStore;
import org.vigie.store.SeedFiles;
import org.vigie.web.LiveAlerts;
import org.vigie.web.VigieWeb;
import org.vigie.web.WebServer;
import org.vigie.wiki.H2WikiCache;
import org.vigie.wiki.LiftWing;
import org.vigie.wiki.WikiApi;
import org.vigie.wiki.WikiRefresher;

/**
 * Wires the parts together and owns their start and stop order. Start: database → lists → settings → templates →
 * patrol → engine → network → feed → background jobs → status endpoint. Stop: the reverse, with H2's SHUTDOWN last.
 * What the parts do lives in their packages; the commands are served by {@link ServicePort}'s services.
 */
public final class Vigie implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Vigie.class);
    static final String VERSION = Optional.ofNullable(Vigie.class.getPackage().getImplementationVersion()).orElse("0.1.0");

    final BotConfig config;
    final Clock clock;
    final Database db;
    final Audit audit;
    final Lists lists;
    final ListStore store;
    final ConfigStore configStore;
    final ListSnapshots snapshotWriter;
    final Templates templates;
    final LogTexts logTexts;
    final Plugins plugins;
    final Patrol patrol;
    final Dispatcher dispatcher;
    /** The webhooks: their table, queues and deliveries (the sink of {@code hook:NAME} destinations). */
    final Hooks hooks;
    final Engine engine;
    final ExecutorService autoWriter;
    final ExecutorService commandThread;
    final ExecutorService background;
    final ScheduledExecutorService scheduler;
    /** Writes the periodic list snapshot: its own thread, so that the stop waits for it rather than interrupt H2. */
    final ScheduledExecutorService snapshots;
    /** Lift Wing's revert risk, when {@code wiki.liftwing} is on; otherwise {@code null}. */
    final LiftWing liftWing;
    final WikiApi wikiApi;
    /** The network and the feed, once started. */
    final Live live = new Live();
    /** The alerts on their way to the web page (a tap on the engine's output, bounded, never blocking it). */
    final LiveAlerts liveAlerts;
    final ListService listService;
    final DestinationService destinations;
    final WikiService wikis;
    final ReportService reportService;
    final PluginService pluginService;
    final ServicePort port;
    final IrcIntake intake;
    final VigieWeb webSource;
    volatile WebServer web;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;

    public Vigie(BotConfig config, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        long startedMillis = clock.millis();
        this.db = Database.open(config.get("db.url"));
        this.audit = new Audit(db, clock);
        this.lists = new Lists();
        this.store = new ListStore(db, audit, lists, clock);
        this.configStore = new ConfigStore(db, audit);
        int loaded = store.loadAll();
        this.snapshotWriter = new ListSnapshots(store, audit);
        Path listsDir = Path.of(config.get("lists.dir"));
        if (Files.isDirectory(listsDir)) {
            SeedFiles.ImportReport r = SeedFiles.importOnce(listsDir, store, configStore);
            if (r.ran()) {
                LOG.info("seed lists imported from {}: {}", listsDir, r);
            }
        }
        LOG.info("lists: {} entries ({} read from the database at start)", store.size(), loaded);
        Settings s = ListService.stored(configStore, config.get("irc.pseudonym"));
        AtomicReference<Settings> settings = new AtomicReference<>(s);
        this.templates = loadTemplates(config);
        this.logTexts = LogTexts.withDefaults();
        BlockConflicts conflicts = new BlockConflicts();
        this.plugins = new Plugins(Path.of(config.get("plugins.dir")));
        for (String problem : plugins.discover()) {
            LOG.warn("plugin skipped: {}", problem);
        }
        PluginState pluginState = new PluginState(plugins, configStore);
        pluginState.keepUnloaded();
        this.patrol = new Patrol(lists.reader(), settings::get, conflicts, new AutoList(templates), plugins::active,
                new Scorer(startWeights(listsDir)));
        this.dispatcher = new Dispatcher(config.get("irc.alerts"))
                .repeatWindow(() -> settings.get().millis(org.vigie.config.ConfigItem.REPEATMINUTES));
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
        this.liveAlerts = new LiveAlerts(clock, config.integer("web.clients"));
        AlertSink routed = Sinks.of(Map.of(Destination.TargetKind.IRC, new IrcAlertSink(live),
                Destination.TargetKind.HOOK, hooks));
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
        Reports reports = new Reports(new Activity(), new ActivityStore(db), ZoneId.of(config.get("report.zone")),
                configStore, clock.millis());
        engine.observe(reports.activity());
        WikiRefresher refresher = null;
        if (config.bool("wiki.api")) {
            this.wikiApi = WikiApi.builder(VERSION, config.get("owner").isEmpty() ? "no owner set" : config.get("owner"))
                    .clock(clock).templates(templates).build();
            refresher = new WikiRefresher(wikiApi,
                    (kind, wiki, users) -> store.replaceFromWiki(kind, wiki, users, Actor.system("wiki refresh")),
                    (wiki, messages, namespaces) -> {
                        logTexts.put(wiki, messages, namespaces);
                        // a wiki's own namespace names and aliases: page list items written with them match too
                        if (PageNames.learn(namespaces) > 0) {
                            store.rekeyPages();
                        }
                    }, new H2WikiCache(db.dataSource()), clock);
        } else {
            this.wikiApi = null;
        }
        if (config.bool("wiki.liftwing")) {
            this.liftWing = new LiftWing(new LiftWing.Options(
                    config.get("wiki.liftwing.url"), config.integer("wiki.liftwing.concurrency"),
                    Duration.ofMillis(config.integer("wiki.liftwing.timeout")),
                    config.integer("wiki.liftwing.perminute"), 10_000),
                    Connections.userAgent(config, VERSION), clock);
            engine.holdWith(new RiskGate(liftWing::revertRisk, scheduler, config.integer("wiki.liftwing.wait"),
                    settings::get, () -> patrol.scorer().suspectThreshold()));
        } else {
            this.liftWing = null;
        }
        // the services that answer the commands and feed the pages
        this.listService = new ListService(store, lists, configStore, settings, config.get("irc.pseudonym"),
                templates, clock);
        this.destinations = new DestinationService(dispatcher, configStore, hooks, templates, live,
                config.get("irc.control"));
        this.wikis = new WikiService(config, wikiApi, refresher, templates, background);
        this.reportService = new ReportService(reports, hooks, templates, live, clock);
        this.pluginService = new PluginService(pluginState, templates);
        NetworkService network = new NetworkService(live, config.get("irc.nick"), config.list("irc.owners"),
                this::requestShutdown, templates);
        this.port = new ServicePort(network, listService, destinations,
                new StatusService(VERSION, startedMillis, clock, engine, destinations, network, wikis, live, conflicts,
                        patrol.scorer(), listsDir, templates, config.get("owner"), config.get("info.source")),
                pluginService, wikis, new HookService(hooks, destinations, templates), reportService);
        CommandProcessor processor = new CommandProcessor(port, templates, clock, Path.of(config.get("commands.file")));
        this.intake = new IrcIntake(processor, config.get("irc.control"), live::network, () -> closing,
                commandThread, clock, config.integer("cmd.queue"));
        this.webSource = new VigieWeb(new VigieWeb.Parts(VERSION, startedMillis, clock, live, engine, destinations,
                lists, store, wikiApi, intake.intake(), hooks, templates, config.get("db.url"),
                config.integer("feed.watchdog")));
    }

    /** The score's weights beside the lists, or the jar's when that file is missing or wrong (said in the log). */
    private static ScoreWeights startWeights(Path listsDir) {
        try {
            return ScoreWeights.load(listsDir);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("{}: {}; the jar's weights are used", listsDir.resolve(ScoreWeights.FILE_NAME), e.getMessage());
            return ScoreWeights.defaults();
        }
    }

    private static Templates loadTemplates(BotConfig config) throws IOException {
        Path dir = Path.of(config.get("messages.dir"));
        return Files.isDirectory(dir) ? Templates.load(dir, config.get("lang")) : Templates.loadResource(config.get("lang"));
    }

    private static ThreadFactory daemon(String name) {
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

    // ------------------------------------------------------------------ start

    public void start() throws IOException {
        String hint = Connections.networkHint(config);
        if (hint != null) {
            LOG.warn(hint);
        }
        hooks.start();
        String webState = "off (web.enabled=false)";
        if (config.bool("web.enabled")) {
            try {
                web = new WebServer(config.get("web.bind"), config.integer("web.port"), config.get("web.base"),
                        templates, webSource, liveAlerts, clock, true);
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
        // built (not started) before the warm-up: the classes of its output path are then loaded when the warm-up's
        // code is compiled, and loading them afterwards does not throw that code away (the JIT had assumed the
        // warm-up's were the only ones: Outbox.prepare, enqueue and writeAll were recompiled only minutes later)
        IrcConnection network = Connections.network(config, destinations.channelsToJoin(), intake, templates);
        boolean warm = warmUp();
        live.network(network);
        network.start();
        Feed feed = Connections.feed(config, logTexts, configStore, clock, VERSION);
        live.feed(feed);
        if (warm) {
            if (feed instanceof IrcFeed irc) {
                irc.beforeFirstJoin(Vigie::settleHeap);   // the network connection has started meanwhile
            } else {
                settleHeap();
            }
        }
        feed.start(engine);   // one hand-off per socket read (Engine.acceptAll)
        scheduler.scheduleWithFixedDelay(this::sweep, 60, 60, TimeUnit.SECONDS);
        // on the snapshot thread, which the stop waits for: an interrupt in the middle of an H2 write closes the file
        snapshots.scheduleWithFixedDelay(reportService::tick, 60, 60, TimeUnit.SECONDS);
        // from where the lists were loaded, not from now: another instance's change in between is not missed
        AuditFollower f = new AuditFollower(audit, clock, store.loadedThrough());
        snapshotWriter.follower(f);
        scheduler.scheduleWithFixedDelay(new TrailFollower(store, f, listService, destinations), 5, 5,
                TimeUnit.SECONDS);
        long snapshotMinutes = config.integer("lists.snapshot.minutes");
        if (snapshotMinutes > 0) {
            snapshots.scheduleWithFixedDelay(() -> snapshotWriter.save("periodic"), snapshotMinutes, snapshotMinutes,
                    TimeUnit.MINUTES);
        }
        if (wikis.wikiApiAvailable()) {
            List<String> watched = wikis.watchedWikis();
            background.execute(() -> wikis.refreshWikis(watched));
            long every = config.integer("wiki.refresh.hours") * 3600L;
            scheduler.scheduleWithFixedDelay(() -> background.execute(() -> wikis.refreshWikis(wikis.watchedWikis())),
                    every, every, TimeUnit.SECONDS);
        }
        LOG.info("Vigie {} started: feed {} {}, network {}:{} as {}, web pages {}", VERSION, config.get("feed.source"),
                config.get("feed.source").equals("irc") ? config.get("feed.channels") : config.get("feed.wikis"),
                config.get("irc.host"), config.get("irc.port"), config.get("irc.nick"), webState);
    }

    /**
     * One full collection, once, just before the feed's lines flow: what the start left (the list import, the warm-up's
     * throw-away copies, the connections' set-up) is freed and what lives on is moved to the old generation, so that
     * the young collections while the feed flows copy only what the lines themselves keep — otherwise the start's
     * survivors are copied at every young pause for minutes (1.5–2.5 ms pauses at 1,000 lines/s instead of under 1;
     * {@code bench-irc} prints them). With a serial collector it also gives back the heap the start used beyond
     * {@code -XX:MaxHeapFreeRatio}. Part of the warm-up ({@code feed.warmup=0} turns both off); a JVM run with
     * {@code -XX:+DisableExplicitGC} ignores it.
     */
    static void settleHeap() {
        long t0 = System.nanoTime();
        // the collector of the whole heap is the one with the most pools (the last of equals: G1 Old after G1
        // Young); a System.gc() that meets a thread in a JNI critical region may run as a young collection only
        // (GCLocker): asked again then, at most twice
        java.lang.management.GarbageCollectorMXBean full = null;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            if (full == null || gc.getMemoryPoolNames().length >= full.getMemoryPoolNames().length) {
                full = gc;
            }
        }
        long before = full == null ? -1 : full.getCollectionCount();
        System.gc();
        for (int again = 0; again < 2 && full != null && before >= 0 && full.getCollectionCount() == before; again++) {
            before = full.getCollectionCount();
            System.gc();
        }
        java.lang.management.MemoryUsage heap = java.lang.management.ManagementFactory.getMemoryMXBean()
                .getHeapMemoryUsage();
        LOG.info("heap settled before the feed: {} ms, {} MB in use of {} MB", (System.nanoTime() - t0) / 1_000_000,
                heap.getUsed() >> 20, heap.getCommitted() >> 20);
    }

    /** Cold start: the per-line code compiled before the feed is joined (see {@link Warmup}). True when it ran. */
    private boolean warmUp() {
        int lines = config.integer("feed.warmup");
        if (lines <= 0) {
            return false;
        }
        long t0 = System.nanoTime();
        try {
            RcLineParser parser = new RcLineParser(logTexts);
            List<String> watched = wikis.watchedWikis();
            Warmup.run(lines, watched.isEmpty() ? "fr.wikipedia" : watched.get(0), parser::parse, lists.reader(),
                    listService::settings, templates);
            LOG.info("warm-up: {} synthetic lines in {} ms", lines, (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("warm-up failed (the bot starts anyway, cold): {}", e.toString());
        }
        return true;
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

    // ------------------------------------------------------------------ what tests and the benchmarks read

    /** The command layer's view of this bot. */
    public BotPort port() {
        return port;
    }

    /** The feed once started (the {@code bench-irc} child reads its counters). */
    public Feed feed() {
        return live.feed();
    }

    /** The engine (the {@code bench-irc} child reads its counters). */
    public Engine engine() {
        return engine;
    }

    /** The network connection once started (the {@code bench-irc} child reads its outbox's counters). */
    public IrcConnection network() {
        return live.network();
    }

    /** The lists in memory. */
    public Lists lists() {
        return lists;
    }

    /** The web pages' address ({@code http://127.0.0.1:8080/}), or {@code null} when they are off or not started. */
    public String webAddress() {
        WebServer w = web;
        return w == null ? null : w.address();
    }

    // ------------------------------------------------------------------ stop

    /** Starts an orderly stop from any thread (the shutdown command). */
    void requestShutdown(String why) {
        LOG.info("stopping: {}", why);
        close();
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
            Feed feed = live.feed();
            if (feed != null) {
                feed.close();
            }
            engine.close();
            reportService.flush();
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
            IrcConnection network = live.network();
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
            snapshotWriter.save("stop");
        } finally {
            db.close();
            stopped.countDown();
            LOG.info("stopped");
        }
    }
}
