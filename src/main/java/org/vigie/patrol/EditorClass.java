package org.vigie.patrol;

import java.util.Locale;

/** Who made a change, from the lists' point of view. The order is the classification order. */
public enum EditorClass {
    ADMIN, BOT, WHITE, BLACK, GREY, ANON, USER;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
