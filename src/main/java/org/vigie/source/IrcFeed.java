package org.vigie.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.feed.Feed;
import org.vigie.feed.FeedStats;
import org.vigie.feed.RcEvent;
import org.vigie.feed.SenderMask;
import org.vigie.irc.ConnectionSettings;
import org.vigie.irc.IrcConnection;
import org.vigie.irc.IrcSocketFactory;
import org.vigie.irc.IrcText;
import org.vigie.irc.RawLine;
import org.vigie.net.Backoff;

/**
 * The recent-changes feed read from IRC (irc.wikimedia.org): a lean, read-only client of its own. The connection only
 * registers (NICK/USER), joins the wiki channels, answers PING and reads; it needs none of an IRC library's user,
 * channel and event bookkeeping, so none is done. The reader thread splits the socket's bytes into lines, and for a
 * PRIVMSG from the feed's sender decodes only the text and hands it straight to the parser; the changes of one
 * socket read go to the engine in one hand-off. It never waits for the engine (a full engine queue drops and counts),
 * so the socket is read as fast as the server writes and the server never drops the connection for an unread
 * backlog.
 *
 * <ul>
 *   <li>Sender: {@link SenderMask} ({@code feed.sender}); a line from the sender's nick with another
 *       {@code user@host} is dropped and counted as {@linkplain #spoofed() spoofed}; anyone else is
 *       {@linkplain #ignored() ignored}.</li>
 *   <li>Lines end at CR or LF (either, or both); empty lines are skipped; a NUL is an ordinary byte handed to the
 *       parser (which treats control characters); a line longer than {@value #BUFFER} bytes is dropped and counted;
 *       invalid UTF-8 is decoded with U+FFFD and counted ({@link #malformed()}), never fatal.</li>
 *   <li>Watchdog: only feed lines count — not PONGs to our own keep-alive, not server notices. No feed line for
 *       {@code watchdogMillis}: the connection is closed and opened again. A channel that was busy (one line every
 *       tenth of that time or more often) and then falls silent for {@code watchdogMillis} is joined again.</li>
 *   <li>Kicked from a feed channel: joined again at once; refused (banned, full, invite-only, no such channel yet): again
 *       after a backoff that doubles from 1 s up to {@code rejoinMillis}.</li>
 *   <li>Lost connection: reconnected at once (then with backoff if that fails); the gap without feed lines is logged
 *       when the lines flow again.</li>
 * </ul>
 */
public final class IrcFeed implements Feed {

    private static final Logger log = LoggerFactory.getLogger(IrcFeed.class);

    /** Read buffer; also the longest line kept (a server cuts at 512 bytes; tags may add up to 8 KB). */
    static final int BUFFER = 64 * 1024;
    /** Changes handed to the engine at most per hand-off. */
    private static final int BATCH = 1024;
    /** Asked for the socket: a burst of a few seconds at the server's max fits while the reader catches up. */
    private static final int RECEIVE_BUFFER = 4 << 20;
    /**
     * Unread bytes in the socket past which the reader sheds load (counts the lines as dropped instead of parsing them)
     * until it has caught up: a server drops a client whose backlog it can no longer hold (ngIRCd past its socket
     * buffer and 32 KB), which would cost every line until the reconnection.
     */
    static final int BACKLOG = 1 << 20;
    private static final long STABLE_SESSION_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final byte[] PRIVMSG = "PRIVMSG".getBytes(StandardCharsets.US_ASCII);

    /** One wanted feed channel. Fields written by the reader thread, read by the timer. */
    static final class Slot {
        final String channel;
        final String wiki;
        final byte[] lower;
        volatile boolean joined;
        volatile long joinedAtNanos;
        volatile long lastLineNanos;
        volatile long linesSinceJoin;
        volatile long nextJoinNanos;
        volatile int attempts;
        final AtomicLong lines = new AtomicLong();

        Slot(String channel) {
            this.channel = channel;
            this.wiki = channel.substring(1);
            this.lower = channel.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        }
    }

    private final ConnectionSettings settings;
    private final SenderMask sender;
    private final BiFunction<String, String, RcEvent> parser;
    private final Slot[] slots;
    private final Backoff reconnectBackoff;
    private final Backoff rejoinBackoff;
    private final SSLSocketFactory tls;
    private final ScheduledExecutorService timer;
    private final Object outLock = new Object();
    private final Object sleepLock = new Object();
    private volatile Sink sink;
    /** Run once, on the reader thread, at the first registration, before the first JOIN (see {@link #beforeFirstJoin}). */
    private volatile Runnable beforeFirstJoin;

