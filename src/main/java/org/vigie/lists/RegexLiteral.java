package org.vigie.lists;

/**
 * Finds, in a regular expression, a run of plain characters that every match must contain, so that the expression
 * need only run on a text where that run occurs (see {@link WordMatcher}).
 *
 * <p>Deliberately conservative: a wrong literal would hide a match, a missing one only costs time. A run is taken
 * only outside every group and character class, in an expression without top-level alternation; a character
 * followed by {@code ?}, {@code *} or {@code {…}} is not part of it ({@code +} keeps it and ends the run); escapes
 * that stand for classes, anchors or back-references end a run; {@code \Q}, comment mode ({@code (?x)}), characters
 * outside the Basic Multilingual Plane and a class opening with {@code ]} give up on the whole expression.
 *
 * <p>The run is returned case-folded with {@link WordMatcher#fold}: under {@code CASE_INSENSITIVE | UNICODE_CASE}
 * (and equally under {@code (?-i)}) a pattern character matches only text characters with the same folding, so the
 * folded text contains the folded run whenever the expression matches.
 */
final class RegexLiteral {

    private RegexLiteral() {
    }

    /** The longest run of plain characters every match of {@code regex} contains, case-folded; {@code null} if none. */
    static String required(String regex) {
        if (hasCommentsFlag(regex)) {
            return null;
        }
        String best = null;
        StringBuilder run = new StringBuilder();
        boolean lastWasLiteral = false;   // whether the last atom is the last character of run
        int depth = 0;
        int n = regex.length();
        int i = 0;
        while (i < n) {
            char c = regex.charAt(i);
            if (depth > 0) {
                switch (c) {
                    case '\\' -> {
                        i = skipEscape(regex, i);
                        if (i < 0) {
                            return null;
                        }
                    }
                    case '[' -> {
                        i = skipClass(regex, i);
                        if (i < 0) {
                            return null;
                        }
                    }
                    case '(' -> {
                        depth++;
                        i++;
                    }
                    case ')' -> {
                        depth--;
                        i++;
                    }
                    default -> i++;
                }
                continue;
            }
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= n) {
                        return null;
                    }
                    char d = regex.charAt(i + 1);
                    if (isPlainEscaped(d)) {
                        run.append(WordMatcher.fold(d));
                        lastWasLiteral = true;
                        i += 2;
                    } else {
                        best = longer(best, run);
                        lastWasLiteral = false;
                        i = skipEscape(regex, i);
                        if (i < 0) {
                            return null;
                        }
                    }
                }
                case '[' -> {
                    best = longer(best, run);
                    lastWasLiteral = false;
                    i = skipClass(regex, i);
                    if (i < 0) {
                        return null;
                    }
                }
                case '(' -> {
                    best = longer(best, run);
                    lastWasLiteral = false;
                    depth++;
                    i++;
                }
                case ')', '|' -> {
                    return null;    // top-level alternation, or an expression we misread
                }
                case '.', '^', '$' -> {
                    best = longer(best, run);
                    lastWasLiteral = false;
                    i++;
                }
                case '?', '*', '{' -> {
                    // The previous atom may be absent: it is not required.
                    if (lastWasLiteral) {
                        run.setLength(run.length() - 1);
                    }
                    best = longer(best, run);
                    lastWasLiteral = false;
                    if (c == '{') {
                        int close = regex.indexOf('}', i);
                        if (close < 0) {
                            return null;
                        }
                        i = close;
                    }
                    i = skipQuantifierSuffix(regex, i + 1);
                }
                case '+' -> {
                    // At least once: the character stays, but what follows may come after a repetition of it.
                    best = longer(best, run);
                    lastWasLiteral = false;
                    i = skipQuantifierSuffix(regex, i + 1);
                }
                default -> {
                    if (Character.isSurrogate(c)) {
                        return null;
                    }
                    run.append(WordMatcher.fold(c));
                    lastWasLiteral = true;
                    i++;
                }
            }
        }
        if (depth != 0) {
            return null;
        }
        return longer(best, run);
    }

    /** Keeps the longer of the best run so far and the current one, and starts a new run. */
    private static String longer(String best, StringBuilder run) {
        String r = run.length() > (best == null ? 0 : best.length()) ? run.toString() : best;
        run.setLength(0);
        return r;
    }

    /** A backslash before anything but an ASCII letter or digit (or a non-ASCII character) means that character. */
    private static boolean isPlainEscaped(char d) {
        return d < 0x80 && !(d >= 'a' && d <= 'z' || d >= 'A' && d <= 'Z' || d >= '0' && d <= '9');
    }

    /** Lazy ({@code ?}) and possessive ({@code +}) marks after a quantifier. */
    private static int skipQuantifierSuffix(String s, int i) {
        return i < s.length() && (s.charAt(i) == '?' || s.charAt(i) == '+') ? i + 1 : i;
    }

    /** The index after the escape starting at {@code i} (a backslash), or -1 to give up. */
    private static int skipEscape(String s, int i) {
        int n = s.length();
        if (i + 1 >= n) {
            return -1;
        }
        char d = s.charAt(i + 1);
        int j = i + 2;
        switch (d) {
            case 'Q' -> {
                return -1;
            }
            case 'p', 'P', 'x', 'N' -> {
                if (j < n && s.charAt(j) == '{') {
                    int close = s.indexOf('}', j);
                    return close < 0 ? -1 : close + 1;
                }
                return Math.min(n, d == 'x' ? j + 2 : j + 1);
            }
            case 'u' -> {
                return Math.min(n, j + 4);
            }
            case 'c' -> {
                return Math.min(n, j + 1);
            }
            case 'k' -> {
                int close = s.indexOf('>', j);
                return close < 0 ? -1 : close + 1;
            }
            default -> {
                if (d >= '0' && d <= '9') {
                    // octal (\0nn) or back-reference (\12): skipping every digit only loses literal characters
                    while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                        j++;
                    }
                    return j;
                }
                if (Character.isHighSurrogate(d)) {
                    return -1;
                }
                return j;
            }
        }
    }

    /** The index after the character class opening at {@code i}, or -1 to give up. */
    private static int skipClass(String s, int i) {
        int n = s.length();
        int depth = 0;
        int j = i;
        while (j < n) {
            char c = s.charAt(j);
            if (c == '[') {
                depth++;
                j++;
                if (j < n && s.charAt(j) == '^') {
                    j++;
                }
                if (j < n && s.charAt(j) == ']') {
                    return -1;  // "[]…]": a literal ']' first; rare enough not to model
                }
            } else if (c == '\\') {
                if (j + 1 < n && s.charAt(j + 1) == 'Q') {
                    return -1;
                }
                j += 2;
            } else if (c == ']') {
                depth--;
                j++;
                if (depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return -1;
    }

    /** An inline flag group that turns comment mode on ({@code (?x)}, {@code (?ix:…)}), where spaces mean nothing. */
    private static boolean hasCommentsFlag(String s) {
        for (int i = s.indexOf("(?"); i >= 0; i = s.indexOf("(?", i + 2)) {
            for (int j = i + 2; j < s.length(); j++) {
                char c = s.charAt(j);
                if (c == 'x') {
                    return true;
                }
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-')) {
                    break;
                }
            }
        }
        return false;
    }
}
