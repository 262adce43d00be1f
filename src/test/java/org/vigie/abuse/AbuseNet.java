package org.vigie.abuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.vigie.Vigie;
import org.vigie.config.BotConfig;
import org.vigie.feed.RcLineWriter;
import org.vigie.testirc.FakeIrcServer;
import org.vigie.testutil.Await;

/**
 * One real {@link Vigie} against the scripted server with services accounts ({@link FakeIrcServer}: account-notify,
 * extended-join), for the abuse cases that need what ngIRCd has not: accounts, and WHOIS answers the test controls
 * (given, withheld to play slow services, or "not logged in").
 *
 * <p>The test plays every other person by writing their lines to Vigie's network connection, and the feed by
 * writing {@code rc-pmtpa}'s lines to its feed connection. Waits are on lines seen over the wire, bounded.
 */
final class AbuseNet implements AutoCloseable {

    static final String NICK = "Vigie";
    static final String FEED_NICK = "vigie-feed";
    static final String CONTROL = "#vigie";
    static final String ALERTS = "#vigie-alertes";
    static final String FEED = "#fr.wikipedia";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String CAPS = "multi-prefix account-notify extended-join";

    /** What the server answers to {@code WHOIS nick}: an account, "not logged in", or nothing at all. */
    enum Answer { ACCOUNT, NONE, SILENT }

    private record Whois(Answer answer, String account) {
    }

    final FakeIrcServer server;
    final Path dir;
    final Vigie vigie;
    final FakeIrcServer.Conn net;
    final FakeIrcServer.Conn feed;
    private final Map<String, Whois> whois = new ConcurrentHashMap<>();
    /** The host each nick was last seen with (JOIN, PRIVMSG), which WHOIS reports as a real server does (311). */
    private final Map<String, String> hosts = new ConcurrentHashMap<>();
    private final Thread responder;
    private volatile boolean closed;
    private long diff = 700_000_000;

    private AbuseNet(FakeIrcServer server, Path dir, String caps, String... config) throws IOException {
        this.server = server;
        this.dir = dir;
        Path lists = Files.createDirectories(dir.resolve("lists-empty"));
        List<String> kv = new ArrayList<>(List.of(
                "feed.host", server.host(), "feed.port", Integer.toString(server.port()), "feed.tls", "false",
                "feed.nick", FEED_NICK, "feed.channels", FEED,
                "irc.host", server.host(), "irc.port", Integer.toString(server.port()), "irc.tls", "false",
                "irc.nick", NICK, "irc.control", CONTROL, "irc.alerts", ALERTS,
                "irc.rate", "0",
                "wiki.api", "false", "web.port", "0",
                "db.url", "jdbc:h2:file:" + dir.resolve("db").resolve("vigie").toAbsolutePath()
                        + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
                "lists.dir", lists.toString(),
                "messages.dir", "messages",
                "commands.file", dir.resolve("commands.properties").toString(),
                "lang", "en"));
        kv.addAll(List.of(config));
        Vigie v = new Vigie(BotConfig.defaults().with(kv.toArray(new String[0])), Clock.systemUTC());
        this.vigie = v;
        try {
            v.start();
            FakeIrcServer.Conn a = server.awaitConnection(1, WAIT);
            FakeIrcServer.Conn b = server.awaitConnection(2, WAIT);
            a.awaitLine(l -> l.startsWith("JOIN"), WAIT);
            b.awaitLine(l -> l.startsWith("JOIN"), WAIT);
            boolean aIsNet = NICK.equals(a.nick());
            this.net = aIsNet ? a : b;
            this.feed = aIsNet ? b : a;
            // PircBotX asks a channel's modes once it has seen its own JOIN: then the channel exists on its side
            net.awaitLine(l -> l.equals("MODE " + ALERTS), WAIT);
            net.awaitLine(l -> l.equals("MODE " + CONTROL), WAIT);
            // the feed's lean reader asks no modes and keeps no channel state: its JOIN (seen above) is enough,
            // it reads the sender's lines in order from then on
        } catch (RuntimeException | Error e) {
            v.close();
            throw e;
        }
        this.responder = new Thread(this::answerWhois, "abuse-whois");
        responder.setDaemon(true);
        responder.start();
    }

    /** Starts Vigie against a new scripted server offering {@link #CAPS}. */
    static AbuseNet start(Path dir, String... config) throws IOException {
        return startWithCaps(dir, CAPS, config);
    }

    static AbuseNet startWithCaps(Path dir, String caps, String... config) throws IOException {
        FakeIrcServer s = new FakeIrcServer(FakeIrcServer.Mode.REGISTER, caps, true);
        try {
            return new AbuseNet(s, dir, caps, config);
        } catch (IOException | RuntimeException | Error e) {
            s.close();
            throw e;
        }
    }

    /** From now on, {@code WHOIS nick} answers that {@code nick} is logged in as {@code account}. */
    void loggedIn(String nick, String account) {
        whois.put(nick.toLowerCase(Locale.ROOT), new Whois(Answer.ACCOUNT, account));
    }

    /** From now on, {@code WHOIS nick} answers that {@code nick} is not logged in (the default). */
    void notLoggedIn(String nick) {
        whois.put(nick.toLowerCase(Locale.ROOT), new Whois(Answer.NONE, null));
    }

