package org.vigie.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.vigie.Vigie;
import org.vigie.config.BotConfig;
import org.vigie.feed.RcLineWriter;
import org.vigie.testirc.NgircdServer;
import org.vigie.testirc.TestClient;
import org.vigie.testutil.Await;

/**
 * One real ngIRCd, one real {@link Vigie} connected to it twice (feed and network), and plain-socket witnesses:
 * the feeder speaking as {@code rc-pmtpa} in {@code #fr.wikipedia}, an operator who was first in {@code #vigie}
 * (so channel operator there), a stranger, and a watcher sitting in {@code #vigie-alertes}.
 *
 * <p>Waits are on conditions seen over the wire, bounded by {@link #WAIT}; nothing sleeps for a fixed time.
 */
final class LiveBot implements AutoCloseable {

    static final String FEED = "#fr.wikipedia";
    static final String CONTROL = "#vigie";
    static final String ALERTS = "#vigie-alertes";
    static final String NICK = "Vigie";
    static final String FEED_NICK = "vigie-feed";
    static final Duration WAIT = Duration.ofSeconds(15);

    /** diff ids for feed lines: unique within a run, so that an alert can be found by its diff link. */
    private static final AtomicLong DIFF = new AtomicLong(900_000_000);
    /**
     * Each person connects from a loopback address of their own: Vigie's command throttle counts by host, and on one
     * shared 127.0.0.1 every client would spend the same budget.
     */
    private static final AtomicInteger ADDRESS = new AtomicInteger();

    final NgircdServer irc;
    final Path dir;
    final Path db;
    private final List<String> extra;
    TestClient feeder;
    TestClient operator;
    TestClient stranger;
    TestClient watcher;
    Vigie vigie;

    private LiveBot(NgircdServer irc, Path dir, List<String> extra) {
        this.irc = irc;
        this.dir = dir;
        this.db = dir.resolve("db").resolve("vigie");
        this.extra = extra;
    }

    /**
     * Starts the server, the witnesses (the operator joins {@code #vigie} first, so it is channel operator there), then
     * Vigie, and returns once Vigie sits in its channels and its feed connection in {@code #fr.wikipedia}.
     *
     * @param config extra bot.properties keys and values, e.g. {@code "irc.rate", "50"}
     */
    static LiveBot start(Path dir, String... config) throws IOException {
        NgircdServer irc = NgircdServer.start();
        LiveBot b = new LiveBot(irc, dir, List.of(config));
        try {
            b.connectClients();
            b.startVigie();
        } catch (IOException | RuntimeException | Error e) {
            b.close();
            throw e;
        }
        return b;
    }

    /**
     * As {@link #start}, with config that depends on the server (e.g. a proxy in front of it, made before Vigie starts).
     */
    static LiveBot startVia(Path dir, java.util.function.Function<NgircdServer, String[]> config) throws IOException {
        NgircdServer irc = NgircdServer.start();
        LiveBot b;
        try {
            b = new LiveBot(irc, dir, List.of(config.apply(irc)));
        } catch (RuntimeException | Error e) {
            irc.close();
            throw e;
        }
        try {
            b.connectClients();
            b.startVigie();
        } catch (IOException | RuntimeException | Error e) {
            b.close();
            throw e;
        }
        return b;
    }

    BotConfig config() throws IOException {
        Path lists = Files.createDirectories(dir.resolve("lists-empty"));
        List<String> kv = new ArrayList<>(List.of(
                "feed.host", irc.host(), "feed.port", Integer.toString(irc.port()), "feed.tls", "false",
                "feed.nick", FEED_NICK, "feed.channels", FEED,
                // the feeder's mask on this server (the real feed's, special.user, is not what ngIRCd shows here)
                "feed.sender", "rc-pmtpa!*rc-pmtpa@127.*",
                "irc.host", irc.host(), "irc.port", Integer.toString(irc.port()), "irc.tls", "false",
                "irc.nick", NICK, "irc.control", CONTROL, "irc.alerts", ALERTS,
                "irc.rate", "0",
                "wiki.api", "false", "web.port", "0",
                "db.url", "jdbc:h2:file:" + db.toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
                "lists.dir", lists.toString(),
                "messages.dir", "messages",
                "commands.file", dir.resolve("commands.properties").toString(),
                "lang", "en"));
        kv.addAll(extra);
        return BotConfig.defaults().with(kv.toArray(new String[0]));
    }

