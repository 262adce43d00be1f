package org.vigie.feed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One wiki's wording of its log entries, compiled once: turns the text of a log line
 * ({@code blocked [[User:1.2.3.4]] with an expiration time of 2 heures (création de compte interdite) : spam})
 * into a {@link LogAction}.
 *
 * <p>MediaWiki writes the classic log types with legacy messages in the wiki's content language, with local
 * overrides, and appends the reason after the wiki's {@code colon-separator}. Each message becomes two patterns:
 * a strict one ({@code [[$1]]} must be a link) and a bare one (the link may be missing, as in old enwiki lines).
 * All strict patterns are tried before any bare one. Tolerances, all on purpose:
 * <ul>
 * <li>the reason separator may be {@code ": "}, or have a narrow no-break space, a no-break space or a plain space
 *     before the colon (French), or be the wiki's own {@code colon-separator};</li>
 * <li>spaces in a message match any run of spaces, no-break spaces or narrow no-break spaces;</li>
 * <li>block flags ({@code $3}) are optional and may stand before or after the expiry, whichever the wording says;
 *     the expiry never contains parentheses, so flags written after it are not swallowed;</li>
 * <li>a protection target loses its description ({@code ‎[edit=autoconfirmed] (indefinite)}) even when MediaWiki
 *     wrote it inside the link;</li>
 * <li>MediaWiki's re-colouring of the target ({@code [[\x0302target\x0310]]}) is removed before matching.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe. Matching uses the precompiled patterns only; nothing is compiled per line.
 */
public final class LogText {

    /** Which log action a legacy message writes, and the role of its parameters. */
    private record Spec(String type, List<String> actions, int target, int dest, int expiry, int flags,
                        boolean performerIsTarget) {
    }

    /** {@code required}: the wording's longest literal word, which every text it fits contains ("" if none). */
    private record Wording(Pattern pattern, String required, int target, int dest, int expiry, int flags, int reason,
                           boolean performerIsTarget, boolean protect) {
    }

    private static final Map<String, Spec> SPECS = specs();

    private static final String SP = "[ \\u00A0\\u202F]";

    private final Map<String, Map<String, Wording[]>> byType;
    private final Map<String, String> flagKeys;
    private final BlockExpiry expiry;
    private final String userPrefix;

    private LogText(Map<String, Map<String, Wording[]>> byType, Map<String, String> flagKeys, BlockExpiry expiry,
                    String userPrefix) {
        this.byType = byType;
        this.flagKeys = flagKeys;
        this.expiry = expiry;
        this.userPrefix = userPrefix;
    }

