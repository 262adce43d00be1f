package org.vigie.irc;

/**
 * A message received from a user.
 *
 * @param channel  the channel it was said in, or {@code null} for a private message
 * @param nick     the sender's nick
 * @param login    the sender's user name (ident), as the server shows it ({@code ~} included)
 * @param host     the sender's host
 * @param account  the sender's services account when already known (account-notify / extended-join), else
 *                 {@code null}: use {@link IrcConnection#accountOf} to ask
 * @param text     the text exactly as received (colours and formatting intact)
 * @param isNotice NOTICE rather than PRIVMSG
 */
public record IrcMessage(String channel, String nick, String login, String host, String account, String text,
                         boolean isNotice) {

    public boolean isPrivate() {
        return channel == null;
    }

    /** {@code nick!login@host}, for hostmask matching. */
    public String hostmask() {
        return nick + "!" + login + "@" + host;
    }
}
