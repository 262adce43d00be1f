package org.vigie.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who may speak for the feed: one or more {@code nick!user@host} masks ({@code *} any run of characters, {@code ?}
 * one character, ASCII case ignored), comma-separated. A bare nick ({@code rc-pmtpa}) is taken as
 * {@code rc-pmtpa!*@*}: it still works, but anyone holding that nick is believed, so {@link #bareNick()} says so and
 * the bot warns at start.
 *
 * <p>A line from a nick that one of the masks names but from another {@code user@host} is a spoofed line
 * ({@link #check} returns {@link Verdict#SPOOFED}); a line from another nick is simply not the feed.
 */
public final class SenderMask {

    /** What a line's prefix is to the feed. */
    public enum Verdict { FEED, SPOOFED, OTHER }

    private record Mask(String nick, String userHost) {
    }

    private final List<Mask> masks;
    /** The same, as an array: the per-line check walks it without an iterator (no allocation per line). */
    private final Mask[] maskArray;
    private final boolean bareNick;
    private final String text;

    private SenderMask(List<Mask> masks, boolean bareNick, String text) {
        this.masks = masks;
        this.maskArray = masks.toArray(new Mask[0]);
        this.bareNick = bareNick;
        this.text = text;
    }

    /**
     * Parses {@code nick!user@host[,nick!user@host…]} or a bare nick.
     *
     * @throws IllegalArgumentException for an empty mask, a space or control character, or a mask without both
     *                                  {@code !} and {@code @}
     */
    public static SenderMask parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("the feed sender is empty");
        }
        List<Mask> out = new ArrayList<>();
        boolean bare = false;
        for (String part : spec.split(",", -1)) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty mask in '" + spec + "'");
            }
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c <= ' ' || c == 0x7f) {
                    throw new IllegalArgumentException("space or control character in mask '" + p + "'");
                }
            }
            int bang = p.indexOf('!');
            int at = p.indexOf('@', Math.max(bang, 0));
            if (bang < 0 && p.indexOf('@') < 0) {
                bare = true;
                out.add(new Mask(lower(p), "*@*"));
            } else if (bang > 0 && at > bang + 1 && at < p.length() - 1) {
                out.add(new Mask(lower(p.substring(0, bang)), lower(p.substring(bang + 1))));
            } else {
                throw new IllegalArgumentException("'" + p + "' is neither a nick nor a nick!user@host mask");
            }
        }
        return new SenderMask(List.copyOf(out), bare, spec.trim());
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** True when at least one mask is a bare nick (anyone holding it is believed). */
    public boolean bareNick() {
        return bareNick;
    }

    /** What this line's sender is: the feed, someone using the feed's nick from elsewhere, or someone else. */
    public Verdict check(String nick, String user, String host) {
        boolean nickMatched = false;
        for (Mask m : masks) {
            if (glob(m.nick(), nick)) {
                nickMatched = true;
                if (glob(m.userHost(), user + "@" + host)) {
                    return Verdict.FEED;
                }
            }
        }
        return nickMatched ? Verdict.SPOOFED : Verdict.OTHER;
    }

    /**
     * The same on a line's raw bytes: the prefix {@code nick!user@host} lies in {@code b[from, to)}; no String is
     * made. Bytes compare with ASCII case folding.
     */
    public Verdict check(byte[] b, int from, int to) {
        int bang = -1;
        for (int i = from; i < to; i++) {
            if (b[i] == '!') {
                bang = i;
                break;
            }
        }
        int nickEnd = bang < 0 ? to : bang;
        boolean nickMatched = false;
        for (Mask m : maskArray) {
            if (glob(m.nick(), b, from, nickEnd)) {
                nickMatched = true;
                if (bang >= 0 && glob(m.userHost(), b, bang + 1, to)) {
                    return Verdict.FEED;
                }
            }
        }
        return nickMatched ? Verdict.SPOOFED : Verdict.OTHER;
    }

    /** Glob match of lower-case pattern {@code p} against {@code s}, ASCII case ignored. */
    static boolean glob(String p, String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return glob(p, b, 0, b.length);
    }

    private static boolean glob(String p, byte[] s, int from, int to) {
        int pi = 0;
        int si = from;
        int starP = -1;
        int starS = -1;
        int pn = p.length();
        while (si < to) {
            if (pi < pn) {
                char pc = p.charAt(pi);
                if (pc == '*') {
                    starP = pi++;
                    starS = si;
                    continue;
                }
                int c = s[si] & 0xff;
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                if (pc == '?' || pc == c) {
                    pi++;
                    si++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            pi = starP + 1;
            si = ++starS;
        }
        while (pi < pn && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == pn;
    }

    @Override
    public String toString() {
        return text;
    }
}
