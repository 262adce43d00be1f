package org.vigie.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigie.command.BotPort;

/** The words of a destination spec that are not events are spelled once, in {@link Destination.Flag}. */
class DestinationVocabularyTest {

    @Test
    void eachCommandFlagIsTheTablesFlag() {
        assertEquals(Destination.Flag.values().length, BotPort.DestFlag.values().length);
        for (BotPort.DestFlag f : BotPort.DestFlag.values()) {
            assertEquals(f.flag().key(), f.key());
            assertSame(f, BotPort.DestFlag.fromKey(f.key().toUpperCase(java.util.Locale.ROOT)));
        }
        assertNull(BotPort.DestFlag.fromKey("black"));
        assertNull(Destination.Flag.fromKey("all"));
    }

    @Test
    void eachFlagParsesToItselfAndTheCanonicalOrderIsKept() {
        for (Destination.Flag f : Destination.Flag.values()) {
            Destination d = Destination.parse("#c", "black," + f.key().toUpperCase(java.util.Locale.ROOT));
            assertEquals(EnumSet.of(f), d.flags());
            assertEquals("black," + f.key(), d.spec());
        }
        Destination all = Destination.parse("#c", "cmdsq cmds -bot -white -admin ALL score=60");
        assertEquals(Set.of(Destination.Flag.values()), all.flags());
        assertEquals("all,-admin,-white,-bot,cmds,cmdsq,score=60", all.spec());
    }
}
