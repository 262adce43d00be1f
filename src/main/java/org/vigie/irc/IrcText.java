package org.vigie.irc;

import java.util.ArrayList;
import java.util.List;

/**
 * What may go into an outgoing IRC line: sanitising of untrusted text, validation of targets, and splitting of a
 * long text into pieces that fit a byte budget once encoded in UTF-8.
 *
 * <p>IRC counts bytes, not characters: ngIRCd drops a client whose line exceeds 512 bytes ("Request too long"), so
 * the split works on encoded lengths and never cuts inside a code point (surrogate pairs included).
 */
public final class IrcText {

    /** When a cut is needed, a space at most this many bytes before the limit is preferred to a hard cut. */
    static final int SPACE_WINDOW_BYTES = 40;

    private IrcText() {
    }

    /**
     * Replaces CR, LF, NUL and every other C0 control character by a space, except the IRC formatting codes
     * (bold 0x02, colour 0x03, hex colour 0x04, reset 0x0F, monospace 0x11, reverse 0x16, italics 0x1D,
     * strikethrough 0x1E, underline 0x1F). DEL (0x7F) becomes a space too. Returns {@code s} itself when clean.
     */
    public static String sanitize(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && !isForbidden(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        char[] out = s.toCharArray();
        for (; i < n; i++) {
            if (isForbidden(out[i])) {
                out[i] = ' ';
            }
        }
        return new String(out);
    }

    static boolean isForbidden(char c) {
        if (c == 0x7f) {
            return true;
        }
        if (c >= 0x20) {
            return false;
        }
        return switch (c) {
            case 0x02, 0x03, 0x04, 0x0f, 0x11, 0x16, 0x1d, 0x1e, 0x1f -> false;
            default -> true;
        };
    }

    /**
     * A valid message target: a nick or a channel, one word, no control character, no comma (which would make it
     * a list of targets), not starting with ':'.
     */
    public static boolean isValidTarget(String target) {
        if (target == null || target.isEmpty() || target.length() > 200 || target.charAt(0) == ':') {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c == ',' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** A channel name: a valid target that starts with one of {@code # & + !} and contains no BEL (0x07). */
    public static boolean isValidChannel(String channel) {
        if (!isValidTarget(channel)) {
            return false;
        }
        char c = channel.charAt(0);
        return c == '#' || c == '&' || c == '+' || c == '!';
    }

    public static boolean isChannel(String target) {
        if (target.isEmpty()) {
            return false;
        }
        char c = target.charAt(0);
        return c == '#' || c == '&' || c == '+' || c == '!';
    }

    /** Number of bytes of {@code s} in UTF-8 (an unpaired surrogate counts as the 3-byte replacement character). */
    public static int utf8Length(CharSequence s) {
        int bytes = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        } else if (codePoint < 0x800) {
            return 2;
        } else if (codePoint < 0x10000) {
            return 3;
        }
        return 4;
    }

    /**
     * Splits {@code text} into pieces of at most {@code maxBytes} UTF-8 bytes each. A piece ends at a space (which is
     * then dropped) when one lies within the last {@value #SPACE_WINDOW_BYTES} bytes before the limit; otherwise at
     * the last whole code point that fits. An empty text gives no piece.
     *
     * @throws IllegalArgumentException when {@code maxBytes} is below 4 (a 4-byte code point could never fit)
     */
    public static List<String> split(String text, int maxBytes) {
        if (maxBytes < 4) {
            throw new IllegalArgumentException("maxBytes must be at least 4, got " + maxBytes);
        }
        int total = utf8Length(text);
        if (total <= maxBytes) {
            return text.isEmpty() ? List.of() : List.of(text);     // one piece (nearly every alert): no copy
        }
        List<String> pieces = new ArrayList<>(1 + total / maxBytes);
        int n = text.length();
        int start = 0;
        while (start < n) {
            int bytes = 0;
            int lastSpace = -1;
            int bytesAtSpace = 0;
            int i = start;
            while (i < n) {
                int cp = text.codePointAt(i);
                int len = utf8Length(cp);
                if (bytes + len > maxBytes) {
                    break;
                }
                if (cp == ' ' && i > start) {
                    lastSpace = i;
                    bytesAtSpace = bytes;
                }
                bytes += len;
                i += Character.charCount(cp);
            }
            if (i >= n) {
                pieces.add(text.substring(start));
                break;
            }
            if (lastSpace > start && bytes - bytesAtSpace <= SPACE_WINDOW_BYTES) {
                pieces.add(text.substring(start, lastSpace));
                start = lastSpace + 1;
            } else {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        return pieces;
    }
}
