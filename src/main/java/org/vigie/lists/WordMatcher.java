package org.vigie.lists;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * All the words of one word list, compiled once, matched in one pass.
 *
 * <p>A plain word matches as a case-insensitive substring (an Aho–Corasick automaton over case-folded characters, folded
 * on the fly: no copy of the text). An item written {@code /…/} is a regular expression, case-insensitive unless it says
 * {@code (?-i)}; the expressions are combined into one alternation, each wrapped in its own group so that the group that
 * matched names the entry. Expressions that cannot share an alternation (back-references, named groups) get patterns of
 * their own.
 *
 * <p>The result is the leftmost match in the text; at one position, the entry added first. An expired entry never
 * matches. Safe for concurrent readers; immutable apart from the per-thread {@link Matcher}s it reuses.
 */
public final class WordMatcher {

    private static final int REGEX_FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern BACKREF_OR_NAMED = Pattern.compile("\\\\[1-9]|\\\\k<|\\(\\?<[a-zA-Z]");

    private final Entry[] entries;          // in priority order (added first)
    private final long earliestExpiry;

    // Aho–Corasick: per state, its edges are edgeChar/edgeTarget[edgeStart[s] .. edgeStart[s+1]) sorted by char.
    private final int[] edgeStart;
    private final char[] edgeChar;
    private final int[] edgeTarget;
    private final int[] fail;
    private final int[] output;             // entry index of the best word ending at this state, or -1
    private final int[] outputLink;         // next state on the fail chain that has an output, or -1
    private final int[] wordLength;         // by entry index (plain words only)

    // Regular expressions.
    private final ThreadLocal<Matcher> combined;   // null when no combinable expression
    private final int[] combinedGroupEntry;        // group number -> index into regexEntries, -1 for inner groups
    private final int[] regexEntries;              // entry indexes of all expressions, in priority order
    private final Pattern[] regexPatterns;         // one pattern per expression, for the rare slow path
    private final int[] standalone;                // indexes into regexEntries that are not in the alternation
    private final ThreadLocal<Matcher[]> standaloneMatchers;

    private WordMatcher(Entry[] entries) {
        this.entries = entries;
        long earliest = Entry.NEVER;
        List<Integer> words = new ArrayList<>();
        List<Integer> regexes = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            earliest = Math.min(earliest, entries[i].expiresMillis());
            if (isRegex(entries[i].item())) {
                regexes.add(i);
            } else {
                words.add(i);
            }
        }
        this.earliestExpiry = earliest;

        // --- trie
        wordLength = new int[entries.length];
        List<Map<Character, Integer>> next = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        next.add(new HashMap<>());
        out.add(-1);
        for (int idx : words) {
            String w = entries[idx].item();
            wordLength[idx] = w.length();
            int s = 0;
            for (int k = 0; k < w.length(); k++) {
                char c = fold(w.charAt(k));
                Integer t = next.get(s).get(c);
                if (t == null) {
                    t = next.size();
                    next.get(s).put(c, t);
                    next.add(new HashMap<>());
                    out.add(-1);
                }
                s = t;
            }
            if (out.get(s) < 0) {
                out.set(s, idx);    // entries are in priority order: keep the first
            }
        }
        int states = next.size();
        edgeStart = new int[states + 1];
        int edges = 0;
        for (Map<Character, Integer> m : next) {
            edges += m.size();
        }
        edgeChar = new char[edges];
        edgeTarget = new int[edges];
        int e = 0;
        for (int s = 0; s < states; s++) {
            edgeStart[s] = e;
            Character[] keys = next.get(s).keySet().toArray(new Character[0]);
            Arrays.sort(keys);
            for (Character c : keys) {
                edgeChar[e] = c;
                edgeTarget[e] = next.get(s).get(c);
                e++;
            }
        }
        edgeStart[states] = e;
        output = new int[states];
        for (int s = 0; s < states; s++) {
            output[s] = out.get(s);
        }
        fail = new int[states];
        outputLink = new int[states];
        Arrays.fill(outputLink, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int k = edgeStart[0]; k < edgeStart[1]; k++) {
            queue.add(edgeTarget[k]);
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int k = edgeStart[s]; k < edgeStart[s + 1]; k++) {
                char c = edgeChar[k];
                int t = edgeTarget[k];
                int f = fail[s];
                int g;
                while ((g = step(f, c)) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[t] = g < 0 || g == t ? 0 : g;
                outputLink[t] = output[fail[t]] >= 0 ? fail[t] : outputLink[fail[t]];
                queue.add(t);
            }
        }

