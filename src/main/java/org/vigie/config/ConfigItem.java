package org.vigie.config;

import java.util.Locale;

/**
 * The runtime configuration items that operators change with {@code config <item> <value>}; persisted, audited.
 * Defaults are those of the CVUBot tradition. The help sentence of each lives in {@code messages/} under
 * {@code config.item.<key>}.
 */
public enum ConfigItem {
    /** New page at least this many bytes: {@code bignew} (copyvio?). */
    BIGNEW(Type.INT, "500", 0, Integer.MAX_VALUE),
    /** New page at most this many bytes: {@code tinynew}. */
    TINYNEW(Type.INT, "10", 0, Integer.MAX_VALUE),
    /** Edit adding at least this many bytes: {@code bigedit} (gibberish?). */
    BIGEDIT(Type.INT, "500", 0, Integer.MAX_VALUE),
    /** Edit removing at least this many bytes: {@code bigremove} (blanking?). */
    BIGREMOVE(Type.INT, "500", 0, Integer.MAX_VALUE),
    /** Another name the bot answers to. */
    PSEUDONYM(Type.STRING, "", 0, 0),
    /** Start quiet (no alerts until {@code speak}). */
    STARTUPQUIET(Type.BOOL, "false", 0, 0),
    /** Hours within which two admins' blocks of one target conflict. */
    BLOCKCONFLICT(Type.INT, "24", 0, 24 * 365, Unit.HOURS),
    /** Minutes of greylist after an admin's rollback or undo (0: off). */
    GLONROLLBACK(Type.INT, "60", 0, 60 * 24 * 365, Unit.MINUTES),
    /** Minutes of greylist after a bnu hit (0: off). */
    GLONBNU(Type.INT, "60", 0, 60 * 24 * 365, Unit.MINUTES),
    /** Match the BNU words against new page titles too, and the BNA words against new user names. */
    BNUBNASAME(Type.BOOL, "false", 0, 0),
    /** A timed block blacklists its target for this many times the block length (0: off). */
    BLOCKBLACKLIST(Type.DECIMAL, "2.5", 0, 1000),
    /** Blacklist length in hours when a block's length cannot be read (CVNBot: 31 days). */
    BLOCKBLACKLISTDEFAULT(Type.INT, "744", 0, 24 * 365 * 10, Unit.HOURS),

    // ---- score and behaviour (issue 11)
    /** {@code burst}: this many edits within {@code burstseconds} by an IP or a new account. */
    BURSTEDITS(Type.INT, "6", 2, 1000),
    /** {@code burst}: this many page creations within {@code burstseconds} by an IP or a new account. */
    BURSTCREATIONS(Type.INT, "3", 2, 1000),
    /** {@code burst}: this many edits within {@code burstseconds} by anyone else. */
    BURSTOTHERS(Type.INT, "10", 2, 1000),
    /** The window of a burst, in seconds. */
    BURSTSECONDS(Type.INT, "60", 10, 3600, Unit.SECONDS),
    /** {@code brigade}: this many distinct IPs or new accounts on one page (or accounts from one creator or name pattern). */
    BRIGADEEDITORS(Type.INT, "3", 2, 4),
    /** The window of a brigade, in minutes. */
    BRIGADEMINUTES(Type.INT, "15", 1, 1440, Unit.MINUTES),
    /** {@code editwar}: this many reverts on one page. */
    EDITWARREVERTS(Type.INT, "3", 2, 3),
    /** The window of an edit war, in minutes. */
    EDITWARMINUTES(Type.INT, "60", 1, 1440, Unit.MINUTES),
    /** A change scoring at least this raises {@code suspect}, even when no other event does; 0: never (the default). */
    SUSPECT(Type.INT, "0", 0, 100),
    /** Lift Wing is asked about changes scoring from {@code liftwinglow} to {@code liftwinghigh} (wiki.liftwing=true). */
    LIFTWINGLOW(Type.INT, "30", 0, 100),
    /** See {@code liftwinglow}. */
    LIFTWINGHIGH(Type.INT, "70", 0, 100),

