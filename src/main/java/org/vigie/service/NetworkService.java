package org.vigie.service;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.vigie.command.Caller;
import org.vigie.irc.IrcConnection;

/** Who the bot is on the network, who others are (account, mask), and the stop it is asked for. */
public final class NetworkService {

    private final Live live;
    private final String configuredNick;
    private final List<String> owners;
    private final Consumer<String> stop;

    /**
     * @param configuredNick the nick before the connection exists ({@code irc.nick})
     * @param stop           starts an orderly stop, given why (on a thread of its own)
     */
    public NetworkService(Live live, String configuredNick, List<String> owners, Consumer<String> stop) {
        this.live = live;
        this.configuredNick = configuredNick;
        this.owners = List.copyOf(owners);
        this.stop = stop;
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
}
