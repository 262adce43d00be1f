package org.vigie.alert;

import java.util.Locale;
import java.util.regex.Pattern;
import org.vigie.patrol.EditorClass;
import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;

/**
 * A channel that receives alerts: which events it takes, whose changes it leaves out, and whether commands are
 * heard there. Written by operators as a spec: {@code black,grey,cvp,-admin,-white}, {@code all}, {@code cmds}.
 *
 * @param channel  the target as written: an IRC channel ({@code #vigie-fr}), or a webhook ({@code hook:fr-discord},
 *                 see {@link #isHook()}); a name starting with {@code !} is a preset, stored as is
 * @param events   the subscribed events as a bit set of {@link Event#bit()}
 * @param noAdmin  filter {@code -admin}: leave out changes made by admins
 * @param noWhite  filter {@code -white}: leave out changes made by whitelisted users
 * @param noBot    filter {@code -bot}: leave out changes made by bots
 * @param cmds     {@code cmds}: commands are heard here, and answered
 * @param cmdsq    {@code cmdsq}: commands are heard here, silently (no confirmation)
 * @param minScore {@code score=N}: only changes scoring at least N (1–100), except the events that are never held
 *                 back ({@link #NEVER_HELD}); {@code score=0} is no threshold, written so that a merge can lift one;
 *                 -1: not given
 * @param repeatMinutes {@code repeat=N}: at most one alert per editor per N minutes here (see {@link Repeats});
 *                 {@code repeat=0}: every alert; -1: not given (the config item {@code repeatminutes} decides)
 */
