package org.vigie.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One wiki's wording of the edit summaries MediaWiki writes itself: rollback ({@code revertpage}), undo
 * ({@code undo-summary}), blanking ({@code autosumm-blank}) and replacement ({@code autosumm-replace}).
 *
 * <p>This runs on every edit, so it uses no regular expression: each wording is cut, once, into its literal
 * opening and the parts up to the reverted user's name; a summary is compared to the openings character by
 * character (any space equals a no-break or narrow no-break space), and only a summary that opens like one of them
 * is read further. The common case (an ordinary summary) costs a first-character test.
 *
 * <p>Tolerance: after the reverted user's name the rest of the summary is not checked (wikis override the end of
 * these messages: "to last version by" against "to last revision by"); the user link may point to any page name
 * in any language ({@code Special:Contribs/X}, {@code Spécial:Contributions/X}, {@code User:X}).
 */
final class SummaryText {

    /** What a summary says of the edit: a kind and, for a revert, whose edits were reverted. */
    record Reading(RcEvent.SummaryKind kind, String revertedUser) {
    }

    private static final Reading BLANK = new Reading(RcEvent.SummaryKind.BLANK, null);
    private static final Reading REPLACE = new Reading(RcEvent.SummaryKind.REPLACE, null);

    /** A revert wording up to the reverted user: literal and skipped parts, then the user's link or name. */
    private record RevertWording(RcEvent.SummaryKind kind, List<String> parts) {
        // parts: literals at even positions; a null at an odd position means "skip up to the next literal"
    }

    // arrays, not lists: read() walks them for many summaries, and an iterator is an allocation per walk
    private final RevertWording[] reverts;
    private final String[] blanks;
    private final String[] replaces;
    private final boolean[] firstChars = new boolean[128];
    private boolean firstCharOutsideAscii;

    SummaryText(List<Map<String, List<String>>> sources) {
        List<RevertWording> rv = new ArrayList<>();
        List<String> bl = new ArrayList<>();
        List<String> rp = new ArrayList<>();
        for (Map<String, List<String>> source : sources) {
            for (String m : values(source, "revertpage")) {
                addRevert(rv, RcEvent.SummaryKind.ROLLBACK, m);
            }
            for (String m : values(source, "undo-summary")) {
                addRevert(rv, RcEvent.SummaryKind.UNDO, m);
            }
            for (String m : values(source, "autosumm-blank")) {
                addLiteral(bl, literalBefore(m, m.length()));
            }
            for (String m : values(source, "autosumm-replace")) {
                // the opening up to $1 without its quotation mark: wikis differ in quotes, not in words
                addLiteral(rp, stripQuotes(literalBefore(m, m.indexOf('$') < 0 ? m.length() : m.indexOf('$'))));
            }
        }
        this.reverts = rv.toArray(new RevertWording[0]);
        this.blanks = bl.toArray(new String[0]);
        this.replaces = rp.toArray(new String[0]);
        for (RevertWording w : reverts) {
            mark(w.parts().get(0));
        }
        bl.forEach(this::mark);
        rp.forEach(this::mark);
    }

    /** The reading of an edit summary, or null when MediaWiki did not write it (the usual case, no allocation). */
    Reading read(String summary) {
        if (summary.isEmpty()) {
            return null;
        }
        char c = summary.charAt(0);
        if (c < 128 ? !firstChars[c] : !firstCharOutsideAscii) {
            return null;
        }
        for (RevertWording w : reverts) {
            String user = revertedUser(w, summary);
            if (user != null) {
                return new Reading(w.kind(), user);
            }
        }
        for (String b : blanks) {
            if (literalAt(summary, 0, b) >= 0) {
                return BLANK;
            }
        }
        for (String r : replaces) {
            if (literalAt(summary, 0, r) >= 0) {
                return REPLACE;
            }
        }
        return null;
    }

    private void mark(String literal) {
        char c = literal.charAt(0);
        if (c < 128) {
            firstChars[c] = true;
            if (c == ' ') {
                firstCharOutsideAscii = true;
            }
        } else {
            firstCharOutsideAscii = true;
        }
    }

