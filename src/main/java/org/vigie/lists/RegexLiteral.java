package org.vigie.lists;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds, in a regular expression, runs of plain characters one of which every match must contain, so that the
 * expression need only run on a text where one of them occurs (see {@link WordMatcher}).
 *
 * <p>Deliberately conservative: a wrong run would hide a match, a missing one only costs time. In a sequence, a run
 * is made of plain characters side by side; a character followed by {@code ?}, {@code *} or {@code {0…}} is not part
 * of it, {@code +} keeps it and ends the run; escapes that stand for classes, anchors or back-references end a run;
 * character classes and look-arounds never give one. A group repeated at least once gives what its content gives;
 * an alternation (at the top or in such a group) gives one run per branch, and nothing if any branch gives nothing.
 * {@code \Q}, comment mode ({@code (?x)}), characters outside the Basic Multilingual Plane and a class opening with
 * {@code ]} give up on the whole expression.
 *
 * <p>Runs are returned case-folded with {@link WordMatcher#fold}: under {@code CASE_INSENSITIVE | UNICODE_CASE}
 * (and equally under {@code (?-i)}) a pattern character matches only text characters with the same folding, so the
 * folded text contains the folded run whenever the expression matches.
 */
final class RegexLiteral {

    /** Signals an expression this reader does not follow: no run, the expression always runs. */
    private static final class GiveUp extends Exception {
        private static final long serialVersionUID = 1L;

        GiveUp() {
            super(null, null, false, false);
        }
    }

    private final String s;

    private RegexLiteral(String s) {
        this.s = s;
    }

    /** The best single run every match contains, case-folded; {@code null} if there is none (or only a choice). */
    static String required(String regex) {
        String[] any = requiredAny(regex);
        return any != null && any.length == 1 ? any[0] : null;
    }

    /**
     * Runs one of which every match contains (each case-folded, none empty); {@code null} when that cannot be shown.
     */
    static String[] requiredAny(String regex) {
        if (hasCommentsFlag(regex)) {
            return null;
        }
        try {
            return new RegexLiteral(regex).alternation(0, regex.length());
        } catch (GiveUp | RuntimeException e) {
            return null;
        }
    }

    /** The branches of {@code [from, to)} split at its own {@code |}: one set of runs for all, or null. */
    private String[] alternation(int from, int to) throws GiveUp {
        Set<String> all = new LinkedHashSet<>();
        int start = from;
        int i = from;
        while (true) {
            if (i == to || s.charAt(i) == '|') {
                String[] branch = sequence(start, i);
                if (branch == null) {
                    return null;
                }
                all.addAll(Arrays.asList(branch));
                if (i == to) {
                    break;
                }
                start = i + 1;
                i = start;
                continue;
            }
            i = skipAtom(i, to);
        }
        return all.toArray(new String[0]);
    }

    /** The index after the atom at {@code i} (a character, an escape, a class, a group), quantifiers not included. */
    private int skipAtom(int i, int to) throws GiveUp {
        char c = s.charAt(i);
        return switch (c) {
            case '\\' -> skipEscape(i);
            case '[' -> skipClass(i);
            case '(' -> closeOf(i, to) + 1;
            case ')' -> throw new GiveUp();
            default -> i + 1;
        };
    }

    /** The best requirement of one branch: the longest run, or the best set given by a group; null if none. */
    private String[] sequence(int from, int to) throws GiveUp {
        String[] best = null;
        StringBuilder run = new StringBuilder();
        boolean lastWasLiteral = false;   // the last atom is the last character of run
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= to) {
                        throw new GiveUp();
                    }
                    char d = s.charAt(i + 1);
                    if (isPlainEscaped(d)) {
                        run.append(WordMatcher.fold(d));
                        lastWasLiteral = true;
                        i += 2;
                    } else {
                        best = better(best, run);
                        lastWasLiteral = false;
                        i = skipEscape(i);
                    }
                }
                case '[' -> {
                    best = better(best, run);
                    lastWasLiteral = false;
                    i = skipClass(i);
                }
                case '(' -> {
                    best = better(best, run);
                    lastWasLiteral = false;
                    int close = closeOf(i, to);
                    int after = close + 1;
                    if (isPlainGroup(i) && !quantifierMayBeZero(after, to)) {
                        String[] inner = alternation(contentStart(i), close);
                        int times = repetitions(after, to);
                        if (inner != null && times > 1 && isPlainText(contentStart(i), close)) {
                            // (?:ha){4,}: the content is plain text repeated at least that often
                            inner = new String[] {inner[0].repeat(Math.min(times, 8))};
                        }
                        if (inner != null) {
                            best = better(best, inner);
                        }
                    }
                    i = after;
                }
                case ')', '|' -> throw new GiveUp();
                case '.', '^', '$' -> {
                    best = better(best, run);
                    lastWasLiteral = false;
                    i++;
                }
                case '?', '*', '{' -> {
                    // The previous atom may be absent (or, for {n}, is repeated): it ends the run here.
                    boolean optional = c != '{' || quantifierMayBeZero(i, to);
                    if (lastWasLiteral && optional) {
                        run.setLength(run.length() - 1);
                    }
                    best = better(best, run);
                    lastWasLiteral = false;
                    if (c == '{') {
                        int close = s.indexOf('}', i);
                        if (close < 0 || close >= to) {
                            throw new GiveUp();
                        }
                        i = close;
                    }
                    i = skipQuantifierSuffix(i + 1, to);
                }
                case '+' -> {
                    // At least once: the character stays, but what follows may come after a repetition of it.
                    best = better(best, run);
                    lastWasLiteral = false;
                    i = skipQuantifierSuffix(i + 1, to);
                }
                default -> {
                    if (Character.isSurrogate(c)) {
                        throw new GiveUp();
                    }
                    run.append(WordMatcher.fold(c));
                    lastWasLiteral = true;
                    i++;
                }
            }
        }
        return better(best, run);
    }

    /** The better of a requirement so far and the current run (which is then emptied). */
    private static String[] better(String[] best, StringBuilder run) {
        String[] r = run.length() == 0 ? null : new String[] {run.toString()};
        run.setLength(0);
        return better(best, r);
    }

    /** The more selective requirement: the longer shortest run, then fewer runs; the first on a tie. */
    private static String[] better(String[] a, String[] b) {
        if (b == null || b.length == 0) {
            return a;
        }
        if (a == null) {
            return b;
        }
        int la = shortest(a);
        int lb = shortest(b);
        return lb > la || (lb == la && b.length < a.length) ? b : a;
    }

    private static int shortest(String[] runs) {
        int m = Integer.MAX_VALUE;
        for (String r : runs) {
            m = Math.min(m, r.length());
        }
        return m;
    }

    /** A group whose content is matched as text: not a look-around, not a bare flag setting like {@code (?i)}. */
    private boolean isPlainGroup(int open) {
        if (open + 1 >= s.length() || s.charAt(open + 1) != '?') {
            return true;    // capturing group
        }
        if (s.startsWith("(?:", open) || s.startsWith("(?>", open)) {
            return true;
        }
        if (s.startsWith("(?<", open) && open + 3 < s.length()) {
            char n = s.charAt(open + 3);
            return n != '=' && n != '!';    // a named group, not a look-behind
        }
        // (?flags:…) is plain, (?flags) sets flags and matches nothing
        int j = open + 2;
        while (j < s.length() && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '-')) {
            j++;
        }
        return j < s.length() && s.charAt(j) == ':';
    }

    /** Where the content of the plain group opening at {@code open} starts (see {@link #isPlainGroup}). */
    private int contentStart(int open) {
        if (s.charAt(open + 1) != '?') {
            return open + 1;
        }
        if (s.charAt(open + 2) == '<') {
            return s.indexOf('>', open) + 1;
        }
        if (s.charAt(open + 2) == ':' || s.charAt(open + 2) == '>') {
            return open + 3;
        }
        return s.indexOf(':', open) + 1;
    }

    /** True when the quantifier at {@code i} (if any) allows zero repetitions. */
    private boolean quantifierMayBeZero(int i, int to) {
        if (i >= to) {
            return false;
        }
        char c = s.charAt(i);
        if (c == '?' || c == '*') {
            return true;
        }
        if (c == '{') {
            int j = i + 1;
            while (j < to && s.charAt(j) == ' ') {
                j++;
            }
            return j >= to || s.charAt(j) == '0' || !(s.charAt(j) >= '1' && s.charAt(j) <= '9');
        }
        return false;
    }

    /** The least count of {@code {n…}} at {@code i}; 1 for anything else. */
    private int repetitions(int i, int to) {
        if (i >= to || s.charAt(i) != '{') {
            return 1;
        }
        int n = 0;
        for (int j = i + 1; j < to && s.charAt(j) >= '0' && s.charAt(j) <= '9' && n < 1000; j++) {
            n = n * 10 + (s.charAt(j) - '0');
        }
        return Math.max(n, 1);
    }

    /** No character of {@code [from, to)} has a meaning in an expression. */
    private boolean isPlainText(int from, int to) {
        for (int i = from; i < to; i++) {
            if ("\\[](){}.*+?^$|".indexOf(s.charAt(i)) >= 0 || Character.isSurrogate(s.charAt(i))) {
                return false;
            }
        }
        return from < to;
    }

    /** The index of the parenthesis closing the group opening at {@code open}. */
    private int closeOf(int open, int to) throws GiveUp {
        int depth = 0;
        int i = open;
        while (i < to) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> i = skipEscape(i);
                case '[' -> i = skipClass(i);
                case '(' -> {
                    depth++;
                    i++;
                }
                case ')' -> {
                    if (--depth == 0) {
                        return i;
                    }
                    i++;
                }
                default -> i++;
            }
        }
        throw new GiveUp();
    }

    /** A backslash before anything but an ASCII letter or digit (or a non-ASCII character) means that character. */
    private static boolean isPlainEscaped(char d) {
        return d < 0x80 && !(d >= 'a' && d <= 'z' || d >= 'A' && d <= 'Z' || d >= '0' && d <= '9');
    }

    /** Lazy ({@code ?}) and possessive ({@code +}) marks after a quantifier. */
    private int skipQuantifierSuffix(int i, int to) {
        return i < to && (s.charAt(i) == '?' || s.charAt(i) == '+') ? i + 1 : i;
    }

    /** The index after the escape starting at {@code i} (a backslash). */
    private int skipEscape(int i) throws GiveUp {
        int n = s.length();
        if (i + 1 >= n) {
            throw new GiveUp();
        }
        char d = s.charAt(i + 1);
        int j = i + 2;
        switch (d) {
            case 'Q' -> throw new GiveUp();
            case 'p', 'P', 'x', 'N' -> {
                if (j < n && s.charAt(j) == '{') {
                    int close = s.indexOf('}', j);
                    if (close < 0) {
                        throw new GiveUp();
                    }
                    return close + 1;
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
                if (close < 0) {
                    throw new GiveUp();
                }
                return close + 1;
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
                    throw new GiveUp();
                }
                return j;
            }
        }
    }

    /** The index after the character class opening at {@code i}. */
    private int skipClass(int i) throws GiveUp {
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
                    throw new GiveUp();  // "[]…]": a literal ']' first; rare enough not to model
                }
            } else if (c == '\\') {
                if (j + 1 < n && s.charAt(j + 1) == 'Q') {
                    throw new GiveUp();
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
        throw new GiveUp();
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