public record Destination(String channel, long events, boolean noAdmin, boolean noWhite, boolean noBot,
                          boolean cmds, boolean cmdsq, int minScore, int repeatMinutes) {

    /** A destination without its own repeat window. */
    public Destination(String channel, long events, boolean noAdmin, boolean noWhite, boolean noBot, boolean cmds,
                       boolean cmdsq, int minScore) {
        this(channel, events, noAdmin, noWhite, noBot, cmds, cmdsq, minScore, -1);
    }

    /** A destination without a score threshold. */
    public Destination(String channel, long events, boolean noAdmin, boolean noWhite, boolean noBot, boolean cmds,
                       boolean cmdsq) {
        this(channel, events, noAdmin, noWhite, noBot, cmds, cmdsq, -1);
    }

    /** Events a patroller always wants: a score threshold never holds them back. */
    public static final long NEVER_HELD = Event.BLACK.bit() | Event.CVP.bit() | Event.BLOCK.bit()
            | Event.BLOCKCONFLICT.bit() | Event.BNU.bit() | Event.BNA.bit();

    /** Every event. */
    public static final long ALL = (1L << Event.values().length) - 1;

    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    /** The word that subscribes to every event. */
    public static final String ALL_WORD = "all";
    /** The prefix of a score threshold ({@code score=60}). */
    public static final String SCORE_WORD = "score=";
    /** The prefix of a repeat window in minutes ({@code repeat=60}). */
    public static final String REPEAT_WORD = "repeat=";
    /** The longest repeat window, in minutes (a day). */
    public static final int REPEAT_MAX = 1440;

    /**
     * The words of a spec that are not events: filters, then command flags, in the order a canonical spec writes them.
     * The one place they are spelled (the commands and their help take them from here).
     */
    public enum Flag {
        /** Changes by admins are not reported there. */
        NOADMIN("-admin"),
        /** Changes by whitelisted users are not reported there. */
        NOWHITE("-white"),
        /** Changes by bots are not reported there. */
        NOBOT("-bot"),
        /** Commands are heard in the channel and answered there. */
        CMDS("cmds"),
        /** Commands are heard in the channel and acknowledged silently. */
        CMDSQ("cmdsq");

        private final String key;

        Flag(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** The flag a word names (case-insensitive), or {@code null}. */
        public static Flag fromKey(String word) {
            String w = word.toLowerCase(Locale.ROOT);
            for (Flag f : values()) {
                if (f.key.equals(w)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** The filters and flags this destination has, in their canonical order. */
    public java.util.Set<Flag> flags() {
        java.util.Set<Flag> out = java.util.EnumSet.noneOf(Flag.class);
        if (noAdmin) {
            out.add(Flag.NOADMIN);
        }
        if (noWhite) {
            out.add(Flag.NOWHITE);
        }
        if (noBot) {
            out.add(Flag.NOBOT);
        }
        if (cmds) {
            out.add(Flag.CMDS);
        }
        if (cmdsq) {
            out.add(Flag.CMDSQ);
        }
        return out;
    }

    /** A word of a spec that is neither an event, nor {@code all}, nor a filter or flag. */
    public static final class UnknownWord extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String word;

        public UnknownWord(String word) {
            super("unknown event or filter: " + word);
            this.word = word;
        }

        /** The offending word, as the operator typed it. */
        public String word() {
            return word;
        }
    }

    public Destination {
        checkChannel(channel);
        events &= ALL;
        if (minScore < -1 || minScore > 100) {
            throw new IllegalArgumentException("score from 0 to 100");
        }
        if (repeatMinutes < -1 || repeatMinutes > REPEAT_MAX) {
            throw new IllegalArgumentException("repeat from 0 to " + REPEAT_MAX + " minutes");
        }
    }

    /**
     * Parses a spec: words separated by commas or spaces, case-insensitive; event names (aliases included, such as
     * {@code wwuser}), {@code all}, filters {@code -admin -white -bot}, flags {@code cmds cmdsq}, a score threshold
     * {@code score=60}, a repeat window {@code repeat=60}.
     *
     * @throws UnknownWord              naming the first word that is not understood
     * @throws IllegalArgumentException when the channel name is unusable or the spec is empty
     */
    public static Destination parse(String channel, String spec) {
        checkChannel(channel);
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty destination spec");
        }
        long events = 0;
        boolean noAdmin = false;
        boolean noWhite = false;
        boolean noBot = false;
        boolean cmds = false;
        boolean cmdsq = false;
        int minScore = -1;
        int repeat = -1;
        int words = 0;
        for (String word : SEPARATORS.split(spec.strip())) {
            if (word.isEmpty()) {
                continue;
            }
            words++;
            Flag flag = Flag.fromKey(word);
            if (flag != null) {
                switch (flag) {
                    case NOADMIN -> noAdmin = true;
                    case NOWHITE -> noWhite = true;
                    case NOBOT -> noBot = true;
                    case CMDS -> cmds = true;
                    case CMDSQ -> cmdsq = true;
                }
            } else if (ALL_WORD.equals(word.toLowerCase(Locale.ROOT))) {
                events = ALL;
            } else if (word.regionMatches(true, 0, SCORE_WORD, 0, SCORE_WORD.length())) {
                minScore = score(word);
            } else if (word.regionMatches(true, 0, REPEAT_WORD, 0, REPEAT_WORD.length())) {
                repeat = number(word, REPEAT_WORD, REPEAT_MAX);
            } else {
                Event e = Event.fromKey(word);
                if (e == null) {
                    throw new UnknownWord(word);
                }
                events |= e.bit();
            }
        }
        if (words == 0) {
            throw new IllegalArgumentException("empty destination spec");
        }
        return new Destination(channel, events, noAdmin, noWhite, noBot, cmds, cmdsq, minScore, repeat);
    }

    private static int score(String word) {
        return number(word, SCORE_WORD, 100);
    }

    private static int number(String word, String prefix, int max) {
        String v = word.substring(prefix.length());
        if (v.isEmpty() || v.length() > 4 || !v.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(v) > max) {
            throw new UnknownWord(word);
        }
        return Integer.parseInt(v);
    }

    private static void checkChannel(String channel) {
        if (channel == null || channel.isEmpty() || channel.length() > 64) {
            throw new IllegalArgumentException("channel name expected");
        }
        for (int i = 0; i < channel.length(); i++) {
            char c = channel.charAt(i);
            if (c <= ' ' || c == ',' || c == 0x7f || c == 0x07) {
                throw new IllegalArgumentException("bad channel name: " + channel.strip());
            }
        }
    }

    /** The canonical spec: events in their fixed order (or {@code all}), then filters, then flags. */
    public String spec() {
        StringBuilder sb = new StringBuilder();
        if (events == ALL) {
            sb.append(ALL_WORD);
        } else {
            for (Event e : Event.values()) {
                if ((events & e.bit()) != 0) {
                    append(sb, e.key());
                }
            }
        }
        for (Flag f : flags()) {
            append(sb, f.key());
        }
        if (minScore > 0) {
            append(sb, SCORE_WORD + minScore);
        }
        if (repeatMinutes >= 0) {
            append(sb, REPEAT_WORD + repeatMinutes);
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String word) {
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(word);
    }

    /**
     * Events that only administrators can cause: {@code -admin} does not hide them, or a channel with the default
     * filters would never see a block, a deletion, a protection or a block conflict.
     */
    public static final long ADMIN_ACTIONS = Event.BLOCK.bit() | Event.DELETE.bit() | Event.PROTECT.bit()
            | Event.BLOCKCONFLICT.bit();

    /** Whether this destination takes the verdict: one of its events was raised and no filter leaves the editor out. */
    public boolean takes(Verdict v) {
        long hit = events & v.events();
        if (hit == 0) {
            return false;
        }
        // an unscored change (a log entry) is not held back either
        if (minScore > 0 && (hit & NEVER_HELD) == 0 && v.score().known() && v.score().value() < minScore) {
            return false;
        }
        EditorClass c = v.editor();
        if (c == EditorClass.ADMIN && noAdmin) {
            return (hit & ADMIN_ACTIONS) != 0;
        }
        return !((noWhite && c == EditorClass.WHITE) || (noBot && c == EditorClass.BOT));
    }

    /** Everything in this or in the other (the other's channel is ignored). */
    public Destination merge(Destination other) {
        return new Destination(channel, events | other.events, noAdmin || other.noAdmin, noWhite || other.noWhite,
                noBot || other.noBot, cmds || other.cmds, cmdsq || other.cmdsq,
                other.minScore >= 0 ? other.minScore : minScore,
                other.repeatMinutes >= 0 ? other.repeatMinutes : repeatMinutes);
    }

    /** This without the events, filters and flags that the other names. */
    public Destination minus(Destination other) {
        return new Destination(channel, events & ~other.events, noAdmin && !other.noAdmin, noWhite && !other.noWhite,
                noBot && !other.noBot, cmds && !other.cmds, cmdsq && !other.cmdsq,
                other.minScore >= 0 ? -1 : minScore, other.repeatMinutes >= 0 ? -1 : repeatMinutes);
    }

    /** The same spec on another channel. */
    public Destination on(String otherChannel) {
        return new Destination(otherChannel, events, noAdmin, noWhite, noBot, cmds, cmdsq, minScore, repeatMinutes);
    }

    /** No event and no command flag: nothing left to do here. Filters alone do not keep a destination alive. */
    public boolean isEmpty() {
        return events == 0 && !cmds && !cmdsq;
    }

    /** A preset: a channel name starting with {@code !}. */
    public boolean isPreset() {
        return channel.startsWith("!");
    }

    /** How a webhook target is written: {@code hook:NAME}. */
    public static final String HOOK_PREFIX = "hook:";

    /** The kinds of target a destination may have. Each kind has its own sink, formatting and presence rules. */
    public enum TargetKind {
        /** An IRC channel on the network: joined while it is a destination, alerts with IRC colours. */
        IRC,
        /** A webhook declared with {@code hook add}: never joined, alerts as plain text and structured fields. */
        HOOK
    }

    /** Whether a target name designates a webhook ({@code hook:NAME}, any case). */
    public static boolean isHook(String target) {
        return target != null && target.regionMatches(true, 0, HOOK_PREFIX, 0, HOOK_PREFIX.length());
    }

    /** The hook's name of a {@code hook:NAME} target, in lower case; {@code null} for an IRC channel. */
    public static String hookName(String target) {
        return isHook(target) ? target.substring(HOOK_PREFIX.length()).toLowerCase(Locale.ROOT) : null;
    }

    /** The target written for a hook's name. */
    public static String hookTarget(String name) {
        return HOOK_PREFIX + name.toLowerCase(Locale.ROOT);
    }

    /** What this destination's target is. */
    public TargetKind kind() {
        return isHook(channel) ? TargetKind.HOOK : TargetKind.IRC;
    }

    /** A webhook destination ({@code hook:NAME}). */
    public boolean isHook() {
        return isHook(channel);
    }

    /** An IRC channel the bot should sit in: neither a preset nor a webhook. */
    public boolean isJoined() {
        return !isPreset() && !isHook();
    }

    /** The case-insensitive key of a channel name (IRC channel names are case-insensitive). */
    public static String key(String channel) {
        return channel.toLowerCase(Locale.ROOT);
    }
}
