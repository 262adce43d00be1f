package org.vigie.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vigie.config.ConfigItem;
import org.vigie.patrol.Event;

class HelpMdTest {

    @Test
    void helpMdIsFresh() throws IOException {
        Path committed = Path.of("HELP.md");
        assertTrue(Files.exists(committed), "HELP.md is missing: run `java -jar target/vigie.jar help-md`"
                + " (or org.vigie.command.HelpMd.main) at the top of the repository");
        String expected = HelpMd.render(Path.of("messages"));
        assertEquals(expected, Files.readString(committed, StandardCharsets.UTF_8),
                "HELP.md is stale: run `java -jar target/vigie.jar help-md` (or org.vigie.command.HelpMd.main)"
                        + " at the top of the repository and commit the result");
    }

    @Test
    void helpMdDocumentsEveryCommandEventAndConfigItem() throws IOException {
        String md = HelpMd.render(Path.of("messages"));
        for (CommandSpec s : Commands.standard().all()) {
            assertTrue(md.contains("| `" + s.syntax().replace("|", "\\|") + "` |"), s.syntax());
        }
        for (Event e : Event.values()) {
            assertTrue(md.contains("| `" + e.key() + "` |"), e.key());
        }
        for (ConfigItem i : ConfigItem.values()) {
            assertTrue(md.contains("| `" + i.key() + "` | `"), i.key());
        }
        assertTrue(md.contains("| `bl` (blacklist) | 90 days |"));
        assertTrue(!md.contains("\u0002") && !md.contains("\u0003"), "no IRC formatting in Markdown");
    }
}