    // reader-thread state
    private final byte[] buf = new byte[BUFFER];
    private int fill;
    private boolean overlongSkip;
    private final RcEvent[] batch = new RcEvent[BATCH];
    private int batchN;
    private Slot lastSlot;
    private final RawLine raw = new RawLine();
    private long chunkNanos;
    private boolean chunkHadFeedLine;
    /** The sink was full when this read began: its feed lines are counted as dropped, not parsed. */
    private boolean chunkSaturated;
    private int chunkDropped;
    /** Set by the read loop: more than {@link #BACKLOG} bytes were waiting after the last read. */
    private boolean behind;
    /** Set by the read loop: the last read filled the room it was given, so more bytes may wait in the socket. */
    private boolean full;
    private final AtomicLong shed = new AtomicLong();
    private int nickTries;
    /** The socket whose quick ACKs the read loop re-arms, or null (reader thread). */
    private Socket ackSocket;
    /** Acknowledge what each read took at once (TCP_QUICKACK), see {@link #quickAck(boolean)}. */
    private volatile boolean quickAck = true;

    private volatile Thread reader;
    private volatile Socket socket;
    private volatile OutputStream out;
    private volatile boolean registered;
    private volatile String currentNick;
    private volatile boolean closing;
    private volatile boolean resetRequested;
    private volatile long connectedAtNanos;
    private volatile long lastInputNanos;
    private volatile long lastPingNanos;
    private volatile long lastFeedLineNanos;
    private volatile long lastFeedLineMillis;
    /** Wall-clock time of the last feed line before a connection was lost, to log the gap once lines flow again. */
    private volatile long gapFromMillis;

    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong parsed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong spoofed = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong overlong = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong watchdogCloses = new AtomicLong();
    private final AtomicLong channelRejoins = new AtomicLong();
    private final AtomicLong kicks = new AtomicLong();

    /**
     * @param sender the feed's sender: {@code nick!user@host} masks with wildcards, comma-separated, or a bare nick
     *               (accepted with a warning)
     * @param parser (wiki, raw text) → change, or {@code null} for a line it cannot read
     */
    public IrcFeed(ConnectionSettings settings, String sender, BiFunction<String, String, RcEvent> parser) {
        this(settings, sender, parser, null);
    }

