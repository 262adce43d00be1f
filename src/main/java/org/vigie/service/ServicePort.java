package org.vigie.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.vigie.command.BotPort;
import org.vigie.command.Caller;
import org.vigie.command.PortException;
import org.vigie.config.ConfigItem;
import org.vigie.config.Settings;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.WordMatch;
import org.vigie.patrol.Event;

/**
 * The command layer's view of the running bot, served by one small service per area: each method here only says
 * which one answers. Changes return only after their commit, so that a reply never announces what a crash would lose.
 */
public final class ServicePort implements BotPort {

    private final NetworkService network;
    private final ListService lists;
    private final DestinationService destinations;
    private final StatusService status;
    private final PluginService plugins;
    private final WikiService wikis;
    private final HookService hooks;
    private final ReportService reports;

    public ServicePort(NetworkService network, ListService lists, DestinationService destinations,
                       StatusService status, PluginService plugins, WikiService wikis, HookService hooks,
                       ReportService reports) {
        this.network = network;
        this.lists = lists;
        this.destinations = destinations;
        this.status = status;
        this.plugins = plugins;
        this.wikis = wikis;
        this.hooks = hooks;
        this.reports = reports;
    }

    // ------------------------------------------------------------------ identity, network

    @Override
    public String botNick() {
        return network.botNick();
    }

    @Override
    public List<String> owners() {
        return network.owners();
    }

    @Override
    public CommandMode commandMode(String channel) {
        return destinations.commandMode(channel);
    }

    @Override
    public CompletableFuture<Optional<String>> accountOf(String nick) {
        return network.accountOf(nick);
    }

    @Override
    public Optional<String> maskOf(String nick) {
        return network.maskOf(nick);
    }

    @Override
    public void shutdown(Caller by) {
        network.shutdown(by);
    }

    // ------------------------------------------------------------------ lists, settings

    @Override
    public Optional<Entry> find(ListKind kind, String wiki, String item) {
        return lists.find(kind, wiki, item);
    }

    @Override
    public List<Entry> entriesFor(String item) {
        return lists.entriesFor(item);
    }

    @Override
    public List<Entry> operators() {
        return lists.operators();
    }

    @Override
    public Entry add(Entry entry, Caller by) throws PortException {
        return lists.add(entry, by);
    }

    @Override
    public Optional<Entry> remove(ListKind kind, String wiki, String item, Caller by) throws PortException {
        return lists.remove(kind, wiki, item, by);
    }

    @Override
    public Optional<WordMatch> testWord(ListKind kind, String wiki, String text) {
        return lists.testWord(kind, wiki, text);
    }

    @Override
    public List<AuditRecord> history(String item, int limit) {
        return lists.history(item, limit);
    }

    @Override
    public Settings settings() {
        return lists.settings();
    }

    @Override
    public Settings setConfig(ConfigItem item, String value, Caller by) throws PortException {
        return lists.setConfig(item, value, by);
    }

    // ------------------------------------------------------------------ destinations, quiet

    @Override
    public List<Subscription> destList() {
        return destinations.destList();
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
    public void unkick(String channel, Caller by) throws PortException {
        network.unkick(channel, by);
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

    // ------------------------------------------------------------------ status, about, conflicts

    @Override
    public Status status() {
        return status.status();
    }

    @Override
    public Map<String, Long> alertsLastHour() {
        return status.alertsLastHour();
    }

    @Override
    public Map<String, Long> repeatsHeld() {
        return status.repeatsHeld();
    }

    @Override
    public ScoreReload readScore() throws PortException {
        return status.readScore();
    }

    @Override
    public void readerReset(Caller by) throws PortException {
        status.readerReset(by);
    }

    @Override
    public Info info() {
        return status.info();
    }

    @Override
    public List<BlockConflict> blockConflicts(int limit) {
        return status.blockConflicts(limit);
    }

    // ------------------------------------------------------------------ plugins

    @Override
    public List<Plugin> plugins() {
        return plugins.plugins();
    }

    @Override
    public void pluginLoad(String name, Caller by) throws PortException {
        plugins.apply("load", name);
    }

    @Override
    public void pluginReload(String name, Caller by) throws PortException {
        plugins.apply("reload", name);
    }

    @Override
    public void pluginUnload(String name, Caller by) throws PortException {
        plugins.apply("unload", name);
    }

    // ------------------------------------------------------------------ wikis

    @Override
    public int reloadMessages() throws PortException {
        return wikis.reloadMessages();
    }

    @Override
    public boolean wikiApiAvailable() {
        return wikis.wikiApiAvailable();
    }

    @Override
    public CompletableFuture<WikiRefresh> readMessages(String wiki) {
        return wikis.readMessages(wiki);
    }

    @Override
    public CompletableFuture<WikiRefresh> getAdmins(String wiki) {
        return wikis.getAdmins(wiki);
    }

    @Override
    public CompletableFuture<WikiRefresh> getBots(String wiki) {
        return wikis.getBots(wiki);
    }

    @Override
    public CompletableFuture<Optional<WikiFacts>> wikiFacts(String wiki, String user) {
        return wikis.wikiFacts(wiki, user);
    }

    // ------------------------------------------------------------------ webhooks

    @Override
    public List<HookInfo> hooks() {
        return hooks.hooks();
    }

    @Override
    public HookInfo hookAdd(String name, String url, String format, Caller by) throws PortException {
        return hooks.hookAdd(name, url, format, by);
    }

    @Override
    public boolean hookDel(String name, Caller by) throws PortException {
        return hooks.hookDel(name, by);
    }

    @Override
    public int hookTest(String name, Caller by) throws PortException {
        return hooks.hookTest(name, by);
    }

    // ------------------------------------------------------------------ daily reports

    @Override
    public List<ReportSchedule> reports() {
        return reports.reports();
    }

    @Override
    public String reportZone() {
        return reports.reportZone();
    }

    @Override
    public ReportSchedule reportAdd(String target, String time, Caller by) throws PortException {
        return reports.reportAdd(target, time, by);
    }

    @Override
    public boolean reportDel(String target, Caller by) throws PortException {
        return reports.reportDel(target, by);
    }

    @Override
    public List<String> reportNow() throws PortException {
        return reports.reportNow();
    }

    @Override
    public void reportSend(String target, Caller by) throws PortException {
        reports.reportSend(target, by);
    }
}