    void connectClients() throws IOException {
        operator = person("oper");
        operator.join(CONTROL);                 // first in the channel: channel operator
        stranger = person("passant");
        stranger.join(CONTROL);
        watcher = person("veilleur");
        watcher.join(ALERTS);
        feeder = person("rc-pmtpa");
        feeder.join(FEED);
    }

    /** A client connected from a loopback address of its own. */
    TestClient person(String nick) throws IOException {
        int n = ADDRESS.getAndIncrement() % (250 * 250);
        return TestClient.connect(irc.host(), irc.port(), nick, "127.0." + (2 + n / 250) + "." + (1 + n % 250));
    }

    /**
     * Another channel operator of {@code #vigie} (the first operator gives +o): each has its own command budget.
     * Returns once the MODE was seen, hence once Vigie, also in the channel, has seen it too.
     */
    TestClient newOperator(String nick) throws IOException {
        TestClient c = person(nick);
        c.join(CONTROL);
        int mark = c.lines().size();
        operator.mode(CONTROL, "+o " + nick);
        after(c, mark, l -> l.contains(" MODE " + CONTROL + " +o " + nick));
        return c;
    }

    /** Starts a new Vigie on the same database and waits until it is in place. */
    void startVigie() throws IOException {
        int op = operator.lines().size();
        int w = watcher.lines().size();
        int f = feeder.lines().size();
        vigie = new Vigie(config(), Clock.systemUTC());
        vigie.start();
        awaitJoined(op, w, f);
    }

    /** Waits until Vigie is in the control and alert channels and its feed connection in the feed channel. */
    void awaitJoined(int operatorMark, int watcherMark, int feederMark) {
        after(operator, operatorMark, l -> isPresent(l, NICK, CONTROL));
        after(watcher, watcherMark, l -> isPresent(l, NICK, ALERTS));
        after(feeder, feederMark, l -> isPresent(l, FEED_NICK, FEED));
    }

