package org.vigie.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.vigie.config.Settings;
import org.vigie.feed.RcEvent;

class ScorerTest {

    private static final long T0 = 1_441_065_600_000L;

    @ParameterizedTest(name = "\"{0}\" {1}")
    @CsvSource(delimiter = '|', value = {
        "''                         | -600 | terseremoval nosummary",
        "/* Histoire */             | 12   | sectiononly",
        "/* Histoire */ sources     | 12   | ''",
        "/* Histoire */             | -300 | terseremoval sectiononly",
        "LOL C'EST NUL TOUT CA      | 12   | shouting",
        "NASA ESA                   | 12   | ''",
        "coooooool                  | 12   | repeated",
        "=======                    | 12   | ''",
        "retrait de doublons        | -300 | ''",
    })
    void theSummaryIsReadInOneScan(String summary, int delta, String expected) {
        long f = Scorer.summaryFeatures(summary, delta <= -200);
        StringBuilder got = new StringBuilder();
        for (Feature x : Feature.values()) {
            if ((f & x.bit()) != 0) {
                got.append(got.length() == 0 ? "" : " ").append(x.key());
            }
        }
        assertEquals(expected, got.toString());
    }

    @Test
    void anIpAdditionScoresByTheWeightsAndNamesItsTwoStrongestReasons() {
        ScoreWeights w = ScoreWeights.of(-2, Map.of(Feature.IP, 2.0, Feature.ADDITION, 0.5, Feature.MAIN, 0.1,
                Feature.FIRSTSEEN, 1.0), 50);
        Scorer s = new Scorer(w);
        RcEvent e = new RcEvent("fr.wikipedia", RcEvent.Kind.EDIT, "Paris", 0, "10.0.0.1", false, false, false, 120,
                5, 4, 0, "", "ajout", null, RcEvent.SummaryKind.NONE, null, false);
        s.score(e, true, false, false, false, false, false, T0, Settings.defaults());
        long expected = Feature.IP.bit() | Feature.ADDITION.bit() | Feature.MAIN.bit() | Feature.FIRSTSEEN.bit();
        assertEquals(expected, s.features);
        assertEquals(ScoreWeights.toScore(-2 + 2 + 0.5 + 0.1 + 1), s.value);
        assertEquals(List.of(Feature.IP, Feature.FIRSTSEEN), ScoreWeights.unpack(s.reasons));
        assertEquals(101, s.suspectThreshold(), "suspect is off unless set");
        s.score(e, true, false, false, false, false, false, T0 + 1000,
                Settings.defaults().with(org.vigie.config.ConfigItem.SUSPECT, "80"));
        assertEquals(80, s.suspectThreshold());
        assertEquals(0, s.features & Feature.FIRSTSEEN.bit(), "the second change of the day");
    }

    @Test
    void theScoreIsTheRoundedProbabilityWithoutAnExpPerChange() {
        for (double z = -12; z <= 12; z += 0.001) {
            assertEquals((int) Math.round(100.0 / (1.0 + Math.exp(-z))), ScoreWeights.toScore(z), "z=" + z);
        }
    }

    @Test
    void aLogEntryIsNotScored() {
        Scorer s = new Scorer(ScoreWeights.defaults());
        RcEvent e = new RcEvent("fr.wikipedia", RcEvent.Kind.LOG, "Spécial:Journal/delete", -1, "Admin", false, false,
                false, RcEvent.NO_SIZE, 0, 0, 0, "", "a supprimé", null, RcEvent.SummaryKind.NONE, null, false);
        s.score(e, false, false, false, false, false, false, T0, Settings.defaults());
        assertEquals(-1, s.value);
    }

    @Test
    void weightsAreReadFromPropertiesAndABadLineIsNamed() throws IOException {
        ScoreWeights w = ScoreWeights.parse(new StringReader("# c\nbias=-1.5\nthreshold.default=60\nweight.ip=2\n"));
        assertEquals(-1.5, w.bias());
        assertEquals(60, w.defaultThreshold());
        assertEquals(2.0, w.weight(Feature.IP));
        assertEquals(0.0, w.weight(Feature.BURST));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScoreWeights.parse(new StringReader("bias=0\nweight.ipp=2\n")));
        assertEquals("line 2: unknown feature \"ipp\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScoreWeights.parse(new StringReader("bias=x\n")));
        assertThrows(IllegalArgumentException.class, () -> ScoreWeights.parse(new StringReader("weight.ip=1\n")));
        assertThrows(IllegalArgumentException.class,
                () -> ScoreWeights.parse(new StringReader("bias=0\nthreshold.default=101\n")));
        // what fit-score writes reads back the same
        ScoreWeights back = ScoreWeights.parse(new StringReader(w.toProperties(List.of("round trip"))));
        assertEquals(w.weights(), back.weights());
        assertEquals(60, back.defaultThreshold());
    }

