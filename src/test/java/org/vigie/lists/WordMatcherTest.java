package org.vigie.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordMatcherTest {

    private static final long NOW = 1_700_000_000_000L;

    static Entry word(String item, long added) {
        return new Entry(ListKind.BNU, Entry.GLOBAL, item, "Op", "r-" + item, added, Entry.NEVER, Entry.Source.OPERATOR);
    }

    static WordMatcher matcher(String... items) {
        List<Entry> es = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            es.add(word(items[i], i + 1));
        }
        return WordMatcher.compile(es);
    }

    @Test
    void plainWordsMatchAsCaseInsensitiveSubstrings() {
        WordMatcher m = matcher("vandal", "caca");
        WordMatch hit = m.find("SuperVANDALE2000", NOW);
        assertEquals("vandal", hit.entry().item());
        assertEquals("VANDAL", hit.matched());
        assertEquals("Caca", m.find("Page Caca boudin", NOW).matched());
        assertNull(m.find("Gentil contributeur", NOW));
    }

    @Test
    void accentedWordsFoldTheirCase() {
        WordMatcher m = matcher("épée");
        assertEquals("ÉPÉE", m.find("Mon ÉPÉE magique", NOW).matched());
    }

    @Test
    void expressionsAreCaseInsensitiveAndReportWhatMatched() {
        WordMatcher m = matcher("/h[a4]ck[e3]r/", "/^\\d+$/");
        WordMatch hit = m.find("H4ck3rDu93", NOW);
        assertEquals("/h[a4]ck[e3]r/", hit.entry().item());
        assertEquals("H4ck3r", hit.matched());
        assertEquals("/^\\d+$/", m.find("123456", NOW).entry().item());
        assertNull(m.find("Hacke", NOW));
    }

    @Test
    void anExpressionMayOptOutOfIgnoringCase() {
        WordMatcher m = matcher("/(?-i)ABC/");
        assertNull(m.find("abc", NOW));
        assertEquals("ABC", m.find("xABCx", NOW).matched());
    }

    @Test
    void groupsInsideExpressionsDoNotConfuseWhichEntryMatched() {
        WordMatcher m = matcher("/(a|b)(c)/", "/(x)(y)(z)/", "/q(r)?s/");
        assertEquals("/(x)(y)(z)/", m.find("--xyz--", NOW).entry().item());
        assertEquals("/q(r)?s/", m.find("qs", NOW).entry().item());
        assertEquals("/(a|b)(c)/", m.find("bc", NOW).entry().item());
    }

    @Test
    void backReferencesKeepTheirOwnNumbering() {
        WordMatcher m = matcher("/(a)b/", "/(.)\\1\\1/", "/(?<w>o)k\\k<w>/");
        assertEquals("/(.)\\1\\1/", m.find("zzz", NOW).entry().item());
        assertEquals("oko", m.find("okok", NOW).matched());
        assertNull(m.find("xyz", NOW));
    }

    @Test
    void anInvalidExpressionIsRefusedWithTheCompilersReason() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> matcher("ok", "/ab(c/"));
        assertTrue(ex.getMessage().contains("/ab(c/"), ex.getMessage());
        assertTrue(ex.getMessage().contains("Unclosed group"), ex.getMessage());
        assertEquals(1, ex.getMessage().lines().count());
        assertThrows(IllegalArgumentException.class, () -> WordMatcher.validate("//"));
        assertThrows(IllegalArgumentException.class, () -> WordMatcher.validate(""));
    }

    @Test
    void aSlashAloneIsAPlainWord() {
        WordMatcher m = matcher("/etc", "a/");
        assertEquals("/etc", m.find("see /ETC/passwd", NOW).entry().item());
        assertEquals("A/", m.find("A/B", NOW).matched());
    }

    @Test
    void theLeftmostMatchWinsThenTheEntryAddedFirst() {
        WordMatcher m = matcher("zeta", "alpha", "/alp/", "pha");
        // "zeta" matches later in the text than "alpha": the leftmost wins whatever the order of the list.
        assertEquals("alpha", m.find("alpha zeta", NOW).entry().item());
        // "alpha" and /alp/ both start at 0: the entry added first wins.
        assertEquals("alpha", m.find("alphabet", NOW).entry().item());
        assertEquals("/alp/", m.find("alpine", NOW).entry().item());
    }

    @Test
    void everyWordOfAManyWordListIsFoundInOnePass() {
        List<Entry> es = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            es.add(word("mot" + i + "x", i));
        }
        es.add(word("he", 5000));
        es.add(word("she", 5001));
        es.add(word("hers", 5002));
        WordMatcher m = WordMatcher.compile(es);
        for (int i = 0; i < 2000; i += 97) {
            assertEquals("mot" + i + "x", m.find("un titre avec MOT" + i + "X dedans", NOW).entry().item());
        }
        assertNull(m.find("mot1 mot20 mot3y", NOW));
        // Overlapping words (the classic Aho–Corasick case): "ushers" holds she, he and hers.
        WordMatch hit = m.find("ushers", NOW);
        assertEquals("she", hit.entry().item());
        assertEquals("he", m.find("xhex", NOW).entry().item());
    }

    @Test
    void anExpiredEntryNeverMatches() {
        Entry soon = new Entry(ListKind.BNU, Entry.GLOBAL, "vandal", "Op", "", 1, NOW + 1000, Entry.Source.OPERATOR);
        Entry soonRe = new Entry(ListKind.BNU, Entry.GLOBAL, "/troll/", "Op", "", 2, NOW + 1000, Entry.Source.OPERATOR);
        Entry lasting = new Entry(ListKind.BNU, Entry.GLOBAL, "/tro+/", "Op", "", 3, Entry.NEVER, Entry.Source.OPERATOR);
        WordMatcher m = WordMatcher.compile(List.of(soon, soonRe, lasting));
        assertEquals("vandal", m.find("Vandal", NOW).entry().item());
        assertEquals("/troll/", m.find("Troll", NOW).entry().item());
        assertNull(m.find("Vandal", NOW + 1000));
        assertEquals("/tro+/", m.find("Troll", NOW + 1000).entry().item());
        assertEquals(NOW + 1000, m.earliestExpiry());
    }
}