    /** From now on, {@code WHOIS nick} gets no answer at all (lagging services). */
    void whoisUnanswered(String nick) {
        whois.put(nick.toLowerCase(Locale.ROOT), new Whois(Answer.SILENT, null));
    }

    private void answerWhois() {
        int seen = 0;
        while (!closed) {
            List<String> lines = net.lines();
            for (; seen < lines.size(); seen++) {
                String l = lines.get(seen);
                if (!l.startsWith("WHOIS ")) {
                    continue;
                }
                String nick = l.substring(6).trim();
                Whois w = whois.getOrDefault(nick.toLowerCase(Locale.ROOT), new Whois(Answer.NONE, null));
                if (w.answer() == Answer.SILENT) {
                    continue;
                }
                String host = hosts.getOrDefault(nick.toLowerCase(Locale.ROOT), "host.example");
                net.send(":" + FakeIrcServer.NAME + " 311 " + NICK + " " + nick + " " + login(nick) + " " + host
                        + " * :" + nick);
                if (w.answer() == Answer.ACCOUNT) {
                    net.send(":" + FakeIrcServer.NAME + " 330 " + NICK + " " + nick + " " + w.account()
                            + " :is logged in as");
                }
                net.send(":" + FakeIrcServer.NAME + " 318 " + NICK + " " + nick + " :End of /WHOIS list.");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------ people

    /** {@code nick} joins {@code channel} logged in as {@code account} ({@code null}: not logged in; extended-join). */
    void join(String nick, String host, String channel, String account) {
        hosts.put(nick.toLowerCase(Locale.ROOT), host);
        net.send(":" + nick + "!" + login(nick) + "@" + host + " JOIN " + channel + " " + (account == null ? "*"
                : account) + " :" + nick);
    }

    /** The server gives {@code nick} channel-operator status in {@code channel}. */
    void op(String nick, String channel) {
        net.send(":" + FakeIrcServer.NAME + " MODE " + channel + " +o " + nick);
    }

    void quit(String nick, String host) {
        net.send(":" + nick + "!" + login(nick) + "@" + host + " QUIT :bye");
    }

    /** {@code nick} says {@code text} to {@code target} (a channel, or the bot's nick for a private message). */
    void say(String nick, String host, String target, String text) {
        hosts.put(nick.toLowerCase(Locale.ROOT), host);
        net.send(":" + nick + "!" + login(nick) + "@" + host + " PRIVMSG " + target + " :" + text);
    }

    private static String login(String nick) {
        String l = nick.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return "~" + (l.isEmpty() ? "u" : l.substring(0, Math.min(8, l.length())));
    }

    // ------------------------------------------------------------------ feed

    /** An edit on frwiki by {@code user}; returns its diff id, found again in the alert's link. */
    long edit(String title, String user, String summary) {
        long d = ++diff;
        String url = "https://fr.wikipedia.org/w/index.php?diff=" + d + "&oldid=" + (d - 1);
        feed.send(RcLineWriter.FEED_PREFIX + " PRIVMSG " + FEED + " :"
                + RcLineWriter.edit(title, false, true, false, false, url, user, 12, summary));
        return d;
    }

    // ------------------------------------------------------------------ what Vigie sent

    /** Index of the next line Vigie will send: a mark to wait from. */
    int mark() {
        return net.lines().size();
    }

    /** The text of PRIVMSG/NOTICE lines Vigie sent to {@code target} from {@code mark} on. */
    List<String> sent(int mark, String target) {
        List<String> out = new ArrayList<>();
        List<String> lines = net.lines();
        for (int i = mark; i < lines.size(); i++) {
            String text = textTo(lines.get(i), target);
            if (text != null) {
                out.add(text);
            }
        }
        return out;
    }

    /** The text of a {@code PRIVMSG|NOTICE target :text} line, or null. */
    static String textTo(String line, String target) {
        for (String cmd : new String[] {"PRIVMSG ", "NOTICE "}) {
            String head = cmd + target + " :";
            if (line.regionMatches(true, 0, head, 0, head.length())) {
                return line.substring(head.length());
            }
        }
        return null;
    }

    /** Waits for a message to {@code target} from {@code mark} on whose text matches; returns its text. */
    String await(int mark, String target, Predicate<String> p) {
        return await(mark, target, p, WAIT);
    }

    String await(int mark, String target, Predicate<String> p, Duration timeout) {
        int[] seen = {mark};      // each line is tested once, however long the wait
        return Await.value(() -> "a message to " + target + " matching; sent since the mark:\n"
                + String.join("\n", since(mark)), timeout, () -> {
                    List<String> lines = net.lines();
                    for (; seen[0] < lines.size(); seen[0]++) {
                        String t = textTo(lines.get(seen[0]), target);
                        if (t != null && p.test(t)) {
                            return t;
                        }
                    }
                    return null;
                });
    }

    /** The lines the server received from index {@code mark} on. */
    List<String> since(int mark) {
        List<String> lines = net.lines();
        return lines.subList(Math.min(mark, lines.size()), lines.size());
    }

    @Override
    public void close() throws IOException {
        closed = true;
        responder.interrupt();
        try {
            vigie.close();
        } finally {
            server.close();
        }
    }
}
