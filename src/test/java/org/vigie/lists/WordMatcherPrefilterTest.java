package org.vigie.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The literal prefilter is an optimisation only: whatever the list and the text, the prefiltered matcher must answer
 * exactly what the unfiltered one (every expression on every text) and a naive reading of the rules answer.
 */
class WordMatcherPrefilterTest {

    private static final long NOW = 1_700_000_000_000L;

    /** Expression shapes over a small alphabet, so that random texts hit them often. */
    private static final String[] SHAPES = {
            "/%s/", "/%s[ab]+/", "/[0-9]%s/", "/%s.?c/", "/(x|y)%s/", "/%s(?:ab)?%s/", "/\\b%s/", "/%s\\d*/",
            "/^%s/", "/%s$/", "/(?-i)%s/", "/(.)\\1%s/", "/a+%s/", "/%s|%s/", "/%s\\.%s/", "/c?%sa/",
            "/(?:%s)+x/", "/(?:%s|%s){2}/", "/(?<n>%s)?%s/", "/x(?:%s|)/", "/(?=%s)./", "/(?i:%s){1,3}%s/", "/(?:%s){2,}/", "/(?:%s){3}c/",
    };
    private static final String ALPHABET = "abcAB xyzXÉé.1ſK";

    @Test
    void prefilteredMatcherAnswersExactlyAsTheUnfilteredOne() {
        Random rnd = new Random(20150912);
        int compared = 0;
        int hits = 0;
        for (int round = 0; round < 300; round++) {
            List<Entry> es = randomList(rnd);
            WordMatcher fast = WordMatcher.compile(es, true);
            WordMatcher slow = WordMatcher.compile(es, false);
            for (int t = 0; t < 60; t++) {
                String text = randomText(rnd, 1 + rnd.nextInt(30));
                long now = rnd.nextBoolean() ? NOW : NOW + 2_000;   // some entries expire in between
                WordMatch a = fast.find(text, now);
                WordMatch b = slow.find(text, now);
                WordMatch c = naive(es, text, now);
                assertEquals(b, a, () -> "text «" + text + "» list " + items(es));
                assertEquals(c, a, () -> "naive, text «" + text + "» list " + items(es));
                compared++;
                hits += a == null ? 0 : 1;
            }
        }
        // the comparison means something only if both hits and misses were common
        assertTrue(hits > compared / 10 && hits < compared * 9 / 10, hits + " hits of " + compared);
    }

