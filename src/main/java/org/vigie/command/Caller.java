package org.vigie.command;

import java.util.Locale;

/**
 * Who typed a command, as the IRC adapter knows them at that moment.
 *
 * @param nick      the nick
 * @param login     the ident (user part of the mask)
 * @param host      the host part of the mask
 * @param account   the services account (from account-notify, extended-join or a WHOIS 330), {@code null} when not
 *                  logged in or unknown; the processor does not look it up itself
 * @param channel   the channel the command was said in, {@code null} for a private message
 * @param controlOp whether the nick is a channel operator of the control channel
 */
public record Caller(String nick, String login, String host, String account, String channel, boolean controlOp) {

    public boolean isPrivate() {
        return channel == null;
    }

    /** {@code nick!login@host}, what hostmask entries of the operator list are matched against. */
    public String mask() {
        return nick + "!" + login + "@" + host;
    }

    /** The adder written into list entries and the audit trail: {@code nick (account)} or {@code nick}. */
    public String adderName() {
        return account == null ? nick : nick + " (" + account + ")";
    }

    /** The flood-throttle key: the account when there is one, else the host; never the nick, which anyone can take. */
    public String throttleKey() {
        return account != null ? "a:" + account.toLowerCase(Locale.ROOT) : "h:" + host.toLowerCase(Locale.ROOT);
    }
}
