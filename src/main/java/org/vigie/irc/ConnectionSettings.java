package org.vigie.irc;

import java.util.List;

/**
 * Everything one IRC connection needs. Secrets ({@code saslPassword}, {@code serverPassword}) never appear in
 * {@link #toString()}.
 *
 * @param name               for logs and thread names: {@code feed}, {@code network}
 * @param host               server host name (also the name checked against the TLS certificate and sent as SNI)
 * @param port               server port
 * @param tls                connect with TLS (host name verified)
 * @param nick               wanted nick (a digit is appended when it is taken)
 * @param login              the USER name (ident)
 * @param realName           the real-name field
 * @param saslUser           SASL PLAIN account, or {@code null} for no SASL
 * @param saslPassword       SASL PLAIN password, or {@code null}
 * @param channels           channels to join at every connect (more can be added with {@link IrcConnection#join})
 * @param serverPassword     PASS sent before registering, or {@code null}
 * @param watchdogMillis     silence limit: no input line for this long closes the connection (0 = no watchdog)
 * @param reconnectMinMillis first reconnect delay; doubles at each failed attempt, with jitter
 * @param reconnectMaxMillis ceiling of the reconnect delay
 * @param socketTimeoutMillis connect timeout, and read idle time after which a PING is sent to the server
 * @param rejoinMillis       how often channels that could not be joined (e.g. a feed channel that does not exist
 *                           yet) are tried again (0 = only at connect)
 * @param outbox             pace and line size of the connection's output
 */
