package org.vigie.command;

/**
 * Where the answers to one command go. The IRC adapter implements it over its outbox (priority, pace, byte split,
 * {@code \r \n \0} stripping). The processor already hands over text free of CR, LF and NUL.
 *
 * <p>Must be safe to call from any thread: a few answers (wiki API refreshes) arrive after {@code handle} returned.
 */
public interface Reply {

    /** A line to the channel the command came from, or to the nick for a private message. */
    void say(String text);

    /** A NOTICE to the nick who typed the command. */
    void notice(String text);
}
