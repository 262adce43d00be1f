package org.vigie.irc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps an alert from highlighting the people in its channel. A page title, summary or user name may be made of the
 * nicks present (a mass highlight, which network anti-spam bots punish with a kill or a ban): every whole-word
 * occurrence of a present nick gets a zero-width space after its first character, which IRC clients show unchanged
 * but no longer match. Inside a link the space would break it, so there the first character is percent-encoded
 * instead ({@code Contributions/%41lice}), which the wiki reads the same; a link's host is left alone.
 *
 * <p>Words are runs of the characters a nick may hold (ASCII letters, digits and {@code []\`_^{|}-}); IRC colour codes
 * are skipped so that {@code \u000304Alice} is seen as {@code Alice}. Runs only when an alert is sent.
 */
public final class NickBreaker {

    public static final char ZWSP = '\u200B';

    private NickBreaker() {
    }

    /**
     * A channel's nicks in lower case, with the hash of each kept sorted: a word of the alert is looked up only when
     * its hash, computed as it is scanned, is one of them, so that the words that are no nick (nearly all) cost no
     * substring, no lower-casing and no set lookup. Made once per change of who is in the channel.
     */
    public static final class Nicks {
        private static final Nicks NONE = new Nicks(Set.of());

        final Set<String> lower;
        final int[] hashes;

        private Nicks(Set<String> lower) {
            this.lower = lower;
            int[] h = new int[lower.size()];
            int i = 0;
            for (String n : lower) {
                h[i++] = n.hashCode();
            }
            Arrays.sort(h);
            this.hashes = h;
        }

        /** {@code nicksLower}: lower-cased with {@link Locale#ROOT}, not to be changed afterwards. */
        public static Nicks of(Set<String> nicksLower) {
            return nicksLower.isEmpty() ? NONE : new Nicks(nicksLower);
        }

        public Set<String> set() {
            return lower;
        }

        /**
         * Whether {@code s[from, to)} (nick characters, ASCII) is one of the nicks, ignoring case: the hash of its
         * lower-case form, as {@link String#hashCode} would give it, first.
         */
        boolean has(String s, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                h = 31 * h + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            }
            return Arrays.binarySearch(hashes, h) >= 0 && lower.contains(s.substring(from, to).toLowerCase(Locale.ROOT));
        }
    }

    /** {@code text} with every whole-word occurrence of a nick of {@code nicksLower} (lower case) broken. */
    public static String breakNicks(String text, Set<String> nicksLower) {
        return breakNicks(text, Nicks.of(nicksLower));
    }

    /** {@code text} with every whole-word occurrence of one of {@code nicks} broken. */
    public static String breakNicks(String text, Nicks nicks) {
        if (text == null || nicks.lower.isEmpty()) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\u0003') {
                i = skipColour(text, i + 1);
            } else if (c == 'h' && startsLink(text, i)) {
                int end = i;
                while (end < n && text.charAt(end) > ' ' && text.charAt(end) != '\u007F') {
                    end++;
                }
                int path = text.indexOf("://", i) + 3;
                while (path < end && "/?#".indexOf(text.charAt(path)) < 0) {
                    path++;
                }
                int j = path;
                while (j < end) {
                    if (!isNickChar(text.charAt(j))) {
                        j++;
                        continue;
                    }
                    int k = j;
                    while (k < end && isNickChar(text.charAt(k))) {
                        k++;
                    }
                    if (text.charAt(j - 1) != '%' && nicks.has(text, j, k)) {
                        if (out == null) {
                            out = new StringBuilder(n + 16);
                        }
                        out.append(text, copied, j).append(percent(text.charAt(j)));
                        copied = j + 1;
                    }
                    j = k;
                }
                i = end;
            } else if (isNickChar(c)) {
                int k = i;
                while (k < n && isNickChar(text.charAt(k))) {
                    k++;
                }
                if (nicks.has(text, i, k)) {
                    if (out == null) {
                        out = new StringBuilder(n + 16);
                    }
                    out.append(text, copied, i + 1).append(ZWSP);
                    copied = i + 1;
                }
                i = k;
            } else {
                i++;
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, n).toString();
    }

    private static final boolean[] NICK_CHAR = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            NICK_CHAR[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "[]\\`_^{|}-".indexOf(c) >= 0;
        }
    }

    static boolean isNickChar(char c) {
        return c < 128 && NICK_CHAR[c];
    }

    private static boolean startsLink(String s, int i) {
        // only called where a word may start: after a character that is not a nick's, or after a colour code
        return s.startsWith("http://", i) || s.startsWith("https://", i);
    }

    /** After {@code \u0003}: up to two digits, then optionally a comma and up to two digits. */
    private static int skipColour(String s, int i) {
        int n = s.length();
        int d = 0;
        while (i < n && d < 2 && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
            i++;
            d++;
        }
        if (d > 0 && i + 1 < n && s.charAt(i) == ',' && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '9') {
            i++;
            d = 0;
            while (i < n && d < 2 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                d++;
            }
        }
        return i;
    }

    private static String percent(char c) {
        StringBuilder sb = new StringBuilder(3);
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
            sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
        }
        return sb.toString();
    }
}
