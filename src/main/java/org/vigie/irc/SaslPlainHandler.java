package org.vigie.irc;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.pircbotx.PircBotX;
import org.pircbotx.cap.CapHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SASL PLAIN during CAP negotiation. Written for Vigie rather than PircBotX's handler: it accepts the
 * {@code sasl=PLAIN,…} form of CAP LS, splits the payload into 400-byte chunks as the specification asks, never
 * logs the secret (lines go through {@link VigieBot#sendSecretLine}), and a failure only ends the negotiation
 * (registration goes on without an account, with a warning).
 */
final class SaslPlainHandler implements CapHandler {

    private static final Logger log = LoggerFactory.getLogger(SaslPlainHandler.class);
    private static final int CHUNK = 400;

    private final String connectionName;
    private final String user;
    private final String password;

    SaslPlainHandler(String connectionName, String user, String password) {
        this.connectionName = connectionName;
        this.user = user;
        this.password = password;
    }

    @Override
    public boolean handleLS(PircBotX bot, ImmutableList<String> capabilities) {
        for (String cap : capabilities) {
            if (cap.equals("sasl") || (cap.startsWith("sasl=") && cap.substring(5).contains("PLAIN"))) {
                bot.sendCAP().request("sasl");
                return false;
            }
        }
        log.warn("{}: the server offers no SASL PLAIN; registering without an account", connectionName);
        return true;
    }

    @Override
    public boolean handleACK(PircBotX bot, ImmutableList<String> capabilities) {
        if (capabilities.contains("sasl")) {
            bot.sendRaw().rawLineNow("AUTHENTICATE PLAIN");
        }
        return false;
    }

    @Override
    public boolean handleNAK(PircBotX bot, ImmutableList<String> capabilities) {
        if (capabilities.contains("sasl")) {
            log.warn("{}: the server refused SASL; registering without an account", connectionName);
            return true;
        }
        return false;
    }

    @Override
    public boolean handleUnknown(PircBotX bot, String rawLine) {
        if (rawLine.equals("AUTHENTICATE +") || rawLine.endsWith(" AUTHENTICATE +")) {
            sendCredentials((VigieBot) bot);
            return false;
        }
        String[] parts = rawLine.split(" ", 3);
        if (parts.length < 2) {
            return false;
        }
        switch (parts[1]) {
            case "903" -> {
                log.info("{}: SASL authentication succeeded as {}", connectionName, user);
                return true;
            }
            case "902", "904", "905", "906", "907" -> {
                log.warn("{}: SASL authentication as {} failed ({}); registering without an account",
                        connectionName, user, parts[1]);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void sendCredentials(VigieBot bot) {
        byte[] auth = (user + '\0' + user + '\0' + password).getBytes(StandardCharsets.UTF_8);
        String encoded = Base64.getEncoder().encodeToString(auth);
        try {
            for (int i = 0; i < encoded.length(); i += CHUNK) {
                bot.sendSecretLine("AUTHENTICATE " + encoded.substring(i, Math.min(encoded.length(), i + CHUNK)));
            }
            if (encoded.length() % CHUNK == 0) {
                bot.sendSecretLine("AUTHENTICATE +");
            }
        } catch (IOException e) {
            log.warn("{}: could not send SASL credentials: {}", connectionName, e.toString());
        }
    }

    @Override
    public String toString() {
        return "SaslPlainHandler[user=" + user + ", password=(redacted)]";
    }
}