        // --- expressions
        regexEntries = regexes.stream().mapToInt(Integer::intValue).toArray();
        regexPatterns = new Pattern[regexEntries.length];
        List<Integer> alone = new ArrayList<>();
        StringBuilder alternation = new StringBuilder();
        List<Integer> groupOwner = new ArrayList<>();
        groupOwner.add(-1);     // group 0
        for (int r = 0; r < regexEntries.length; r++) {
            String body = regexBody(entries[regexEntries[r]].item());
            Pattern p = Pattern.compile(body, REGEX_FLAGS);
            regexPatterns[r] = p;
            if (BACKREF_OR_NAMED.matcher(body).find()) {
                alone.add(r);
                continue;
            }
            if (alternation.length() > 0) {
                alternation.append('|');
            }
            alternation.append('(').append(body).append(')');
            groupOwner.add(r);
            for (int g = p.matcher("").groupCount(); g > 0; g--) {
                groupOwner.add(-1);
            }
        }
        Pattern all = null;
        if (alternation.length() > 0) {
            try {
                all = Pattern.compile(alternation.toString(), REGEX_FLAGS);
            } catch (PatternSyntaxException ex) {
                // An expression that is valid alone but not inside a group (rare): fall back to one pattern each.
                alone.clear();
                for (int r = 0; r < regexEntries.length; r++) {
                    alone.add(r);
                }
            }
        }
        if (all != null && alone.size() < regexEntries.length) {
            Pattern compiled = all;
            combined = ThreadLocal.withInitial(() -> compiled.matcher(""));
            combinedGroupEntry = groupOwner.stream().mapToInt(Integer::intValue).toArray();
        } else {
            combined = null;
            combinedGroupEntry = new int[0];
        }
        standalone = alone.stream().mapToInt(Integer::intValue).toArray();
        Pattern[] alonePatterns = new Pattern[standalone.length];
        for (int k = 0; k < standalone.length; k++) {
            alonePatterns[k] = regexPatterns[standalone[k]];
        }
        standaloneMatchers = ThreadLocal.withInitial(() -> {
            Matcher[] ms = new Matcher[alonePatterns.length];
            for (int k = 0; k < ms.length; k++) {
                ms[k] = alonePatterns[k].matcher("");
            }
            return ms;
        });
    }

    /**
     * Compiles the entries of one word list. Order of priority: added first, then by item.
     *
     * @throws IllegalArgumentException when an expression is invalid (see {@link #validate})
     */
    public static WordMatcher compile(Collection<Entry> entries) {
        Entry[] sorted = entries.toArray(new Entry[0]);
        Arrays.sort(sorted, Comparator.comparingLong(Entry::addedMillis).thenComparing(Entry::item));
        for (Entry en : sorted) {
            validate(en.item());
        }
        return new WordMatcher(sorted);
    }

    /** True for an item written {@code /…/}, with something between the slashes. */
    public static boolean isRegex(String item) {
        return item.length() >= 3 && item.charAt(0) == '/' && item.charAt(item.length() - 1) == '/';
    }

    /**
     * Checks a word-list item: not empty, and a valid expression if it is written {@code /…/}.
     *
     * @throws IllegalArgumentException with a one-line reason (for an expression, the compiler's description and index)
     */
    public static void validate(String item) {
        if (item == null || item.isEmpty() || item.equals("//")) {
            throw new IllegalArgumentException("empty word");
        }
        if (isRegex(item)) {
            try {
                Pattern.compile(regexBody(item), REGEX_FLAGS);
            } catch (PatternSyntaxException ex) {
                String where = ex.getIndex() >= 0 ? " near index " + ex.getIndex() : "";
                throw new IllegalArgumentException("invalid regular expression " + item + ": "
                        + ex.getDescription() + where, ex);
            }
        }
    }

    /** The case folding used for plain words, one UTF-16 unit to one (so positions in the text stay valid). */
    public static char fold(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    private static String regexBody(String item) {
        return item.substring(1, item.length() - 1);
    }

    /** The number of entries. */
    public int size() {
        return entries.length;
    }

    /** The earliest expiry among the entries ({@link Entry#NEVER} if none expires). */
    public long earliestExpiry() {
        return earliestExpiry;
    }

    /** The leftmost match of a non-expired entry in the text, or {@code null}. Allocates only on a hit. */
    public WordMatch find(CharSequence text, long nowMillis) {
        if (text == null || entries.length == 0) {
            return null;
        }
        boolean anyExpired = nowMillis >= earliestExpiry;
        int bestStart = Integer.MAX_VALUE;
        int bestEnd = -1;
        int bestEntry = Integer.MAX_VALUE;

        if (edgeStart[1] > 0) {
            int s = 0;
            for (int i = 0, n = text.length(); i < n; i++) {
                char c = fold(text.charAt(i));
                int t;
                while ((t = step(s, c)) < 0 && s != 0) {
                    s = fail[s];
                }
                s = t < 0 ? 0 : t;
                for (int o = output[s] >= 0 ? s : outputLink[s]; o >= 0; o = outputLink[o]) {
                    int idx = output[o];
                    // A state's output is its own best word; shorter suffix words are further down the chain.
                    int start = i + 1 - wordLength[idx];
                    if ((start < bestStart || (start == bestStart && idx < bestEntry))
                            && !(anyExpired && entries[idx].expiredAt(nowMillis))) {
                        bestStart = start;
                        bestEnd = i + 1;
                        bestEntry = idx;
                    }
                }
            }
        }

        if (regexEntries.length > 0) {
            if (combined != null) {
                Matcher m = combined.get().reset(text);
                if (m.find()) {
                    int r = combinedOwner(m);
                    int idx = regexEntries[r];
                    if (anyExpired && entries[idx].expiredAt(nowMillis)) {
                        return slowRegexPath(text, nowMillis, bestStart, bestEnd, bestEntry);
                    }
                    if (m.start() < bestStart || (m.start() == bestStart && idx < bestEntry)) {
                        bestStart = m.start();
                        bestEnd = m.end();
                        bestEntry = idx;
                    }
                }
            }
            if (standalone.length > 0) {
                Matcher[] ms = standaloneMatchers.get();
                for (int k = 0; k < standalone.length; k++) {
                    int idx = regexEntries[standalone[k]];
                    if (anyExpired && entries[idx].expiredAt(nowMillis)) {
                        continue;
                    }
                    Matcher m = ms[k].reset(text);
                    if (m.find() && (m.start() < bestStart || (m.start() == bestStart && idx < bestEntry))) {
                        bestStart = m.start();
                        bestEnd = m.end();
                        bestEntry = idx;
                    }
                }
            }
        }
        return bestEnd < 0 ? null : new WordMatch(entries[bestEntry], text.subSequence(bestStart, bestEnd).toString());
    }

    /** The combined alternation hit an expired expression: try each live expression alone (rare: until the sweep). */
    private WordMatch slowRegexPath(CharSequence text, long nowMillis, int bestStart, int bestEnd, int bestEntry) {
        for (int r = 0; r < regexEntries.length; r++) {
            int idx = regexEntries[r];
            if (entries[idx].expiredAt(nowMillis)) {
                continue;
            }
            Matcher m = regexPatterns[r].matcher(text);
            if (m.find() && (m.start() < bestStart || (m.start() == bestStart && idx < bestEntry))) {
                bestStart = m.start();
                bestEnd = m.end();
                bestEntry = idx;
            }
        }
        return bestEnd < 0 ? null : new WordMatch(entries[bestEntry], text.subSequence(bestStart, bestEnd).toString());
    }

    private int combinedOwner(Matcher m) {
        for (int g = 1; g < combinedGroupEntry.length; g++) {
            if (combinedGroupEntry[g] >= 0 && m.start(g) >= 0) {
                return combinedGroupEntry[g];
            }
        }
        throw new IllegalStateException("no group matched");
    }

    private int step(int s, char c) {
        int lo = edgeStart[s];
        int hi = edgeStart[s + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = edgeChar[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return edgeTarget[mid];
            }
        }
        return -1;
    }
}
