package org.vigie.service;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.vigie.command.BotPort.Drops;
import org.vigie.command.Caller;
import org.vigie.command.PortException;
import org.vigie.i18n.Templates;
import org.vigie.irc.IrcConnection;

/**
 * What the commands ask of the IRC network itself: who the bot is there, who others are (account, mask), a channel
 * to join again after a kick, what the outbox dropped, and the stop it is asked for. The other services reach the
 * network only to say things; this is the network's edge, the one the command tests replace (they have no network).
 */
public class NetworkService {

    private final Live live;
    private final String configuredNick;
    private final List<String> owners;
    private final Consumer<String> stop;
    private final Templates templates;

    /**
     * @param configuredNick the nick before the connection exists ({@code irc.nick})
     * @param stop           starts an orderly stop, given why (on a thread of its own)
     */
    public NetworkService(Live live, String configuredNick, List<String> owners, Consumer<String> stop,
                          Templates templates) {
        this.live = live;
        this.configuredNick = configuredNick;
        this.owners = List.copyOf(owners);
        this.stop = stop;
        this.templates = templates;
    }

    public String botNick() {
        IrcConnection network = live.network();
        return network == null ? configuredNick : network.currentNick();
    }

    public List<String> owners() {
        return owners;
    }

    public CompletableFuture<Optional<String>> accountOf(String nick) {
        IrcConnection network = live.network();
        if (network == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no network connection"));
        }
        return network.accountOf(nick);
    }

    public Optional<String> maskOf(String nick) {
        IrcConnection network = live.network();
        return network == null ? Optional.empty() : network.knownMask(nick);
    }

    public void shutdown(Caller by) {
        Thread t = new Thread(() -> stop.accept("shutdown by " + by.nick()), "shutdown");
        t.start();
    }

    /** Joins a channel again after a kick ({@code config unkick}). */
    public void unkick(String channel, Caller by) throws PortException {
        IrcConnection network = live.network();
        if (network == null) {
            throw new PortException(templates.render("port.nonetwork"));
        }
        network.join(channel);
    }

    /** Lines the outbox dropped since start (0 with no connection). */
    public long outboxDropped() {
        IrcConnection network = live.network();
        return network == null ? 0 : network.outbox().dropped();
    }

    /** The outbox's drops by kind, and the alerts it coalesced. */
    public Drops drops() {
        IrcConnection network = live.network();
        return network == null ? Drops.NONE : new Drops(network.outbox().staleDropped(),
                network.outbox().fullDropped(), network.outbox().coalesced());
    }
}
