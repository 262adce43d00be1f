package org.vigie.lists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * All the words of one word list, compiled once, matched in one pass.
 *
 * <p>A plain word matches as a case-insensitive substring: a trie over case-folded characters (folded on the fly
 * through a table), walked only from the positions where the text's next two characters can begin a word (a table of
 * character pairs, tested position by position without a chain from one to the next). An item written {@code /…/} is
 * a regular expression, case-insensitive unless it says {@code (?-i)}.
 *
 * <p>Expressions are the expensive part, so most of them do not run on most texts: when an expression has runs of
 * plain characters one of which every match must contain ({@link RegexLiteral}), those runs join the same trie
 * as triggers, and the expression runs only on a text where one of its runs was seen. The expressions without such a run are
 * combined into one alternation, each wrapped in its own group so that the group that matched names the entry
 * (those that cannot share an alternation, with back-references or named groups, get patterns of their own); they
 * run on every text.
 *
 * <p>The result is the leftmost match in the text; at one position, the entry added first. An expired entry never
 * matches. Safe for concurrent readers; immutable apart from the per-thread {@link Matcher}s and scratch it reuses.
 */
public final class WordMatcher {

    private static final int REGEX_FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern BACKREF_OR_NAMED = Pattern.compile("\\\\[1-9]|\\\\k<|\\(\\?<[a-zA-Z]");

