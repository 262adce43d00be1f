package org.vigie;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.vigie.alert.Destination;
import org.vigie.alert.Priority;
import org.vigie.command.BotPort;
import org.vigie.command.Caller;
import org.vigie.command.PortException;
import org.vigie.config.ConfigItem;
import org.vigie.config.Settings;
import org.vigie.feed.FeedStats;
import org.vigie.hook.Hook;
import org.vigie.hook.HookFormat;
import org.vigie.hook.HookStats;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.WordMatch;
import org.vigie.patrol.BlockConflicts;
import org.vigie.patrol.Event;
import org.vigie.store.Actor;
import org.vigie.store.AuditRow;
import org.vigie.store.StoreException;
import org.vigie.wiki.UserFacts;
import org.vigie.wiki.WikiApi;
import org.vigie.wiki.WikiRefresher;

/**
 * The command layer's view of the running bot: each operation delegates to the store, the dispatcher, the feed or the
 * network connection. Changes return only after their commit, so that a reply never announces what a crash would lose.
 */
final class VigiePort implements BotPort {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VigiePort.class);

    private final Vigie v;

    VigiePort(Vigie v) {
        this.v = v;
    }

    static Actor actor(Caller c) {
        return new Actor(c.nick(), c.account(), c.host());
    }

    // ------------------------------------------------------------------ identity

    @Override
    public String botNick() {
        return v.network == null ? v.config.get("irc.nick") : v.network.currentNick();
    }

    @Override
    public List<String> owners() {
        return v.config.list("irc.owners");
    }

    @Override
    public CommandMode commandMode(String channel) {
        if (channel == null) {
            return CommandMode.LOUD;
        }
        if (Destination.key(channel).equals(Destination.key(v.config.get("irc.control")))) {
            return CommandMode.LOUD;
        }
        if (v.dispatcher.hearsCommands(channel)) {
            return v.dispatcher.commandsSilent(channel) ? CommandMode.SILENT : CommandMode.LOUD;
        }
        return CommandMode.NONE;
    }

    // ------------------------------------------------------------------ lists

    @Override
    public Optional<Entry> find(ListKind kind, String wiki, String item) {
        return Optional.ofNullable(v.store.find(kind, wiki, item));
    }

    @Override
    public List<Entry> entriesFor(String item) {
        return v.store.entriesFor(item);
    }

    @Override
    public List<Entry> operators() {
        return v.store.entries(ListKind.ACLO);
    }

    @Override
    public Entry add(Entry entry, Caller by) throws PortException {
        try {
            return v.store.add(entry, actor(by)).entry();
        } catch (IllegalArgumentException e) {
            throw new PortException(e.getMessage(), e);
        } catch (StoreException e) {
            throw notStored(e);
        }
    }

    @Override
    public Optional<Entry> remove(ListKind kind, String wiki, String item, Caller by) throws PortException {
        try {
            return Optional.ofNullable(v.store.remove(kind, wiki, item, actor(by)));
        } catch (IllegalArgumentException e) {
            throw new PortException(e.getMessage(), e);
        } catch (StoreException e) {
            throw notStored(e);
        }
    }

    @Override
    public Optional<WordMatch> testWord(ListKind kind, String wiki, String text) {
        return Optional.ofNullable(v.lists.findWord(kind, wiki, text, v.clock.millis()));
    }

    @Override
    public List<AuditRecord> history(String item, int limit) {
        List<AuditRecord> out = new ArrayList<>();
        for (AuditRow r : v.store.history(item, limit)) {
            out.add(new AuditRecord(r.atMillis(), r.account() == null ? r.nick() : r.nick() + " (" + r.account() + ")",
                    r.action().name().toLowerCase(java.util.Locale.ROOT), ListKind.fromCommand(r.area()), r.wiki(),
                    r.item(), r.details()));
        }
        return out;
    }

    /**
     * A change the database refused, said as "not stored: the disk is full" (or read-only, or the database's own words):
     * never an acknowledgement, and a reason the operator can act on rather than H2's "database has been closed".
     */
    private PortException notStored(StoreException e) {
        String reason = switch (e.reason()) {
            case DISK_FULL -> v.templates.render("store.reason.full");
            case READ_ONLY -> v.templates.render("store.reason.readonly");
            case OTHER -> v.templates.render("store.reason.other", "detail", e.detail());
        };
        LOG.warn("change not stored: {} ({})", e.detail(), e.reason());
        return new PortException(v.templates.render("store.notstored", "reason", reason), e);
    }

    // ------------------------------------------------------------------ settings

    @Override
    public Settings settings() {
        return v.settings.get();
    }

    @Override
    public Settings setConfig(ConfigItem item, String value, Caller by) throws PortException {
        synchronized (v.settings) {
            try {
                Settings next = v.settings.get().with(item, value);
                v.configStore.saveSetting(item, next.get(item), actor(by));
                v.settings.set(next);
                return next;
            } catch (IllegalArgumentException e) {
                throw new PortException(e.getMessage(), e);
            } catch (StoreException e) {
                throw notStored(e);
            }
        }
    }

    // ------------------------------------------------------------------ destinations

    @Override
    public List<Subscription> destList() {
        List<Subscription> out = new ArrayList<>();
        for (Destination d : v.dispatcher.list()) {
            out.add(subscription(d));
        }
        return out;
    }

    static Subscription subscription(Destination d) {
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

    static String spec(Set<Event> events, Set<DestFlag> flags) {
        List<String> words = new ArrayList<>();
        events.forEach(e -> words.add(e.key()));
        flags.forEach(f -> words.add(f.key()));
        return String.join(",", words);
    }

    /**
     * Applies a change to the table, stores what now differs from the stored table, and rolls memory back if storing
     * fails. Compared with the stored table rather than with memory: while nothing is stored, the default channel
     * (irc.alerts) lives in memory only, and once any destination is stored the stored table is the whole truth, so the
     * first change must store the default channel too, or the next reload (the audit follower, a restart) drops it.
     * Holds the dispatcher's monitor, as the audit follower does when it reloads the table.
     */
    private void persistDests(Caller by, Runnable change) throws PortException {
        synchronized (v.dispatcher) {
            Map<String, String> before = v.dispatcher.specs();
            try {
                change.run();
            } catch (IllegalArgumentException e) {
                throw new PortException(e.getMessage(), e);
            }
            Map<String, String> after = v.dispatcher.specs();
            try {
                Map<String, String> stored = new HashMap<>();     // key -> spec
                Map<String, String> storedNames = new HashMap<>(); // key -> channel as stored
                v.configStore.loadDestinations().forEach((ch, spec) -> {
                    stored.put(Destination.key(ch), spec);
                    storedNames.put(Destination.key(ch), ch);
                });
                Set<String> kept = new HashSet<>();
                for (Map.Entry<String, String> e : after.entrySet()) {
                    String key = Destination.key(e.getKey());
                    kept.add(key);
                    if (!e.getValue().equals(stored.get(key))) {
                        v.configStore.saveDestination(e.getKey(), e.getValue(), actor(by));
                    }
                }
                for (Map.Entry<String, String> e : storedNames.entrySet()) {
                    if (!kept.contains(e.getKey())) {
                        v.configStore.deleteDestination(e.getValue(), actor(by));
                    }
                }
            } catch (StoreException e) {
                v.dispatcher.load(before);
                throw notStored(e);
            } catch (IllegalArgumentException e) {
                v.dispatcher.load(before);
                throw new PortException(e.getMessage(), e);
            }
            v.followTable(before, after);
        }
    }

    @Override
    public Subscription destAdd(String channel, Set<Event> events, Set<DestFlag> flags, boolean announce, Caller by)
            throws PortException {
        if (Destination.isHook(channel) && v.hooks.get(Destination.hookName(channel)) == null) {
            throw new PortException(v.templates.render("dest.nohook", "name", Destination.hookName(channel)));
        }
        persistDests(by, () -> v.dispatcher.add(channel, spec(events, flags)));
        Destination d = v.dispatcher.get(channel);
        if (announce && d != null && d.isJoined() && v.network != null) {
            v.network.outbox().send(Priority.REPLY, channel,
                    v.templates.render("dest.announce", "nick", by.nick(), "spec", d.spec()));
        }
        return d == null ? new Subscription(channel, Set.of(), Set.of()) : subscription(d);
    }

    @Override
    public Subscription destDel(String channel, Set<Event> events, Set<DestFlag> flags, Caller by)
            throws PortException {
        if (v.dispatcher.get(channel) == null) {
            throw new PortException(v.templates.render("dest.unknown", "channel", channel));
        }
        String spec = events.size() == Event.values().length && flags.isEmpty() ? "all" : spec(events, flags);
        persistDests(by, () -> v.dispatcher.remove(channel, spec));
        Destination d = v.dispatcher.get(channel);
        return d == null ? new Subscription(channel, Set.of(), Set.of()) : subscription(d);
    }

    @Override
    public void destSwap(String a, String b, Caller by) throws PortException {
        persistDests(by, () -> {
            if (!v.dispatcher.swap(a, b)) {
                throw new IllegalArgumentException(v.templates.render("dest.unknown", "channel", a + " / " + b));
            }
        });
    }

    @Override
    public Subscription destSet(String dest, String source, Caller by) throws PortException {
        persistDests(by, () -> {
            if (v.dispatcher.set(dest, source) == null) {
                throw new IllegalArgumentException(v.templates.render("dest.unknown", "channel", source));
            }
        });
        return subscription(v.dispatcher.get(dest));
    }

    @Override
    public void unkick(String channel, Caller by) throws PortException {
        if (v.network == null) {
            throw new PortException(v.templates.render("port.nonetwork"));
        }
        v.network.join(channel);
    }

    // ------------------------------------------------------------------ quiet

    @Override
    public void quiet(String channel, Caller by) {
        if (channel == null) {
            v.dispatcher.quietAll();
        } else {
            v.dispatcher.quiet(channel);
        }
    }

    @Override
    public void quietAll(String text, Caller by) {
        v.dispatcher.quietAll();
        if (text != null && !text.isBlank() && v.network != null) {
            for (Destination d : v.dispatcher.list()) {
                if (d.isJoined()) {
                    v.network.outbox().send(Priority.REPLY, d.channel(), text);
                }
            }
        }
    }

    @Override
    public void speak(String channel, Caller by) {
        if (channel == null) {
            v.dispatcher.speakAll();
        } else {
            v.dispatcher.speak(channel);
        }
    }

    @Override
    public boolean isQuiet(String channel) {
        return v.dispatcher.isQuietAll() || channel != null && v.dispatcher.isQuiet(channel);
    }

    // ------------------------------------------------------------------ status

    @Override
    public Status status() {
        List<FeedStats> feeds = v.feed == null ? List.of() : List.of(v.feed.stats());
        List<String> quiet = new ArrayList<>();
        for (Destination d : v.dispatcher.list()) {
            if (v.dispatcher.isQuiet(d.channel())) {
                quiet.add(d.channel());
            }
        }
        long dropped = v.engine.dropped() + (v.network == null ? 0 : v.network.outbox().dropped());
        ApiState api = v.wikiApi == null ? ApiState.DISABLED
                : v.wikiApi.states().values().stream().allMatch(s -> s.equals("ok") || s.contains("not contacted"))
                ? ApiState.UP : ApiState.FAILING;
        Drops drops = v.network == null ? Drops.NONE : new Drops(v.network.outbox().staleDropped(),
                v.network.outbox().fullDropped(), v.network.outbox().coalesced());
        return new Status(feeds, v.engine.changes(), v.engine.alertsSent(), dropped, v.engine.queueDepth(),
                v.dispatcher.isQuietAll(), quiet, v.clock.millis() - v.startedMillis, api, drops);
    }

    @Override
    public void readerReset(Caller by) throws PortException {
        if (v.feed == null) {
            throw new PortException(v.templates.render("port.nofeed"));
        }
        v.feed.reset();
    }

    // ------------------------------------------------------------------ about, plugins, conflicts

    @Override
    public Info info() {
        String owner = v.config.get("owner");
        String source = v.config.get("info.source");
        return new Info(Vigie.VERSION, owner.isEmpty() ? v.templates.render("info.noowner") : owner,
                source.isEmpty() ? v.templates.render("info.nosource") : source);
    }

    @Override
    public List<Plugin> plugins() {
        return v.pluginList();
    }

    @Override
    public void pluginLoad(String name, Caller by) throws PortException {
        v.pluginOp("load", name);
    }

    @Override
    public void pluginReload(String name, Caller by) throws PortException {
        v.pluginOp("reload", name);
    }

    @Override
    public void pluginUnload(String name, Caller by) throws PortException {
        v.pluginOp("unload", name);
    }

    @Override
    public List<BlockConflict> blockConflicts(int limit) {
        List<BlockConflict> out = new ArrayList<>();
        for (BlockConflicts.Conflict c : v.conflicts.recent(limit)) {
            out.add(new BlockConflict(c.secondMillis(), c.wiki(), c.target(), c.firstAdmin(), c.firstAction(),
                    c.secondAdmin(), c.secondAction()));
        }
        return out;
    }

    // ------------------------------------------------------------------ wiki API

    @Override
    public int reloadMessages() throws PortException {
        try {
            return v.templates.reload();
        } catch (java.io.IOException | RuntimeException e) {
            throw new PortException(e.getMessage(), e);
        }
    }

    @Override
    public boolean wikiApiAvailable() {
        return v.refresher != null;
    }

    private CompletableFuture<WikiRefresh> refresh(String wiki, boolean messages) {
        List<String> wikis = wiki == null ? v.watchedWikis() : List.of(wiki);
        return CompletableFuture.supplyAsync(() -> {
            int items = 0;
            List<String> failures = new ArrayList<>();
            for (String w : wikis) {
                WikiRefresher.Result r = messages ? v.refresher.refreshMessages(w) : v.refresher.refreshAdminsAndBots(w);
                if (r.ok()) {
                    items += messages ? Math.max(0, r.messages()) : Math.max(0, r.admins()) + Math.max(0, r.bots());
                } else {
                    failures.add(w + ": " + r.error());
                }
            }
            return new WikiRefresh(wikis.size(), items, failures);
        }, v.background);
    }

    @Override
    public CompletableFuture<WikiRefresh> readMessages(String wiki) {
        return refresh(wiki, true);
    }

    @Override
    public CompletableFuture<WikiRefresh> getAdmins(String wiki) {
        return refresh(wiki, false);
    }

    @Override
    public CompletableFuture<WikiRefresh> getBots(String wiki) {
        return refresh(wiki, false);
    }

    // ------------------------------------------------------------------ wiki facts for intel

    @Override
    public CompletableFuture<Optional<WikiFacts>> wikiFacts(String wiki, String user) {
        String w = wiki != null ? wiki : v.watchedWikis().stream().findFirst().orElse(null);
        return wikiFacts(v.wikiApi, w, user);
    }

    /**
     * The wiki's facts through the API's cached, time-limited lookup; empty without an API, a wiki or a name, and for
     * an IP address (the API answers {@code invalid}: there is no account to describe).
     */
    static CompletableFuture<Optional<WikiFacts>> wikiFacts(WikiApi api, String wiki, String user) {
        if (api == null || wiki == null || user == null || user.isBlank()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return api.userFactsAsync(wiki, user).thenApply(VigiePort::facts);
    }

    static Optional<WikiFacts> facts(UserFacts f) {
        return switch (f.status()) {
            case INVALID -> Optional.empty();
            case MISSING -> Optional.of(new WikiFacts(f.wiki(), f.user(), false, 0, null, List.of(), null));
            case FOUND -> Optional.of(new WikiFacts(f.wiki(), f.user(), true, f.editCount(), f.registration(),
                    f.groups().stream().filter(g -> !g.equals("*") && !g.equals("user")).toList(),
                    f.block() == null ? null : new WikiBlock(f.block().by(), f.block().expiry(), f.block().reason(),
                            f.block().partial())));
        };
    }

    // ------------------------------------------------------------------ webhooks

    private static HookInfo info(HookStats h) {
        return new HookInfo(h.name(), h.format().key(), h.redactedUrl(), h.queued(), h.sent(), h.retried(),
                h.dropped(), h.oldestMillis());
    }

    @Override
    public List<HookInfo> hooks() {
        List<HookInfo> out = new ArrayList<>();
        for (HookStats h : v.hooks.stats()) {
            out.add(info(h));
        }
        return out;
    }

    @Override
    public HookInfo hookAdd(String name, String url, String format, Caller by) throws PortException {
        HookFormat f = HookFormat.fromKey(format);
        Hook h;
        try {
            h = new Hook(name, url, f == null ? HookFormat.JSON : f);
        } catch (IllegalArgumentException e) {
            throw new PortException(v.templates.render("hook.badurl"), e);
        }
        try {
            v.hooks.add(h, actor(by));
        } catch (StoreException e) {
            throw new PortException(e.getMessage(), e);
        }
        return hooks().stream().filter(i -> i.name().equals(h.name())).findFirst()
                .orElse(new HookInfo(h.name(), h.format().key(), h.redactedUrl(), 0, 0, 0, Map.of(), 0));
    }

    @Override
    public boolean hookDel(String name, Caller by) throws PortException {
        String target = Destination.hookTarget(name);
        if (v.hooks.get(name) == null) {
            return false;
        }
        if (v.dispatcher.get(target) != null) {
            persistDests(by, () -> v.dispatcher.remove(target, "all"));
        }
        try {
            return v.hooks.delete(name, actor(by));
        } catch (StoreException e) {
            throw new PortException(e.getMessage(), e);
        }
    }

    @Override
    public int hookTest(String name, Caller by) throws PortException {
        try {
            return v.hooks.test(name, v.templates.render("hook.test.text", "nick", by.nick()));
        } catch (IllegalArgumentException e) {
            throw new PortException(v.templates.render("dest.nohook", "name", name), e);
        } catch (java.io.IOException e) {
            throw new PortException(v.templates.render("hook.noanswer", "why", e.getMessage()), e);
        }
    }

    // ------------------------------------------------------------------ daily reports

    @Override
    public List<ReportSchedule> reports() {
        List<ReportSchedule> out = new ArrayList<>();
        for (org.vigie.report.Reports.Schedule s : v.reports.schedules()) {
            out.add(new ReportSchedule(s.target(), s.time()));
        }
        return out;
    }

    @Override
    public String reportZone() {
        return v.reports.zone().getId();
    }

    @Override
    public ReportSchedule reportAdd(String target, String time, Caller by) throws PortException {
        if (Destination.isHook(target) && v.hooks.get(Destination.hookName(target)) == null) {
            throw new PortException(v.templates.render("dest.nohook", "name", Destination.hookName(target)));
        }
        try {
            org.vigie.report.Reports.Schedule s = v.reports.add(target, org.vigie.report.Reports.time(time));
            return new ReportSchedule(s.target(), s.time());
        } catch (StoreException e) {
            throw new PortException(e.getMessage(), e);
        }
    }

    @Override
    public boolean reportDel(String target, Caller by) throws PortException {
        try {
            return v.reports.remove(target);
        } catch (StoreException e) {
            throw new PortException(e.getMessage(), e);
        }
    }

    @Override
    public List<String> reportNow() throws PortException {
        try {
            return v.reports.last(24, v.clock.millis()).ircLines(v.templates);
        } catch (StoreException e) {
            throw new PortException(e.getMessage(), e);
        }
    }

    @Override
    public void reportSend(String target, Caller by) throws PortException {
        try {
            if (!v.sendReport(target)) {
                throw new PortException(Destination.isHook(target)
                        ? v.templates.render("dest.nohook", "name", Destination.hookName(target))
                        : v.templates.render("port.nonetwork"));
            }
        } catch (StoreException e) {
            throw new PortException(e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ network

    @Override
    public CompletableFuture<Optional<String>> accountOf(String nick) {
        if (v.network == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no network connection"));
        }
        return v.network.accountOf(nick);
    }

    @Override
    public Optional<String> maskOf(String nick) {
        return v.network == null ? Optional.empty() : v.network.knownMask(nick);
    }

    @Override
    public void shutdown(Caller by) {
        Thread t = new Thread(() -> v.requestShutdown("shutdown by " + by.nick()), "shutdown");
        t.start();
    }
}
