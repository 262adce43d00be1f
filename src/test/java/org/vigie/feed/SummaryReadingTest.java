package org.vigie.feed;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Rollbacks, undos, blankings and replacements told by the summaries MediaWiki writes, in English and French. */
class SummaryReadingTest {

    private final RcLineParser parser = new RcLineParser(LogTexts.withDefaults());

    private RcEvent edit(String wiki, String summary) {
        return parser.parse(wiki, RcLineWriter.edit("Page", false, false, false, false,
                "https://" + wiki + ".org/w/index.php?diff=2&oldid=1", "Patrouilleur", -30, summary));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiterString = " ¦ ", textBlock = """
            en.wikipedia ¦ ROLLBACK ¦ Reverted edits by [[Special:Contributions/192.0.2.1|192.0.2.1]] ([[User talk:192.0.2.1|talk]]) to last revision by [[User:Bob|Bob]] ¦ 192.0.2.1
            en.wikipedia ¦ ROLLBACK ¦ Reverted edits by [[Special:Contribs/122.108.247.131|122.108.247.131]] ([[User talk:122.108.247.131|talk]]) to last version by Fleets ¦ 122.108.247.131
            en.wikipedia ¦ ROLLBACK ¦ Reverted edits by [[Special:Contributions/2001:db8::1|2001:db8::1]] ([[User talk:2001:db8::1|talk]]) to last revision by Bob ¦ 2001:db8::1
            en.wikipedia ¦ ROLLBACK ¦ Reverted edits by [[Special:Contributions/~2025-12345-67|~2025-12345-67]] ([[User talk:~2025-12345-67|talk]]) to last revision by Bob ¦ ~2025-12345-67
            en.wikipedia ¦ UNDO     ¦ Undo revision 123456 by [[Special:Contributions/Vandal Name|Vandal Name]] ([[User talk:Vandal Name|talk]]) ¦ Vandal Name
            en.wikipedia ¦ UNDO     ¦ Undid revision 123456 by [[Special:Contributions/Vandal|Vandal]] ([[User talk:Vandal|talk]]) unsourced ¦ Vandal
            en.wikipedia ¦ UNDO     ¦ Undid revision 123456 by [[User:A Very Long User Name Over Twenty Five]] ¦ A Very Long User Name Over Twenty Five
            en.wikipedia ¦ BLANK    ¦ Blanked the page ¦ -
            en.wikipedia ¦ REPLACE  ¦ Replaced content with "lol" ¦ -
            fr.wikipedia ¦ ROLLBACK ¦ Révocation des modifications de [[Special:Contributions/203.0.113.9|203.0.113.9]] ([[User talk:203.0.113.9|discussion]]) vers la dernière version créée par [[User:Marc|Marc]] ¦ 203.0.113.9
            fr.wikipedia ¦ ROLLBACK ¦ Révocation des modifications de [[Spécial:Contributions/Élève 42|Élève 42]] (retour à la dernière version de [[User:Marc|Marc]]) ¦ Élève 42
            fr.wikipedia ¦ UNDO     ¦ Annulation des modifications 98765 de [[Special:Contributions/Zoé|Zoé]] ([[User talk:Zoé|discussion]]) ¦ Zoé
            fr.wikipedia ¦ UNDO     ¦ Annulation de la [[Spécial:Diff/98765|modification]] de [[Spécial:Contributions/2a01:cb00::1|2a01:cb00::1]] ([[Discussion utilisateur:2a01:cb00::1|d]]) ¦ 2a01:cb00::1
            fr.wikipedia ¦ BLANK    ¦ Page blanchie ¦ -
            fr.wikipedia ¦ REPLACE  ¦ Contenu remplacé par « coucou » ¦ -
            fr.wikipedia ¦ REPLACE  ¦ Contenu remplacé par « coucou » ¦ -
            fr.wikipedia ¦ REPLACE  ¦ Contenu remplacé par « coucou » ¦ -
            """)
    void mediawikiSummariesTellTheirKindAndTheRevertedUser(String wiki, RcEvent.SummaryKind kind, String summary,
                                                          String revertedUser) {
        RcEvent e = edit(wiki, summary);
        assertEquals(kind, e.revert());
        assertEquals("-".equals(revertedUser) ? null : revertedUser, e.revertedUser());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "rv", "Reverted vandalism", "Reverted", "Undo", "Page", "Contenu",
            "/* Histoire */ Révocation du paragraphe", "Annulation", "Blanked", "[[Special:Contributions/X|X]]"})
    void ordinarySummariesSayNothing(String summary) {
        RcEvent e = edit("fr.wikipedia", summary);
        assertEquals(RcEvent.SummaryKind.NONE, e.revert());
        assertNull(e.revertedUser());
    }

    @ParameterizedTest
    @ValueSource(strings = {"en.wikipedia", "fr.wikipedia", "de.wikipedia"})
    void englishWordingIsUnderstoodOnEveryWiki(String wiki) {
        assertEquals(RcEvent.SummaryKind.ROLLBACK, edit(wiki, "Reverted edits by [[Special:Contributions/X|X]] "
                + "([[User talk:X|talk]]) to last revision by [[User:Y|Y]]").revert());
    }
}
