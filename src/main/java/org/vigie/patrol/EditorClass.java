package org.vigie.patrol;

import java.util.Locale;

/**
 * Who made a change, from the lists' point of view. Classification order: black first (the blacklist outranks every
 * other list), then admin, bot, white, grey, anon, user.
 */
public enum EditorClass {
    ADMIN, BOT, WHITE, BLACK, GREY, ANON, USER;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
