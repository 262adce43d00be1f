package org.vigie.irc;

import com.google.common.collect.ImmutableSet;
import org.pircbotx.PircBotX;
import org.pircbotx.hooks.Event;
import org.pircbotx.hooks.Listener;
import org.pircbotx.hooks.events.ConnectAttemptFailedEvent;
import org.pircbotx.hooks.events.ConnectEvent;
import org.pircbotx.hooks.events.DisconnectEvent;
import org.pircbotx.hooks.events.SocketConnectEvent;
import org.pircbotx.hooks.managers.ListenerManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trap 2: PircBotX's threaded manager runs events unordered on a shared pool, and its sequential one dies at the
 * first disconnect. This one runs the few events the connection needs inline, on the thread that raised them,
 * and survives any number of reconnects ({@link #shutdown} does nothing).
 *
 * <p>It accepts no listener: PircBotX's {@code CoreHooks} (delayed PONG, CTCP replies, NickServ) are not wanted —
 * the parser answers PING itself, at once.
 */
final class InlineListenerManager implements ListenerManager {

    private static final Logger log = LoggerFactory.getLogger(InlineListenerManager.class);

    private final IrcConnection connection;

    InlineListenerManager(IrcConnection connection) {
        this.connection = connection;
    }

    @Override
    public void onEvent(Event event) {
        try {
            if (event instanceof SocketConnectEvent) {
                connection.onSocketConnected();
            } else if (event instanceof ConnectEvent) {
                connection.onRegistered();
            } else if (event instanceof DisconnectEvent) {
                connection.onDisconnectedEvent();
            } else if (event instanceof ConnectAttemptFailedEvent failed) {
                // PircBotX's own report of this is a stack trace per address; the connection logs one line
                failed.getConnectExceptions().forEach((address, e) -> {
                    log.debug("{}: cannot connect to {}: {}", connection.name(), address, e.toString());
                    connection.onConnectFailed(e);
                });
            }
        } catch (RuntimeException e) {
            log.warn("{}: error while handling {}", connection.name(), event.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void addListener(Listener listener) {
        // Deliberately ignored, see the class comment.
    }

    @Override
    public boolean removeListener(Listener listener) {
        return false;
    }

    @Override
    public boolean listenerExists(Listener listener) {
        return false;
    }

    @Override
    public ImmutableSet<Listener> getListeners() {
        return ImmutableSet.of();
    }

    @Override
    public void shutdown(PircBotX bot) {
        // Nothing to stop: no thread of our own.
    }
}
