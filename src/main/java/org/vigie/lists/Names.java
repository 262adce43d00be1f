package org.vigie.lists;

/**
 * MediaWiki's normal form of user names and titles, and the test for logged-out editors.
 *
 * <p>Rules (MediaWiki's title codec and {@code IPUtils::sanitizeIP}): runs of underscores and Unicode spaces become one
 * space, bidi marks (U+200E, U+200F, U+202A–U+202E) are dropped, the ends are trimmed, the first code point is upper-cased,
 * the rest is kept exactly as written. IPv4 addresses lose leading zeros in their octets; IPv6 addresses are written in
 * MediaWiki's form: upper case, {@code ::} expanded to eight groups, no leading zeros ({@code 2001:DB8:0:0:0:0:0:1}),
 * so any written form of one address gives the same key. A {@code /prefix} (a range) is kept.
 *
 * <p>The namespace part of a title is not recognised (that needs the wiki's namespace names): {@code utilisateur:x} and
 * {@code Utilisateur:x} stay different. The feed always sends canonical titles, so this only matters for typed items.
 *
 * <p>Called on the hot path: an already normal name comes back as the same instance, with no allocation.
 */
public final class Names {

    private Names() {
    }

    /** The normal form of a user name or title; {@code null} stays {@code null}. */
    public static String normalise(String name) {
        if (name == null) {
            return null;
        }
        if (isCleanText(name)) {
            return normaliseClean(name);
        }
        return normaliseClean(cleanSpaces(name));
    }

    /**
     * The normal form of a name as MediaWiki writes it in its feeds and logs: MediaWiki has already folded the Unicode
     * spaces and dropped the bidi marks of every title and user name it sends (its title codec does both), so only the
     * rest of {@link #normalise} is done — ends, underscores, double spaces (two vectorised searches), first letter,
     * addresses. A name typed by a person goes through {@link #normalise}.
     */
    public static String normaliseFromWiki(String name) {
        if (name == null) {
            return null;
        }
        return hasCleanSpaces(name) ? normaliseClean(name) : normalise(name);
    }

    /** True for an IPv4 or IPv6 address (written in any form) or a temporary account ({@code ~2025-12345-67}). */
    public static boolean isAnonymous(String user) {
        if (user == null || user.isEmpty()) {
            return false;
        }
        char c = user.charAt(0);
        if (c == '~') {
            return isTemporaryAccount(user);
        }
        return isIPv4(user, false) || isIPv6(user, false);
    }