    /** @param tls the TLS socket factory (tests trust their own certificate); {@code null} for the JDK default */
    IrcFeed(ConnectionSettings settings, String sender, BiFunction<String, String, RcEvent> parser,
            SSLSocketFactory tls) {
        if (sender == null || sender.isBlank()) {
            throw new IllegalArgumentException("the feed sender is required");
        }
        this.settings = settings;
        this.sender = SenderMask.parse(sender);
        this.parser = parser;
        List<Slot> s = new ArrayList<>();
        for (String c : settings.channels()) {
            s.add(new Slot(c));
        }
        this.slots = s.toArray(new Slot[0]);
        this.reconnectBackoff = new Backoff(settings.reconnectMinMillis(), settings.reconnectMaxMillis(),
                bound -> ThreadLocalRandom.current().nextLong(bound));
        long rejoinMax = Math.max(1_000, settings.rejoinMillis());
        this.rejoinBackoff = new Backoff(1_000, rejoinMax, bound -> ThreadLocalRandom.current().nextLong(bound));
        this.tls = settings.tls() ? (tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault()) : null;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "irc-" + settings.name() + "-timer");
            t.setDaemon(true);
            return t;
        });
        if (this.sender.bareNick()) {
            log.warn("{}: feed.sender '{}' is a bare nick: anyone holding it is believed; give the sender's mask, "
                    + "e.g. rc-pmtpa!~rc-pmtpa@special.user", settings.name(), sender);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public synchronized void start(Sink sink) {
        this.sink = sink;
        if (reader != null || closing) {
            return;
        }
        long tick = tickMillis(settings.watchdogMillis());
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        Thread t = new Thread(this::connectLoop, "irc-" + settings.name());
        t.setDaemon(true);
        // the thread that must keep the server's pace: the highest priority. The JVM passes it to Linux (nice -5)
        // only with -XX:ThreadPriorityPolicy=1 and the right to raise a priority (root or CAP_SYS_NICE); otherwise a
        // no-op (docs/speed.md, launcher flags)
        t.setPriority(Thread.MAX_PRIORITY);
        reader = t;
        t.start();
    }

    /**
     * The timer's period: an eighth of the watchdog, between 100 ms and 1 s (a second when there is none). Each tick
     * wakes a thread; the watchdog, keep-alive and rejoin times it checks are seconds long.
     */
    static long tickMillis(long watchdogMillis) {
        return watchdogMillis <= 0 ? 1_000 : Math.max(100, Math.min(1_000, watchdogMillis / 8));
    }

    private void connectLoop() {
        int attempt = 0;
        boolean first = true;
        while (!closing) {
            if (!first) {
                reconnects.incrementAndGet();
            }
            first = false;
            long began = System.nanoTime();
            boolean wasRegistered = false;
            try {
                wasRegistered = session();
            } catch (IOException | RuntimeException e) {
                if (!closing) {
                    log.warn("{}: connection to {} ended: {}", settings.name(), settings.address(), e.toString());
                }
            } finally {
                closeSocket();
                registered = false;
                for (Slot s : slots) {
                    s.joined = false;
                }
                flushBatch();
            }
            if (closing) {
                break;
            }
            if (lastFeedLineMillis != 0 && gapFromMillis == 0) {
                gapFromMillis = lastFeedLineMillis;
            }
            long delay;
            if (resetRequested || (wasRegistered && System.nanoTime() - began >= STABLE_SESSION_NANOS)) {
                // a session that worked: come back at once, lines are being lost
                resetRequested = false;
                attempt = 0;
                delay = 0;
            } else if (wasRegistered && attempt == 0) {
                delay = 0;
                attempt = 1;
            } else {
                delay = reconnectBackoff.delayMillis(Math.max(0, attempt - 1));
                attempt = Math.min(attempt + 1, 30);
            }
            log.info("{}: reconnecting {}", settings.name(), delay == 0 ? "now" : "in " + delay + " ms");
            pause(delay);
        }
        log.info("{}: reader stopped", settings.name());
    }

    /** One connection: connect, register, read until the socket ends. Returns whether it got registered. */
    private boolean session() throws IOException {
        log.info("{}: connecting to {} as {}", settings.name(), settings.address(), settings.nick());
        fill = 0;
        overlongSkip = false;
        nickTries = 0;
        currentNick = settings.nick();
        IrcSocketFactory f = new IrcSocketFactory(settings.host(), tls, settings.socketTimeoutMillis(),
                s -> socket = s).receiveBuffer(receiveBuffer());
        connectedAtNanos = System.nanoTime();
        lastInputNanos = connectedAtNanos;
        Socket s = f.createSocket(InetAddress.getByName(settings.host()), settings.port());
        socket = s;
        s.setSoTimeout(0);
        s.setTcpNoDelay(true);
        out = s.getOutputStream();
        if (closing) {
            return false;
        }
        if (settings.serverPassword() != null) {
            send("PASS " + settings.serverPassword());
        }
        send("NICK " + currentNick);
        send("USER " + settings.login() + " 0 * :" + settings.realName());
        readAll(s.getInputStream(), quickAck && QuickAck.supported(s) ? s : null);
        log.info("{}: the server closed the connection", settings.name());
        return registered;
    }

    /**
     * The socket's receive buffer: as large as {@code net.core.rmem_max} allows (up to 64 MB) when that is at least
     * {@link #RECEIVE_BUFFER}, so that a burst finds room from the first byte; otherwise (208 KB on a default Linux) left
     * to the kernel's autotuning, which an explicit smaller size would turn off.
     */
    static int receiveBuffer() {
        return receiveBuffer(java.nio.file.Path.of("/proc/sys/net/core/rmem_max"));
    }

    static int receiveBuffer(java.nio.file.Path rmemMaxFile) {
        // not Files.readString: on a /proc/sys file (size 0) it returns the first byte only ("4" for 4194304, JDK 17
        // and 25), which left every earlier version on the kernel's autotuning (about 400 KB when a burst began)
        try (InputStream in = java.nio.file.Files.newInputStream(rmemMaxFile)) {
            long rmemMax = Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
            return rmemMax >= RECEIVE_BUFFER ? (int) Math.min(rmemMax, 64 << 20) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Whether the feed socket acknowledges what each read emptied from it at once (Linux's {@code TCP_QUICKACK},
     * re-armed after every read that emptied the socket; default on). Without it the kernel may hold the
     * acknowledgement back (delayed ACK, up to 40 ms) and a server that writes with Nagle's algorithm on (ngIRCd sets
     * no {@code TCP_NODELAY}) then holds its next lines until that acknowledgement comes, or until a whole segment's
     * worth (64 KB on loopback) has piled up: at 10,000 lines/s in bench-irc, alerts late by 0–30 ms in most runs.
     * One {@code setsockopt} per read; a no-op where the option does not exist.
     */
    public IrcFeed quickAck(boolean on) {
        this.quickAck = on;
        return this;
    }

    /** The read loop: until the end of the stream. {@code ackNow}: the socket to re-arm quick ACKs on, or null. */
    private void readAll(InputStream in, Socket ackNow) throws IOException {
        ackSocket = ackNow;
        // the loop's body is a method of its own: a loop entered once per connection would run in the interpreter
        // until the JIT's on-stack replacement (tens of thousands of reads); a method called per read is compiled
        // after a few hundred, by the warm-up already
        while (readOnce(in)) {
            // next read
        }
    }

    /** One read of the socket and its lines; false at the end of the stream. */
    private boolean readOnce(InputStream in) throws IOException {
        int room = buf.length - fill;
        int n = in.read(buf, fill, room);
        if (n <= 0) {
            return false;
        }
        // bytes already waiting behind this read: past BACKLOG the reader is slower than the server writes. A read
        // that did not fill the room it was given emptied the socket: nothing waited, and no system call is spent
        // asking (at moderate rates every line is a read of its own)
        full = n == room;
        behind = full && in.available() > BACKLOG;
        Socket ack = ackSocket;
        if (ack != null && !full && !QuickAck.arm(ack)) {
            ackSocket = null;
        }
        received(n, System.nanoTime());
        return true;
    }

    // ------------------------------------------------------------------ bytes → lines (reader thread)

    /**
     * Processes {@code n} new bytes at {@code buf[fill]}: every complete line is handled, a partial one kept for the
     * next read, and the changes found handed to the sink at once.
     */
    void received(int n, long nanos) {
        chunkNanos = nanos;
        lastInputNanos = nanos;
        chunkHadFeedLine = false;
        Sink sk = sink;
        chunkSaturated = behind || (sk != null && sk.saturated());
        chunkDropped = 0;
        byte[] b = buf;
        int end = fill + n;
        int start = 0;
        int i = fill;
        if (overlongSkip) {
            while (i < end && b[i] != '\n' && b[i] != '\r') {
                i++;
            }
            if (i == end) {
                fill = 0;
                return;
            }
            overlongSkip = false;
            start = i;
        }
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '\n' || c == '\r') {
                if (i > start) {
                    line(b, start, i);
                }
                start = i + 1;
            }
        }
        int rest = end - start;
        if (rest == b.length) {
            overlong.incrementAndGet();
            overlongSkip = true;
            fill = 0;
        } else {
            if (rest > 0 && start > 0) {
                System.arraycopy(b, start, b, 0, rest);
            }
            fill = rest;
        }
        if (chunkHadFeedLine) {
            lastFeedLineNanos = nanos;
            long now = System.currentTimeMillis();
            long gap = gapFromMillis;
            if (gap != 0) {
                gapFromMillis = 0;
                log.warn("{}: feed lines flow again; {} ms without feed lines across the reconnection (from {} to {}):"
                        + " changes in that interval were lost", settings.name(), now - gap,
                        java.time.Instant.ofEpochMilli(gap), java.time.Instant.ofEpochMilli(now));
            }
            lastFeedLineMillis = now;
        }
        flushBatch();
        if (chunkDropped > 0) {
            if (behind) {
                shed.addAndGet(chunkDropped);
            }
            if (sk != null) {
                sk.dropped(chunkDropped);
            }
        }
    }

    /**
     * A reader that is never connected, for the warm-up at start: bytes given to {@link #readBytes} take the socket's
     * path (lines, sender mask, decoding, parser, hand-off to {@code sink}). Lines from the default sender's mask to
     * {@code #fr.wikipedia}.
     */
    public static IrcFeed detached(BiFunction<String, String, RcEvent> parser, Sink sink) {
        IrcFeed f = new IrcFeed(ConnectionSettings.of("warmup", "localhost", 6667, "warmup")
                .withChannels(List.of("#fr.wikipedia")), "rc-pmtpa!~rc-pmtpa@special.user", parser);
        f.timer.shutdownNow();
        f.sink = sink;
        return f;
    }

    /** Hands these bytes to a {@link #detached} reader as if read from the socket. */
    public void readBytes(byte[] data) {
        receivedBytes(data);
    }

    /** A {@link #detached} reader reads this stream (e.g. a loopback socket) to its end, as it reads the server. */
    public void readStream(InputStream in) throws IOException {
        fill = 0;
        overlongSkip = false;
        readAll(in, null);
    }

    /** Test seam: hands these bytes to the reader as if read from the socket, in pieces that fit the buffer. */
    void receivedBytes(byte[] data) {
        int off = 0;
        while (off < data.length) {
            int k = Math.min(data.length - off, buf.length - fill);
            System.arraycopy(data, off, buf, fill, k);
            off += k;
            received(k, System.nanoTime());
        }
    }

    private void flushBatch() {
        int n = batchN;
        if (n == 0) {
            return;
        }
        Sink s = sink;
        if (s != null) {
            try {
                s.acceptAll(batch, n, full || n == BATCH);
            } catch (RuntimeException e) {
                log.warn("{}: the sink failed on {} changes", settings.name(), n, e);
            }
        }
        java.util.Arrays.fill(batch, 0, n, null);
        batchN = 0;
    }

    /** One line {@code b[s, e)}, without its CR/LF. The PRIVMSG path allocates only the text. */
    private void line(byte[] b, int s, int e) {
        int i = s;
        if (b[i] == '@') {                  // message tags: skipped
            i = indexOf(b, i, e, (byte) ' ');
            if (i < 0) {
                return;
            }
            i = skipSpaces(b, i, e);
        }
        int pStart = -1;
        int pEnd = -1;
        if (i < e && b[i] == ':') {
            pStart = i + 1;
            pEnd = indexOf(b, i, e, (byte) ' ');
            if (pEnd < 0) {
                return;
            }
            i = skipSpaces(b, pEnd, e);
        }
        int cEnd = indexOf(b, i, e, (byte) ' ');
        if (cEnd < 0) {
            cEnd = e;
        }
        if (cEnd - i == 7 && regionEquals(b, i, PRIVMSG)) {
            privmsg(b, pStart, pEnd, skipSpaces(b, cEnd, e), e);
        } else {
            other(new String(b, s, e - s, StandardCharsets.UTF_8));
        }
    }

    private void privmsg(byte[] b, int pStart, int pEnd, int tStart, int e) {
        lines.incrementAndGet();
        if (pStart < 0) {
            ignored.incrementAndGet();
            return;
        }
        SenderMask.Verdict v = sender.check(b, pStart, pEnd);
        if (v != SenderMask.Verdict.FEED) {
            if (v == SenderMask.Verdict.SPOOFED) {
                long n = spoofed.incrementAndGet();
                if (n == 1 || n % 10_000 == 0) {
                    log.warn("{}: {} spoofed feed line(s) dropped: the feed's nick from another user@host ({}), "
                            + "not {}", settings.name(), n, new String(b, pStart, pEnd - pStart,
                            StandardCharsets.UTF_8), sender);
                }
            } else {
                ignored.incrementAndGet();
            }
            return;
        }
        if (tStart >= e || b[tStart] != '#') {
            ignored.incrementAndGet();
            return;
        }
        int tEnd = indexOf(b, tStart, e, (byte) ' ');
        if (tEnd < 0) {
            tEnd = e;
        }
        int x = skipSpaces(b, tEnd, e);
        if (x < e && b[x] == ':') {
            x++;
        }
        Slot slot = slot(b, tStart, tEnd);
        if (chunkSaturated) {
            // overload: the engine could not take it anyway; reading on at the server's pace matters more
            chunkHadFeedLine = true;
            chunkDropped++;
            if (slot != null) {
                slot.lastLineNanos = chunkNanos;
                slot.linesSinceJoin++;
            }
            return;
        }
        String wiki = slot != null ? slot.wiki : new String(b, tStart + 1, tEnd - tStart - 1, StandardCharsets.UTF_8);
        String text = new String(b, x, e - x, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0 && !hasReplacementChar(b, x, e)) {
            malformed.incrementAndGet();
        }
        chunkHadFeedLine = true;
        if (slot != null) {
            slot.lastLineNanos = chunkNanos;
            slot.linesSinceJoin++;
            slot.lines.lazySet(slot.lines.get() + 1);
        }
        RcEvent event;
        try {
            event = parser.apply(wiki, text);
        } catch (RuntimeException ex) {
            event = null;
        }
        if (event == null) {
            skipped.incrementAndGet();
            return;
        }
        parsed.incrementAndGet();
        batch[batchN++] = event;
        if (batchN == BATCH) {
            flushBatch();
        }
    }

    /** The wanted channel named by {@code b[s, e)} (ASCII case ignored), or null. */
    private Slot slot(byte[] b, int s, int e) {
        Slot last = lastSlot;
        if (last != null && sameChannel(last.lower, b, s, e)) {
            return last;
        }
        for (Slot slot : slots) {
            if (sameChannel(slot.lower, b, s, e)) {
                lastSlot = slot;
                return slot;
            }
        }
        return null;
    }

    private static boolean sameChannel(byte[] lower, byte[] b, int s, int e) {
        if (lower.length != e - s) {
            return false;
        }
        for (int k = 0; k < lower.length; k++) {
            int c = b[s + k];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lower[k]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the bytes hold an encoded U+FFFD (EF BF BD), which decodes to U+FFFD without being malformed. */
    private static boolean hasReplacementChar(byte[] b, int s, int e) {
        for (int k = s; k + 2 < e; k++) {
            if (b[k] == (byte) 0xEF && b[k + 1] == (byte) 0xBF && b[k + 2] == (byte) 0xBD) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int k = from; k < to; k++) {
            if (b[k] == c) {
                return k;
            }
        }
        return -1;
    }

    private static int skipSpaces(byte[] b, int i, int e) {
        while (i < e && b[i] == ' ') {
            i++;
        }
        return i;
    }

    private static boolean regionEquals(byte[] b, int s, byte[] word) {
        for (int k = 0; k < word.length; k++) {
            int c = b[s + k];
            if (c >= 'a' && c <= 'z') {
                c -= 'a' - 'A';
            }
            if (c != word[k]) {
                return false;
            }
        }
        return true;
    }

    /** Everything but PRIVMSG: rare, so parsed from a String. */
    private void other(String line) {
        if (!raw.parse(line)) {
            return;
        }
        String cmd = raw.command().toUpperCase(Locale.ROOT);
        switch (cmd) {
            case "PING" -> send(raw.paramsRaw().isEmpty() ? "PONG" : "PONG " + raw.paramsRaw());
            case "001" -> {
                String me = raw.param(0);
                if (me != null && !me.isEmpty()) {
                    currentNick = me;
                }
                registered = true;
                Runnable settle = beforeFirstJoin;
                if (settle != null) {
                    beforeFirstJoin = null;
                    try {
                        settle.run();
                    } catch (RuntimeException e) {
                        log.warn("{}: before the first join: {}", settings.name(), e.toString());
                    }
                }
                log.info("{}: registered on {} as {}; joining {} channels", settings.name(), settings.address(),
                        currentNick, slots.length);
                List<String> all = new ArrayList<>();
                long now = System.nanoTime();
                for (Slot s : slots) {
                    all.add(s.channel);
                    s.attempts = 0;
                    s.nextJoinNanos = now + TimeUnit.MILLISECONDS.toNanos(rejoinBackoff.delayMillis(0));
                }
                for (String l : IrcConnection.joinLines(all, settings.outbox().maxLineBytes())) {
                    send(l);
                }
            }
            case "433", "432", "437" -> {
                if (!registered) {
                    nickTries++;
                    String base = settings.nick();
                    currentNick = nickTries == 1 ? base + "_" : base + ThreadLocalRandom.current().nextInt(100, 1000);
                    send("NICK " + currentNick);
                }
            }
            case "JOIN" -> {
                if (raw.nick().equalsIgnoreCase(currentNick)) {
                    Slot s = slotNamed(raw.param(0));
                    if (s != null) {
                        s.joined = true;
                        s.joinedAtNanos = System.nanoTime();
                        s.linesSinceJoin = 0;
                        log.info("{}: joined {}", settings.name(), s.channel);
                    }
                }
            }
            case "PART" -> {
                if (raw.nick().equalsIgnoreCase(currentNick)) {
                    Slot s = slotNamed(raw.param(0));
                    if (s != null) {
                        s.joined = false;
                        joinNow(s, "parted");
                    }
                }
            }
            case "KICK" -> {
                String who = raw.param(1);
                Slot s = slotNamed(raw.param(0));
                if (who != null && who.equalsIgnoreCase(currentNick) && s != null) {
                    kicks.incrementAndGet();
                    s.joined = false;
                    if (System.nanoTime() - s.joinedAtNanos > STABLE_SESSION_NANOS) {
                        s.attempts = 0;
                        s.nextJoinNanos = 0;
                    }
                    log.warn("{}: kicked from {} by {} ({}); joining again", settings.name(), s.channel, raw.nick(),
                            IrcText.sanitize(String.valueOf(raw.param(2))));
                    joinNow(s, "kicked");
                }
            }
            case "471", "473", "474", "475", "403", "405", "476", "477", "479", "480", "489" -> {
                Slot s = slotNamed(raw.param(1));
                if (s != null && !s.joined) {
                    log.info("{}: cannot join {} ({} {}); next try in {} ms", settings.name(), s.channel, cmd,
                            IrcText.sanitize(String.valueOf(raw.param(2))),
                            TimeUnit.NANOSECONDS.toMillis(Math.max(0, s.nextJoinNanos - System.nanoTime())));
                }
            }
            case "ERROR" -> {
                if (closing) {
                    return;
                }
                log.warn("{}: server error: {}", settings.name(), IrcText.sanitize(String.valueOf(raw.param(0))));
                closeSocket();
            }
            default -> {
                // PONG, notices, MOTD, NAMES…: a read-only client needs none of them; PONG is NOT feed activity
            }
        }
    }

    private Slot slotNamed(String channel) {
        if (channel == null) {
            return null;
        }
        for (Slot s : slots) {
            if (s.channel.equalsIgnoreCase(channel)) {
                return s;
            }
        }
        return null;
    }

    /** Sends JOIN for {@code s} now if its backoff allows, and sets the time of the next try. */
    private void joinNow(Slot s, String why) {
        long now = System.nanoTime();
        if (!registered || now - s.nextJoinNanos < 0) {
            return;
        }
        int a = s.attempts;
        s.attempts = Math.min(a + 1, 30);
        s.nextJoinNanos = now + TimeUnit.MILLISECONDS.toNanos(rejoinBackoff.delayMillis(a));
        channelRejoins.incrementAndGet();
        log.debug("{}: joining {} ({})", settings.name(), s.channel, why);
        send("JOIN " + s.channel);
    }

    // ------------------------------------------------------------------ timer: keep-alive, watchdog, rejoin

    private void tick() {
        try {
            Socket s = socket;
            if (s == null || s.isClosed()) {
                return;
            }
            long now = System.nanoTime();
            long keepAlive = TimeUnit.MILLISECONDS.toNanos(settings.socketTimeoutMillis());
            if (now - lastInputNanos > keepAlive && now - lastPingNanos > keepAlive) {
                lastPingNanos = now;
                send("PING :keepalive");      // keeps the TCP path honest; its PONG does not count as feed
            }
            long watchdog = TimeUnit.MILLISECONDS.toNanos(settings.watchdogMillis());
            if (watchdog > 0) {
                long since = Math.max(lastFeedLineNanos, connectedAtNanos);
                if (now - since > watchdog) {
                    watchdogCloses.incrementAndGet();
                    log.warn("{}: no feed line for {} ms (PING/PONG and server lines do not count); reconnecting",
                            settings.name(), TimeUnit.NANOSECONDS.toMillis(now - since));
                    closeSocket();
                    return;
                }
            }
            if (!registered) {
                return;
            }
            for (Slot slot : slots) {
                if (!slot.joined) {
                    joinNow(slot, "not joined");
                } else if (watchdog > 0 && busy(slot, watchdog) && now - slot.lastLineNanos > watchdog) {
                    log.warn("{}: {} silent for {} ms though it had a line every {} ms; joining it again",
                            settings.name(), slot.channel, TimeUnit.NANOSECONDS.toMillis(now - slot.lastLineNanos),
                            TimeUnit.NANOSECONDS.toMillis((slot.lastLineNanos - slot.joinedAtNanos)
                                    / Math.max(1, slot.linesSinceJoin)));
                    slot.joined = false;
                    slot.linesSinceJoin = 0;
                    slot.nextJoinNanos = 0;
                    send("PART " + slot.channel);
                    joinNow(slot, "silent");
                }
            }
        } catch (RuntimeException e) {
            log.debug("{}: timer: {}", settings.name(), e.toString());
        }
    }

    /** A channel busy enough to be watched on its own: at least 10 lines since joined, one every tenth of the limit. */
    private static boolean busy(Slot s, long watchdogNanos) {
        long n = s.linesSinceJoin;
        return n >= 10 && (s.lastLineNanos - s.joinedAtNanos) / n <= watchdogNanos / 10;
    }

    // ------------------------------------------------------------------ output

    /** Writes one protocol line (sanitised) at once; a failure closes the connection. */
    void send(String line) {
        OutputStream o = out;
        if (o == null) {
            return;
        }
        byte[] bytes = (IrcText.sanitize(line) + "\r\n").getBytes(StandardCharsets.UTF_8);
        synchronized (outLock) {
            try {
                o.write(bytes);
                o.flush();
            } catch (IOException e) {
                log.debug("{}: write failed: {}", settings.name(), e.toString());
                closeSocket();
            }
        }
    }

    /**
     * Work to run once, on the reader thread, when the first connection is registered and before the channels are
     * joined: the last moment before the feed's lines flow (Vigie settles its heap there, see {@code Vigie}). Not run
     * again at a reconnection.
     */
    public void beforeFirstJoin(Runnable work) {
        this.beforeFirstJoin = work;
    }

    /** Test seam: the sink, without starting the connection. */
    void sink(Sink sink) {
        this.sink = sink;
    }

    /** Test seam: where {@link #send} writes, without a socket. */
    void output(OutputStream o) {
        this.out = o;
    }

    /** Test seam: as if registered under {@code nick} (the 001 was seen). */
    void registeredAs(String nick) {
        currentNick = nick;
        registered = true;
    }

    private void closeSocket() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                log.debug("{}: closing: {}", settings.name(), e.toString());
            }
        }
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
        }
    }

    @Override
    public void reset() {
        log.info("{}: reset requested", settings.name());
        resetRequested = true;
        closeSocket();
        synchronized (sleepLock) {
            sleepLock.notifyAll();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        timer.shutdownNow();
        if (registered) {
            send("QUIT :");
        }
        closeSocket();
        synchronized (sleepLock) {
            sleepLock.notifyAll();
        }
        Thread t = reader;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        registered = false;
    }

    // ------------------------------------------------------------------ state

    /**
     * {@code lines} counts every PRIVMSG received (ignored and spoofed ones included); {@code lastLineMillis} is the
     * time of the last line from the feed's sender — nothing else counts; {@code dropped} is always 0 here: drops
     * happen in the engine's queue, behind the sink.
     */
    @Override
    public FeedStats stats() {
        return new FeedStats("irc " + settings.address(), registered, lastFeedLineMillis, lines.get(), parsed.get(),
                skipped.get(), 0, reconnects.get());
    }

    /** PRIVMSGs by anyone but the feed's nick (or outside a channel), not parsed. */
    public long ignored() {
        return ignored.get();
    }

    /** Lines from the feed's nick but another user@host than {@code feed.sender} allows: dropped. */
    public long spoofed() {
        return spoofed.get();
    }

    /** Feed lines with invalid UTF-8 (decoded with U+FFFD and parsed anyway). */
    public long malformed() {
        return malformed.get();
    }

    /** Lines longer than the read buffer, dropped. */
    public long overlong() {
        return overlong.get();
    }

    /** Feed lines not parsed because the reader was behind the server (counted in the engine's drops too). */
    public long shed() {
        return shed.get();
    }

    /** Times the watchdog closed a connection without feed lines. */
    public long watchdogCloses() {
        return watchdogCloses.get();
    }

    /** Times the feed was kicked from one of its channels. */
    public long kicks() {
        return kicks.get();
    }

    /** JOINs sent after the first one of a session (kick, refusal, silence). */
    public long rejoins() {
        return channelRejoins.get();
    }

    /** The wanted channels. */
    public List<String> channels() {
        List<String> out = new ArrayList<>();
        for (Slot s : slots) {
            out.add(s.channel);
        }
        return out;
    }

    /** Whether the feed sits in {@code channel} now, as the server last said. */
    public boolean joined(String channel) {
        Slot s = slotNamed(channel);
        return s != null && s.joined;
    }

    /** The sender's masks as configured. */
    public SenderMask sender() {
        return sender;
    }
}
