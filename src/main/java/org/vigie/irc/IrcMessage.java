package org.vigie.irc;

/**
 * A message received from a user.
 *
 * @param channel  the channel it was said in, or {@code null} for a private message
 * @param nick     the sender's nick
 * @param login    the sender's user name (ident), as the server shows it ({@code ~} included)
 * @param host     the sender's host
 * @param account  the sender's services account when known for sure: from the message's own {@code account} tag
 *                 (account-tag), or from the cache while the sender shares a channel with the bot (account-notify
 *                 keeps it right only then); else {@code null}
 * @param accountKnown true when {@code account} is certain, {@code null} included (account-tag: no tag means not
 *                 logged in); false when the account is unknown and only a WHOIS ({@link IrcConnection#accountOf})
 *                 can tell
 * @param text     the text exactly as received (colours and formatting intact)
 * @param isNotice NOTICE rather than PRIVMSG
 */
public record IrcMessage(String channel, String nick, String login, String host, String account,
                         boolean accountKnown, String text, boolean isNotice) {

    public boolean isPrivate() {
        return channel == null;
    }

    /** {@code nick!login@host}, for hostmask matching. */
    public String hostmask() {
        return nick + "!" + login + "@" + host;
    }
}