    private static String revertedUser(RevertWording w, String s) {
        List<String> parts = w.parts();
        int pos = 0;
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            if (p == null) {
                String next = parts.get(i + 1);
                int at = indexOfLiteral(s, pos, next);
                if (at < 0) {
                    return null;
                }
                pos = at;
                continue;
            }
            pos = literalAt(s, pos, p);
            if (pos < 0) {
                return null;
            }
        }
        return user(s, pos);
    }

    /** The user at {@code pos}: {@code [[Any:Page/Name|label]]}, {@code [[User:Name]]}, or a bare name. */
    private static String user(String s, int pos) {
        if (s.startsWith("[[", pos)) {
            int close = s.indexOf("]]", pos + 2);
            if (close < 0) {
                return null;
            }
            int pipe = s.indexOf('|', pos + 2);
            int targetEnd = pipe > 0 && pipe < close ? pipe : close;
            int colon = s.indexOf(':', pos + 2);
            if (colon < 0 || colon >= targetEnd) {
                return nonEmpty(s, pos + 2, targetEnd);
            }
            int slash = s.indexOf('/', colon);
            int from = slash > 0 && slash < targetEnd ? slash + 1 : colon + 1;
            return nonEmpty(s, from, targetEnd);
        }
        int end = pos;
        while (end < s.length() && s.charAt(end) != '(' && s.charAt(end) != '[') {
            end++;
        }
        return nonEmpty(s, pos, end);
    }

    private static String nonEmpty(String s, int from, int to) {
        String u = LogText.trim(s.substring(from, to));
        return u.isEmpty() ? null : u;
    }

    /** Position after {@code lit} when {@code s} has it at {@code pos} (spaces of any kind equal), else -1. */
    private static int literalAt(String s, int pos, String lit) {
        if (s.length() - pos < lit.length()) {
            return -1;
        }
        for (int i = 0; i < lit.length(); i++) {
            char a = s.charAt(pos + i);
            char b = lit.charAt(i);
            if (a != b && !(isSpace(a) && isSpace(b))) {
                return -1;
            }
        }
        return pos + lit.length();
    }

    private static int indexOfLiteral(String s, int from, String lit) {
        for (int i = from; i <= s.length() - lit.length(); i++) {
            if (literalAt(s, i, lit) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\u00A0' || c == '\u202F';
    }

    // ------------------------------------------------------------------ cutting a wording, once per wiki

    private static void addRevert(List<RevertWording> out, RcEvent.SummaryKind kind, String message) {
        int user = userConstruct(message);
        if (user < 0) {
            return;
        }
        List<String> parts = new ArrayList<>();
        int i = 0;
        int varStart;
        while ((varStart = nextVariable(message, i, user)) >= 0) {
            String lit = message.substring(i, varStart);
            if (!lit.isEmpty()) {
                parts.add(lit);
            } else if (parts.isEmpty()) {
                return; // a wording that opens with a variable has no cheap opening to test
            }
            parts.add(null);
            i = variableEnd(message, varStart);
        }
        String lit = message.substring(i, user);
        if (lit.isEmpty() && (parts.isEmpty() || parts.get(parts.size() - 1) == null)) {
            return; // "$1 $2" would need a guess: skip such a wording
        }
        parts.add(lit);
        if (parts.stream().filter(p -> p != null).anyMatch(String::isEmpty)) {
            return;
        }
        RevertWording w = new RevertWording(kind, java.util.Collections.unmodifiableList(parts));
        if (!out.contains(w)) {
            out.add(w);
        }
    }

    /** Where the reverted user's construct starts: a {@code [[…$2…]]} link, a {@code {{…$2…}}}, or a bare $2. */
    private static int userConstruct(String m) {
        int two = m.indexOf("$2");
        while (two >= 0 && two + 2 < m.length() && Character.isDigit(m.charAt(two + 2))) {
            two = m.indexOf("$2", two + 1);
        }
        if (two < 0) {
            return -1;
        }
        int link = m.lastIndexOf("[[", two);
        if (link >= 0 && m.lastIndexOf("]]", two) < link) {
            return outermostBraces(m, link);
        }
        return outermostBraces(m, two);
    }

    private static int outermostBraces(String m, int pos) {
        int depth = 0;
        int start = pos;
        for (int i = pos - 1; i >= 0; i--) {
            if (m.startsWith("}}", i) && i + 1 < pos) {
                depth++;
                i--;
            } else if (m.startsWith("{{", i)) {
                if (depth == 0) {
                    start = i;
                } else {
                    depth--;
                }
                i--;
            }
        }
        return start;
    }

    /** The next {@code $n}, {@code [[…]]} or {@code {{…}}} before {@code limit}: things whose text is skipped. */
    private static int nextVariable(String m, int from, int limit) {
        for (int i = from; i < limit; i++) {
            char c = m.charAt(i);
            if (c == '$' && i + 1 < limit && Character.isDigit(m.charAt(i + 1))) {
                return i;
            }
            if ((m.startsWith("[[", i) || m.startsWith("{{", i)) && i + 1 < limit) {
                return i;
            }
        }
        return -1;
    }

    private static int variableEnd(String m, int start) {
        if (m.charAt(start) == '$') {
            int j = start + 1;
            while (j < m.length() && Character.isDigit(m.charAt(j))) {
                j++;
            }
            return j;
        }
        String open = m.substring(start, start + 2);
        String close = open.equals("[[") ? "]]" : "}}";
        int depth = 0;
        int j = start;
        while (j < m.length()) {
            if (m.startsWith(open, j)) {
                depth++;
                j += 2;
            } else if (m.startsWith(close, j)) {
                depth--;
                j += 2;
                if (depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return m.length();
    }

    private static String literalBefore(String m, int end) {
        int cut = end;
        int v = nextVariable(m, 0, end);
        if (v >= 0) {
            cut = v;
        }
        return m.substring(0, cut);
    }

    private static String stripQuotes(String s) {
        int end = s.length();
        while (end > 0 && "\"'«“„‘ \u00A0\u202F".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    private static void addLiteral(List<String> out, String lit) {
        String t = LogText.trim(lit);
        if (!t.isEmpty() && !out.contains(t)) {
            out.add(t);
        }
    }

    private static List<String> values(Map<String, List<String>> source, String name) {
        List<String> v = source.get(name);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(v.size());
        for (String s : v) {
            if (s != null && !s.isBlank()) {
                out.add(Entities.decode(s));
            }
        }
        return out;
    }
}
