package org.vigie.irc;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.vigie.alert.Priority;
import org.vigie.i18n.Templates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way out to one IRC connection: a priority queue drained by one sender thread at a pace the network
 * accepts.
 *
 * <ul>
 *   <li>Order: protocol commands (JOIN, PART, WHOIS) first, then {@link Priority#REPLY}, {@link Priority#HIGH},
 *       {@link Priority#NORMAL}, {@link Priority#PUBLIC}; first in, first out within one priority. While HIGH lines
 *       wait, at least one line in {@link OutboxSettings#highShare()} is a HIGH one, whatever waits ahead of it: no
 *       flood of commands, answers or WHOIS starves the alerts about listed users.</li>
 *   <li>Bounds: every lane is bounded ({@link #MAX_CONTROL}, {@link #MAX_REPLY}, {@link OutboxSettings#maxHigh()},
 *       {@link OutboxSettings#maxQueued()}, {@link #MAX_PUBLIC}); what does not fit is dropped and counted
 *       ({@link #fullDropped}), and the next line sent to the same target says so ({@code irc.dropped.full}).</li>
 *   <li>Coalescing: alerts sent with {@link #sendAlert} under one key (an editor) and one target are not queued
 *       beyond {@link #COALESCE_AFTER} waiting lines; the rest are counted, and once the waiting ones are out one line
 *       says how many more there were ({@code Vandale Rafale: 37 more edits in 60 s}).</li>
 *   <li>Highlights: the text of alerts to a channel goes through the {@linkplain #alertFilter filter} the connection
 *       sets (it breaks the nicks present in the channel) before it is split.</li>
 *   <li>Safety: text is {@linkplain IrcText#sanitize sanitised} (no CR/LF injection), targets are validated, and a
 *       long text is split into lines of at most {@link OutboxSettings#maxLineBytes()} UTF-8 bytes, command and
 *       target included.</li>
 *   <li>Pace: a token bucket ({@code burst} lines at once, then one per {@code intervalMillis}).</li>
 *   <li>Staleness: a NORMAL line older than {@code staleMillis} when its turn comes is dropped and counted; the
 *       count is put in front of the next line sent to the same target ({@code irc.dropped}).</li>
 * </ul>
 * PONG never goes through here: the connection answers pings at once.
 */
public final class Outbox {

    /** Where the outbox writes complete lines (without CR LF). */
    public interface LineSink {
        void send(String line) throws IOException;

        /**
         * Writes several lines at once (one system call when the connection allows it). The default sends them one
         * by one.
         */
        default void sendAll(List<String> lines) throws IOException {
            for (int i = 0, n = lines.size(); i < n; i++) {
                send(lines.get(i));
            }
        }

        /** False while the connection is down or not registered: lines then wait (NORMAL ones may go stale). */
        default boolean ready() {
            return true;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private static final int CONTROL = 0;
    private static final int REPLY_LANE = Priority.REPLY.ordinal() + 1;
    private static final int HIGH_LANE = Priority.HIGH.ordinal() + 1;
    private static final int NORMAL_LANE = Priority.NORMAL.ordinal() + 1;
    private static final int PUBLIC_LANE = Priority.PUBLIC.ordinal() + 1;
    private static final int LANES = Priority.values().length + 1;
    /** Protocol lines (JOIN, PART, WHOIS…) waiting at most; more are refused. */
    public static final int MAX_CONTROL = 1_000;
    /** Lines of answers to operators waiting at most; more are dropped and counted. */
    public static final int MAX_REPLY = 500;
    /** Lines of answers to others waiting at most: a stranger cannot fill the outbox. */
    public static final int MAX_PUBLIC = 20;
    /** Waiting alert lines of one key and target beyond which more are counted instead of queued. */
    public static final int COALESCE_AFTER = 3;

    /** Renders the line that stands for coalesced alerts. */
    @FunctionalInterface
    public interface CoalesceNote {
        String render(String who, int count, long seconds);
    }
    private static final long NOT_READY_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int MIN_TEXT_BYTES = 16;
    /** Lines that are due together go out in one write, up to this many. */
    private static final int WRITE_BATCH = 32;

    /**
     * One line waiting: {@code command == null} for a raw protocol line held whole in {@code text}; {@code stands} is
     * how many alerts it stands for (a coalesced line: the count it gives), what its drop counts.
     */
    private record Line(String command, String target, String text, long enqueuedNanos, Group group, int stands) {
    }

    /** The alerts of one key (an editor) to one target that are waiting or were counted instead. */
    private static final class Group {
        final String key;
        final String command;
        final String target;
        final String who;
        final int lane;
        int waiting;
        boolean suppressing;
        int suppressed;
        long firstSuppressedNanos;
        long lastSuppressedNanos;

        Group(String key, String command, String target, String who, int lane) {
            this.key = key;
            this.command = command;
            this.target = target;
            this.who = who;
            this.lane = lane;
        }
    }

    private final String name;
    private final OutboxSettings settings;
    private final LineSink sink;
    private final IntFunction<String> dropNote;
    private final LongSupplier nanoClock;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Line>[] lanes = new ArrayDeque[LANES];
    private final Map<String, Integer> dropsByTarget = new HashMap<>();       // stale
    private final Map<String, Integer> fullByTarget = new HashMap<>();        // refused: their lane was full
    private volatile IntFunction<String> fullNote = n -> "(queue full, lines dropped: " + n + ")";
    private final Map<String, Group> groups = new HashMap<>();
    private volatile CoalesceNote coalesceNote = (who, n, secs) -> who + ": " + n + " more edits in " + secs + " s";
    private volatile java.util.function.BinaryOperator<String> alertFilter;
    private int sinceHigh;            // lines of other lanes sent in a row while HIGH lines waited
    private final long intervalNanos;
    private final long burstNanos;
    private final long staleNanos;
    private long bucketTat;           // theoretical arrival time of the token bucket (GCRA form)
    private boolean bucketStarted;
    private String nextOut;
    private volatile int queued;
    private volatile boolean closed;
    private long flushDeadline;
    private Thread thread;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong staleDropped = new AtomicLong();
    private final AtomicLong fullDropped = new AtomicLong();
    private final AtomicLong publicDropped = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param name     for the thread name and logs ({@code feed}, {@code network})
     * @param dropNote renders the stale-drop note for a count; {@code null} for the English default
     */
    public Outbox(String name, OutboxSettings settings, LineSink sink, IntFunction<String> dropNote) {
        this(name, settings, sink, dropNote, System::nanoTime);
    }

    /** With an injectable monotonic clock in nanoseconds, for tests. */
    Outbox(String name, OutboxSettings settings, LineSink sink, IntFunction<String> dropNote, LongSupplier nanoClock) {
        this.name = name;
        this.settings = settings;
        this.sink = sink;
        this.dropNote = dropNote != null ? dropNote : n -> "(" + n + " stale alerts dropped)";
        this.nanoClock = nanoClock;
        for (int i = 0; i < LANES; i++) {
            lanes[i] = new ArrayDeque<>();
        }
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.intervalMillis());
        this.burstNanos = intervalNanos * (settings.burst() - 1);
        this.staleNanos = TimeUnit.MILLISECONDS.toNanos(settings.staleMillis());
    }

    /** The {@code irc.dropped} message of {@code templates} as a drop note. */
    public static IntFunction<String> dropNote(Templates templates) {
        return n -> templates.render(n == 1 ? "irc.dropped.one" : "irc.dropped", "count", n);
    }

    /**
     * The note put in front of the next line to a target after lines to it were refused because their lane was full
     * (the messages' {@code irc.dropped.full}); stale drops keep their own note ({@link #dropNote}).
     */
    public void fullNote(IntFunction<String> note) {
        this.fullNote = note;
    }

    /** The {@code irc.dropped.full} message of {@code templates} as a lane-full note. */
    public static IntFunction<String> fullNote(Templates templates) {
        return n -> templates.render("irc.dropped.full", "count", n);
    }

    /** The wording of the line that stands for coalesced alerts (the messages' {@code irc.coalesced}). */
    public void coalesceNote(CoalesceNote note) {
        this.coalesceNote = note;
    }

    /** {@code irc.coalesced} (or {@code irc.coalesced.one} for one) of {@code templates} as a coalesce note. */
    public static CoalesceNote coalesceNote(Templates templates) {
        return (who, n, secs) -> templates.render(n == 1 ? "irc.coalesced.one" : "irc.coalesced", "who", who,
                "count", n, "seconds", secs);
    }

    /**
     * Applied to the text of every alert (HIGH, NORMAL) to a channel before it is split: {@code (channel, text) ->
     * text}. Runs on the thread that sends the alert, only when one is sent.
     */
    public void alertFilter(java.util.function.BinaryOperator<String> filter) {
        this.alertFilter = filter;
    }

    /** Starts the sender thread. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, "outbox-" + name);
        thread.setDaemon(true);
        // the alert path's last hop: as the feed reader, the highest priority (effective under
        // -XX:ThreadPriorityPolicy=1 with the right to raise it, see docs/speed.md, launcher flags; a no-op otherwise)
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    /**
     * Queues a PRIVMSG. Returns false when the outbox is closed, the text is empty or the line was dropped
     * because the queue is full (NORMAL only).
     *
     * @throws IllegalArgumentException for an invalid target (space, comma, control character) or one so long that
     *                                  no text would fit in a line
     */
    public boolean send(Priority priority, String target, String text) {
        return enqueue(priority, "PRIVMSG", target, text, null, null);
    }

    /**
     * Queues an alert that may be coalesced with the others of {@code key} to the same target: past
     * {@link #COALESCE_AFTER} waiting lines they are counted, and one line written by the coalesce note with
     * {@code who} stands for them once the waiting ones are out. Returns true when queued or counted.
     */
    public boolean sendAlert(Priority priority, String target, String text, String key, String who) {
        return enqueue(priority, "PRIVMSG", target, text, key, who);
    }

    /** Queues a NOTICE; same rules as {@link #send}. */
    public boolean notice(Priority priority, String target, String text) {
        return enqueue(priority, "NOTICE", target, text, null, null);
    }

    /** Queues a protocol line (JOIN, PART, WHOIS…) ahead of every message. The line is sanitised. */
    boolean control(String rawLine) {
        String line = IrcText.sanitize(rawLine);
        lock.lock();
        try {
            if (closed || lanes[CONTROL].size() >= MAX_CONTROL) {
                return false;
            }
            lanes[CONTROL].addLast(new Line(null, null, line, nanoClock.getAsLong(), null, 1));
            queued++;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean enqueue(Priority priority, String command, String target, String text, String key, String who) {
        if (!IrcText.isValidTarget(target)) {
            throw new IllegalArgumentException("invalid IRC target: '" + IrcText.sanitize(String.valueOf(target)) + "'");
        }
        int budget = textBudget(command, target);
        if (budget < MIN_TEXT_BYTES) {
            throw new IllegalArgumentException("target too long for a " + settings.maxLineBytes() + "-byte line: " + target);
        }
        boolean alert = priority == Priority.HIGH || priority == Priority.NORMAL;
        String gk = key != null && alert ? target.toLowerCase(Locale.ROOT) + "\n" + key : null;
        if (gk != null && countIfCoalescing(gk)) {
            return true;            // before the filter and the split: a flood costs a map lookup an alert
        }
        String raw = text == null ? "" : text;
        java.util.function.BinaryOperator<String> filter = alertFilter;
        if (alert && filter != null && IrcText.isChannel(target)) {
            raw = filter.apply(target, raw);
        }
        String clean = IrcText.sanitize(raw);
        if (clean.isEmpty()) {
            return false;
        }
        List<String> pieces = IrcText.split(clean, budget);
        int lane = priority.ordinal() + 1;
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            long now = nanoClock.getAsLong();
            Group g = null;
            if (gk != null) {
                g = groups.get(gk);
                if (g != null && g.suppressing) {     // it began coalescing since the check above
                    if (g.suppressed++ == 0) {
                        g.firstSuppressedNanos = now;
                    }
                    g.lastSuppressedNanos = now;
                    coalesced.incrementAndGet();
                    return true;
                }
                if (g == null) {
                    g = new Group(gk, command, target, who == null ? key : who, lane);
                }
            }
            int n = pieces.size();
            boolean fits = switch (priority) {
                case REPLY -> lanes[REPLY_LANE].size() + n <= MAX_REPLY;
                case HIGH -> lanes[HIGH_LANE].size() + n <= settings.maxHigh();
                case NORMAL -> queued + n <= settings.maxQueued();
                case PUBLIC -> lanes[PUBLIC_LANE].size() + n <= MAX_PUBLIC;
            };
            if (!fits) {
                if (priority == Priority.PUBLIC) {
                    publicDropped.addAndGet(n);
                } else {
                    countFull(target, n);
                }
                return false;
            }
            if (g != null) {
                groups.putIfAbsent(g.key, g);
                g.waiting += n;
                if (g.waiting >= COALESCE_AFTER) {
                    g.suppressing = true;
                }
            }
            for (String piece : pieces) {
                lanes[lane].addLast(new Line(command, target, piece, now, g, 1));
            }
            queued += n;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Counts an alert of a group that is coalescing (true), or leaves it to be queued (false). */
    private boolean countIfCoalescing(String groupKey) {
        lock.lock();
        try {
            Group g = groups.get(groupKey);
            if (g == null || !g.suppressing || closed) {
                return false;
            }
            long now = nanoClock.getAsLong();
            if (g.suppressed++ == 0) {
                g.firstSuppressedNanos = now;
            }
            g.lastSuppressedNanos = now;
            coalesced.incrementAndGet();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private int textBudget(String command, String target) {
        // "COMMAND target :text"
        return settings.maxLineBytes() - command.length() - 1 - IrcText.utf8Length(target) - 2;
    }

    /** Lines that went stale waiting (or alerts counted behind them). */
    private void countDrop(String target, int lines) {
        dropped.addAndGet(lines);
        staleDropped.addAndGet(lines);
        dropsByTarget.merge(target.toLowerCase(Locale.ROOT), lines, Integer::sum);
    }

    /** Lines refused because their lane was full. */
    private void countFull(String target, int lines) {
        dropped.addAndGet(lines);
        fullDropped.addAndGet(lines);
        fullByTarget.merge(target.toLowerCase(Locale.ROOT), lines, Integer::sum);
    }

    /** Lines waiting. */
    public int queued() {
        return queued;
    }

    /** Message lines waiting, by target (channel or nick) as written; protocol lines left out. For the web status. */
    public Map<String, Integer> queuedByTarget() {
        Map<String, Integer> out = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        lock.lock();
        try {
            for (int i = CONTROL + 1; i < LANES; i++) {
                for (Line l : lanes[i]) {
                    out.merge(l.target(), 1, Integer::sum);
                }
            }
        } finally {
            lock.unlock();
        }
        return out;
    }

    /** Protocol lines (JOIN, PART, WHOIS) still waiting. */
    int controlQueued() {
        lock.lock();
        try {
            return lanes[CONTROL].size();
        } finally {
            lock.unlock();
        }
    }

    /** Lines written to the connection since start. */
    public long sent() {
        return sent.get();
    }

    /**
     * Lines dropped since start: stale NORMAL lines, and REPLY, HIGH or NORMAL lines refused because their lane was
     * full. Answers to non-operators are counted apart ({@link #publicDropped}).
     */
    public long dropped() {
        return dropped.get();
    }

    /** Of {@link #dropped}: lines that went stale waiting, and alerts counted behind them. */
    public long staleDropped() {
        return staleDropped.get();
    }

    /** Of {@link #dropped}: lines refused because their lane was full. */
    public long fullDropped() {
        return fullDropped.get();
    }

    /** Lines of answers to non-operators dropped (their lane full, or stale). */
    public long publicDropped() {
        return publicDropped.get();
    }

    /** Alerts counted into a coalesced line instead of being queued. */
    public long coalesced() {
        return coalesced.get();
    }

    /** Lines the connection refused to write (it went down between the check and the write). */
    public long failed() {
        return failed.get();
    }

    /** Wakes the sender, e.g. when the connection becomes ready. */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting lines and gives the sender up to two seconds to flush what is queued. */
    public void close() {
        close(2_000);
    }

    /** Stops accepting lines, lets the sender flush for at most {@code flushMillis}, then stops it. */
    public void close(long flushMillis) {
        Thread t;
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                flushDeadline = nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(flushMillis);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(flushMillis + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                t.interrupt();
            }
        }
    }

    /**
     * One step of the sender, for tests driven by a fake clock: sends at most one line. Returns 0 when a line was
     * sent, otherwise the nanoseconds to wait before the next line may go ({@link Long#MAX_VALUE} when empty).
     */
    long step() {
        String out;
        lock.lock();
        try {
            long wait = prepare(nanoClock.getAsLong());
            if (wait != 0) {
                return wait;
            }
            out = nextOut;
            nextOut = null;
        } finally {
            lock.unlock();
        }
        write(out);
        return 0;
    }

    private void run() {
        List<String> out = new ArrayList<>(WRITE_BATCH);
        try {
            while (true) {
                out.clear();
                lock.lock();
                try {
                    while (true) {
                        long now = nanoClock.getAsLong();
                        if (closed && (queued == 0 || now - flushDeadline >= 0)) {
                            return;
                        }
                        long wait = prepare(now);
                        if (wait == 0) {
                            out.add(nextOut);
                            nextOut = null;
                            // what else the pace lets out now goes in the same write (prepare takes a token each)
                            while (out.size() < WRITE_BATCH && prepare(now) == 0) {
                                out.add(nextOut);
                                nextOut = null;
                            }
                            break;
                        }
                        if (closed) {
                            wait = Math.min(wait, flushDeadline - now);
                        }
                        if (wait == Long.MAX_VALUE) {
                            changed.await();
                        } else if (wait > 0) {
                            changed.awaitNanos(wait);
                        }
                    }
                } finally {
                    lock.unlock();
                }
                writeAll(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            log.error("{}: outbox sender stopped", name, t);
            if (t instanceof VirtualMachineError fatal) {
                throw fatal;        // out of memory: the process ends (FatalErrors) rather than lives on without alerts
            }
        } finally {
            if (queued > 0) {
                log.info("{}: outbox closed with {} lines unsent", name, queued);
            }
        }
    }

    /** Under the lock: drops stale lines, then either puts the next line in {@link #nextOut} (returns 0) or returns the wait. */
    private long prepare(long now) {
        dropStale(now);
        if (queued == 0) {
            return Long.MAX_VALUE;
        }
        if (!sink.ready()) {
            return NOT_READY_POLL_NANOS;
        }
        long wait = tokenWait(now);
        if (wait > 0) {
            return wait;
        }
        int lane = 0;
        while (lanes[lane].isEmpty()) {
            lane++;
        }
        boolean highWaits = !lanes[HIGH_LANE].isEmpty();
        if (lane < HIGH_LANE && highWaits && sinceHigh >= settings.highShare() - 1) {
            lane = HIGH_LANE;           // the alerts' guaranteed share of the pace
        }
        sinceHigh = lane == HIGH_LANE || !highWaits ? 0 : sinceHigh + 1;
        Line line = lanes[lane].peekFirst();
        if (line.command() == null) {
            nextOut = line.text();
            take(lane);
        } else {
            String t = line.target().toLowerCase(Locale.ROOT);
            Integer drops = dropsByTarget.remove(t);
            Integer full = fullByTarget.remove(t);
            String head = line.command() + " " + line.target() + " :";
            if (drops == null && full == null) {
                nextOut = head + line.text();
                take(lane);
            } else {
                int budget = textBudget(line.command(), line.target());
                String note = IrcText.sanitize(drops == null ? fullNote.apply(full)
                        : full == null ? dropNote.apply(drops)
                        : dropNote.apply(drops) + " " + fullNote.apply(full));
                String combined = note + " " + line.text();
                if (IrcText.utf8Length(combined) <= budget) {
                    nextOut = head + combined;
                    take(lane);
                } else {
                    // The note goes alone; the line keeps its place for the next token.
                    nextOut = head + IrcText.split(note, budget).get(0);
                }
            }
        }
        consumeToken(now);
        return 0;
    }

    private void take(int lane) {
        release(lanes[lane].pollFirst(), true);
        queued--;
    }

    /**
     * A line of a coalescing group left the queue, sent or dropped. When it was the group's last, the alerts counted
     * meanwhile get their line; or, when it was dropped as stale, they are as stale and counted as dropped with it.
     */
    private void release(Line line, boolean sent) {
        Group g = line.group();
        if (g == null || --g.waiting > 0) {
            return;
        }
        if (g.suppressed == 0) {
            groups.remove(g.key, g);
            return;
        }
        if (!sent) {
            countDrop(g.target, g.suppressed);
            groups.remove(g.key, g);
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(g.lastSuppressedNanos - g.firstSuppressedNanos
                + TimeUnit.SECONDS.toNanos(1) - 1));
        int count = g.suppressed;
        String note = IrcText.sanitize(coalesceNote.render(g.who, count, seconds));
        g.suppressed = 0;
        g.suppressing = false;
        if (note.isEmpty()) {
            groups.remove(g.key, g);
            return;
        }
        note = IrcText.split(note, textBudget(g.command, g.target)).get(0);
        lanes[g.lane].addLast(new Line(g.command, g.target, note, nanoClock.getAsLong(), g, count));
        g.waiting = 1;
        queued++;
    }

    private void dropStale(long now) {
        if (staleNanos == 0) {
            return;
        }
        ArrayDeque<Line> normal = lanes[NORMAL_LANE];
        Line head;
        while ((head = normal.peekFirst()) != null && now - head.enqueuedNanos() > staleNanos) {
            normal.pollFirst();
            queued--;
            countDrop(head.target(), head.stands());
            release(head, false);
        }
        ArrayDeque<Line> answers = lanes[PUBLIC_LANE];
        while ((head = answers.peekFirst()) != null && now - head.enqueuedNanos() > staleNanos) {
            answers.pollFirst();
            queued--;
            publicDropped.incrementAndGet();
        }
    }

    private long tokenWait(long now) {
        if (intervalNanos == 0 || !bucketStarted) {
            return 0;
        }
        long tat = Math.max(bucketTat - now, 0);
        return tat > burstNanos ? tat - burstNanos : 0;
    }

    private void consumeToken(long now) {
        if (intervalNanos == 0) {
            return;
        }
        if (!bucketStarted || bucketTat - now < 0) {
            bucketTat = now;
            bucketStarted = true;
        }
        bucketTat += intervalNanos;
    }

    private void writeAll(List<String> lines) {
        if (lines.size() == 1) {
            write(lines.get(0));
            return;
        }
        try {
            sink.sendAll(lines);
            sent.addAndGet(lines.size());
        } catch (IOException | RuntimeException e) {
            failed.addAndGet(lines.size());
            log.debug("{}: could not write {} lines: {}", name, lines.size(), e.toString());
        }
    }

    private void write(String line) {
        try {
            sink.send(line);
            sent.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            failed.incrementAndGet();
            log.debug("{}: could not write a line: {}", name, e.toString());
        }
    }
}