    /**
     * As {@link #isPresent}, for the feed connection under its nick or the alternates it takes while the server still
     * holds its previous connection's nick after a drop ({@code vigie-feed_}, {@code vigie-feed123}): the read-only feed
     * has no use for one nick rather than another.
     */
    static boolean isFeedPresent(String line, String channel) {
        for (String nick : alternates(line, FEED_NICK)) {
            if (isPresent(line, nick, channel)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> alternates(String line, String base) {
        List<String> nicks = new ArrayList<>(List.of(base, base + "_"));
        int at = line.indexOf(base);
        while (at >= 0) {
            int end = at + base.length();
            if (end + 3 <= line.length() && Character.isDigit(line.charAt(end)) && Character.isDigit(line.charAt(end + 1))
                    && Character.isDigit(line.charAt(end + 2))) {
                nicks.add(line.substring(at, end + 3));
            }
            at = line.indexOf(base, end);
        }
        return nicks;
    }

    /** A JOIN of {@code channel} by {@code nick}, or a NAMES line of {@code channel} that lists {@code nick}. */
    static boolean isPresent(String line, String nick, String channel) {
        if (line.startsWith(":" + nick + "!")) {
            return line.endsWith(" JOIN " + channel) || line.endsWith(" JOIN :" + channel);
        }
        String[] w = line.split(" ", 6);
        if (w.length == 6 && w[1].equals("353") && w[4].equalsIgnoreCase(channel)) {
            for (String name : w[5].substring(1).split(" ")) {
                if (name.replaceFirst("^[@+%~&]+", "").equals(nick)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ feed

    static long nextDiff() {
        return DIFF.incrementAndGet();
    }

    static String diffUrl(long diff) {
        return "https://fr.wikipedia.org/w/index.php?diff=" + diff + "&oldid=" + (diff - 1);
    }

    /** Feeds an edit of {@code title} by {@code user}; returns its diff id (found again in the alert's link). */
    long edit(String title, String user, int size, String summary) {
        long diff = nextDiff();
        feeder.privmsg(FEED, RcLineWriter.edit(title, false, true, false, false, diffUrl(diff), user, size, summary));
        return diff;
    }

    /** Feeds a log entry of frwiki ({@code Spécial:Log/<type>}). */
    void log(String type, String action, String user, String target, String text) {
        feeder.privmsg(FEED, RcLineWriter.log("Spécial:Log/" + type, action, user, target, text));
    }

    /**
     * An edit by a logged-out editor: it always alerts in the default channel, so it serves as a marker. Each marker
     * is a new editor (an IPv6 address of the documentation range): the default channel alerts on one editor at most
     * once an hour (config item repeatminutes), so a second edit by the same address would be held back.
     */
    long marker() {
        long diff = nextDiff();
        feeder.privmsg(FEED, RcLineWriter.edit("Bac à sable", false, true, false, false, diffUrl(diff), markerIp(diff), 3,
                "marker"));
        return diff;
    }

    /** A logged-out editor of its own for the marker edit {@code diff}. */
    static String markerIp(long diff) {
        return "2001:db8::" + Long.toHexString((diff >>> 16) & 0xffff) + ":" + Long.toHexString(diff & 0xffff);
    }

    // ------------------------------------------------------------------ commands and alerts

    /** Says {@code Vigie <command>} in the control channel as {@code who}; returns the mark to wait from. */
    static int command(TestClient who, String command) {
        int mark = who.lines().size();
        who.privmsg(CONTROL, NICK + " " + command);
        return mark;
    }

    /** Runs a command as {@code who} and returns Vigie's first answer in the control channel that fits. */
    static String ask(TestClient who, String command, Predicate<String> answer) {
        int mark = command(who, command);
        return after(who, mark, l -> {
            TestClient.Received r = said(l, CONTROL);
            return r != null && answer.test(r.text());
        });
    }

    /** The PRIVMSG by Vigie to {@code target} on this line, or null. */
    static TestClient.Received said(String line, String target) {
        TestClient.Received r = parse(line);
        return r != null && r.nick().equals(NICK) && r.command().equals("PRIVMSG")
                && r.target().equalsIgnoreCase(target) ? r : null;
    }

    static boolean isAlert(String line, String channel, String needle) {
        TestClient.Received r = said(line, channel);
        return r != null && r.text().contains(needle);
    }

    /** The alert in {@code #vigie-alertes} that carries the diff link of {@code diff}. */
    String awaitAlert(long diff) {
        return after(watcher, 0, l -> isAlert(l, ALERTS, "diff=" + diff + "&"));
    }

    /**
     * Feeds a small edit by {@code user} followed by a marker until the edit alerts: for what Vigie learns
     * asynchronously (an automatic list entry is stored off the patrol thread). Returns the edit's alert.
     */
    String probeUntilAlert(String user) {
        return Await.value("an alert for an edit by " + user, WAIT, () -> {
            long diff = edit("Page de test", user, 4, "probe");
            awaitAlert(marker());
            int i = indexOf(watcher, 0, l -> isAlert(l, ALERTS, "diff=" + diff + "&"));
            return i >= 0 ? watcher.lines().get(i) : null;
        });
    }

    /** Every message Vigie sent to {@code channel} as seen by {@code client}, in order. */
    static List<String> alerts(TestClient client, String channel) {
        List<String> out = new ArrayList<>();
        for (String l : client.lines()) {
            TestClient.Received r = said(l, channel);
            if (r != null) {
                out.add(r.text());
            }
        }
        return out;
    }

    static TestClient.Received parse(String line) {
        return TestClient.parse(line);
    }

    /** Waits for a line matching {@code p} among those {@code client} received from index {@code mark} on. */
    static String after(TestClient client, int mark, Predicate<String> p) {
        return after(client, mark, p, WAIT);
    }

    static String after(TestClient client, int mark, Predicate<String> p, Duration timeout) {
        int[] seen = {mark};      // each line is tested once, however long the wait
        return Await.value(() -> client.nick() + ": a matching line" + (client.isClosed() ? " (connection closed)" : "")
                + "; received since the mark:\n" + String.join("\n", since(client, mark)), timeout, () -> {
                    List<String> lines = client.lines();
                    for (; seen[0] < lines.size(); seen[0]++) {
                        if (p.test(lines.get(seen[0]))) {
                            return lines.get(seen[0]);
                        }
                    }
                    if (client.isClosed()) {
                        throw new AssertionError(client.nick() + ": connection closed; received since the mark:\n"
                                + String.join("\n", since(client, mark)));
                    }
                    return null;
                });
    }

    private static List<String> since(TestClient client, int mark) {
        List<String> lines = client.lines();
        return lines.subList(Math.min(mark, lines.size()), lines.size());
    }

    /** Index of the first line from {@code mark} on that matches, or -1. */
    static int indexOf(TestClient client, int mark, Predicate<String> p) {
        List<String> lines = client.lines();
        for (int i = mark; i < lines.size(); i++) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

    void closeClients() {
        for (TestClient c : new TestClient[] {feeder, operator, stranger, watcher}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Override
    public void close() {
        try {
            if (vigie != null) {
                vigie.close();
            }
        } finally {
            closeClients();
            irc.close();
        }
    }
}
