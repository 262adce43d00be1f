package org.vigie.irc;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.util.List;
import java.net.InetSocketAddress;
import org.pircbotx.Configuration;
import org.pircbotx.PircBotX;
import org.pircbotx.exception.IrcException;

/** PircBotX with the reconnect bug fixed and channel rejoining left to {@link IrcConnection}. */
final class VigieBot extends PircBotX {

    VigieBot(Configuration configuration) {
        super(configuration);
    }

    /**
     * Trap 1: after a failed attempt PircBotX keeps the old, closed socket; {@code connect()} then takes it for a
     * live one, fails on it, and rebuilds the rejoin list from an empty state. Forget a closed socket first.
     */
    @Override
    protected ImmutableMap<InetSocketAddress, Exception> connect() throws IOException, IrcException {
        synchronized (stateLock) {
            if (socket != null && socket.isClosed()) {
                socket = null;
            }
        }
        return super.connect();
    }

    /** The connection rejoins its own list of wanted channels; PircBotX's list (possibly empty) is not used. */
    @Override
    protected ImmutableMap<String, String> reconnectChannels() {
        return ImmutableMap.of();
    }

    boolean registered() {
        return loggedIn;
    }

    /**
     * Writes a line straight to the socket, bypassing {@code OutputRaw}, which logs every line at INFO: for lines that
     * carry a secret (PASS, AUTHENTICATE). Only used during registration, when nothing else writes.
     */
    void sendSecretLine(String line) throws IOException {
        sendRawLineToServer(line);
    }

    /** Writes the lines, each ended by CR LF, and flushes once. Called under the output's write lock. */
    void writeLines(List<String> lines) throws IOException {
        java.io.Writer w = outputWriter;
        if (w == null) {
            throw new IOException("not connected");
        }
        for (int i = 0, n = lines.size(); i < n; i++) {
            w.write(lines.get(i));
            w.write("\r\n");
        }
        w.flush();
    }
}