    /**
     * A temporary account as Wikimedia names them: {@code ~}, a four-digit year, a hyphen, then the serial
     * ({@code ~2025-12345-67}).
     */
    public static boolean isTemporaryAccount(String user) {
        if (user.length() < 7 || user.charAt(0) != '~' || user.charAt(5) != '-') {
            return false;
        }
        for (int i = 1; i < 5; i++) {
            if (!isDigit(user.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A dotted-quad IPv4 address (octets 0–255, leading zeros allowed), without a range. */
    public static boolean isIPv4(String s) {
        return isIPv4(s, false);
    }

    /** An IPv6 address in any written form, without a range. */
    public static boolean isIPv6(String s) {
        return isIPv6(s, false);
    }

    // ------------------------------------------------------------------ spaces

    /** No character that the cleaning would change: no underscore, no special space, no bidi mark, no double space. */
    private static boolean isCleanText(String s) {
        if (!hasCleanSpaces(s)) {
            return false;
        }
        // One comparison a character for the rest: every special space and bidi mark is at U+00A0 or above, and few
        // names have such characters at all.
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= '\u00A0' && (c < '\u2000' ? c == '\u00A0' || c == '\u1680' || c == '\u180E'
                    : c <= '\u3000' && (isSpaceLike(c) || isBidiMark(c)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The cleanings below U+00A0 have nothing to do: no space at either end, no underscore, no double space (the last
     * two by the JDK's vectorised searches).
     */
    private static boolean hasCleanSpaces(String s) {
        int n = s.length();
        return n == 0 || s.charAt(0) != ' ' && s.charAt(n - 1) != ' ' && s.indexOf('_') < 0 && s.indexOf("  ") < 0;
    }

    private static String cleanSpaces(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isBidiMark(c)) {
                continue;
            }
            if (c == ' ' || isSpaceLike(c)) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && b.length() > 0) {
                b.append(' ');
            }
            pendingSpace = false;
            b.append(c);
        }
        return b.toString();
    }

    /** The characters MediaWiki's title codec folds into one underscore (the plain space is handled apart). */
    private static boolean isSpaceLike(char c) {
        return c == '_' || c == '\u00A0' || c == '\u1680' || c == '\u180E' || (c >= '\u2000' && c <= '\u200A')
                || c == '\u2028' || c == '\u2029' || c == '\u202F' || c == '\u205F' || c == '\u3000';
    }

    private static boolean isBidiMark(char c) {
        return c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E');
    }

    // ------------------------------------------------------------------ first letter and addresses

    /** An IPv6 address has a colon within its first five characters (a group has at most four digits). */
    private static boolean hasEarlyColon(String s) {
        for (int i = 0, n = Math.min(5, s.length()); i < n; i++) {
            if (s.charAt(i) == ':') {
                return true;
            }
        }
        return false;
    }

    private static String normaliseClean(String s) {
        if (s.isEmpty()) {
            return s;
        }
        char c0 = s.charAt(0);
        if (isDigit(c0) && isIPv4(s, true)) {
            return sanitizeIPv4(s);
        }
        if ((isHex(c0) || c0 == ':') && hasEarlyColon(s) && isIPv6(s, true)) {
            return sanitizeIPv6(s);
        }
        int cp = s.codePointAt(0);
        int up = upperFirst(cp);
        if (up == cp) {
            return s;
        }
        return new StringBuilder(s.length()).appendCodePoint(up).append(s, Character.charCount(cp), s.length())
                .toString();
    }

    /** {@link #upperFirst(int)} of one character of the Basic Multilingual Plane (a surrogate stays as it is). */
    static char upperFirst(char c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
        }
        if (Character.isSurrogate(c)) {
            return c;
        }
        int up = upperFirst((int) c);
        return up <= 0xFFFF ? (char) up : c;
    }

    /**
     * Simple (one-to-one) upper-casing, which is what Wikimedia wikis keep for first letters ({@code ß} stays {@code ß}).
     * Georgian Mkhedruli letters are left alone: Wikimedia keeps them lower-case although Unicode 11 gave them capitals.
     */
    private static int upperFirst(int cp) {
        if (cp < 0x80) {
            return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
        }
        if ((cp >= 0x10D0 && cp <= 0x10FA) || (cp >= 0x10FD && cp <= 0x10FF)) {
            return cp;
        }
        return Character.toUpperCase(cp);
    }

    private static boolean isIPv4(String s, boolean allowRange) {
        int n = s.length();
        int end = n;
        if (allowRange) {
            int slash = s.indexOf('/');
            if (slash >= 0) {
                if (!isPrefix(s, slash + 1, 32)) {
                    return false;
                }
                end = slash;
            }
        }
        int octets = 0;
        int i = 0;
        while (i <= end) {
            int value = 0;
            int digits = 0;
            while (i < end && isDigit(s.charAt(i))) {
                value = value * 10 + (s.charAt(i) - '0');
                digits++;
                i++;
                if (digits > 3) {
                    return false;
                }
            }
            if (digits == 0 || value > 255) {
                return false;
            }
            octets++;
            if (i == end) {
                return octets == 4;
            }
            if (s.charAt(i) != '.' || octets == 4) {
                return false;
            }
            i++;
        }
        return false;
    }

    private static String sanitizeIPv4(String s) {
        boolean leadingZero = false;
        for (int i = 0; i < s.length() - 1; i++) {
            if (s.charAt(i) == '0' && (i == 0 || s.charAt(i - 1) == '.') && isDigit(s.charAt(i + 1))) {
                leadingZero = true;
                break;
            }
        }
        if (!leadingZero) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int slash = s.indexOf('/');
        int end = slash < 0 ? s.length() : slash;
        int start = 0;
        while (start < end) {
            int dot = s.indexOf('.', start);
            int stop = dot < 0 || dot > end ? end : dot;
            b.append(Integer.parseInt(s, start, stop, 10));
            if (stop < end) {
                b.append('.');
            }
            start = stop + 1;
        }
        return b.append(s, end, s.length()).toString();
    }

    private static boolean isIPv6(String s, boolean allowRange) {
        int end = s.length();
        if (allowRange) {
            int slash = s.indexOf('/');
            if (slash >= 0) {
                if (!isPrefix(s, slash + 1, 128)) {
                    return false;
                }
                end = slash;
            }
        }
        if (end < 2) {
            return false;
        }
        int groups = 0;
        boolean doubleColon = false;
        int i = 0;
        if (s.charAt(0) == ':') {
            if (s.charAt(1) != ':') {
                return false;
            }
            doubleColon = true;
            i = 2;
            if (i == end) {
                return true;
            }
        }
        while (true) {
            int digits = 0;
            while (i < end && isHex(s.charAt(i))) {
                digits++;
                i++;
            }
            if (digits == 0 || digits > 4) {
                return false;
            }
            groups++;
            if (i == end) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < end && s.charAt(i) == ':') {
                if (doubleColon) {
                    return false;
                }
                doubleColon = true;
                i++;
                if (i == end) {
                    break;
                }
            } else if (i == end) {
                return false;
            }
        }
        return doubleColon ? groups <= 7 : groups == 8;
    }

    private static boolean isPrefix(String s, int from, int max) {
        int n = s.length();
        if (from >= n || n - from > 3) {
            return false;
        }
        int v = 0;
        for (int i = from; i < n; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v <= max;
    }

    /** Already in MediaWiki's form: eight groups, upper case, no leading zero. */
    private static boolean isSanitizedIPv6(String s, int end) {
        int colons = 0;
        boolean groupStart = true;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                if (groupStart) {
                    return false;
                }
                colons++;
                groupStart = true;
            } else {
                if (c >= 'a' && c <= 'f') {
                    return false;
                }
                if (groupStart && c == '0' && i + 1 < end && s.charAt(i + 1) != ':') {
                    return false;
                }
                groupStart = false;
            }
        }
        return colons == 7;
    }

    private static String sanitizeIPv6(String s) {
        int slash = s.indexOf('/');
        int end = slash < 0 ? s.length() : slash;
        if (isSanitizedIPv6(s, end)) {
            return s;
        }
        int[] groups = new int[8];
        int dc = s.indexOf("::");
        if (dc < 0) {
            parseGroups(s, 0, end, groups, 0);
        } else {
            int headCount = dc == 0 ? 0 : parseGroups(s, 0, dc, groups, 0);
            int[] tail = new int[8];
            int tailCount = dc + 2 >= end ? 0 : parseGroups(s, dc + 2, end, tail, 0);
            System.arraycopy(tail, 0, groups, 8 - tailCount, tailCount);
            assert headCount + tailCount <= 7;
        }
        StringBuilder b = new StringBuilder(40);
        for (int g = 0; g < 8; g++) {
            if (g > 0) {
                b.append(':');
            }
            b.append(Integer.toHexString(groups[g]).toUpperCase(java.util.Locale.ROOT));
        }
        return b.append(s, end, s.length()).toString();
    }

    private static int parseGroups(String s, int from, int to, int[] out, int at) {
        int count = 0;
        int start = from;
        while (start < to) {
            int colon = s.indexOf(':', start);
            int stop = colon < 0 || colon > to ? to : colon;
            out[at + count++] = Integer.parseInt(s, start, stop, 16);
            start = stop + 1;
        }
        return count;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
