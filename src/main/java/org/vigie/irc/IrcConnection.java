package org.vigie.irc;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.vigie.net.Backoff;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.pircbotx.Channel;
import org.pircbotx.Configuration;
import org.pircbotx.User;
import org.pircbotx.UserChannelDao;
import org.pircbotx.cap.EnableCapHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IRC connection that stays up: PircBotX 2.1 underneath, with its traps worked around (see
 * {@code shared/notes/java-stack.md}), behind an API free of PircBotX types.
 *
 * <ul>
 *   <li>One reader thread ({@code irc-<name>}) runs PircBotX's connect-and-read loop; when it ends, the connection
 *       waits (exponential backoff with jitter) and connects again, forever, until {@link #close}.</li>
 *   <li>At every registration it joins all {@linkplain #channels() wanted channels}; channels it could not join are
 *       tried again every {@link ConnectionSettings#rejoinMillis()}.</li>
 *   <li>When its nick was taken at registration (a ghost of the last session, often), it gets it back: it asks
 *       NickServ to {@code REGAIN} it once when logged in with SASL, and tries {@code NICK} again at every rejoin
 *       check until it has it.</li>
 *   <li>A watchdog closes the socket after {@link ConnectionSettings#watchdogMillis()} without any input line; the
 *       reconnect loop takes over.</li>
 *   <li>All output goes through the {@link Outbox} except PONG, sent at once from the reader thread.</li>
 *   <li>Handler calls and parsing happen inline on the reader thread (see {@link IrcHandler}).</li>
 * </ul>
 */
public final class IrcConnection {

    private static final Logger log = LoggerFactory.getLogger(IrcConnection.class);

    /** Capabilities requested when the server offers them; nothing else (trap 10: no away-notify). */
    static final List<String> OPTIONAL_CAPS = List.of("multi-prefix", "account-notify", "extended-join", "account-tag");
    public static final Duration DEFAULT_WHOIS_TIMEOUT = Duration.ofSeconds(10);
    /** A session shorter than this does not reset the backoff: a server that kills us at once is not hammered. */
    private static final long STABLE_SESSION_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    /** Lets a feed take PRIVMSG lines raw, before any other handling; returns true when it consumed the line. */
    interface RawTap {
        boolean onPrivmsg(RawLine line);
    }

    /** Bumped after every input line that may change who is in a channel (see {@link #nicksIn}). */
    private volatile int channelState;
    private final Map<String, NickSet> nickSets = new java.util.concurrent.ConcurrentHashMap<>();

    private static final class Whois {
        final CompletableFuture<WhoisReply> future = new CompletableFuture<>();
        volatile String user;
        volatile String host;
        volatile String account;
    }

    /** What a WHOIS said: the nick's holder's user and host (311) and services account (330); nulls when unknown. */
    record WhoisReply(String user, String host, String account) {
        static final WhoisReply NONE = new WhoisReply(null, null, null);
    }

    private final ConnectionSettings settings;
    private final IrcHandler handler;
    private final RawTap tap;
    private final VigieBot bot;
    private final Outbox outbox;
    private final Backoff backoff;
    private final ScheduledExecutorService timer;
    private final Object sleepLock = new Object();

    private final Map<String, String> wanted = new ConcurrentHashMap<>();      // lower-case -> as given
    /** Wanted channels we were kicked from: not rejoined, nothing sent there, until {@link #join} or an INVITE. */
    private final Set<String> kicked = ConcurrentHashMap.newKeySet();           // lower-case
    private final Map<String, String> accounts = new ConcurrentHashMap<>();    // lower-case nick -> account
    private final Map<String, Whois> whois = new ConcurrentHashMap<>();

    private volatile Thread reader;
    private volatile Socket socket;       // the socket PircBotX reads (TLS or plain)
    private volatile Socket tcpSocket;    // the plain socket under it
    private volatile boolean registered;
    /** NickServ was asked to give the nick back during this session. */
    private volatile boolean regainAsked;
    private volatile boolean closing;
    private volatile boolean resetRequested;
    private volatile boolean accountNotify;
    private volatile boolean extendedJoin;
    /** The server tags every message with its sender's account (IRCv3 account-tag): no tag means not logged in. */
    private volatile boolean accountTag;
    private volatile long lastInputNanos = System.nanoTime();
    private volatile long lastInputMillis;
    private volatile long registeredAtNanos;
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong watchdogCloses = new AtomicLong();
    private final AtomicLong handlerErrors = new AtomicLong();

    public IrcConnection(ConnectionSettings settings, IrcHandler handler) {
        this(settings, handler, null, null, null);
    }

    /**
     * @param dropNote text of the stale-drop note ({@link Outbox#dropNote}); {@code null} for the English default
     */
    public IrcConnection(ConnectionSettings settings, IrcHandler handler, IntFunction<String> dropNote) {
        this(settings, handler, dropNote, null, null);
    }

    /** @param tls the TLS socket factory (tests trust their own certificate); {@code null} for the JDK default */
    IrcConnection(ConnectionSettings settings, IrcHandler handler, IntFunction<String> dropNote, RawTap tap,
                  SSLSocketFactory tls) {
        this.settings = settings;
        this.handler = handler;
        this.tap = tap;
        for (String c : settings.channels()) {
            wanted.put(key(c), c);
        }
        this.backoff = new Backoff(settings.reconnectMinMillis(), settings.reconnectMaxMillis(),
                bound -> ThreadLocalRandom.current().nextLong(bound));
        this.outbox = new Outbox(settings.name(), settings.outbox(), new Outbox.LineSink() {
            @Override
            public void send(String line) {
                bot.sendRaw().rawLineNow(line);
            }

            @Override
            public void sendAll(List<String> lines) throws IOException {
                ((VigieOutputRaw) bot.sendRaw()).rawLinesNow(lines);
            }

            @Override
            public boolean ready() {
                return registered;
            }
        }, dropNote);
        // Alerts never highlight the people in their channel (issue 13.6): costs nothing until an alert is sent.
        outbox.alertFilter((channel, text) -> NickBreaker.breakNicks(text, nickSet(channel).nicks));
        SSLSocketFactory sslFactory = settings.tls()
                ? (tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault()) : null;
        this.bot = new VigieBot(buildConfiguration(sslFactory));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "irc-" + settings.name() + "-timer");
            t.setDaemon(true);
            return t;
        });
    }

    private Configuration buildConfiguration(SSLSocketFactory sslFactory) {
        Configuration.Builder b = new Configuration.Builder()
                .setName(settings.nick())
                .setLogin(settings.login())
                .setRealName(settings.realName())
                .setVersion("Vigie")
                .addServer(settings.host(), settings.port())                        // trap 16
                .setSocketFactory(new IrcSocketFactory(settings.host(), sslFactory, settings.socketTimeoutMillis(),
                        this::socketOpened))                                       // trap 4
                .setSocketTimeout(settings.socketTimeoutMillis())
                .setEncoding(StandardCharsets.UTF_8)                                // trap 7
                .setLocale(Locale.ROOT)
                .setMessageDelay(0)                                                 // trap 6
                .setAutoSplitMessage(false)
                .setAutoNickChange(true)
                .setAutoReconnect(false)                                            // our own loop
                .setShutdownHookEnabled(false)                                      // trap 13
                .setOnJoinWhoEnabled(false)
                .setSnapshotsEnabled(false)
                .setCapEnabled(true)
                .setBotFactory(new Configuration.BotFactory() {
                    @Override
                    public org.pircbotx.InputParser createInputParser(org.pircbotx.PircBotX bot) {
                        return new VigieInputParser(bot, IrcConnection.this);
                    }

                    @Override
                    public org.pircbotx.output.OutputRaw createOutputRaw(org.pircbotx.PircBotX bot) {
                        return new VigieOutputRaw((VigieBot) bot);
                    }
                });
        b.setListenerManager(new InlineListenerManager(this));                   // trap 2
        b.getCapHandlers().clear();                                                // trap 10
        for (String cap : OPTIONAL_CAPS) {
            b.addCapHandler(new EnableCapHandler(cap, true));
        }
        if (settings.saslUser() != null) {
            b.addCapHandler(new SaslPlainHandler(settings.name(), settings.saslUser(), settings.saslPassword()));
        }
        // The server password is sent by onSocketConnected, not by PircBotX, which would log it.
        return b.buildConfiguration();
    }

    // ------------------------------------------------------------------ lifecycle

    /** Starts the reader thread (connects, then reconnects for ever), the sender and the watchdog. */
    public synchronized void start() {
        if (reader != null || closing) {
            return;
        }
        outbox.start();
        if (settings.watchdogMillis() > 0) {
            long period = Math.max(50, Math.min(settings.watchdogMillis() / 4, 10_000));
            timer.scheduleWithFixedDelay(this::watchdogTick, period, period, TimeUnit.MILLISECONDS);
        }
        if (settings.rejoinMillis() > 0) {
            timer.scheduleWithFixedDelay(this::rejoinMissing, settings.rejoinMillis(), settings.rejoinMillis(),
                    TimeUnit.MILLISECONDS);
        }
        Thread t = new Thread(this::readLoop, "irc-" + settings.name());
        t.setDaemon(true);
        reader = t;
        t.start();
    }

    private void readLoop() {
        int attempt = 0;
        boolean first = true;
        boolean failing = false;
        while (!closing) {
            if (!first) {
                reconnects.incrementAndGet();
            }
            first = false;
            registeredAtNanos = 0;
            if (!failing) {
                // while attempts keep failing, each failure is one line of its own (below), not two
                log.info("{}: connecting to {} as {}", settings.name(), settings.address(), settings.nick());
            }
            Throwable failure = null;
            lastConnectFailure = null;
            try {
                bot.startBot();                                                    // trap 3/17: our thread, our catch
            } catch (Throwable t) {
                failure = t;
                if (!closing && t instanceof Error) {
                    log.error("{}: error in the reader thread", settings.name(), t);
                }
                if (t instanceof VirtualMachineError fatal) {
                    throw fatal;    // out of memory: the process ends (FatalErrors), no reconnection on a broken JVM
                }
            } finally {
                closeSocket();
            }
            if (closing) {
                break;
            }
            long session = registeredAtNanos;
            if (session != 0 && System.nanoTime() - session >= STABLE_SESSION_NANOS) {
                attempt = 0;
            }
            long delay;
            if (resetRequested) {
                resetRequested = false;
                delay = 0;
                attempt = 0;
            } else {
                delay = backoff.delayMillis(attempt);
                attempt = Math.min(attempt + 1, 30);
            }
            failing = session == 0;
            if (failure == null) {
                failure = lastConnectFailure;
            }
            if (session == 0) {
                // never registered: one line, the cause in words (feed: irc.wikimedia.org: unknown host; retrying in 30 s)
                log.warn("{}: {}: {}; retrying in {}", settings.name(), settings.host(), cause(failure),
                        seconds(delay));
            } else {
                log.warn("{}: connection to {} ended{}; reconnecting in {}", settings.name(), settings.address(),
                        failure == null ? "" : ": " + cause(failure), seconds(delay));
            }
            pause(delay);
        }
        log.info("{}: reader stopped", settings.name());
    }

    /** The last failure PircBotX reported for a connection attempt (it may return without throwing). */
    private volatile Throwable lastConnectFailure;

    void onConnectFailed(Throwable t) {
        lastConnectFailure = t;
    }

    /** What went wrong, in a few words: {@code unknown host}, {@code connection refused}, or the root exception. */
    static String cause(Throwable t) {
        if (t == null) {
            return "connection closed";
        }
        Throwable root = t;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            root = c;
            if (c instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
            if (c instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (c instanceof java.net.SocketTimeoutException) {
                return "no answer (timed out)";
            }
            if (c instanceof javax.net.ssl.SSLException) {
                return "TLS failed (" + c.getMessage() + ")";
            }
            if (c instanceof java.net.NoRouteToHostException) {
                return "no route to host";
            }
        }
        if (t instanceof org.pircbotx.exception.IrcException || root instanceof org.pircbotx.exception.IrcException) {
            return root.getMessage();
        }
        return describe(t);
    }

    private static String seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000) + " s";
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? t.toString() : t + " (" + root + ")";
    }

    private void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (sleepLock) {
            long left;
            while (!closing && !resetRequested && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(sleepLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            resetRequested = false;
        }
    }

    private void wakeReader() {
        synchronized (sleepLock) {
            sleepLock.notifyAll();
        }
    }

    /** Drops the current connection and connects again at once (the {@code reader reset} command). */
    public void reset() {
        log.info("{}: reset requested", settings.name());
        resetRequested = true;
        closeSocket();
        wakeReader();
    }

    /**
     * Stops for good: no more reconnects; what the outbox holds is flushed for up to two seconds, QUIT is sent with
     * {@code quitMessage}, then the socket is closed and the threads end.
     */
    public void close(String quitMessage) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        log.info("{}: closing", settings.name());
        bot.stopBotReconnect();
        timer.shutdownNow();
        wakeReader();
        boolean wasUp = registered;
        outbox.close(wasUp ? CLOSE_WAIT_MILLIS : 0);
        if (wasUp) {
            try {
                bot.sendRaw().rawLineNow("QUIT :" + IrcText.sanitize(quitMessage == null ? "" : quitMessage));
            } catch (RuntimeException e) {
                log.debug("{}: QUIT not sent: {}", settings.name(), e.toString());
            }
        }
        Thread t = reader;
        if (t != null && t != Thread.currentThread()) {
            join(t, wasUp ? CLOSE_WAIT_MILLIS : 0);
            closeSocket();
            join(t, CLOSE_WAIT_MILLIS);
            if (t.isAlive()) {
                log.warn("{}: reader thread did not stop; interrupting it", settings.name());
                t.interrupt();
            }
        } else {
            closeSocket();
        }
        failPendingWhois();
    }

    private static void join(Thread t, long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the TCP socket first: an {@code SSLSocket} may wait for its reader before closing, the plain socket under
     * it does not. The reader then sees a closed socket and PircBotX ends the session.
     */
    private void closeSocket() {
        for (Socket s : new Socket[] {tcpSocket, socket}) {
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    log.debug("{}: closing the socket: {}", settings.name(), e.toString());
                }
            }
        }
    }

    private void socketOpened(Socket s) {
        if (!(s instanceof SSLSocket)) {
            tcpSocket = s;
        }
        socket = s;
        lastInputNanos = System.nanoTime();    // the watchdog counts from the connect, not from the last session
    }

    private void watchdogTick() {
        Socket s = socket;
        if (s == null || s.isClosed()) {
            return;
        }
        long silentNanos = System.nanoTime() - lastInputNanos;
        if (silentNanos > TimeUnit.MILLISECONDS.toNanos(settings.watchdogMillis())) {
            watchdogCloses.incrementAndGet();
            log.warn("{}: nothing received for {} ms; closing the connection", settings.name(),
                    TimeUnit.NANOSECONDS.toMillis(silentNanos));
            closeSocket();
        }
    }

    /**
     * JOINs as few lines as possible ({@code JOIN #a,#b,…} within the line budget): a feed watching a hundred wikis
     * is then joined in a few lines instead of a hundred paced ones.
     */
    void joinAll(List<String> channels) {
        for (String line : joinLines(channels, settings.outbox().maxLineBytes())) {
            outbox.control(line);
        }
    }

    public static List<String> joinLines(List<String> channels, int maxBytes) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int bytes = 0;
        for (String channel : channels) {
            int len = IrcText.utf8Length(channel);
            if (line.length() > 0 && bytes + 1 + len > maxBytes) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() == 0) {
                line.append("JOIN ").append(channel);
                bytes = 5 + len;
            } else {
                line.append(',').append(channel);
                bytes += 1 + len;
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private void rejoinMissing() {
        if (!registered || outbox.controlQueued() > 0) {
            return;     // earlier JOINs still waiting: do not pile up more
        }
        reclaimNick();
        try {
            UserChannelDao<User, Channel> dao = bot.getUserChannelDao();
            List<String> missing = new ArrayList<>();
            for (String channel : wanted.values()) {
                if (!dao.containsChannel(channel) && !kicked.contains(key(channel))) {
                    missing.add(channel);
                }
            }
            joinAll(missing);
        } catch (RuntimeException e) {
            log.debug("{}: rejoin check failed: {}", settings.name(), e.toString());
        }
    }

    /**
     * Asks for the configured nick back when the connection has another one: from NickServ once a session when logged
     * in with SASL ({@code REGAIN}, which also renames us), and by {@code NICK} each time, which works as soon as the
     * holder is gone. A refusal (433) after registration changes nothing: PircBotX renames only during registration.
     */
    private void reclaimNick() {
        String wantedNick = settings.nick();
        String now = bot.getNick();
        if (!registered || wantedNick.equalsIgnoreCase(now)) {
            return;
        }
        if (settings.saslUser() != null && !regainAsked) {
            regainAsked = true;
            outbox.control("PRIVMSG NickServ :REGAIN " + wantedNick);
        }
        outbox.control("NICK " + wantedNick);
    }

    // ------------------------------------------------------------------ state

    public boolean connected() {
        return registered;
    }

    /** Wall-clock time of the last line received (0 = never). */
    public long lastInputMillis() {
        return lastInputMillis;
    }

    /** Connection attempts after the first one. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Times the watchdog closed a silent connection. */
    public long watchdogCloses() {
        return watchdogCloses.get();
    }

    public String name() {
        return settings.name();
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public Outbox outbox() {
        return outbox;
    }

    public String currentNick() {
        return bot.getNick();
    }

    // ------------------------------------------------------------------ channels

    /** Adds a wanted channel and joins it now if connected (and at every later connect); forgets a kick from it. */
    public void join(String channel) {
        requireChannel(channel);
        wanted.put(key(channel), channel);
        kicked.remove(key(channel));
        if (registered) {
            outbox.control("JOIN " + channel);
        }
    }

    /** Removes a wanted channel and leaves it. */
    public void part(String channel) {
        requireChannel(channel);
        wanted.remove(key(channel));
        if (registered) {
            outbox.control("PART " + channel);
        }
    }

    /** Whether we were kicked from this channel and have not been let back ({@link #join}, an INVITE) since. */
    public boolean isKicked(String channel) {
        return channel != null && !kicked.isEmpty() && kicked.contains(key(channel));
    }

    /** A KICK seen on the reader thread: when we are the one kicked, stay out and silent there. */
    void onKick(String channel, String nick) {
        if (channel == null || nick == null || !nick.equalsIgnoreCase(bot.getNick())) {
            return;
        }
        if (wanted.containsKey(key(channel))) {
            kicked.add(key(channel));
            log.warn("{}: kicked from {}; not rejoining and sending nothing there until config unkick or an invite",
                    settings.name(), channel);
        }
    }

    /** An INVITE to a channel we were kicked from lets us back in. */
    void onInvite(String nick, String channel) {
        if (channel == null || nick == null || !nick.equalsIgnoreCase(bot.getNick())) {
            return;
        }
        if (kicked.remove(key(channel))) {
            log.info("{}: invited back to {}; joining", settings.name(), channel);
            if (registered) {
                outbox.control("JOIN " + wanted.getOrDefault(key(channel), channel));
            }
        }
    }

    /** The wanted channels (joined or being joined). */
    public Set<String> channels() {
        return Set.copyOf(wanted.values());
    }

    /**
     * The full {@code nick!user@host} of a nick sharing a channel with us, as this connection has seen it (no WHOIS);
     * empty when unknown.
     */
    public Optional<String> knownMask(String nick) {
        try {
            UserChannelDao<User, Channel> dao = bot.getUserChannelDao();
            if (!dao.containsUser(nick)) {
                return Optional.empty();
            }
            User u = dao.getUser(nick);
            String login = u.getLogin();
            String host = u.getHostname();
            if (login == null || login.isEmpty() || host == null || host.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(u.getNick() + "!" + login + "@" + host);
        } catch (RuntimeException e) {
            return Optional.empty();     // the user vanished between the checks
        }
    }

    /** Whether {@code nick} is operator (or admin/owner) of {@code channel}, as far as this connection has seen. */
    public boolean isOp(String channel, String nick) {
        try {
            UserChannelDao<User, Channel> dao = bot.getUserChannelDao();
            if (!dao.containsChannel(channel) || !dao.containsUser(nick)) {
                return false;
            }
            Channel c = dao.getChannel(channel);
            User u = dao.getUser(nick);
            return c.isOp(u) || c.isSuperOp(u) || c.isOwner(u);
        } catch (RuntimeException e) {
            return false;     // the user or channel vanished between the checks
        }
    }

    private static void requireChannel(String channel) {
        if (!IrcText.isValidChannel(channel)) {
            throw new IllegalArgumentException("invalid channel name: '" + IrcText.sanitize(String.valueOf(channel)) + "'");
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ accounts

    /** {@link #accountOf(String, Duration)} with {@link #DEFAULT_WHOIS_TIMEOUT}. */
    public CompletableFuture<Optional<String>> accountOf(String nick) {
        return accountOf(nick, DEFAULT_WHOIS_TIMEOUT);
    }

    /**
     * The services account {@code nick} is logged in to: from the cache (account-notify / extended-join) when
     * known, else by WHOIS (330 gives the account; the end of WHOIS without it, an unknown nick, a disconnect or
     * the timeout give empty). Never blocks; the future completes on the reader thread or a timer thread, so a
     * continuation must be as quick as an {@link IrcHandler} method.
     */
    public CompletableFuture<Optional<String>> accountOf(String nick, Duration timeout) {
        if (!IrcText.isValidTarget(nick) || IrcText.isChannel(nick)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String known = trustedAccount(nick);
        if (known != null) {
            return CompletableFuture.completedFuture(Optional.of(known));
        }
        return whois(nick, timeout).thenApply(r -> Optional.ofNullable(r.account()));
    }

    /**
     * The services account of the person who sent a message as {@code nick!login@host}: from the trusted cache, or by a
     * WHOIS whose answer is believed only when it describes the same {@code login@host} (311). A WHOIS answers about
     * whoever holds the nick when the server reads it, which is later than the message: meanwhile the sender may have
     * left the nick and its usual holder (an operator whose client takes its nick back) taken it again. Never blocks.
     */
    public CompletableFuture<Optional<String>> accountOf(String nick, String login, String host) {
        if (!IrcText.isValidTarget(nick) || IrcText.isChannel(nick)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String known = trustedAccount(nick);
        if (known != null) {
            return CompletableFuture.completedFuture(Optional.of(known));
        }
        return whois(nick, DEFAULT_WHOIS_TIMEOUT).thenApply(r -> r.account() != null && login != null && host != null
                && login.equalsIgnoreCase(r.user()) && host.equalsIgnoreCase(r.host())
                ? Optional.of(r.account()) : Optional.empty());
    }

    /** Asks WHOIS (one at a time per nick); {@link WhoisReply#NONE} on timeout, disconnect or when not registered. */
    private CompletableFuture<WhoisReply> whois(String nick, Duration timeout) {
        if (!registered) {
            return CompletableFuture.completedFuture(WhoisReply.NONE);
        }
        String key = key(nick);
        Whois created = new Whois();
        Whois w = whois.putIfAbsent(key, created);
        if (w == null) {
            w = created;
            Whois mine = w;
            w.future.completeOnTimeout(WhoisReply.NONE, timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((r, e) -> whois.remove(key, mine));
            outbox.control("WHOIS " + nick);
        }
        return w.future.copy();
    }

    /** The cached account of {@code nick}, or {@code null}. */
    String cachedAccount(String nick) {
        return nick == null ? null : accounts.get(key(nick));
    }

    /**
     * The cached account of {@code nick} if it may be believed: only while {@code nick} shares a channel with the bot,
     * for only then do its NICK, QUIT and ACCOUNT lines reach the bot and keep the cache right. Someone who shares no
     * channel may have left and been replaced by anyone under the same nick, unseen.
     */
    String trustedAccount(String nick) {
        String known = cachedAccount(nick);
        if (known == null) {
            return null;
        }
        if (!sharesChannel(nick)) {
            accounts.remove(key(nick));
            return null;
        }
        return known;
    }

    /** Whether {@code nick} is in at least one channel the bot is in, as far as this connection has seen. */
    boolean sharesChannel(String nick) {
        try {
            UserChannelDao<User, Channel> dao = bot.getUserChannelDao();
            return dao.containsUser(nick) && !dao.getChannels(dao.getUser(nick)).isEmpty();
        } catch (RuntimeException e) {
            return false;     // the user vanished between the checks
        }
    }

    /**
     * The nicks present in {@code channel} (lower case), for breaking them in text that strangers supplied; empty when
     * the bot is not in it. The sets of the channels the bot is in are made on the input thread, each time a line
     * that may change who is in them (JOIN, PART, QUIT, NICK, KICK, the names and who replies) has been handled: an
     * alert only reads one. It builds one itself (reading PircBotX's channel state, which it guards with its own lock)
     * only for a channel the bot is not in, or in the moment between such a line and the new sets.
     */
    public Set<String> nicksIn(String channel) {
        return nickSet(channel).nicks.set();
    }

    private NickSet nickSet(String channel) {
        int gen = channelState;
        NickSet cached = nickSets.getOrDefault(key(channel), NOT_SEEN);
        if (cached.gen == gen && cached != NOT_SEEN) {
            return cached;
        }
        NickSet made = new NickSet(gen, NickBreaker.Nicks.of(readNicks(channel)));
        if (nickSets.size() < 1_000 || cached != NOT_SEEN) {
            nickSets.put(key(channel), made);
        }
        return made;
    }

    /**
     * The nick set of {@code channel} as the input thread last made it, without building one: {@code null} when there
     * is none (not a channel the bot is in, or not yet). For tests and diagnostics.
     */
    public Set<String> nicksMade(String channel) {
        NickSet n = nickSets.get(key(channel));
        return n == null || n.gen != channelState ? null : n.nicks.set();
    }

    private Set<String> readNicks(String channel) {
        try {
            UserChannelDao<User, Channel> dao = bot.getUserChannelDao();
            if (!dao.containsChannel(channel)) {
                return Set.of();
            }
            return nicksOf(dao, dao.getChannel(channel));
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    private static Set<String> nicksOf(UserChannelDao<User, Channel> dao, Channel channel) {
        Set<String> out = new java.util.HashSet<>();
        for (User u : dao.getUsers(channel)) {
            out.add(key(u.getNick()));
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    /**
     * Called by the input parser (input thread) after PircBotX handled a line that may change who is in a channel:
     * the nick sets of the channels the bot is in are made again, here, so that no alert has to.
     */
    void channelStateChanged() {
        int gen = channelState + 1;     // one writer (the input thread)
        channelState = gen;
        try {
            UserChannelDao<User, Channel> dao = bot.getUserChannelDao();
            Map<String, NickSet> fresh = new java.util.HashMap<>();
            for (Channel c : dao.getAllChannels()) {
                fresh.put(key(c.getName()), new NickSet(gen, NickBreaker.Nicks.of(nicksOf(dao, c))));
            }
            nickSets.keySet().retainAll(fresh.keySet());
            nickSets.putAll(fresh);
        } catch (RuntimeException e) {
            nickSets.clear();           // the alerts build them again
        }
    }

    private record NickSet(int gen, NickBreaker.Nicks nicks) {
    }

    /** A channel not seen yet (made with this class, so that the record's class is not loaded by the first alert). */
    private static final NickSet NOT_SEEN = new NickSet(Integer.MIN_VALUE, NickBreaker.Nicks.of(Set.of()));

    private void failPendingWhois() {
        for (Whois w : whois.values()) {
            w.future.complete(WhoisReply.NONE);
        }
        whois.clear();
    }

    // ------------------------------------------------------------------ called by the parser (reader thread)

    void touchInput() {
        lastInputNanos = System.nanoTime();
        lastInputMillis = System.currentTimeMillis();
    }

    void pong(String params) {
        try {
            bot.sendRaw().rawLineNow(params.isEmpty() ? "PONG" : "PONG " + params);
        } catch (RuntimeException e) {
            log.debug("{}: PONG not sent: {}", settings.name(), e.toString());
        }
    }

    void onUserMessage(RawLine raw) {
        boolean notice = raw.isCommand("NOTICE");
        if (!notice && tap != null && tap.onPrivmsg(raw)) {
            return;
        }
        String text = raw.text();
        if (!notice && !text.isEmpty() && text.charAt(0) == '\u0001') {
            return;     // CTCP: never answered (trap 6), never taken for a command
        }
        String target = raw.target(0);
        String nick = raw.nick();
        String account;
        boolean known;
        if (accountTag) {
            account = raw.tag("account");            // the server's word on this very message
            if (account != null && (account.isEmpty() || account.equals("*"))) {
                account = null;
            }
            known = true;
        } else {
            account = trustedAccount(nick);
            known = account != null;
        }
        IrcMessage message = new IrcMessage(IrcText.isChannel(target) ? target : null, nick, raw.login(), raw.host(),
                account, known, text, notice);
        try {
            handler.onMessage(message);
        } catch (RuntimeException e) {
            handlerErrors.incrementAndGet();
            log.warn("{}: handler failed on a message from {}", settings.name(), nick, e);
        }
    }

    /** {@code :nick!u@h ACCOUNT name} (account-notify); {@code *} means logged out. */
    void onAccount(RawLine raw) {
        String account = raw.param(0);
        if (!accountNotify || account == null) {
            return;
        }
        remember(raw.nick(), account);
    }

    /** {@code :nick!u@h JOIN #chan account :realname} with extended-join. */
    void onJoin(RawLine raw) {
        if (!accountNotify || !extendedJoin) {
            forgetAccount(raw.nick());      // what was learned while they shared no channel is not kept up to date
            return;
        }
        String account = raw.param(1);
        if (account != null) {
            remember(raw.nick(), account);
        }
    }

    private void remember(String nick, String account) {
        if (nick == null || nick.isEmpty()) {
            return;
        }
        if (account.equals("*") || account.isEmpty()) {
            accounts.remove(key(nick));
        } else {
            accounts.put(key(nick), account);
        }
    }

    void forgetAccount(String nick) {
        if (nick != null && !nick.isEmpty()) {
            accounts.remove(key(nick));
        }
    }

    /** {@code 311 me nick user host * :realname}: who holds the nick now. */
    void onWhoisUser(String nick, String user, String host) {
        if (nick == null) {
            return;
        }
        Whois w = whois.get(key(nick));
        if (w != null) {
            w.user = user;
            w.host = host;
        }
    }

    void onWhoisAccount(String nick, String account) {
        if (nick == null || account == null) {
            return;
        }
        Whois w = whois.get(key(nick));
        if (w != null) {
            w.account = account;
        }
        if (accountNotify && sharesChannel(nick)) {
            accounts.put(key(nick), account);   // kept up to date by ACCOUNT, NICK and QUIT lines from now on
        }
    }

    void onWhoisEnd(String nick) {
        if (nick == null) {
            return;
        }
        Whois w = whois.remove(key(nick));
        if (w != null) {
            w.future.complete(new WhoisReply(w.user, w.host, w.account));
        }
    }

    // ------------------------------------------------------------------ called by InlineListenerManager

    /** Socket open, before NICK/USER: the only moment PASS may be sent. */
    void onSocketConnected() {
        String password = settings.serverPassword();
        if (password != null) {
            try {
                bot.sendSecretLine("PASS " + password);
            } catch (IOException e) {
                log.warn("{}: could not send the server password: {}", settings.name(), e.toString());
            }
        }
    }

    void onRegistered() {
        List<String> caps = bot.getEnabledCapabilities();
        accountNotify = caps.contains("account-notify");
        extendedJoin = caps.contains("extended-join");
        accountTag = caps.contains("account-tag");
        registeredAtNanos = System.nanoTime();
        registered = true;
        log.info("{}: registered on {} as {} (capabilities {}); joining {} channels", settings.name(),
                settings.address(), bot.getNick(), caps, wanted.size());
        List<String> toJoin = new ArrayList<>();
        for (String c : wanted.values()) {
            if (!kicked.contains(key(c))) {
                toJoin.add(c);
            }
        }
        joinAll(toJoin);
        regainAsked = false;
        reclaimNick();
        outbox.wake();
        try {
            handler.onConnected();
        } catch (RuntimeException e) {
            log.warn("{}: handler failed on connect", settings.name(), e);
        }
    }

    void onDisconnectedEvent() {
        boolean was = registered;
        registered = false;
        accounts.clear();
        failPendingWhois();
        if (was) {
            log.info("{}: disconnected from {}", settings.name(), settings.address());
            try {
                handler.onDisconnected();
            } catch (RuntimeException e) {
                log.warn("{}: handler failed on disconnect", settings.name(), e);
            }
        }
    }
}
