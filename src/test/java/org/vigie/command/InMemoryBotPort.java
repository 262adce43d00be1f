package org.vigie.command;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.vigie.config.ConfigItem;
import org.vigie.config.Settings;
import org.vigie.feed.FeedStats;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.WordMatch;
import org.vigie.patrol.Event;

/**
 * A working {@link BotPort} over plain maps: lists with MediaWiki's case rules, an audit trail, the destination
 * table, quiet state, settings. What the real wiring does with H2, the dispatcher and IRC, this does in memory.
 */
class InMemoryBotPort implements BotPort {

    private record Key(ListKind kind, String wiki, String item) {
    }

    final Clock clock;
    String botNick = "Vigie";
    final List<String> owners = new ArrayList<>();
    final Map<String, CommandMode> modes = new HashMap<>();
    private final Map<Key, Entry> entries = new LinkedHashMap<>();
    final List<AuditRecord> audit = new ArrayList<>();
    Settings settings = Settings.defaults();
    final Map<String, Subscription> dests = new LinkedHashMap<>();
    final List<String> announced = new ArrayList<>();
    final Set<String> unkicked = new LinkedHashSet<>();
    final Set<String> quiet = new LinkedHashSet<>();
    boolean quietAll;
    String quietAllText;
    final List<FeedStats> feeds = new ArrayList<>();
    long changesSeen;
    long alertsSent;
    long alertsDropped;
    int queueDepth;
    Drops drops = Drops.NONE;
    long startMillis;
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
    /** When set, the next write fails with this reason (a store failure). */
    String failNextWrite;

    InMemoryBotPort(Clock clock) {
        this.clock = clock;
        this.startMillis = clock.millis();
        modes.put("#vigie", CommandMode.LOUD);
    }

    private static String norm(ListKind kind, String item) {
        String s = item.strip();
        return switch (kind.itemType()) {
            case USER, PAGE -> {
                s = s.replace('_', ' ');
                yield s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
            }
            case WORD, ACCOUNT -> s.toLowerCase(Locale.ROOT);
        };
    }

    private void failIfAsked() throws PortException {
        if (failNextWrite != null) {
            String r = failNextWrite;
            failNextWrite = null;
            throw new PortException(r);
        }
    }