    /** {@link #fold} of every UTF-16 unit, computed once: the per-character Unicode case calls were a hot spot. */
    private static final char[] FOLD = new char[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            FOLD[c] = (char) Character.toLowerCase(Character.toUpperCase(c));
        }
    }

    private final Entry[] entries;          // in priority order (added first)
    private final long earliestExpiry;

    // A trie of the folded words and trigger runs: per state, its edges are edgeChar/edgeTarget[edgeStart[s] ..
    // edgeStart[s+1]) sorted by char. The scan does not walk every character through it: a table of the character pairs
    // that begin some word or run picks the few positions where one could start, and the trie is walked from those
    // alone. Each position's test is independent of the last, so the
    // processor overlaps them; an automaton's state-to-state chain cost a dependent memory read per character.
    private final int[] edgeStart;
    private final char[] edgeChar;
    private final int[] edgeTarget;
    private final int[] rootNext;           // ASCII char -> state after it from the root, or -1
    private final long[] pairs;             // bit (c0 << 7 | c1): some word or run starts with ASCII c0, c1 (c1 = 0: c0 alone)
    private final boolean[] rawPairTable;   // by (r0 << 7 | r1), ASCII as written: pairs, every case of each
    private final boolean[] asciiThenOther; // by ASCII c0: some word or run is c0 alone or c0 then a non-ASCII character
    private final long[] starts;            // bit per character that begins some word or run
    private final int[] output;             // entry index of the best word ending at this state, or -1
    private final int[] triggerStart;       // regexes whose run ends at state s: triggers[triggerStart[s] .. [s+1])
    private final int[] triggers;           // indexes into regexEntries
    private final int[] sameWordNext;       // by entry index: the next entry with the same folded word, or -1
    private final boolean anyState;         // the trie has at least one edge

    // Regular expressions.
    private final int[] regexEntries;              // entry indexes of all expressions, in priority order
    private final Pattern[] regexPatterns;         // one pattern per expression
    private final boolean[] triggered;             // by regex: runs only when its run was seen
    private final Pattern combinedPattern;         // the alternation of untriggered expressions, or null
    private final int[] combinedGroupEntry;        // group number -> index into regexEntries, -1 for inner groups
    private final int[] combinedMembers;           // indexes into regexEntries that are in the alternation
    private final int[] standalone;                // untriggered indexes into regexEntries not in the alternation
    private final ThreadLocal<Scratch> scratch;

    /**
     * What one reading thread reuses from one text to the next. A reader that keeps its own ({@link #newScratch}) saves
     * the thread-local read of {@link #find(CharSequence, long)}, which cost as much as scanning a short summary.
     */
    public static final class Scratch {
        char[] text = new char[512];  // the characters of the text being scanned
        final Matcher combined;
        final Matcher[] each;       // by regex, created on first use
        final long[] seen;          // by regex: its run was seen in the current text
        final int[] seenList;
        int seenCount;

        Scratch(Pattern combined, int regexes) {
            this.combined = combined == null ? null : combined.matcher("");
            this.each = new Matcher[regexes];
            this.seen = new long[(regexes + 63) >>> 6];
            this.seenList = new int[regexes];
        }

        /** The buffer for a text's characters, grown to at least {@code n}. */
        char[] textBuffer(int n) {
            if (text.length < n) {
                text = new char[Math.max(n, text.length * 2)];
            }
            return text;
        }
    }

    private WordMatcher(Entry[] entries, boolean prefilter) {
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
        regexEntries = regexes.stream().mapToInt(Integer::intValue).toArray();
        regexPatterns = new Pattern[regexEntries.length];
        triggered = new boolean[regexEntries.length];
        String[][] runs = new String[regexEntries.length][];
        for (int r = 0; r < regexEntries.length; r++) {
            String body = regexBody(entries[regexEntries[r]].item());
            regexPatterns[r] = Pattern.compile(body, REGEX_FLAGS);
            runs[r] = prefilter ? triggerRuns(body) : null;
            triggered[r] = runs[r] != null && runs[r].length > 0;
        }

        // --- trie of words and trigger runs
        sameWordNext = new int[entries.length];
        Arrays.fill(sameWordNext, -1);
        int[] lastSameWord = new int[entries.length];
        List<Map<Character, Integer>> next = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        Map<Integer, List<Integer>> stateTriggers = new HashMap<>();
        next.add(new HashMap<>());
        out.add(-1);
        for (int idx : words) {
            String w = entries[idx].item();
            int s = insert(next, out, w);
            if (out.get(s) < 0) {
                out.set(s, idx);    // entries are in priority order: the first, then the others if it expired
            } else {
                sameWordNext[lastSameWord[out.get(s)]] = idx;
            }
            lastSameWord[out.get(s)] = idx;
        }
        for (int r = 0; r < regexEntries.length; r++) {
            if (triggered[r]) {
                for (String run : runs[r]) {
                    List<Integer> here = stateTriggers.computeIfAbsent(insert(next, out, run), x -> new ArrayList<>());
                    if (!here.contains(r)) {
                        here.add(r);
                    }
                }
            }
        }
        int states = next.size();
        edgeStart = new int[states + 1];
        int edges = 0;
        for (Map<Character, Integer> m : next) {
            edges += m.size();
        }
        anyState = edges > 0;
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
        triggerStart = new int[states + 1];
        List<Integer> trig = new ArrayList<>();
        for (int s = 0; s < states; s++) {
            output[s] = out.get(s);
            triggerStart[s] = trig.size();
            trig.addAll(stateTriggers.getOrDefault(s, List.of()));
        }
        triggerStart[states] = trig.size();
        triggers = trig.stream().mapToInt(Integer::intValue).toArray();

        // --- where a word or run may start: its first character, and the pair of its first two
        rootNext = new int[128];
        Arrays.fill(rootNext, -1);
        pairs = new long[128 * 128 / 64];
        asciiThenOther = new boolean[128];
        starts = new long[(Character.MAX_VALUE + 1) >>> 6];
        for (int k = edgeStart[0]; k < edgeStart[1]; k++) {
            char c0 = edgeChar[k];
            int s1 = edgeTarget[k];
            starts[c0 >>> 6] |= 1L << c0;
            if (c0 >= 128) {
                continue;   // a non-ASCII first character is looked up in the trie itself
            }
            rootNext[c0] = s1;
            boolean alone = output[s1] >= 0 || triggerStart[s1] < triggerStart[s1 + 1];
            for (int c1 = 0; c1 < 128; c1++) {
                if (alone || step(s1, (char) c1) >= 0) {
                    int bit = c0 << 7 | c1;
                    pairs[bit >>> 6] |= 1L << bit;
                }
            }
            asciiThenOther[c0] = alone || edgeStart[s1 + 1] > edgeStart[s1]
                    && edgeChar[edgeStart[s1 + 1] - 1] >= 128;     // edges are sorted: the last is the largest
        }
        // One boolean a pair (16 KiB) rather than a bit: the scan's test is then a single read.
        rawPairTable = new boolean[128 * 128];
        for (int r0 = 0; r0 < 128; r0++) {
            for (int r1 = 0; r1 < 128; r1++) {
                int bit = FOLD[r0] << 7 | FOLD[r1];     // ASCII folds to ASCII
                rawPairTable[r0 << 7 | r1] = (pairs[bit >>> 6] & (1L << bit)) != 0;
            }
        }

        // --- expressions that run on every text
        List<Integer> alone = new ArrayList<>();
        List<Integer> members = new ArrayList<>();
        StringBuilder alternation = new StringBuilder();
        List<Integer> groupOwner = new ArrayList<>();
        groupOwner.add(-1);     // group 0
        for (int r = 0; r < regexEntries.length; r++) {
            if (triggered[r]) {
                continue;
            }
            String body = regexBody(entries[regexEntries[r]].item());
            if (BACKREF_OR_NAMED.matcher(body).find()) {
                alone.add(r);
                continue;
            }
            if (alternation.length() > 0) {
                alternation.append('|');
            }
            alternation.append('(').append(body).append(')');
            members.add(r);
            groupOwner.add(r);
            for (int g = regexPatterns[r].matcher("").groupCount(); g > 0; g--) {
                groupOwner.add(-1);
            }
        }
        Pattern all = null;
        if (alternation.length() > 0) {
            try {
                all = Pattern.compile(alternation.toString(), REGEX_FLAGS);
            } catch (PatternSyntaxException ex) {
                // An expression that is valid alone but not inside a group (rare): fall back to one pattern each.
                alone.addAll(members);
                alone.sort(null);
                members.clear();
            }
        }
        combinedPattern = members.isEmpty() ? null : all;
        combinedGroupEntry = combinedPattern == null ? new int[0]
                : groupOwner.stream().mapToInt(Integer::intValue).toArray();
        combinedMembers = members.stream().mapToInt(Integer::intValue).toArray();
        standalone = alone.stream().mapToInt(Integer::intValue).toArray();
        Pattern combinedForThreads = combinedPattern;
        int regexCount = regexEntries.length;
        scratch = ThreadLocal.withInitial(() -> new Scratch(combinedForThreads, regexCount));
    }

    /**
     * The runs one of which must be seen before an expression runs: its own ({@link RegexLiteral#requiredAny}), or,
     * when they are longer, those of its small classes spelt out ({@link ClassExpansion}): {@code sh[i1!]t} waits
     * for {@code shit}, {@code sh1t} or {@code sh!t} rather than for every {@code sh}. Null or empty: it always runs.
     */
    static String[] triggerRuns(String regex) {
        String[] own = RegexLiteral.requiredAny(regex);
        List<String> variants = ClassExpansion.variants(regex);
        if (variants.isEmpty()) {
            return own;
        }
        Set<String> all = new LinkedHashSet<>();
        for (String v : variants) {
            String[] runs = RegexLiteral.requiredAny(v);
            if (runs == null || runs.length == 0) {
                return own;
            }
            all.addAll(Arrays.asList(runs));
        }
        String[] expanded = all.toArray(new String[0]);
        return own == null || own.length == 0 || shortest(expanded) > shortest(own) ? expanded : own;
    }

    private static int shortest(String[] runs) {
        int m = Integer.MAX_VALUE;
        for (String r : runs) {
            m = Math.min(m, r.length());
        }
        return m;
    }

    private static int insert(List<Map<Character, Integer>> next, List<Integer> out, String w) {
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
        return s;
    }

    /**
     * Compiles the entries of one word list. Order of priority: added first, then by item.
     *
     * @throws IllegalArgumentException when an expression is invalid (see {@link #validate})
     */
    public static WordMatcher compile(Collection<Entry> entries) {
        return compile(entries, true);
    }

    /** As {@link #compile(Collection)}; without the prefilter every expression runs on every text (for tests). */
    static WordMatcher compile(Collection<Entry> entries, boolean prefilter) {
        Entry[] sorted = entries.toArray(new Entry[0]);
        Arrays.sort(sorted, Comparator.comparingLong(Entry::addedMillis).thenComparing(Entry::item));
        for (Entry en : sorted) {
            validate(en.item());
        }
        return new WordMatcher(sorted, prefilter);
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
        String error = regexError(item);
        if (error != null) {
            throw new IllegalArgumentException("invalid regular expression " + item + ": " + error);
        }
    }

    /**
     * Why a {@code /…/} item does not compile as this matcher compiles it, in the compiler's words ("Unclosed group
     * near index 4"); {@code null} for an expression that compiles and for a plain word.
     */
    public static String regexError(String item) {
        if (!isRegex(item)) {
            return null;
        }
        try {
            Pattern.compile(regexBody(item), REGEX_FLAGS);
            return null;
        } catch (PatternSyntaxException ex) {
            return ex.getDescription() + (ex.getIndex() >= 0 ? " near index " + ex.getIndex() : "");
        }
    }

    /**
     * The case folding used for plain words, one UTF-16 unit to one (so positions in the text stay valid): the same
     * as {@code java.util.regex} uses for {@code CASE_INSENSITIVE | UNICODE_CASE}.
     */
    public static char fold(char c) {
        return FOLD[c];
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

    /** How many expressions run only when their literal run is seen (the others run on every text). */
    int triggeredExpressions() {
        int n = 0;
        for (boolean t : triggered) {
            n += t ? 1 : 0;
        }
        return n;
    }

    /** The leftmost match of a non-expired entry in the text, or {@code null}. Allocates only on a hit. */
    public WordMatch find(CharSequence text, long nowMillis) {
        return find(text, nowMillis, scratch.get());
    }

    /** A scratch for {@link #find(CharSequence, long, Scratch)}, to be used by one thread only. */
    public Scratch newScratch() {
        return new Scratch(combinedPattern, regexEntries.length);
    }

    /** As {@link #find(CharSequence, long)}, with the calling thread's own scratch of this matcher. */
    public WordMatch find(CharSequence text, long nowMillis, Scratch sc) {
        if (text == null || entries.length == 0) {
            return null;
        }
        boolean anyExpired = nowMillis >= earliestExpiry;
        int bestStart = Integer.MAX_VALUE;
        int bestEnd = -1;
        int bestEntry = Integer.MAX_VALUE;

        if (anyState) {
            // One bulk copy of the text, then a plain array walk: charAt through CharSequence checked the index and
            // the string's coding at every character.
            int n = text.length();
            char[] chars = sc.textBuffer(n + 1);
            if (text instanceof String str) {
                str.getChars(0, n, chars, 0);
            } else {
                for (int i = 0; i < n; i++) {
                    chars[i] = text.charAt(i);
                }
            }
            chars[n] = 0;   // after the last character: a pair (c, 0) is set only for a word or run of one character
            final char[] fold = FOLD;
            for (int i = candidate(chars, 0, n); i < n; i = candidate(chars, i + 1, n)) {
                int c0 = fold[chars[i]];
                // A word or run may start here: walk the trie from this position.
                int s = c0 < 128 ? rootNext[c0] : step(0, (char) c0);
                for (int j = i; s >= 0; ) {
                    int idx = output[s];
                    if (idx >= 0 && i <= bestStart) {
                        if (anyExpired) {
                            while (idx >= 0 && entries[idx].expiredAt(nowMillis)) {
                                idx = sameWordNext[idx];
                            }
                        }
                        if (idx >= 0 && (i < bestStart || idx < bestEntry)) {
                            bestStart = i;
                            bestEnd = j + 1;
                            bestEntry = idx;
                        }
                    }
                    for (int k = triggerStart[s], end = triggerStart[s + 1]; k < end; k++) {
                        int r = triggers[k];
                        long bit = 1L << r;
                        if ((sc.seen[r >>> 6] & bit) == 0) {
                            sc.seen[r >>> 6] |= bit;
                            sc.seenList[sc.seenCount++] = r;
                        }
                    }
                    if (++j >= n) {
                        break;
                    }
                    s = step(s, fold[chars[j]]);
                }
            }
        }

        if (regexEntries.length != 0) {
            if (sc.combined != null) {
                Matcher m = sc.combined.reset(text);
                if (m.find()) {
                    int r = combinedOwner(m);
                    int idx = regexEntries[r];
                    if (anyExpired && entries[idx].expiredAt(nowMillis)) {
                        // The alternation hit an expired expression: try each live member alone (rare: until the sweep).
                        for (int r2 : combinedMembers) {
                            long best = tryAlone(sc, r2, text, nowMillis, bestStart, bestEntry);
                            if (best >= 0) {
                                bestStart = (int) (best >>> 32);
                                bestEnd = (int) best;
                                bestEntry = regexEntries[r2];
                            }
                        }
                    } else if (m.start() < bestStart || (m.start() == bestStart && idx < bestEntry)) {
                        bestStart = m.start();
                        bestEnd = m.end();
                        bestEntry = idx;
                    }
                }
            }
            for (int r : standalone) {
                long best = tryAlone(sc, r, text, nowMillis, bestStart, bestEntry);
                if (best >= 0) {
                    bestStart = (int) (best >>> 32);
                    bestEnd = (int) best;
                    bestEntry = regexEntries[r];
                }
            }
            for (int k = 0; k < sc.seenCount; k++) {
                int r = sc.seenList[k];
                sc.seen[r >>> 6] = 0;
                long best = tryAlone(sc, r, text, nowMillis, bestStart, bestEntry);
                if (best >= 0) {
                    bestStart = (int) (best >>> 32);
                    bestEnd = (int) best;
                    bestEntry = regexEntries[r];
                }
            }
            sc.seenCount = 0;
        }
        return bestEnd < 0 ? null : new WordMatch(entries[bestEntry], text.subSequence(bestStart, bestEnd).toString());
    }

    /**
     * The first position from {@code i} on where a word or run may start ({@code n} if none): the pair of the character
     * and the next one (0 after the last) is in the table. Plain ASCII pairs are read as written (the table holds every
     * case of them); a pair with another character is folded first, since some fold to ASCII (U+212A is k).
     */
    private int candidate(char[] chars, int i, int n) {
        final boolean[] raw = rawPairTable;
        for (; i < n; i++) {
            int r0 = chars[i];
            int r1 = chars[i + 1];
            if ((r0 | r1) < 128) {
                if (raw[r0 << 7 | r1]) {
                    return i;
                }
            } else if (foldedCandidate(FOLD[r0], FOLD[r1])) {
                return i;
            }
        }
        return n;
    }

    private boolean foldedCandidate(int c0, int c1) {
        if ((c0 | c1) < 128) {
            int bit = c0 << 7 | c1;
            return (pairs[bit >>> 6] & (1L << bit)) != 0;
        }
        return c0 < 128 ? asciiThenOther[c0] : (starts[c0 >>> 6] & (1L << c0)) != 0;
    }

    /**
     * Runs one expression alone; when it matches live and beats the best so far, returns {@code start << 32 | end},
     * otherwise -1.
     */
    private long tryAlone(Scratch sc, int r, CharSequence text, long nowMillis, int bestStart, int bestEntry) {
        int idx = regexEntries[r];
        if (entries[idx].expiredAt(nowMillis)) {
            return -1;
        }
        Matcher m = sc.each[r];
        if (m == null) {
            m = regexPatterns[r].matcher(text);
            sc.each[r] = m;
        } else {
            m.reset(text);
        }
        boolean found = m.find();
        long result = found && (m.start() < bestStart || (m.start() == bestStart && idx < bestEntry))
                ? ((long) m.start() << 32) | m.end() : -1;
        m.reset("");    // do not keep the text alive
        return result;
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
