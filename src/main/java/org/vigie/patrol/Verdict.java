package org.vigie.patrol;

import java.util.List;
import org.vigie.feed.RcEvent;
import org.vigie.lists.Entry;
import org.vigie.score.Score;

/**
 * What the patrol concluded about one change. Built only when the change raised at least one event or asks for an
 * automatic list entry; a quiet change costs no allocation.
 *
 * @param change   the change
 * @param editor   the editor's class
 * @param events   the raised events as a bit set ({@link Event#bit()})
 * @param reasons  for each raised event, what matched (list entry and its reason, or word), in event order
 * @param autoEntries entries the automatic rules ask to add (greylist after a rollback, blacklist after a block…);
 *                 written by the store off the hot path
 * @param score    the change's suspicion score and its two strongest reasons ({@link Score#NONE} when not scored)
 */
public record Verdict(RcEvent change, EditorClass editor, long events, List<Reason> reasons, List<Entry> autoEntries,
                      Score score) {

    /** A verdict without a score. */
    public Verdict(RcEvent change, EditorClass editor, long events, List<Reason> reasons, List<Entry> autoEntries) {
        this(change, editor, events, reasons, autoEntries, Score.NONE);
    }

    /** The same verdict with another score (Lift Wing's risk folded in). */
    public Verdict withScore(Score s) {
        return new Verdict(change, editor, events, reasons, autoEntries, s);
    }

    /**
     * Why an event was raised.
     *
     * @param event   the event
     * @param entry   the list entry that matched, or {@code null} (size heuristics, anonymous editor…)
     * @param matched the matched text (the word, the title), or {@code null}
     */
    public record Reason(Event event, Entry entry, String matched) {
    }

    public boolean has(Event e) {
        return (events & e.bit()) != 0;
    }

    public boolean raisedAny() {
        return events != 0;
    }
}
