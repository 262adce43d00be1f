package org.vigie.patrol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vigie.i18n.Templates;
import org.vigie.config.Settings;
import org.vigie.feed.LogAction;
import org.vigie.feed.RcEvent;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.WordMatch;

class AutoListTest {

    private static final long NOW = 1_000_000L;
    private final Settings s = Settings.defaults();

    /** Every rule's reason, as one AutoList words it. */
    private List<String> reasons(AutoList a) {
        RcEvent rollback = Changes.edit("Paris", "Sysop", -3).reverts(RcEvent.SummaryKind.ROLLBACK, "Bob").build();
        RcEvent undo = Changes.edit("Paris", "Sysop", -3).reverts(RcEvent.SummaryKind.UNDO, "Bob").build();
        RcEvent block = Changes.block("block", "Sysop", "User:Bob", "3 days", 3 * 86400).build();
        RcEvent unknown = Changes.block("block", "Sysop", "User:Bob", "someday", LogAction.UNKNOWN).build();
        WordMatch hit = new WordMatch(new Entry(ListKind.BNU, "*", "vandal", "Op", "", 0, Entry.NEVER,
                Entry.Source.OPERATOR), "Vandal");
        Function<Entry, String> r = Entry::reason;
        return List.of(
                r.apply(a.afterRevert(rollback, EditorClass.ADMIN, EditorClass.USER, s, NOW)),
                r.apply(a.afterRevert(undo, EditorClass.ADMIN, EditorClass.USER, s, NOW)),
                r.apply(a.afterBnu("fr.wikipedia", "Vandal1", EditorClass.USER, hit, s, NOW)),
                r.apply(a.afterBlock(block, "Bob", EditorClass.USER, s, NOW)),
                r.apply(a.afterBlock(unknown, "Bob", EditorClass.USER, s, NOW)));
    }

    @Test
    void builtInEnglishWordingMatchesTheMessageFile() throws Exception {
        AutoList fromFile = new AutoList(Templates.load(Path.of("messages"), "en"));
        assertEquals(reasons(fromFile), reasons(AutoList.english()));
        assertEquals("rollback by Sysop on [[Paris]]", reasons(fromFile).get(0));
    }

    @Test
    void frenchWordingComesFromTheFrenchMessages() throws Exception {
        AutoList fr = new AutoList(Templates.load(Path.of("messages"), "fr"));
        assertEquals(List.of("révocation par Sysop sur [[Paris]]", "annulation par Sysop sur [[Paris]]",
                "bnu : vandal", "bloqué par Sysop pour 3 days", "bloqué par Sysop (durée illisible : someday)"),
                reasons(fr));
    }

    @Test
    void revertByNonAdminOrOfProtectedClassGivesNothing() {
        AutoList a = AutoList.english();
        RcEvent rollback = Changes.edit("Paris", "Sysop", -3).reverts(RcEvent.SummaryKind.ROLLBACK, "Bob").build();
        assertEquals(null, a.afterRevert(rollback, EditorClass.USER, EditorClass.USER, s, NOW));
        for (EditorClass c : List.of(EditorClass.ADMIN, EditorClass.WHITE, EditorClass.BOT)) {
            assertEquals(null, a.afterRevert(rollback, EditorClass.ADMIN, c, s, NOW), c.key());
        }
        RcEvent blanking = Changes.edit("Paris", "Sysop", -3).reverts(RcEvent.SummaryKind.BLANK, "Bob").build();
        assertEquals(null, a.afterRevert(blanking, EditorClass.ADMIN, EditorClass.USER, s, NOW));
    }

    @Test
    void hugeBlockLengthDoesNotOverflowTheExpiry() {
        RcEvent block = Changes.block("block", "Sysop", "User:Bob", "100 years", 100L * 365 * 86400 * 1000).build();
        Entry e = AutoList.english().afterBlock(block, "Bob", EditorClass.USER, s, NOW);
        assertEquals(true, e.expiresMillis() > NOW && e.expiresMillis() < Entry.NEVER);
    }
}
