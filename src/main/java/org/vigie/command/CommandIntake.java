package org.vigie.command;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.lists.Entry;

/**
 * Where command lines come in from the network, on the IRC reader thread, before the {@link CommandProcessor} runs
 * them on the command thread. It never blocks, and it decides as much as it can before asking the network anything:
 *
 * <ul>
 *   <li>The command's declared privilege is read first. A command anyone may run ({@code status}) needs no WHOIS;
 *       neither does one that no services account could grant (no account on the operator or owner list). An
 *       unknown command, or one above the sender's level, gets a WHOIS only by private message or from a mask a
 *       WHOIS lately showed to be an operator's, so that an operator known only by account is told of the mistake;
 *       a stranger's costs the strangers' budget below and gets no answer.</li>
 *   <li>The sender's account, when only a WHOIS can tell, is asked without waiting: the command waits in its
 *       sender's queue and goes to the command thread when the answer comes. The command thread never waits on the
 *       network, so a stranger's slow WHOIS delays nobody else.</li>
 *   <li>Strangers are throttled before any WHOIS: a host whose WHOIS answers showed no operator
 *       {@value #DEFAULT_REFUSED_BUDGET} times in a minute gets no more for a while; a host may have at most
 *       {@value #MAX_WHOIS_PER_HOST} nicks being asked about at once, everyone together
 *       {@value #MAX_WHOIS_IN_FLIGHT}, and at most {@value #MAX_STRANGER_WHOIS_PER_MINUTE} a minute for all
 *       strangers together. Known operators are never held back by this, nor is a {@code nick!user@host}
 *       that a WHOIS showed to be an operator's in the last {@value #VERIFIED_MILLIS} ms (its rights still come
 *       from each command's own WHOIS): strangers who fill every WHOIS slot do not lock out an operator known only
 *       by account.</li>
 *   <li>Each sender ({@code nick!user@host}) has a queue: commands are run in the order they were said, one at a
 *       time (a command waiting on the network, such as {@code aclo add}'s WHOIS, holds only its sender's next
 *       ones). Past
 *       {@code perSender} waiting commands, more are dropped (an operator is told once); below that, an operator is
 *       never refused for going fast: the outbox paces the answers (issue 9.6). The strict flood guard of the
 *       processor stays for those who are not operators.</li>
 * </ul>
 */
public final class CommandIntake {

    private static final Logger LOG = LoggerFactory.getLogger(CommandIntake.class);

    public static final int DEFAULT_PER_SENDER = 20;
    /** WHOIS answers that showed a non-operator, per host and minute, before that host is asked about no more. */
    public static final int DEFAULT_REFUSED_BUDGET = 3;
    static final long REFUSED_WINDOW_MILLIS = 60_000;
    static final int MAX_WHOIS_PER_HOST = 2;
    static final int MAX_WHOIS_IN_FLIGHT = 32;
    /**
     * WHOIS a minute for everyone not known for an operator, all hosts together: WHOIS lines go out ahead of the
     * answers to operators, and without this, some thirty hosts each within their own budget could keep that lane
     * busy for good. 20 a minute is a line every 3 s, about a quarter of the default pace.
     */
    static final int MAX_STRANGER_WHOIS_PER_MINUTE = 20;
    /**
     * How long a mask that a WHOIS showed to be an operator is spared the strangers' WHOIS limits. It grants no
     * rights: each command is still decided by its own WHOIS, and one answer showing no operator ends it.
     */
    static final long VERIFIED_MILLIS = 15 * 60_000;
    static final int MAX_VERIFIED = 1_000;

