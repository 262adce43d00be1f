package org.vigie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.vigie.config.Settings;
import org.vigie.feed.LogTexts;
import org.vigie.feed.RcLineParser;
import org.vigie.i18n.Templates;
import org.vigie.lists.ListKind;
import org.vigie.patrol.MemoryLists;

/**
 * The warm-up runs the alert path as the feed's alerts take it: alerts of every kind it plants (logged-out editors,
 * listed editors, watched pages) are formatted and written by its own outbox, and the real lists are left as they were.
 */
class WarmupTest {

    @Test
    void alertsOfEachPlantedKindAreWrittenAndTheRealListsAreUntouched() throws Exception {
        MemoryLists lists = new MemoryLists();
        RcLineParser parser = new RcLineParser(LogTexts.withDefaults());
        List<String> written = new CopyOnWriteArrayList<>();
        int n = Warmup.run(3_000, "en.wikipedia", parser::parse, lists, Settings::defaults,
                Templates.load(Path.of("messages"), "en"), written::add);
        assertEquals(3_000, n);
        // every logged-out editor is new: about 15 % of the lines alert for them, none held back by the repeat window
        long ip = written.stream().filter(l -> l.contains("198.51.")).count();
        long listed = written.stream().filter(l -> l.contains("Warm-up/") && l.contains("blacklist")).count();
        long watched = written.stream().filter(l -> l.contains("Warm-up page ")).count();
        assertTrue(ip > 300, "alerts for logged-out editors: " + ip);
        assertTrue(listed > 100, "alerts for listed editors: " + listed);
        assertTrue(watched > 50, "alerts on watched pages: " + watched);
        assertTrue(written.stream().allMatch(l -> l.startsWith("PRIVMSG #warmup :")), written.get(0));
        assertNull(lists.find(ListKind.BL, "en.wikipedia", "Warm-up/1", System.currentTimeMillis()));
    }
}
