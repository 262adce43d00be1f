package org.vigie.command;

import java.util.Locale;

/** Who may run a command. */
public enum Privilege {
    /** Anyone at all, strangers included ({@code status}). */
    ANYONE,
    /** A channel operator of the control channel, or a member of the operator list ({@code aclo}). */
    OPERATOR,
    /**
     * One of the bot's owners (accounts or masks configured in bot.properties, see {@link BotPort#owners()});
     * when no owner is configured, a channel operator of the control channel.
     */
    OWNER;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The privilege for a name ({@code anyone}, {@code operator}, {@code owner}), or {@code null}. */
    public static Privilege fromKey(String s) {
        for (Privilege p : values()) {
            if (p.key().equalsIgnoreCase(s.strip())) {
                return p;
            }
        }
        return null;
    }
}
