package org.vigie.lists;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassExpansionTest {

    private static final long NOW = 1_700_000_000_000L;

    @Test
    void smallClassesOfPlainCharactersAreSpeltOutOneVariantPerChoice() {
        assertEquals(List.of("shit", "sh1t", "sh\\!t"), ClassExpansion.variants("sh[i1!]t"));
        assertEquals(List.of("hacker", "hack3r", "h4cker", "h4ck3r"), ClassExpansion.variants("h[a4]ck[e3]r"));
        assertEquals(List.of("\\bw[a-z]x", "\\bw[a-z]y"), ClassExpansion.variants("\\bw[a-z][xy]"));
    }

    @Test
    void classesThatMayMatchOtherThanOneMemberOnceAreLeftAsTheyAre() {
        for (String regex : new String[] {
                "ab[xy]{2}", "ab[xy]?c", "ab[xy]+", "ab[xy]*", "a[^xy]b", "a[x-z]b", "a[\\dx]b", "a[abcde]b",
                "a\\[xy]b", "\\Q[xy]\\E", "a[[xy]]b", "plain"}) {
            assertEquals(List.of(), ClassExpansion.variants(regex), regex);
        }
    }

    @Test
    void tooManyVariantsStopTheExpansionAtTheLimit() {
        List<String> v = ClassExpansion.variants("[ab][cd][ef][gh]");
        assertEquals(ClassExpansion.MAX_VARIANTS, v.size());
        assertTrue(v.contains("ace[gh]") && v.contains("bdf[gh]"), v.toString());
    }

    @Test
    void anExpressionWaitsForItsSpeltOutRunsWhenTheyAreLonger() {
        assertArrayEquals(new String[] {"shit", "sh1t", "sh!t"}, WordMatcher.triggerRuns("sh[i1!]t"));
        assertArrayEquals(new String[] {"nigg", "n1gg"}, WordMatcher.triggerRuns("n[i1]gg"));
        assertArrayEquals(new String[] {"wheels"}, WordMatcher.triggerRuns("w[h]eels"));
        // its own run is longer than any variant's: kept
        assertArrayEquals(new String[] {"longrun"}, WordMatcher.triggerRuns("[ab].longrun"));
        // a variant with no run: the expression keeps its own requirement
        assertArrayEquals(null, WordMatcher.triggerRuns("[ab]|\\d+"));
        // a choice of one letter is still better than running on every text
        assertArrayEquals(new String[] {"a", "xyz", "b"}, WordMatcher.triggerRuns("[ab]|xyz"));
    }

    @Test
    void expandedTriggersAnswerExactlyAsTheUnfilteredMatcher() {
        String[] shapes = {"/%s[ab]%s/", "/[éK1.]%s/", "/%s[ſx]/", "/[ab]{2}%s/", "/(?-i)%s[Éz]%s/", "/[xy]%s|%s/",
                "/(?:%s[ab])+/", "/%s[kK]?%s/"};
        String alphabet = "abcAB xyzXÉé.1ſK";
        Random rnd = new Random(20261122);
        int hits = 0;
        int compared = 0;
        for (int round = 0; round < 200; round++) {
            List<Entry> es = new ArrayList<>();
            for (int i = 0, n = 1 + rnd.nextInt(5); i < n; i++) {
                String shape = shapes[rnd.nextInt(shapes.length)];
                String item = shape.replaceFirst("%s", word(rnd, alphabet)).replaceFirst("%s", word(rnd, alphabet));
                es.add(new Entry(ListKind.BES, Entry.GLOBAL, item, "Op", "", 1 + i, Entry.NEVER,
                        Entry.Source.OPERATOR));
            }
            WordMatcher fast = WordMatcher.compile(es, true);
            WordMatcher slow = WordMatcher.compile(es, false);
            for (int t = 0; t < 60; t++) {
                StringBuilder text = new StringBuilder();
                for (int k = 0, len = 1 + rnd.nextInt(25); k < len; k++) {
                    text.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                WordMatch a = fast.find(text, NOW);
                assertEquals(slow.find(text, NOW), a, () -> "text «" + text + "» list " + es);
                hits += a == null ? 0 : 1;
                compared++;
            }
        }
        assertTrue(hits > compared / 20 && hits < compared * 19 / 20, hits + " hits of " + compared);
    }

    /** One or two letters of the alphabet that mean themselves in an expression. */
    private static String word(Random rnd, String alphabet) {
        StringBuilder b = new StringBuilder();
        for (int i = 0, n = 1 + rnd.nextInt(2); i < n; i++) {
            char c = alphabet.charAt(rnd.nextInt(alphabet.length()));
            b.append(c == '.' || c == ' ' ? 'a' : c);
        }
        return b.toString();
    }
}