    /**
     * Compiles a wiki's wording.
     *
     * @param sources       message name → wordings, most authoritative first (the wiki's own messages, then the
     *                      shipped defaults of its language, then English); raw MediaWiki text, entities allowed
     * @param userNamespace the wiki's name of the User namespace, for the target of {@code create}/{@code autocreate}
     *                      entries (whose text names nobody: the account created is the performer)
     */
    static LogText compile(List<Map<String, List<String>>> sources, String userNamespace) {
        String colon = first(sources, "colon-separator");
        String sep = separator(colon == null ? ":" : Entities.decode(colon));
        List<String> ipb = new ArrayList<>();
        List<String> infinite = new ArrayList<>();
        Map<String, String> flagKeys = new HashMap<>();
        Map<String, Map<String, List<Wording>>> strict = new HashMap<>();
        Map<String, Map<String, List<Wording>>> bare = new HashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Map<String, List<String>> source : sources) {
            for (Map.Entry<String, List<String>> e : source.entrySet()) {
                String name = e.getKey();
                for (String raw : e.getValue()) {
                    if (raw == null || raw.isBlank()) {
                        continue;
                    }
                    String text = Entities.decode(raw);
                    if (name.startsWith("block-log-flags-")) {
                        flagKeys.putIfAbsent(BlockExpiry.key(text), name.substring("block-log-flags-".length()));
                    } else if (name.equals("ipboptions")) {
                        ipb.add(text);
                    } else if (name.equals("infiniteblock") || name.equals("protect-expiry-indefinite")) {
                        infinite.add(text);
                    }
                    Spec spec = SPECS.get(name);
                    if (spec == null || !seen.add(name + '\n' + text)) {
                        continue;
                    }
                    for (String action : spec.actions()) {
                        add(strict, spec.type(), action, wording(text, spec, true, sep));
                        add(bare, spec.type(), action, wording(text, spec, false, sep));
                    }
                }
            }
        }
        Map<String, Map<String, Wording[]>> byType = new HashMap<>();
        for (String type : union(strict.keySet(), bare.keySet())) {
            Map<String, Wording[]> byAction = new HashMap<>();
            Map<String, List<Wording>> s = strict.getOrDefault(type, Map.of());
            Map<String, List<Wording>> b = bare.getOrDefault(type, Map.of());
            for (String action : union(s.keySet(), b.keySet())) {
                List<Wording> all = new ArrayList<>(s.getOrDefault(action, List.of()));
                for (Wording w : b.getOrDefault(action, List.of())) {
                    if (all.stream().noneMatch(x -> x.pattern().pattern().equals(w.pattern().pattern()))) {
                        all.add(w);
                    }
                }
                byAction.put(action, all.toArray(new Wording[0]));
            }
            byType.put(type, Map.copyOf(byAction));
        }
        String user = userNamespace == null || userNamespace.isEmpty() ? "User" : userNamespace;
        return new LogText(Map.copyOf(byType), Map.copyOf(flagKeys), new BlockExpiry(ipb, infinite), user + ":");
    }

    /**
     * Reads a log entry's text.
     *
     * @param type      the log type from the line's {@code Special:Log/<type>} title
     * @param action    the log action from the line's flags field
     * @param text      the action text; MediaWiki's re-colouring may still be in it
     * @param performer the user who made the entry
     * @return never null; {@link LogAction#matched()} is false when no known wording fits (then only the type,
     *         the action and, when MediaWiki re-coloured it, the target are known)
     */
    public LogAction parse(String type, String action, String text, String performer) {
        String clean = IrcText.stripColours(text);
        return parse(type, action, clean, performer, text);
    }

    LogAction parse(String type, String action, String clean, String performer, String raw) {
        Map<String, Wording[]> byAction = byType.get(type);
        Wording[] wordings = byAction == null ? null : byAction.get(action);
        if (wordings != null) {
            LogAction firstMatch = null;
            for (Wording w : wordings) {
                if (clean.indexOf(w.required()) < 0) {
                    continue;   // a word this wording always writes is missing: no need to run its expression
                }
                Matcher m = w.pattern().matcher(clean);
                if (m.matches()) {
                    LogAction a = action(type, action, w, m, performer);
                    if (w.flags() == 0 || plausibleBlock(a, m.group(w.flags()))) {
                        return a;
                    }
                    if (firstMatch == null) {
                        firstMatch = a;
                    }
                }
            }
            if (firstMatch != null) {
                return firstMatch;
            }
        }
        String target = raw == clean ? null : IrcText.colouredTarget(raw);
        return new LogAction(type, action, target, null, null, LogAction.UNKNOWN, List.of(), "", false);
    }

    /** Normalises block flags written in words ({@code account creation blocked}) to MediaWiki's keys. */
    List<String> flags(String written) {
        if (written == null || written.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(4);
        int start = 0;
        while (start <= written.length()) {
            int comma = written.indexOf(',', start);
            int end = comma < 0 ? written.length() : comma;
            String f = trim(written.substring(start, end));
            if (!f.isEmpty()) {
                out.add(flagKeys.getOrDefault(BlockExpiry.key(f), f));
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return List.copyOf(out);
    }

    /**
     * Whether a block wording split the text sensibly. Old wordings put the flags before the expiry, new ones after;
     * a user name may hold parentheses ({@code Quiddity (WMF)}). A split is kept when its flags are all known words
     * and its target does not end with a parenthesis of known flags (those belong to another wording's order).
     */
    private boolean plausibleBlock(LogAction a, String writtenFlags) {
        if (writtenFlags != null && !allKnownFlags(writtenFlags)) {
            return false;
        }
        String t = a.target();
        if (t != null && t.endsWith(")")) {
            int open = t.lastIndexOf('(');
            return open < 0 || !allKnownFlags(t.substring(open + 1, t.length() - 1));
        }
        return true;
    }

    private boolean allKnownFlags(String written) {
        for (String f : written.split(",")) {
            if (!flagKeys.containsKey(BlockExpiry.key(f))) {
                return false;
            }
        }
        return true;
    }

    /** A block's length in seconds as this wiki writes it. */
    long expirySeconds(String written) {
        return expiry.seconds(written);
    }

    private LogAction action(String type, String action, Wording w, Matcher m, String performer) {
        String target = w.performerIsTarget()
                ? (performer == null ? null : userPrefix + performer)
                : cleanTarget(group(m, w.target()), w.protect());
        String dest = cleanTarget(group(m, w.dest()), w.protect());
        String exp = trimOrNull(group(m, w.expiry()));
        long seconds = exp == null ? LogAction.UNKNOWN : expiry.seconds(exp);
        List<String> flags = w.flags() > 0 ? flags(group(m, w.flags())) : List.of();
        String reason = group(m, w.reason());
        return new LogAction(type, action, target, dest, exp, seconds, flags, reason == null ? "" : trim(reason),
                true);
    }

    private static String group(Matcher m, int g) {
        return g > 0 ? m.group(g) : null;
    }

    private static String cleanTarget(String t, boolean protect) {
        if (t == null) {
            return null;
        }
        t = trim(t);
        if (t.startsWith("[[") && t.endsWith("]]")) {
            t = trim(t.substring(2, t.length() - 2));
        }
        if (protect) {
            t = trim(withoutProtectionDescription(t));
        }
        return t.isEmpty() ? null : t;
    }

    /** {@code 20th Century Fox ‎[edit=autoconfirmed] (indefinite)} → {@code 20th Century Fox}. */
    private static String withoutProtectionDescription(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\u200E' || c == '\u200F') {
                return t.substring(0, i);
            }
            if (c == '[' && i > 0 && isSpace(t.charAt(i - 1))) {
                int close = t.indexOf(']', i);
                if (close > 0 && t.indexOf('=', i) > 0 && t.indexOf('=', i) < close) {
                    return t.substring(0, i);
                }
            }
        }
        return t;
    }

    private static String trimOrNull(String s) {
        if (s == null) {
            return null;
        }
        String t = trim(s);
        return t.isEmpty() ? null : t;
    }

    static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (Character.isWhitespace(s.charAt(a)) || isSpace(s.charAt(a)))) {
            a++;
        }
        while (b > a && (Character.isWhitespace(s.charAt(b - 1)) || isSpace(s.charAt(b - 1)))) {
            b--;
        }
        return a == 0 && b == s.length() ? s : s.substring(a, b);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\u00A0' || c == '\u202F';
    }

    // ------------------------------------------------------------------ compiling a message into a pattern

    private enum Tok { LIT, WS, LINK, VAR, WILD }

    private record Token(Tok kind, String text, int n) {
    }

    private static Wording wording(String message, Spec spec, boolean strict, String sep) {
        List<Token> tokens = tokens(message);
        StringBuilder re = new StringBuilder("^");
        int group = 0;
        int target = 0, dest = 0, exp = 0, flags = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            switch (t.kind()) {
                case LIT -> re.append(Pattern.quote(t.text()));
                case WS -> re.append(SP).append(optional(tokens, i - 1, spec) || optional(tokens, i + 1, spec)
                        ? "*" : "+");
                case WILD -> re.append(".*?");
                case LINK, VAR -> {
                    int n = t.n();
                    boolean link = t.kind() == Tok.LINK && strict;
                    if (n == spec.flags()) {
                        re.append("(?:\\(([^()]*)\\))?");
                    } else if (n == spec.expiry()) {
                        re.append("([^()]+?)");
                    } else if (n == spec.target() || n == spec.dest()) {
                        re.append(link ? "\\[\\[(.+?)\\]\\]" : "(.+?)");
                    } else {
                        re.append(link ? "\\[\\[(.*?)\\]\\]" : "(.*?)");
                    }
                    group++;
                    if (n == spec.target() && target == 0) {
                        target = group;
                    } else if (n == spec.dest() && dest == 0) {
                        dest = group;
                    } else if (n == spec.expiry() && exp == 0) {
                        exp = group;
                    } else if (n == spec.flags() && flags == 0) {
                        flags = group;
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        // The reason runs to the end: greedy, then trimmed; lazy, it retried the end of the text at every character.
        re.append("(?:").append(sep).append("(.*))?").append(SP).append("*$");
        int reason = group + 1;
        String required = "";
        for (Token t : tokens) {
            if (t.kind() == Tok.LIT && t.text().length() > required.length()) {
                required = t.text();
            }
        }
        return new Wording(Pattern.compile(re.toString(), Pattern.DOTALL), required, target, dest, exp, flags, reason,
                spec.performerIsTarget(), spec.type().equals("protect"));
    }

    /** A parameter that may be empty: flags, and parameters this class does not read. */
    private static boolean optional(List<Token> tokens, int i, Spec spec) {
        if (i < 0 || i >= tokens.size()) {
            return i >= tokens.size();
        }
        Token t = tokens.get(i);
        if (t.kind() == Tok.WILD) {
            return true;
        }
        if (t.kind() != Tok.VAR && t.kind() != Tok.LINK) {
            return false;
        }
        return t.n() != spec.target() && t.n() != spec.dest() && t.n() != spec.expiry();
    }

    private static List<Token> tokens(String m) {
        List<Token> out = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < m.length()) {
            char c = m.charAt(i);
            if (m.startsWith("[[$", i)) {
                int j = i + 3;
                while (j < m.length() && Character.isDigit(m.charAt(j))) {
                    j++;
                }
                if (j > i + 3 && m.startsWith("]]", j)) {
                    flush(out, lit);
                    out.add(new Token(Tok.LINK, null, Integer.parseInt(m.substring(i + 3, j))));
                    i = j + 2;
                    continue;
                }
            }
            if (c == '$' && i + 1 < m.length() && Character.isDigit(m.charAt(i + 1))) {
                int j = i + 1;
                while (j < m.length() && Character.isDigit(m.charAt(j))) {
                    j++;
                }
                flush(out, lit);
                out.add(new Token(Tok.VAR, null, Integer.parseInt(m.substring(i + 1, j))));
                i = j;
                continue;
            }
            if (m.startsWith("{{", i)) {
                int depth = 0;
                int j = i;
                while (j < m.length()) {
                    if (m.startsWith("{{", j)) {
                        depth++;
                        j += 2;
                    } else if (m.startsWith("}}", j)) {
                        depth--;
                        j += 2;
                        if (depth == 0) {
                            break;
                        }
                    } else {
                        j++;
                    }
                }
                flush(out, lit);
                out.add(new Token(Tok.WILD, null, 0));
                i = j;
                continue;
            }
            if (Character.isWhitespace(c) || isSpace(c)) {
                flush(out, lit);
                while (i < m.length() && (Character.isWhitespace(m.charAt(i)) || isSpace(m.charAt(i)))) {
                    i++;
                }
                out.add(new Token(Tok.WS, null, 0));
                continue;
            }
            lit.append(c);
            i++;
        }
        flush(out, lit);
        return out;
    }

    private static void flush(List<Token> out, StringBuilder lit) {
        if (lit.length() > 0) {
            out.add(new Token(Tok.LIT, lit.toString(), 0));
            lit.setLength(0);
        }
    }

    /** The reason separator: {@code ": "} with any space before the colon, or the wiki's own separator. */
    private static String separator(String colon) {
        String own = trim(colon);
        String base = SP + "*:" + SP + "+";
        if (own.isEmpty() || own.equals(":")) {
            return "(?:" + base + ")";
        }
        return "(?:" + base + "|" + SP + "*" + Pattern.quote(own) + SP + "*)";
    }

    private static String first(List<Map<String, List<String>>> sources, String name) {
        for (Map<String, List<String>> s : sources) {
            List<String> v = s.get(name);
            if (v != null) {
                for (String x : v) {
                    if (x != null && !x.isEmpty()) {
                        return x;
                    }
                }
            }
        }
        return null;
    }

    private static void add(Map<String, Map<String, List<Wording>>> m, String type, String action, Wording w) {
        m.computeIfAbsent(type, k -> new HashMap<>()).computeIfAbsent(action, k -> new ArrayList<>()).add(w);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static Map<String, Spec> specs() {
        Map<String, Spec> m = new HashMap<>();
        m.put("blocklogentry", new Spec("block", List.of("block"), 1, 0, 2, 3, false));
        m.put("reblock-logentry", new Spec("block", List.of("reblock"), 1, 0, 2, 3, false));
        m.put("unblocklogentry", new Spec("block", List.of("unblock"), 1, 0, 0, 0, false));
        m.put("deletedarticle", new Spec("delete", List.of("delete"), 1, 0, 0, 0, false));
        m.put("undeletedarticle", new Spec("delete", List.of("restore"), 1, 0, 0, 0, false));
        m.put("protectedarticle", new Spec("protect", List.of("protect"), 1, 0, 0, 0, false));
        m.put("modifiedarticleprotection", new Spec("protect", List.of("modify"), 1, 0, 0, 0, false));
        m.put("unprotectedarticle", new Spec("protect", List.of("unprotect"), 1, 0, 0, 0, false));
        // "moved protection settings from [[$2]] to [[$1]]": read as a move, from $2 to $1
        m.put("movedarticleprotection", new Spec("protect", List.of("move_prot"), 2, 1, 0, 0, false));
        m.put("uploadedimage", new Spec("upload", List.of("upload"), 1, 0, 0, 0, false));
        m.put("overwroteimage", new Spec("upload", List.of("overwrite", "revert"), 1, 0, 0, 0, false));
        m.put("1movedto2", new Spec("move", List.of("move"), 1, 2, 0, 0, false));
        m.put("1movedto2_redir", new Spec("move", List.of("move_redir"), 1, 2, 0, 0, false));
        m.put("newuserlog-create-entry", new Spec("newusers", List.of("create", "newusers"), 0, 0, 0, 0, true));
        m.put("newuserlog-create2-entry", new Spec("newusers", List.of("create2", "byemail"), 1, 0, 0, 0, false));
        m.put("newuserlog-autocreate-entry", new Spec("newusers", List.of("autocreate"), 0, 0, 0, 0, true));
        m.put("rightslogentry", new Spec("rights", List.of("rights"), 1, 0, 0, 0, false));
        m.put("rightslogentry-autopromote", new Spec("rights", List.of("autopromote"), 0, 0, 0, 0, true));
        m.put("patrol-log-line", new Spec("patrol", List.of("patrol"), 2, 0, 0, 0, false));
        m.put("pagemerge-logentry", new Spec("merge", List.of("merge"), 1, 2, 0, 0, false));
        m.put("import-logentry-upload", new Spec("import", List.of("upload"), 1, 0, 0, 0, false));
        m.put("import-logentry-interwiki", new Spec("import", List.of("interwiki"), 1, 0, 0, 0, false));
        return Map.copyOf(m);
    }
}