    /** A message as the IRC adapter saw it. */
    public record Incoming(String nick, String login, String host, String account, boolean accountKnown,
                           String channel, boolean controlOp, String text) {

        String senderKey() {
            return (nick + "!" + login + "@" + host).toLowerCase(Locale.ROOT);
        }

        String hostKey() {
            return host.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Asks the network for the services account of whoever sent as {@code nick!login@host}; never blocks (see
     * {@code IrcConnection#accountOf(String, String, String)}). An answer about another holder of the nick (one who
     * took it after the message was sent) must give no account.
     */
    @FunctionalInterface
    public interface Accounts {
        CompletableFuture<Optional<String>> accountOf(String nick, String login, String host);
    }

    /** Where the answers to one message go: operators' in the replies lane, others' in the lane dropped first. */
    @FunctionalInterface
    public interface Replies {
        Reply to(Incoming m, boolean operator);
    }

    /** What became of a line at the intake, for counters and tests. */
    public enum Admission {
        /** Not addressed to the bot where it was said. */
        NOT_ADDRESSED,
        /** Handed to the command thread (at once, or when its sender's earlier commands are done). */
        QUEUED,
        /** Waiting for the sender's account (WHOIS). */
        ASKED,
        /** Dropped: a command the sender may not run, or a stranger over the WHOIS budget. */
        IGNORED,
        /** Dropped: the sender's queue is full. */
        FULL
    }

    private static final class Sender {
        final ArrayDeque<Pending> queue = new ArrayDeque<>();
        int running;
        boolean warned;
    }

    private static final class Pending {
        final Incoming m;
        final CommandProcessor.Request request;
        boolean resolved;
        String account;

        Pending(Incoming m, CommandProcessor.Request request) {
            this.m = m;
            this.request = request;
        }
    }

    private final CommandProcessor processor;
    private final Accounts accounts;
    private final Executor commandThread;
    private final Replies replies;
    private final Clock clock;
    private final int perSender;
    private final int refusedBudget;

    // guarded by this
    private final Map<String, Sender> senders = new HashMap<>();
    private final Map<String, CompletableFuture<Optional<String>>> asking = new HashMap<>();   // sender -> WHOIS
    private final Map<String, Set<String>> askingByHost = new HashMap<>();   // host -> senders
    private final Map<String, ArrayDeque<Long>> refusedByHost = new HashMap<>();
    private final Map<String, Long> verified = new HashMap<>();      // sender -> until when (millis)
    private final ArrayDeque<Long> strangerWhois = new ArrayDeque<>();  // when each recent one was asked

    private final AtomicLong whoisAsked = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong full = new AtomicLong();

    public CommandIntake(CommandProcessor processor, Accounts accounts, Executor commandThread, Replies replies,
                         Clock clock, int perSender, int refusedBudget) {
        this.processor = processor;
        this.accounts = accounts;
        this.commandThread = commandThread;
        this.replies = replies;
        this.clock = clock;
        this.perSender = perSender;
        this.refusedBudget = refusedBudget;
    }

    public CommandIntake(CommandProcessor processor, Accounts accounts, Executor commandThread, Replies replies,
                         Clock clock) {
        this(processor, accounts, commandThread, replies, clock, DEFAULT_PER_SENDER, DEFAULT_REFUSED_BUDGET);
    }

    /** Takes one line; never blocks. Called on the IRC reader thread, in the order lines arrive. */
    public Admission offer(Incoming m) {
        return offer(m, processor.triage(m.channel(), m.text()));
    }

    /**
     * Takes one line that the processor has {@linkplain CommandProcessor#triage triaged} where it was heard
     * ({@code null}: not addressed to the bot there); the command thread runs that decision, it does not make it again.
     */
    public Admission offer(Incoming m, CommandProcessor.Request r) {
        if (r == null) {
            return Admission.NOT_ADDRESSED;
        }
        long now = clock.millis();
        BotPort port = processor.port();
        List<Entry> operators = port.operators();
        Caller first = caller(m, m.account());
        boolean operator = Access.isOperator(first, operators, now);
        boolean allowed = r.need() != null && Access.allows(r.need(), first, port, now);
        // A WHOIS when an account could grant the command; and, for an operator known only by account, also for an
        // unknown command or one above their level, so that they are told so: by private message (the only way
        // someone who shares no channel with the bot can speak to it) or from a mask a WHOIS showed to be an
        // operator lately. Whoever is not known for an operator asks within the strangers' WHOIS budget.
        boolean ask = !allowed && !m.accountKnown()
                && ((r.need() != null && accountCouldGrant(r.need(), port, now))
                || (!operator && accountCouldGrant(Privilege.OPERATOR, port, now)
                && (m.channel() == null || verifiedLately(m.senderKey(), now))));
        if (!allowed && !operator && !ask) {
            ignored.incrementAndGet();          // what the processor would ignore anyway: the command thread is spared
            return Admission.IGNORED;
        }
        Sender s;
        Pending p = new Pending(m, r);
        CompletableFuture<Optional<String>> whois = null;
        synchronized (this) {
            s = senders.computeIfAbsent(m.senderKey(), k -> new Sender());
            if (s.queue.size() + s.running >= perSender) {
                full.incrementAndGet();
                if (operator && !s.warned) {
                    s.warned = true;
                    replies.to(m, true).notice(Text.oneLine(processor.templates().render("cmd.queue.full",
                            "nick", m.nick(), "count", perSender)));
                }
                return Admission.FULL;
            }
            if (ask) {
                whois = whois(m, operator, now);
                if (whois == null) {
                    ignored.incrementAndGet();
                    forgetIfIdle(m.senderKey(), s);
                    return Admission.IGNORED;
                }
            } else {
                p.resolved = true;
                p.account = m.account();
            }
            s.queue.addLast(p);
        }
        if (whois != null) {
            Sender sender = s;
            whois.whenComplete((a, e) -> resolved(sender, p, a == null ? null : a.orElse(null)));
            return Admission.ASKED;
        }
        drain(m.senderKey(), s);
        return Admission.QUEUED;
    }

    /**
     * The WHOIS for this sender (a running one is shared by the sender's commands, never with another mask under the
     * same nick), or null when a stranger may not cause one now.
     */
    private CompletableFuture<Optional<String>> whois(Incoming m, boolean operator, long now) {
        String sender = m.senderKey();
        CompletableFuture<Optional<String>> running = asking.get(sender);
        if (running != null) {
            return running;
        }
        String host = m.hostKey();
        Set<String> byHost = askingByHost.get(host);
        if (!operator && !verifiedLately(sender, now)) {
            while (!strangerWhois.isEmpty() && strangerWhois.peekFirst() <= now - REFUSED_WINDOW_MILLIS) {
                strangerWhois.pollFirst();
            }
            if (asking.size() >= MAX_WHOIS_IN_FLIGHT || (byHost != null && byHost.size() >= MAX_WHOIS_PER_HOST)
                    || refusedRecently(host, now) >= refusedBudget
                    || strangerWhois.size() >= MAX_STRANGER_WHOIS_PER_MINUTE) {
                return null;
            }
            strangerWhois.addLast(now);
        }
        CompletableFuture<Optional<String>> f = accounts.accountOf(m.nick(), m.login(), m.host());
        whoisAsked.incrementAndGet();
        if (!f.isDone()) {
            asking.put(sender, f);
            askingByHost.computeIfAbsent(host, k -> new HashSet<>()).add(sender);
        }
        f.whenComplete((a, e) -> asked(m, sender, host, f, a == null ? null : a.orElse(null)));
        return f;
    }

    /** A WHOIS ended: it no longer counts as running, and a stranger's host is charged for it. */
    private synchronized void asked(Incoming m, String sender, String host, CompletableFuture<Optional<String>> f,
                                    String account) {
        asking.remove(sender, f);
        Set<String> byHost = askingByHost.get(host);
        if (byHost != null && byHost.remove(sender) && byHost.isEmpty()) {
            askingByHost.remove(host);
        }
        long now = clock.millis();
        if (Access.isOperator(caller(m, account), processor.port().operators(), now)) {
            if (verified.size() >= MAX_VERIFIED) {
                verified.values().removeIf(until -> until <= now);
            }
            if (verified.size() < MAX_VERIFIED) {
                verified.put(sender, now + VERIFIED_MILLIS);
            }
        } else {
            verified.remove(sender);
            refusedByHost.computeIfAbsent(host, k -> new ArrayDeque<>()).addLast(now);
            if (refusedByHost.size() > 10_000) {
                sweepRefused(now);
            }
        }
    }

    /** Whether a WHOIS showed this mask to be an operator lately. */
    private synchronized boolean verifiedLately(String sender, long now) {
        Long until = verified.get(sender);
        if (until == null) {
            return false;
        }
        if (until <= now) {
            verified.remove(sender);
            return false;
        }
        return true;
    }

    private int refusedRecently(String host, long now) {
        ArrayDeque<Long> times = refusedByHost.get(host);
        if (times == null) {
            return 0;
        }
        while (!times.isEmpty() && times.peekFirst() <= now - REFUSED_WINDOW_MILLIS) {
            times.pollFirst();
        }
        if (times.isEmpty()) {
            refusedByHost.remove(host);
            return 0;
        }
        return times.size();
    }

    private void sweepRefused(long now) {
        for (Iterator<ArrayDeque<Long>> it = refusedByHost.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Long> times = it.next();
            while (!times.isEmpty() && times.peekFirst() <= now - REFUSED_WINDOW_MILLIS) {
                times.pollFirst();
            }
            if (times.isEmpty()) {
                it.remove();
            }
        }
    }

    private void resolved(Sender s, Pending p, String account) {
        synchronized (this) {
            p.account = account;
            p.resolved = true;
        }
        drain(p.m.senderKey(), s);
    }

    /**
     * Hands the sender's next command to the command thread when it is resolved and none of theirs is running; the
     * next one goes when it has finished, its rests awaiting the network included ({@link Invocation#after}), so
     * that each sender's answers keep their order while others' commands go on.
     */
    private void drain(String key, Sender s) {
        synchronized (this) {
            Pending head;
            while (s.running == 0 && (head = s.queue.peekFirst()) != null && head.resolved) {
                s.queue.pollFirst();
                s.running++;
                Pending p = head;
                try {
                    commandThread.execute(() -> run(key, s, p));
                } catch (RejectedExecutionException e) {
                    s.running--;
                    full.incrementAndGet();
                }
            }
            forgetIfIdle(key, s);
        }
    }

    private void forgetIfIdle(String key, Sender s) {
        if (s.queue.isEmpty() && s.running == 0) {
            senders.remove(key, s);
        }
    }

    private void run(String key, Sender s, Pending p) {
        CompletableFuture<Void> done = null;
        try {
            Incoming m = p.m;
            Caller c = caller(m, p.account);
            boolean operator = Access.isOperator(c, processor.port().operators(), clock.millis());
            done = processor.handle(c, p.request, replies.to(m, operator), commandThread).done();
        } catch (RuntimeException e) {
            LOG.error("command from {} failed", p.m.nick(), e);
        } finally {
            if (done == null || done.isDone()) {
                finished(key, s);
            } else {
                done.whenComplete((x, e) -> finished(key, s));      // the sender's next command waits for its rest
            }
        }
    }

    private void finished(String key, Sender s) {
        synchronized (this) {
            s.running--;
            if (s.queue.size() + s.running < perSender / 2) {
                s.warned = false;
            }
        }
        drain(key, s);
    }

    private static Caller caller(Incoming m, String account) {
        return new Caller(m.nick(), m.login(), m.host(), account, m.channel(), m.controlOp());
    }

    /** Whether a services account could give the privilege: an account (not a mask) on the list that grants it. */
    private static boolean accountCouldGrant(Privilege need, BotPort port, long now) {
        switch (need) {
            case ANYONE -> {
                return false;
            }
            case OPERATOR -> {
                for (Entry e : port.operators()) {
                    if (!e.expiredAt(now) && !Access.isMask(e.item())) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                for (String o : port.owners()) {
                    if (!Access.isMask(o)) {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    /** WHOIS asked since start. */
    public long whoisAsked() {
        return whoisAsked.get();
    }

    /** Lines dropped at the intake without a WHOIS: commands the sender may not run, strangers over budget. */
    public long ignored() {
        return ignored.get();
    }

    /** Lines dropped because their sender's queue was full. */
    public long full() {
        return full.get();
    }
}
