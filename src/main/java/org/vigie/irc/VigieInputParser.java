package org.vigie.irc;

import java.io.IOException;
import org.pircbotx.InputParser;
import org.pircbotx.PircBotX;
import org.pircbotx.exception.IrcException;

/**
 * Sees every raw input line before PircBotX does. Messages from users are handled here, from the raw text (PircBotX
 * trims the line first, and for the feed its per-line bookkeeping is wasted work); PING is answered at once; the
 * account-related lines feed the connection's account cache; everything else goes on to PircBotX, which keeps the
 * channel, user and mode state.
 *
 * <p>Runs on the reader thread only.
 */
final class VigieInputParser extends InputParser {

    private final IrcConnection connection;
    private final RawLine raw = new RawLine();

    VigieInputParser(PircBotX bot, IrcConnection connection) {
        super(bot);
        this.connection = connection;
    }

    @Override
    public void handleLine(String line) throws IOException, IrcException {
        connection.touchInput();
        if (!raw.parse(line)) {
            return;
        }
        if (raw.isCommand("PRIVMSG") || raw.isCommand("NOTICE")) {
            if (raw.fromUser()) {
                connection.onUserMessage(raw);
                return;
            }
        } else if (raw.isCommand("PING")) {
            connection.pong(raw.paramsRaw());
            return;
        } else if (raw.isCommand("ACCOUNT")) {
            connection.onAccount(raw);
            return;
        } else if (raw.isCommand("AWAY")) {
            // Trap 10: PircBotX throws on AWAY from a user it does not know; nothing here needs away states.
            return;
        } else if (raw.isCommand("JOIN")) {
            connection.onJoin(raw);
        } else if (raw.isCommand("NICK") || raw.isCommand("QUIT") || raw.isCommand("PART")) {
            connection.forgetAccount(raw.nick());
            if (raw.isCommand("NICK")) {
                connection.forgetAccount(raw.param(0));
            }
        } else if (raw.isCommand("KICK")) {
            connection.forgetAccount(raw.param(1));
            connection.onKick(raw.param(0), raw.param(1));
        } else if (raw.isCommand("INVITE")) {
            connection.onInvite(raw.param(0), raw.param(1));
        } else if (raw.isCommand("311")) {
            connection.onWhoisUser(raw.param(1), raw.param(2), raw.param(3));
        } else if (raw.isCommand("330")) {
            connection.onWhoisAccount(raw.param(1), raw.param(2));
        } else if (raw.isCommand("318") || raw.isCommand("401")) {
            connection.onWhoisEnd(raw.param(1));
        } else if (raw.isCommand("376") && motdBuilder == null) {
            // PircBotX throws on an end of MOTD without its start (375).
            motdBuilder = new StringBuilder();
        }
        super.handleLine(line);
        if (changesMembers()) {
            connection.channelStateChanged();
        }
    }

    /** The line just handled may change who is in a channel (as PircBotX keeps it). */
    private boolean changesMembers() {
        return raw.isCommand("JOIN") || raw.isCommand("PART") || raw.isCommand("QUIT") || raw.isCommand("NICK")
                || raw.isCommand("KICK") || raw.isCommand("353") || raw.isCommand("366") || raw.isCommand("352")
                || raw.isCommand("354");
    }
}
