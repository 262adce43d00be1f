package org.vigie.store;

/**
 * Who made a change, for the audit trail.
 *
 * @param nick    the IRC nick, or for an automatic change what did it ({@code auto: rollback}, {@code wiki refresh})
 * @param account the IRC services account, or {@code null} when unknown or automatic
 * @param host    the IRC host, or {@code null} for an automatic change (a person on IRC always has one)
 */
public record Actor(String nick, String account, String host) {

    public Actor {
        if (nick == null || nick.isBlank()) {
            throw new IllegalArgumentException("an actor needs a name");
        }
    }

    /** An automatic change: a rule of the bot, a refresh from the wiki, an import. */
    public static Actor system(String what) {
        return new Actor(what, null, null);
    }

    public boolean isSystem() {
        return account == null && host == null;
    }

    /** {@code nick (account)}, or the nick alone: the form of {@link org.vigie.lists.Entry#adder()}. */
    public String label() {
        return account == null || account.isEmpty() || account.equals(nick) ? nick : nick + " (" + account + ")";
    }
}
