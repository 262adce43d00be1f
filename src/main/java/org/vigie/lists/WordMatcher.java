package org.vigie.lists;

import java.util.ArrayDeque;
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
 * <p>A plain word matches as a case-insensitive substring (an Aho–Corasick automaton over case-folded characters, folded
 * on the fly through a table: no copy of the text). An item written {@code /…/} is a regular expression,
 * case-insensitive unless it says {@code (?-i)}.
 *
 * <p>Expressions are the expensive part, so most of them do not run on most texts: when an expression has runs of
 * plain characters one of which every match must contain ({@link RegexLiteral}), those runs join the same automaton
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

    /** At most this many states get a dense ASCII row (512 bytes each). */
    private static final int DENSE_ROWS = 64;

    private final Entry[] entries;          // in priority order (added first)
    private final long earliestExpiry;

    // Aho–Corasick over words and trigger runs: per state, its edges are edgeChar/edgeTarget[edgeStart[s] ..
    // edgeStart[s+1]) sorted by char. The shallowest states, where the scan spends most of its time, also have a
    // row of the complete automaton for ASCII (fail links already followed): one array read per character.
    private final int[] edgeStart;
    private final char[] edgeChar;
    private final int[] edgeTarget;
    private final int denseStates;          // states 0 .. denseStates-1 (the shallowest) have a dense row
    private final int[] dense;              // state * 128 + ASCII char -> next state, for those states
    private final long[] alphabet;          // bit per (folded) character that some word or trigger run holds
    private final int[] fail;
    private final int[] output;             // entry index of the best word ending at this state, or -1
    private final int[] triggerStart;       // regexes whose run ends at state s: triggers[triggerStart[s] .. [s+1])
    private final int[] triggers;           // indexes into regexEntries
    private final boolean[] hits;           // the state has a word or a trigger of its own
    private final int[] hitLink;            // next state on the fail chain that has a word or a trigger, or -1
    private final int[] firstHit;           // the state itself if it has a word or a trigger, else hitLink
    private final int[] wordLength;         // by entry index (plain words only)
    private final int[] sameWordNext;       // by entry index: the next entry with the same folded word, or -1
    private final boolean anyState;         // the automaton has at least one edge

    // Regular expressions.
    private final int[] regexEntries;              // entry indexes of all expressions, in priority order
    private final Pattern[] regexPatterns;         // one pattern per expression
    private final boolean[] triggered;             // by regex: runs only when its run was seen
    private final Pattern combinedPattern;         // the alternation of untriggered expressions, or null
    private final int[] combinedGroupEntry;        // group number -> index into regexEntries, -1 for inner groups
    private final int[] combinedMembers;           // indexes into regexEntries that are in the alternation
    private final int[] standalone;                // untriggered indexes into regexEntries not in the alternation
    private final ThreadLocal<Scratch> scratch;

    /** What one reading thread reuses from one text to the next: one thread-local read per text. */
    private static final class Scratch {
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
        wordLength = new int[entries.length];
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
            wordLength[idx] = w.length();
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
        // States renumbered in breadth-first order: the shallowest states, which get the dense rows, are then 0, 1, 2…
        // and a state's dense row is its own number, with no lookup on the scan's critical path.
        int[] order = breadthFirst(next);
        int[] renamed = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            renamed[order[i]] = i;
        }
        List<Map<Character, Integer>> nextBfs = new ArrayList<>(order.length);
        List<Integer> outBfs = new ArrayList<>(order.length);
        for (int old : order) {
            Map<Character, Integer> m = new HashMap<>();
            next.get(old).forEach((c, t) -> m.put(c, renamed[t]));
            nextBfs.add(m);
            outBfs.add(out.get(old));
        }
        Map<Integer, List<Integer>> triggersBfs = new HashMap<>();
        stateTriggers.forEach((st, rs) -> triggersBfs.put(renamed[st], rs));
        next = nextBfs;
        out = outBfs;
        stateTriggers = triggersBfs;

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
        hits = new boolean[states];
        triggerStart = new int[states + 1];
        List<Integer> trig = new ArrayList<>();
        for (int s = 0; s < states; s++) {
            output[s] = out.get(s);
            triggerStart[s] = trig.size();
            trig.addAll(stateTriggers.getOrDefault(s, List.of()));
            hits[s] = output[s] >= 0 || trig.size() > triggerStart[s];
        }
        triggerStart[states] = trig.size();
        triggers = trig.stream().mapToInt(Integer::intValue).toArray();
        fail = new int[states];
        hitLink = new int[states];
        Arrays.fill(hitLink, -1);
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
                hitLink[t] = hits[fail[t]] ? fail[t] : hitLink[fail[t]];
                queue.add(t);
            }
        }

        firstHit = new int[states];
        for (int st = 0; st < states; st++) {
            firstHit[st] = hits[st] ? st : hitLink[st];
        }

        // --- ASCII rows of the shallowest states (numbered first): a state's fail state is shallower, so its row is
        // already there
        alphabet = new long[(Character.MAX_VALUE + 1) >>> 6];
        for (char c : edgeChar) {
            alphabet[c >>> 6] |= 1L << c;
        }
        int rows = Math.min(states, DENSE_ROWS);
        denseStates = rows;
        dense = new int[rows * 128];
        for (int st = 0; st < rows; st++) {
            for (int c = 0; c < 128; c++) {
                int t = step(st, (char) c);
                dense[st * 128 + c] = t >= 0 ? t : st == 0 ? 0 : dense[fail[st] * 128 + c];
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

    /** The states of a trie in breadth-first order from the root, edges taken by increasing character. */
    private static int[] breadthFirst(List<Map<Character, Integer>> next) {
        int[] order = new int[next.size()];
        int head = 0;
        int tail = 0;
        order[tail++] = 0;
        while (head < tail) {
            Map<Character, Integer> m = next.get(order[head++]);
            Character[] keys = m.keySet().toArray(new Character[0]);
            Arrays.sort(keys);
            for (Character c : keys) {
                order[tail++] = m.get(c);
            }
        }
        return order;
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
        if (text == null || entries.length == 0) {
            return null;
        }
        boolean anyExpired = nowMillis >= earliestExpiry;
        int bestStart = Integer.MAX_VALUE;
        int bestEnd = -1;
        int bestEntry = Integer.MAX_VALUE;
        Scratch sc = scratch.get();

        if (anyState) {
            // One bulk copy of the text, then a plain array walk: charAt through CharSequence checked the index and
            // the string's coding at every character.
            int n = text.length();
            char[] chars = sc.textBuffer(n);
            if (text instanceof String str) {
                str.getChars(0, n, chars, 0);
            } else {
                for (int i = 0; i < n; i++) {
                    chars[i] = text.charAt(i);
                }
            }
            final char[] foldTable = FOLD;
            final int[] dense = this.dense;
            final int rows = denseStates;
            final int[] firstHit = this.firstHit;
            int s = 0;
            for (int i = 0; i < n; i++) {
                char c = foldTable[chars[i]];
                if (c < 128 && s < rows) {
                    s = dense[(s << 7) | c];
                } else if ((alphabet[c >>> 6] & (1L << c)) == 0) {
                    s = 0;      // a character no word holds (most of the non-ASCII text): back to the root at once
                } else {
                    int t;
                    while ((t = step(s, c)) < 0 && s != 0) {
                        s = fail[s];
                    }
                    s = t < 0 ? 0 : t;
                }
                // One read, no branch on the state itself: whether the scan is at the root is a coin toss on text,
                // whether a word or a trigger ends here is almost always no.
                for (int o = firstHit[s]; o >= 0; o = hitLink[o]) {
                    int idx = output[o];
                    // A state's output is its own best word; shorter suffix words are further down the chain.
                    if (idx >= 0) {
                        int start = i + 1 - wordLength[idx];
                        if (anyExpired) {
                            while (idx >= 0 && entries[idx].expiredAt(nowMillis)) {
                                idx = sameWordNext[idx];
                            }
                        }
                        if (idx >= 0 && (start < bestStart || (start == bestStart && idx < bestEntry))) {
                            bestStart = start;
                            bestEnd = i + 1;
                            bestEntry = idx;
                        }
                    }
                    for (int k = triggerStart[o], end = triggerStart[o + 1]; k < end; k++) {
                        int r = triggers[k];
                        long bit = 1L << r;
                        if ((sc.seen[r >>> 6] & bit) == 0) {
                            sc.seen[r >>> 6] |= bit;
                            sc.seenList[sc.seenCount++] = r;
                        }
                    }
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
