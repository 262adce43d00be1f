package org.vigie.irc;

/**
 * What a connection reports to the rest of the bot.
 *
 * <p>Every method is called on the connection's reader thread, the thread that reads the socket: it must return
 * quickly (parse, check, enqueue) and never block — no SQL, no HTTP, no waiting on {@link IrcConnection#accountOf}
 * (chain on the future instead). While it runs, nothing else is read from the server, and a slow reader makes the
 * server drop lines (irc.wikimedia.org) or the connection. An exception thrown here is logged and the line skipped.
 */
public interface IrcHandler {

    /** A channel message or a private message (then {@link IrcMessage#channel()} is null), PRIVMSG or NOTICE. */
    void onMessage(IrcMessage message);

    /** Registered with the server; the wanted channels are being joined. */
    default void onConnected() {
    }

    /** The connection is gone; the connection will reconnect by itself unless it is being closed. */
    default void onDisconnected() {
    }
}