    @Test
    void aListOfManyWordsAnswersAsTheNaiveReading() {
        // Many plain words: most pairs of characters can begin one, and the trie is deep.
        Random rnd = new Random(20261122);
        for (int round = 0; round < 20; round++) {
            List<Entry> es = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String w = randomWord(rnd, 2 + rnd.nextInt(5));
                es.add(entry(w.isBlank() ? "ab" : w, 1 + rnd.nextInt(4), rnd.nextInt(6) == 0 ? NOW + 1_000 : Entry.NEVER));
            }
            WordMatcher m = WordMatcher.compile(es);
            for (int t = 0; t < 100; t++) {
                String text = randomText(rnd, 1 + rnd.nextInt(40));
                long now = rnd.nextBoolean() ? NOW : NOW + 2_000;
                assertEquals(naive(es, text, now), m.find(text, now), () -> "text «" + text + "» list " + items(es));
            }
        }
    }

    @Test
    void wordsOfOneCharacterAndCharactersThatFoldIntoAsciiAreFoundAtEveryPosition() {
        // The scan tries only the positions whose pair of characters can begin a word: one-character words (paired
        // with anything, or with the end of the text), words that begin or go on with a non-ASCII character, and
        // characters whose case folds into ASCII (KELVIN SIGN is k, LONG S is s) must all still be found.
        String alphabet = "akK\u212AsS\u017Fi\u0130\u00E9\u00C9 -";
        Random rnd = new Random(4242);
        for (int round = 0; round < 40; round++) {
            List<Entry> es = new ArrayList<>();
            int n = 1 + rnd.nextInt(6);
            for (int i = 0; i < n; i++) {
                StringBuilder w = new StringBuilder();
                int len = 1 + rnd.nextInt(3);
                for (int k = 0; k < len; k++) {
                    w.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                String item = w.toString().isBlank() ? "k" : w.toString();
                es.add(entry(item, 1 + rnd.nextInt(4), rnd.nextInt(7) == 0 ? NOW + 1_000 : Entry.NEVER));
            }
            WordMatcher m = WordMatcher.compile(es);
            for (int t = 0; t < 200; t++) {
                StringBuilder text = new StringBuilder();
                int len = rnd.nextInt(12);
                for (int k = 0; k < len; k++) {
                    text.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                String tx = text.toString();
                long now = rnd.nextBoolean() ? NOW : NOW + 2_000;
                assertEquals(naive(es, tx, now), m.find(tx, now), () -> "text «" + tx + "» list " + items(es));
            }
        }
    }

    @Test
    void listsOfLongerWordsAnswerAsTheNaiveReading() {
        // Words and runs of 3 to 72 characters, some repeating themselves, expressions with runs, characters that fold
        // into ASCII, and texts built largely from the words' own pieces, so that partial matches start everywhere.
        String alphabet = "abcAB xyzK\u212As\u017F\u00E9\u00C9.";
        Random rnd = new Random(31337);
        int hits = 0;
        int compared = 0;
        for (int round = 0; round < 200; round++) {
            List<Entry> es = new ArrayList<>();
            int n = 1 + rnd.nextInt(10);
            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                StringBuilder w = new StringBuilder();
                int len = 3 + rnd.nextInt(rnd.nextBoolean() ? 3 : 70);
                for (int k = 0; k < len; k++) {
                    w.append(k > 2 && rnd.nextInt(4) == 0 ? w.charAt(k - 3) : alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                String word = w.toString();
                pieces.add(word);
                String item = rnd.nextInt(5) == 0 ? "/" + java.util.regex.Pattern.quote(word) + "[0-9]?/" : word;
                es.add(entry(item, 1 + rnd.nextInt(4), rnd.nextInt(7) == 0 ? NOW + 1_000 : Entry.NEVER));
            }
            WordMatcher m = WordMatcher.compile(es);
            for (int t = 0; t < 100; t++) {
                StringBuilder text = new StringBuilder();
                int len = rnd.nextInt(120);
                while (text.length() < len) {
                    if (rnd.nextInt(3) == 0) {
                        String p = pieces.get(rnd.nextInt(pieces.size()));
                        int from = rnd.nextInt(p.length());
                        text.append(p, rnd.nextBoolean() ? 0 : from, rnd.nextBoolean() ? p.length() : Math.max(from, p.length() - 1));
                    } else {
                        text.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                    }
                }
                String tx = text.toString();
                long now = rnd.nextBoolean() ? NOW : NOW + 2_000;
                WordMatch expected = naive(es, tx, now);
                assertEquals(expected, m.find(tx, now), () -> "text «" + tx + "» list " + items(es));
                compared++;
                hits += expected == null ? 0 : 1;
            }
        }
        assertTrue(hits > compared / 10 && hits < compared * 9 / 10, hits + " hits of " + compared);
    }

    @Test
    void mostExpressionsOfARealisticListRunOnlyWhenTheirRunIsSeen() {
        List<Entry> es = new ArrayList<>();
        String[] items = {"/w[o0]rd[a-z]+/", "/h[a4]ck[e3]r/", "/\\bidiot\\b/", "/(.)\\1\\1\\1/", "/^\\d+$/", "vandal"};
        for (int i = 0; i < items.length; i++) {
            es.add(entry(items[i], i + 1, Entry.NEVER));
        }
        WordMatcher m = WordMatcher.compile(es);
        assertEquals(3, m.triggeredExpressions());
        assertEquals("/\\bidiot\\b/", m.find("quel IDIOT !", NOW).entry().item());
        assertEquals("/h[a4]ck[e3]r/", m.find("H4CK3R", NOW).entry().item());
        assertEquals("/(.)\\1\\1\\1/", m.find("aaaa", NOW).entry().item());
        assertNull(m.find("hackr idiots wrd", NOW));
    }

    private static List<Entry> randomList(Random rnd) {
        List<Entry> es = new ArrayList<>();
        int n = 1 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            String item;
            if (rnd.nextInt(3) == 0) {
                item = randomWord(rnd, 1 + rnd.nextInt(3));
                if (item.isBlank()) {
                    item = "ab";
                }
            } else {
                String shape = SHAPES[rnd.nextInt(SHAPES.length)];
                item = shape.replaceFirst("%s", Matcher.quoteReplacement(quote(randomWord(rnd, 1 + rnd.nextInt(3)))))
                        .replaceFirst("%s", Matcher.quoteReplacement(quote(randomWord(rnd, 1 + rnd.nextInt(2)))));
            }
            long expires = rnd.nextInt(5) == 0 ? NOW + 1_000 : Entry.NEVER;
            es.add(entry(item, 1 + rnd.nextInt(4), expires));   // ties on added time: the item breaks them
        }
        return es;
    }

    private static String quote(String w) {
        return w.replace(".", "\\.");
    }

    private static String randomWord(Random rnd, int len) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) {
            char c = ALPHABET.charAt(rnd.nextInt(ALPHABET.length()));
            b.append(c == ' ' || c == '1' ? 'a' : c);
        }
        return b.toString();
    }

    private static String randomText(Random rnd, int len) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) {
            b.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private static Entry entry(String item, long added, long expires) {
        return new Entry(ListKind.BES, Entry.GLOBAL, item, "Op", "", added, expires, Entry.Source.OPERATOR);
    }

    private static String items(List<Entry> es) {
        return es.stream().map(e -> e.item() + "@" + e.addedMillis() + (e.expiresMillis() == Entry.NEVER ? "" : "x"))
                .toList().toString();
    }

    /** The rules read literally: each live entry alone, leftmost start, then the entry added first (then by item). */
    private static WordMatch naive(List<Entry> es, String text, long now) {
        List<Entry> sorted = new ArrayList<>(es);
        sorted.sort(java.util.Comparator.comparingLong(Entry::addedMillis).thenComparing(Entry::item));
        StringBuilder folded = new StringBuilder();
        for (char ch : text.toCharArray()) {
            folded.append(WordMatcher.fold(ch));
        }
        int bestStart = Integer.MAX_VALUE;
        WordMatch best = null;
        for (Entry e : sorted) {
            if (e.expiredAt(now)) {
                continue;
            }
            int start;
            int end;
            if (WordMatcher.isRegex(e.item())) {
                String body = e.item().substring(1, e.item().length() - 1);
                Matcher m = Pattern.compile(body, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text);
                if (!m.find()) {
                    continue;
                }
                start = m.start();
                end = m.end();
            } else {
                StringBuilder w = new StringBuilder();
                for (char ch : e.item().toCharArray()) {
                    w.append(WordMatcher.fold(ch));
                }
                start = folded.indexOf(w.toString());
                if (start < 0) {
                    continue;
                }
                end = start + w.length();
            }
            if (start < bestStart) {
                bestStart = start;
                best = new WordMatch(e, text.substring(start, end));
            }
        }
        return best;
    }
}
