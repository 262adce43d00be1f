package org.vigie.lists;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites an expression's small character classes as plain characters, one variant per choice:
 * {@code sh[i1!]t} gives {@code shit}, {@code sh1t}, {@code sh!t}. Every match of the expression is a match of one
 * variant over the same text (a class that matches one character matches it as that member alone would, case rules
 * included), so the runs {@link RegexLiteral} finds in all the variants together are runs one of which every match
 * contains; they are longer than the expression's own and let {@link WordMatcher} run it less often. The variants
 * are only read for runs, never compiled.
 *
 * <p>Only classes of plain members with no quantifier after them are expanded ({@code [a4]{2}} picks twice and may
 * pick differently); ranges, negations, escapes, nested classes and {@code \Q} leave the expression as it is.
 */
final class ClassExpansion {

    /** At most this many members in one expanded class. */
    static final int MAX_MEMBERS = 4;
    /** At most this many variants of one expression. */
    static final int MAX_VARIANTS = 8;

    private ClassExpansion() {
    }

    /** The variants of the expression, or an empty list when no class of it can be expanded. */
    static List<String> variants(String regex) {
        List<StringBuilder> out = new ArrayList<>();
        out.add(new StringBuilder());
        boolean expanded = false;
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n || regex.charAt(i + 1) == 'Q') {
                    return List.of();
                }
                appendAll(out, regex.substring(i, i + 2));
                i += 2;
                continue;
            }
            if (c == '[') {
                int close = regex.indexOf(']', i + 1);
                String members = close < 0 ? null : regex.substring(i + 1, close);
                if (members == null) {
                    return List.of();
                }
                boolean quantified = close + 1 < n && "?*+{".indexOf(regex.charAt(close + 1)) >= 0;
                if (!quantified && isPlainSet(members) && out.size() * members.length() <= MAX_VARIANTS) {
                    List<StringBuilder> next = new ArrayList<>();
                    for (StringBuilder prefix : out) {
                        for (int m = 0; m < members.length(); m++) {
                            next.add(new StringBuilder(prefix).append(literal(members.charAt(m))));
                        }
                    }
                    out = next;
                    expanded = true;
                    i = close + 1;
                    continue;
                }
                if (members.indexOf('[') >= 0 || members.indexOf('\\') >= 0) {
                    return List.of();   // a nested class or an escape: where the class ends is not known here
                }
                appendAll(out, regex.substring(i, close + 1));
                i = close + 1;
                continue;
            }
            appendAll(out, String.valueOf(c));
            i++;
        }
        if (!expanded) {
            return List.of();
        }
        List<String> result = new ArrayList<>(out.size());
        for (StringBuilder b : out) {
            result.add(b.toString());
        }
        return result;
    }

    /** A class body of 1 to {@link #MAX_MEMBERS} distinct characters, each meaning itself. */
    private static boolean isPlainSet(String members) {
        if (members.isEmpty() || members.length() > MAX_MEMBERS) {
            return false;
        }
        for (int k = 0; k < members.length(); k++) {
            char m = members.charAt(k);
            if ("^-&[]\\".indexOf(m) >= 0 || Character.isSurrogate(m) || members.indexOf(m) != k) {
                return false;
            }
        }
        return true;
    }

    /** The member as an expression outside a class: escaped when it is ASCII punctuation. */
    private static String literal(char m) {
        boolean alnum = m >= 'a' && m <= 'z' || m >= 'A' && m <= 'Z' || m >= '0' && m <= '9';
        return m < 0x80 && !alnum ? "\\" + m : String.valueOf(m);
    }

    private static void appendAll(List<StringBuilder> out, String s) {
        for (StringBuilder b : out) {
            b.append(s);
        }
    }
}