    // ---- repeat alerts (issue 11, score3)
    /**
     * A channel alerts on one editor at most once in this many minutes (the rest are counted, not sent), unless it
     * sets its own {@code repeat=N}; black, cvp, block, blockconflict, bnu, bna and behaviour events always go. 0: off.
     */
    REPEATMINUTES(Type.INT, "60", 0, 1440, Unit.MINUTES);

    public enum Type { INT, BOOL, STRING, DECIMAL }

    /** What a whole number counts, for the items that are a duration. */
    public enum Unit {
        NONE(0), SECONDS(1_000L), MINUTES(60_000L), HOURS(3_600_000L);

        private final long millis;

        Unit(long millis) {
            this.millis = millis;
        }

        /** Milliseconds in one unit; 0 for a number that is not a duration. */
        public long millis() {
            return millis;
        }
    }

    private final Type type;
    private final String defaultValue;
    private final long min;
    private final long max;
    private final Unit unit;

    ConfigItem(Type type, String defaultValue, long min, long max) {
        this(type, defaultValue, min, max, Unit.NONE);
    }

    ConfigItem(Type type, String defaultValue, long min, long max, Unit unit) {
        this.type = type;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.unit = unit;
    }

    public Type type() {
        return type;
    }

    /** What the number counts ({@link Unit#NONE} unless the item is a duration). */
    public Unit unit() {
        return unit;
    }

    /**
     * A stored (normalised) value read as a number: a whole number as itself, a decimal truncated, a boolean as 1 or
     * 0, a text as 0. Settings keep every item read this way once, so that the hot path never parses a string.
     */
    public long number(String stored) {
        return switch (type) {
            case INT -> Long.parseLong(stored);
            case DECIMAL -> (long) Double.parseDouble(stored);
            case BOOL -> Boolean.parseBoolean(stored) ? 1 : 0;
            case STRING -> 0;
        };
    }

    /** A stored (normalised) value read as a decimal number (a whole number or a decimal; otherwise 0). */
    public double decimal(String stored) {
        return switch (type) {
            case INT, DECIMAL -> Double.parseDouble(stored);
            case BOOL, STRING -> 0;
        };
    }

    public String defaultValue() {
        return defaultValue;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The item for a key, or {@code null}. */
    public static ConfigItem fromKey(String key) {
        for (ConfigItem i : values()) {
            if (i.key().equalsIgnoreCase(key)) {
                return i;
            }
        }
        return null;
    }

    /**
     * Checks and normalises a value typed by an operator.
     *
     * @return the value in its stored form
     * @throws Invalid with a short English reason, and the message key that says it in the bot's language
     */
    public String normalise(String raw) {
        String v = raw == null ? "" : raw.strip();
        switch (type) {
            case INT -> {
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new Invalid("a whole number is expected", "config.why.int");
                }
                if (n < min || n > max) {
                    throw range();
                }
                return Long.toString(n);
            }
            case DECIMAL -> {
                double d;
                try {
                    d = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new Invalid("a number is expected", "config.why.number");
                }
                if (!(d >= min && d <= max)) {
                    throw range();
                }
                return Double.toString(d);
            }
            case BOOL -> {
                String l = v.toLowerCase(Locale.ROOT);
                if (l.equals("true") || l.equals("on") || l.equals("yes") || l.equals("1")) {
                    return "true";
                }
                if (l.equals("false") || l.equals("off") || l.equals("no") || l.equals("0")) {
                    return "false";
                }
                throw new Invalid("on or off is expected", "config.why.bool");
            }
            default -> {
                if (v.length() > 64 || v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    throw new Invalid("at most 64 printable characters", "config.why.text", "max", 64);
                }
                return v;
            }
        }
    }

    private Invalid range() {
        return max >= Integer.MAX_VALUE
                ? new Invalid(min + " or more", "config.why.atleast", "min", min)
                : new Invalid("between " + min + " and " + max, "config.why.range", "min", min, "max", max);
    }

    /** A value that does not fit: the English reason, and its message key and placeholders for a reply. */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final transient Object[] args;

        Invalid(String english, String key, Object... args) {
            super(english);
            this.key = key;
            this.args = args;
        }

        /** The message key of the reason ({@code config.why.range}). */
        public String key() {
            return key;
        }

        /** Name/value pairs for the message. */
        public Object[] args() {
            return args.clone();
        }
    }
}
