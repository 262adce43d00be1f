package org.vigie.command;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.alert.Priority;
import org.vigie.irc.IrcConnection;
import org.vigie.irc.IrcHandler;
import org.vigie.irc.IrcMessage;

/**
 * Commands from the network: the connection's handler, which drops what is not heard where it is said (a notice, a
 * channel that hears no commands, a line not addressed to the bot, a line during the stop: the processor's
 * {@link CommandProcessor#triage triage}, made once here) and hands the rest to the {@link CommandIntake}; and where
 * the answers go, operators' in the replies lane, others' in the lane that gets what alerts leave, dropped first.
 */
public final class IrcIntake implements IrcHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IrcIntake.class);

    private final CommandProcessor processor;
    private final String control;
    private final Supplier<IrcConnection> network;
    private final BooleanSupplier closing;
    private final CommandIntake intake;

    /**
     * @param control the control channel, where operators' channel-op status is read ({@code irc.control})
     * @param network the connection, once it exists (it is built with this handler)
     * @param closing whether the bot is stopping: lines are then ignored
     * @param queue   commands waiting per sender ({@code cmd.queue})
     */
    public IrcIntake(CommandProcessor processor, String control, Supplier<IrcConnection> network,
                     BooleanSupplier closing, Executor commandThread, Clock clock, int queue) {
        this.processor = processor;
        this.control = control;
        this.network = network;
        this.closing = closing;
        this.intake = new CommandIntake(processor, (nick, login, host) -> network.get().accountOf(nick, login, host),
                commandThread, this::replyTo, clock, queue, CommandIntake.DEFAULT_REFUSED_BUDGET);
    }

    /** The intake's counters (WHOIS asked, commands ignored, queues full). */
    public CommandIntake intake() {
        return intake;
    }

    @Override
    public void onMessage(IrcMessage m) {
        if (m.isNotice() || closing.getAsBoolean()) {
            return;
        }
        // Whether the line is addressed to the bot, and how answers go where it was said, is decided here, once.
        String channel = m.channel();
        CommandProcessor.Request r = processor.triage(channel, m.text());
        if (r == null) {
            return;
        }
        // On the reader thread, and never blocking: the intake decides what needs a WHOIS and queues the rest.
        boolean op = network.get().isOp(control, m.nick());
        intake.offer(new CommandIntake.Incoming(m.nick(), m.login(), m.host(), m.account(), m.accountKnown(),
                channel, op, m.text()), r);
    }

    @Override
    public void onConnected() {
        LOG.info("network connected as {}", network.get().currentNick());
    }

    /** Operators' answers go in the replies lane; others' in the lane that gets what alerts leave, dropped first. */
    private Reply replyTo(CommandIntake.Incoming m, boolean operator) {
        Priority p = operator ? Priority.REPLY : Priority.PUBLIC;
        return new Reply() {
            @Override
            public void say(String text) {
                network.get().outbox().send(p, m.channel() == null ? m.nick() : m.channel(), text);
            }

            @Override
            public void notice(String text) {
                network.get().outbox().notice(p, m.nick(), text);
            }
        };
    }
}
