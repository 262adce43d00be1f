package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vigie.i18n.Templates;
import org.vigie.command.Text;

/** The stale-drop note agrees with its count, in French too (issue 9, point 9: "1 reconnexions"-like plurals). */
class DropNoteTest {

    @Test
    void oneDroppedAlertIsSingular() throws Exception {
        Templates fr = Templates.load(Path.of("messages"), "fr");
        assertEquals("(1 alerte trop ancienne abandonnée)", Text.plain(Outbox.dropNote(fr).apply(1)));
        assertEquals("(3 alertes trop anciennes abandonnées)", Text.plain(Outbox.dropNote(fr).apply(3)));
        Templates en = Templates.load(Path.of("messages"), "en");
        assertEquals("(1 stale alert dropped)", Text.plain(Outbox.dropNote(en).apply(1)));
    }
}
