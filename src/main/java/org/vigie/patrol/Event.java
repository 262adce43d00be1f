package org.vigie.patrol;

import java.util.Locale;

/**
 * What a change can raise; a destination channel subscribes to events by these names
 * ({@code dest add #chan black,grey}). Names as in the CVUBot help, so operators' habits carry over.
 */
public enum Event {
    IP, IPTMP, IPCAT, BLACK, GREY, NEWUSER, BNU, BNA, BES, BLOCK, DELETE, MOVE, UPLOAD, PROTECT, WHEELER, CVI, CVP,
    BIGREMOVE, BIGNEW, TINYNEW, BIGEDIT, BLOCKCONFLICT,
    // behaviour across changes and the score (org.vigie.score)
    BURST, BRIGADE, EDITWAR, REVERTED, SUSPECT;

    /** One bit per event, so that a change's events are a {@code long} on the hot path. */
    public long bit() {
        return 1L << ordinal();
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The event for a name, aliases included ({@code wwuser} = {@code bnu}), or {@code null}. */
    public static Event fromKey(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("wwuser")) {
            return BNU;
        }
        for (Event e : values()) {
            if (e.key().equals(n)) {
                return e;
            }
        }
        return null;
    }
}