public record ConnectionSettings(
        String name,
        String host,
        int port,
        boolean tls,
        String nick,
        String login,
        String realName,
        String saslUser,
        String saslPassword,
        List<String> channels,
        String serverPassword,
        long watchdogMillis,
        long reconnectMinMillis,
        long reconnectMaxMillis,
        int socketTimeoutMillis,
        long rejoinMillis,
        OutboxSettings outbox) {

    /** irc.wikimedia.org pings every 45 s and drops a client silent for 180 s: the same limit here. */
    public static final long DEFAULT_WATCHDOG_MILLIS = 180_000;
    public static final long DEFAULT_RECONNECT_MIN_MILLIS = 2_000;
    public static final long DEFAULT_RECONNECT_MAX_MILLIS = 300_000;
    public static final int DEFAULT_SOCKET_TIMEOUT_MILLIS = 60_000;
    public static final long DEFAULT_REJOIN_MILLIS = 300_000;

    public ConnectionSettings {
        require(name != null && !name.isBlank(), "name is required");
        require(host != null && !host.isBlank(), "host is required");
        require(port > 0 && port <= 65535, "port must be within 1..65535");
        require(nick != null && IrcText.isValidTarget(nick) && !IrcText.isChannel(nick), "invalid nick: " + nick);
        require(login != null && IrcText.isValidTarget(login), "invalid login: " + login);
        require(realName != null && !realName.isBlank() && IrcText.sanitize(realName).equals(realName),
                "invalid realName");
        require((saslUser == null) == (saslPassword == null), "saslUser and saslPassword go together");
        require(saslUser == null || IrcText.isValidTarget(saslUser), "invalid saslUser");
        channels = channels == null ? List.of() : List.copyOf(channels);
        for (String c : channels) {
            require(IrcText.isValidChannel(c), "invalid channel: " + c);
        }
        require(serverPassword == null || IrcText.isValidTarget(serverPassword),
                "serverPassword must be one word without control characters");
        require(watchdogMillis >= 0, "watchdogMillis must not be negative");
        require(reconnectMinMillis > 0 && reconnectMaxMillis >= reconnectMinMillis,
                "need 0 < reconnectMinMillis <= reconnectMaxMillis");
        require(socketTimeoutMillis > 0, "socketTimeoutMillis must be positive");
        require(watchdogMillis == 0 || socketTimeoutMillis < watchdogMillis,
                "socketTimeoutMillis must be shorter than watchdogMillis, so that our own PING is answered in time");
        require(rejoinMillis >= 0, "rejoinMillis must not be negative");
        require(outbox != null, "outbox settings are required");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Plain-text connection with the defaults: watchdog 180 s, reconnect 2 s → 5 min, default pace, no channel. */
    public static ConnectionSettings of(String name, String host, int port, String nick) {
        return new ConnectionSettings(name, host, port, false, nick, nick, nick, null, null, List.of(), null,
                DEFAULT_WATCHDOG_MILLIS, DEFAULT_RECONNECT_MIN_MILLIS, DEFAULT_RECONNECT_MAX_MILLIS,
                DEFAULT_SOCKET_TIMEOUT_MILLIS, DEFAULT_REJOIN_MILLIS, OutboxSettings.DEFAULT);
    }

    public ConnectionSettings withTls(boolean tls) {
        return new ConnectionSettings(name, host, port, tls, nick, login, realName, saslUser, saslPassword, channels,
                serverPassword, watchdogMillis, reconnectMinMillis, reconnectMaxMillis, socketTimeoutMillis,
                rejoinMillis, outbox);
    }

    public ConnectionSettings withIdentity(String login, String realName) {
        return new ConnectionSettings(name, host, port, tls, nick, login, realName, saslUser, saslPassword, channels,
                serverPassword, watchdogMillis, reconnectMinMillis, reconnectMaxMillis, socketTimeoutMillis,
                rejoinMillis, outbox);
    }

    public ConnectionSettings withSasl(String user, String password) {
        return new ConnectionSettings(name, host, port, tls, nick, login, realName, user, password, channels,
                serverPassword, watchdogMillis, reconnectMinMillis, reconnectMaxMillis, socketTimeoutMillis,
                rejoinMillis, outbox);
    }

    public ConnectionSettings withChannels(List<String> channels) {
        return new ConnectionSettings(name, host, port, tls, nick, login, realName, saslUser, saslPassword, channels,
                serverPassword, watchdogMillis, reconnectMinMillis, reconnectMaxMillis, socketTimeoutMillis,
                rejoinMillis, outbox);
    }

    public ConnectionSettings withServerPassword(String serverPassword) {
        return new ConnectionSettings(name, host, port, tls, nick, login, realName, saslUser, saslPassword, channels,
                serverPassword, watchdogMillis, reconnectMinMillis, reconnectMaxMillis, socketTimeoutMillis,
                rejoinMillis, outbox);
    }

    public ConnectionSettings withWatchdog(long watchdogMillis, int socketTimeoutMillis) {
        return new ConnectionSettings(name, host, port, tls, nick, login, realName, saslUser, saslPassword, channels,
                serverPassword, watchdogMillis, reconnectMinMillis, reconnectMaxMillis, socketTimeoutMillis,
                rejoinMillis, outbox);
    }

    public ConnectionSettings withReconnect(long minMillis, long maxMillis) {
        return new ConnectionSettings(name, host, port, tls, nick, login, realName, saslUser, saslPassword, channels,
                serverPassword, watchdogMillis, minMillis, maxMillis, socketTimeoutMillis, rejoinMillis, outbox);
    }

    public ConnectionSettings withRejoinMillis(long rejoinMillis) {
        return new ConnectionSettings(name, host, port, tls, nick, login, realName, saslUser, saslPassword, channels,
                serverPassword, watchdogMillis, reconnectMinMillis, reconnectMaxMillis, socketTimeoutMillis,
                rejoinMillis, outbox);
    }

    public ConnectionSettings withOutbox(OutboxSettings outbox) {
        return new ConnectionSettings(name, host, port, tls, nick, login, realName, saslUser, saslPassword, channels,
                serverPassword, watchdogMillis, reconnectMinMillis, reconnectMaxMillis, socketTimeoutMillis,
                rejoinMillis, outbox);
    }

    /** {@code host:port}, with {@code +} before the port for TLS. */
    public String address() {
        return host + ":" + (tls ? "+" : "") + port;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[name=" + name + ", server=" + address() + ", nick=" + nick + ", login=" + login
                + ", realName=" + realName + ", saslUser=" + saslUser
                + ", saslPassword=" + redacted(saslPassword) + ", serverPassword=" + redacted(serverPassword)
                + ", channels=" + channels + ", watchdogMillis=" + watchdogMillis
                + ", reconnect=" + reconnectMinMillis + ".." + reconnectMaxMillis + "ms"
                + ", socketTimeoutMillis=" + socketTimeoutMillis + ", rejoinMillis=" + rejoinMillis
                + ", outbox=" + outbox + "]";
    }

    private static String redacted(String secret) {
        return secret == null ? "none" : "(redacted)";
    }
}
