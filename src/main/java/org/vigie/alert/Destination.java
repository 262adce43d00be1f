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
 */
public record Destination(String channel, long events, boolean noAdmin, boolean noWhite, boolean noBot,
                          boolean cmds, boolean cmdsq) {

    /** Every event. */
    public static final long ALL = (1L << Event.values().length) - 1;

    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

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
    }

    /**
     * Parses a spec: words separated by commas or spaces, case-insensitive; event names (aliases included, such as
     * {@code wwuser}), {@code all}, filters {@code -admin -white -bot}, flags {@code cmds cmdsq}.
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
        int words = 0;
        for (String word : SEPARATORS.split(spec.strip())) {
            if (word.isEmpty()) {
                continue;
            }
            words++;
            switch (word.toLowerCase(Locale.ROOT)) {
                case "all" -> events = ALL;
                case "-admin" -> noAdmin = true;
                case "-white" -> noWhite = true;
                case "-bot" -> noBot = true;
                case "cmds" -> cmds = true;
                case "cmdsq" -> cmdsq = true;
                default -> {
                    Event e = Event.fromKey(word);
                    if (e == null) {
                        throw new UnknownWord(word);
                    }
                    events |= e.bit();
                }
            }
        }
        if (words == 0) {
            throw new IllegalArgumentException("empty destination spec");
        }
        return new Destination(channel, events, noAdmin, noWhite, noBot, cmds, cmdsq);
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
            sb.append("all");
        } else {
            for (Event e : Event.values()) {
                if ((events & e.bit()) != 0) {
                    append(sb, e.key());
                }
            }
        }
        if (noAdmin) {
            append(sb, "-admin");
        }
        if (noWhite) {
            append(sb, "-white");
        }
        if (noBot) {
            append(sb, "-bot");
        }
        if (cmds) {
            append(sb, "cmds");
        }
        if (cmdsq) {
            append(sb, "cmdsq");
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
        EditorClass c = v.editor();
        if (c == EditorClass.ADMIN && noAdmin) {
            return (hit & ADMIN_ACTIONS) != 0;
        }
        return !((noWhite && c == EditorClass.WHITE) || (noBot && c == EditorClass.BOT));
    }

    /** Everything in this or in the other (the other's channel is ignored). */
    public Destination merge(Destination other) {
        return new Destination(channel, events | other.events, noAdmin || other.noAdmin, noWhite || other.noWhite,
                noBot || other.noBot, cmds || other.cmds, cmdsq || other.cmdsq);
    }

    /** This without the events, filters and flags that the other names. */
    public Destination minus(Destination other) {
        return new Destination(channel, events & ~other.events, noAdmin && !other.noAdmin, noWhite && !other.noWhite,
                noBot && !other.noBot, cmds && !other.cmds, cmdsq && !other.cmdsq);
    }

    /** The same spec on another channel. */
    public Destination on(String otherChannel) {
        return new Destination(otherChannel, events, noAdmin, noWhite, noBot, cmds, cmdsq);
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
