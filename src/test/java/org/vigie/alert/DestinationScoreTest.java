package org.vigie.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.feed.RcEvent;
import org.vigie.patrol.EditorClass;
import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;
import org.vigie.score.Feature;
import org.vigie.score.Score;

class DestinationScoreTest {

    private static Verdict verdict(int score, Event... events) {
        long bits = 0;
        for (Event e : events) {
            bits |= e.bit();
        }
        RcEvent e = new RcEvent("fr.wikipedia", RcEvent.Kind.EDIT, "Paris", 0, "10.0.0.1", false, false, false, 10, 2,
                1, 0, "", "", null, RcEvent.SummaryKind.NONE, null, false);
        return new Verdict(e, EditorClass.ANON, bits, List.of(), List.of(),
                score < 0 ? Score.NONE : new Score(score, List.of(Feature.IP), Feature.IP.bit(), Double.NaN));
    }

    @Test
    void aThresholdIsParsedKeptInTheSpecAndMergedOrRemoved() {
        Destination d = Destination.parse("#p", "ip score=60");
        assertEquals(60, d.minScore());
        assertEquals("ip,score=60", d.spec());
        assertEquals(d, Destination.parse("#p", d.spec()));
        assertEquals(75, d.merge(Destination.parse("#p", "SCORE=75")).minScore());
        assertEquals(60, d.merge(Destination.parse("#p", "black")).minScore());
        assertEquals(-1, d.minus(Destination.parse("#p", "score=60")).minScore());
        assertEquals(0, d.merge(Destination.parse("#p", "score=0")).minScore(), "score=0 lifts the threshold");
        assertTrue(d.merge(Destination.parse("#p", "score=0")).takes(verdict(1, Event.IP)));
        for (String bad : List.of("score=101", "score=", "score=-1", "score=6x")) {
            Destination.UnknownWord e = assertThrows(Destination.UnknownWord.class, () -> Destination.parse("#p", bad));
            assertEquals(bad, e.word());
        }
    }

    @Test
    void aChannelWithAThresholdTakesOnlyChangesScoringAtLeastIt() {
        Destination d = Destination.parse("#p", "ip,bigedit,black,cvp,bnu,bna,block,blockconflict,score=60");
        assertTrue(d.takes(verdict(60, Event.IP)));
        assertTrue(d.takes(verdict(95, Event.IP, Event.BIGEDIT)));
        assertFalse(d.takes(verdict(59, Event.IP)));
        assertFalse(d.takes(verdict(10, Event.BIGEDIT)));
        assertTrue(d.takes(verdict(-1, Event.IP)), "an unscored change is not held back");
        assertTrue(Destination.parse("#p", "ip").takes(verdict(1, Event.IP)), "no threshold: as before");
    }

    @Test
    void whatAPatrollerAlwaysWantsIsNeverHeldBack() {
        Destination d = Destination.parse("#p", "all,score=90");
        for (Event e : List.of(Event.BLACK, Event.CVP, Event.BLOCK, Event.BLOCKCONFLICT, Event.BNU, Event.BNA)) {
            assertTrue(d.takes(verdict(0, e, Event.IP)), e.key());
        }
        assertFalse(d.takes(verdict(0, Event.GREY)));
    }

    @Test
    void theDefaultChannelHasTheFittedThreshold() {
        Destination d = new Dispatcher("#vigie").defaultDestination();
        assertEquals(org.vigie.score.ScoreWeights.defaults().defaultThreshold(), d.minScore());
        assertTrue(d.minScore() > 0);
    }
}