    /** Seeds an entry without going through a command (automatic additions, old data). */
    void put(Entry e) {
        entries.put(new Key(e.kind(), e.wiki(), norm(e.kind(), e.item())), e);
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
    public CommandMode commandMode(String channel) {
        return modes.getOrDefault(channel.toLowerCase(Locale.ROOT), CommandMode.NONE);
    }

    @Override
    public Optional<Entry> find(ListKind kind, String wiki, String item) {
        Entry e = entries.get(new Key(kind, wiki, norm(kind, item)));
        return e == null || e.expiredAt(clock.millis()) ? Optional.empty() : Optional.of(e);
    }

    @Override
    public List<Entry> entriesFor(String item) {
        List<Entry> out = new ArrayList<>();
        long now = clock.millis();
        for (Map.Entry<Key, Entry> e : entries.entrySet()) {
            if (e.getKey().item().equals(norm(e.getKey().kind(), item)) && !e.getValue().expiredAt(now)) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    @Override
    public List<Entry> operators() {
        long now = clock.millis();
        return entries.values().stream().filter(e -> e.kind() == ListKind.ACLO && !e.expiredAt(now)).toList();
    }

    @Override
    public Entry add(Entry entry, Caller by) throws PortException {
        failIfAsked();
        String item = entry.item();
        if (entry.kind().isWordList() && item.length() >= 2 && item.startsWith("/") && item.endsWith("/")) {
            try {
                Pattern.compile(item.substring(1, item.length() - 1));
            } catch (PatternSyntaxException e) {
                throw new PortException("invalid regular expression: " + e.getDescription());
            }
        }
        put(entry);
        audit.add(0, new AuditRecord(clock.millis(), by.adderName(), "add", entry.kind(), entry.wiki(), item,
                entry.reason()));
        return entry;
    }

    @Override
    public Optional<Entry> remove(ListKind kind, String wiki, String item, Caller by) throws PortException {
        failIfAsked();
        Entry e = entries.remove(new Key(kind, wiki, norm(kind, item)));
        if (e == null || e.expiredAt(clock.millis())) {
            return Optional.empty();
        }
        audit.add(0, new AuditRecord(clock.millis(), by.adderName(), "del", kind, wiki, e.item(), ""));
        return Optional.of(e);
    }

    @Override
    public Optional<WordMatch> testWord(ListKind kind, String wiki, String text) {
        long now = clock.millis();
        for (Entry e : entries.values()) {
            if (e.kind() != kind || e.expiredAt(now) || !(e.isGlobal() || e.wiki().equals(wiki))) {
                continue;
            }
            String w = e.item();
            if (w.length() >= 2 && w.startsWith("/") && w.endsWith("/")) {
                Matcher m = Pattern.compile(w.substring(1, w.length() - 1), Pattern.CASE_INSENSITIVE).matcher(text);
                if (m.find()) {
                    return Optional.of(new WordMatch(e, m.group()));
                }
            } else {
                int i = text.toLowerCase(Locale.ROOT).indexOf(w.toLowerCase(Locale.ROOT));
                if (i >= 0) {
                    return Optional.of(new WordMatch(e, text.substring(i, i + w.length())));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public List<AuditRecord> history(String item, int limit) {
        return audit.stream().filter(r -> norm(r.kind(), r.item()).equals(norm(r.kind(), item))).limit(limit)
                .toList();
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public Settings setConfig(ConfigItem item, String value, Caller by) throws PortException {
        failIfAsked();
        settings = settings.with(item, value);
        return settings;
    }

    @Override
    public List<Subscription> destList() {
        return List.copyOf(dests.values());
    }

    private Subscription dest(String channel) {
        return dests.getOrDefault(channel.toLowerCase(Locale.ROOT),
                new Subscription(channel, Set.of(), Set.of()));
    }

    @Override
    public Subscription destAdd(String channel, Set<Event> events, Set<DestFlag> flags, boolean announce, Caller by)
            throws PortException {
        failIfAsked();
        Subscription s = dest(channel);
        Set<Event> ev = EnumSet.noneOf(Event.class);
        ev.addAll(s.events());
        ev.addAll(events);
        Set<DestFlag> fl = EnumSet.noneOf(DestFlag.class);
        fl.addAll(s.flags());
        fl.addAll(flags);
        Subscription n = new Subscription(channel, ev, fl);
        dests.put(channel.toLowerCase(Locale.ROOT), n);
        if (announce) {
            announced.add(channel);
        }
        return n;
    }

    @Override
    public Subscription destDel(String channel, Set<Event> events, Set<DestFlag> flags, Caller by)
            throws PortException {
        failIfAsked();
        Subscription s = dest(channel);
        Set<Event> ev = EnumSet.noneOf(Event.class);
        ev.addAll(s.events());
        ev.removeAll(events);
        Set<DestFlag> fl = EnumSet.noneOf(DestFlag.class);
        fl.addAll(s.flags());
        fl.removeAll(flags);
        Subscription n = new Subscription(s.channel(), ev, fl);
        if (n.isEmpty()) {
            dests.remove(channel.toLowerCase(Locale.ROOT));
        } else {
            dests.put(channel.toLowerCase(Locale.ROOT), n);
        }
        return n;
    }

    @Override
    public void destSwap(String a, String b, Caller by) throws PortException {
        failIfAsked();
        Subscription sa = dest(a);
        Subscription sb = dest(b);
        dests.remove(a.toLowerCase(Locale.ROOT));
        dests.remove(b.toLowerCase(Locale.ROOT));
        if (!sb.isEmpty()) {
            dests.put(a.toLowerCase(Locale.ROOT), new Subscription(a, sb.events(), sb.flags()));
        }
        if (!sa.isEmpty()) {
            dests.put(b.toLowerCase(Locale.ROOT), new Subscription(b, sa.events(), sa.flags()));
        }
    }

    @Override
    public Subscription destSet(String dest, String source, Caller by) throws PortException {
        failIfAsked();
        Subscription s = dest(source);
        Subscription n = new Subscription(dest, s.events(), s.flags());
        dests.put(dest.toLowerCase(Locale.ROOT), n);
        return n;
    }

    @Override
    public void unkick(String channel, Caller by) {
        unkicked.add(channel);
    }

    @Override
    public void quiet(String channel, Caller by) {
        quiet.add(channel.toLowerCase(Locale.ROOT));
    }

    @Override
    public void quietAll(String text, Caller by) {
        quietAll = true;
        quietAllText = text;
    }

    @Override
    public void speak(String channel, Caller by) {
        if (channel == null) {
            quietAll = false;
            quiet.clear();
        } else {
            quiet.remove(channel.toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public boolean isQuiet(String channel) {
        return quietAll || (channel != null && quiet.contains(channel.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Status status() {
        return new Status(feeds, changesSeen, alertsSent, alertsDropped, queueDepth, quietAll, List.copyOf(quiet),
                clock.millis() - startMillis, apiState, drops);
    }

    @Override
    public void readerReset(Caller by) {
        readerResets++;
    }

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
