package org.vigie.hook;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.vigie.alert.Alert;
import org.vigie.alert.Priority;
import org.vigie.feed.RcEvent;
import org.vigie.patrol.Changes;
import org.vigie.patrol.EditorClass;
import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;
import org.vigie.store.Audit;
import org.vigie.store.Database;

/** A real H2 file, a {@link HookStore} on it, and alerts numbered by their page title. */
final class HookFixture {

    private HookFixture() {
    }

    static Database open(Path dir) {
        return Database.open("jdbc:h2:file:" + dir.resolve("hooks").toAbsolutePath()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    static HookStore store(Database db) {
        return new HookStore(db, new Audit(db, Clock.systemUTC()));
    }

    /** The verdict of a blacklisted edit of page {@code Page n}. */
    static Verdict verdict(int n) {
        RcEvent change = Changes.edit("Page " + n, "Vandal <b> & co", -900).summary("@everyone look").build();
        return new Verdict(change, EditorClass.BLACK, Event.BLACK.bit() | Event.BIGREMOVE.bit(), List.of(), List.of());
    }

    /** The alert for {@link #verdict(int)} to a hook, its text with IRC colours as the formatter writes them. */
    static Alert alert(String hook, int n) {
        return new Alert("hook:" + hook, "\u000304Blacklisted\u000F [[Page " + n + "]] by Vandal", Priority.HIGH,
                System.nanoTime());
    }

}