    @Test
    void theJarCarriesFittedWeights() {
        ScoreWeights w = ScoreWeights.defaults();
        assertTrue(w.defaultThreshold() > 0 && w.defaultThreshold() <= 100);
        assertTrue(w.weight(Feature.IP) > 0, "logged-out edits are reverted more often in the fitted day");
        assertTrue(w.weight(Feature.BOT) < 0, "bots less often");
    }

    @Test
    void riskIsFoldedAsTheMeanOfTheTwoScales() {
        assertEquals(69, RiskFold.fold(50, 0.87));
        assertEquals(25, RiskFold.fold(50, 0.0));
        assertEquals(100, RiskFold.fold(100, 2.0), "a probability out of range is clamped");
    }

    @Test
    void revertSummariesNameTheRevertedEditorInTheWikisWording() {
        assertEquals("10.0.0.1", RevertSummaries.revertedUser("Reverted edits by [[Special:Contributions/10.0.0.1|"
                + "10.0.0.1]] ([[User talk:10.0.0.1|talk]]) to last version by Foo"));
        assertEquals("Lop345", RevertSummaries.revertedUser("Revertidos los cambios de [[Special:Contributions/Lop345|"
                + "Lop345]] ([[User talk:Lop345|disc.]]) ([[WP:HG|HG]])"));
        assertEquals("78.201.194.57", RevertSummaries.revertedUser("Annulation des modifications 118561585 de "
                + "[[Spécial:Contributions/78.201.194.57|78.201.194.57]] ([[User talk:78.201.194.57|d]])"));
        assertEquals("88.152.212.172", RevertSummaries.revertedUser("Änderungen von [[Special:Contributions/"
                + "88.152.212.172|88.152.212.172]] ([[User talk:88.152.212.172|Diskussion]]) auf die letzte Version "
                + "von [[User:Aka|Aka]] zurückgesetzt"));
        assertEquals("Gatordragon", RevertSummaries.revertedUser("Reverted [[WP:AGF|good faith]] edits by "
                + "Gatordragon: Table color not compliant"));
        assertEquals(null, RevertSummaries.revertedUser("Reverted to revision 680618219 by [[Special:Contributions/"
                + "Jim1138|Jim1138]] ([[User talk:Jim1138|talk]]): Rvb."), "names the version restored");
        // wordings the 2015 day holds that an earlier list missed (found by looking for revert words in the summaries
        // that named no one): Russian rollback in lower case, Chinese undo, Italian undo with the revision number,
        // Polish and Catalan rollback, Japanese rollback, XLinkBot
        assertEquals("212.41.59.40", RevertSummaries.revertedUser("[[ВП:ОТКАТ|откат]] правок [[Special:Contributions/"
                + "212.41.59.40|212.41.59.40]] ([[User_talk:212.41.59.40|обс]]) к версии Tempus"));
        assertEquals("Yr", RevertSummaries.revertedUser("[[WP:UNDO|撤销]][[Special:Contributions/Yr|Yr]]（[[User talk:"
                + "Yr|讨论]]）的版本37171104"));
        assertEquals("Fringio", RevertSummaries.revertedUser("Annullata la modifica 75119957 di [[Special:"
                + "Contributions/Fringio|Fringio]] ([[User talk:Fringio|discussione]])"));
        assertEquals("91.233.160.2", RevertSummaries.revertedUser("Wycofano ostatnią zmianę treści (wprowadzoną przez "
                + "[[Specjalna:Wkład/91.233.160.2|91.233.160.2]]) i przywrócono wersję 4"));
        assertEquals("37.133.49.110", RevertSummaries.revertedUser("Revertides les edicions de [[Special:Contributions/"
                + "37.133.49.110|37.133.49.110]] ([[User talk:37.133.49.110|discussió]])"));
        assertEquals("Knoppy", RevertSummaries.revertedUser("[[Special:Contributions/Knoppy|Knoppy]] ([[User talk:"
                + "Knoppy|会話]]) による版を 120.74.96.232 による版へ[[H:RV|巻き戻し]]"));
        assertEquals("Cereative1", RevertSummaries.revertedUser("BOT--Reverting link addition(s) by [[:en:Special:"
                + "Contributions/Cereative1|Cereative1]] to revision 620494578"));
        assertEquals(null, RevertSummaries.revertedUser("[[Special:Contributions/Aoioui|Aoioui]]([[User talk:Aoioui|"
                + "会話]])による ID:56824990 の版へ[[H:RV|差し戻し]]"), "names the version restored");
        assertEquals(null, RevertSummaries.revertedUser("/* Histoire */ ajout"));
    }
}
