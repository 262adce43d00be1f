package org.vigie.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigie.alert.DestinationTest.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigie.patrol.EditorClass;
import org.vigie.patrol.Event;

/** Webhook destinations ({@code hook:NAME}) in the destination table: same filters, same quiet, their own sink. */
class HookDestinationTest {

    private static List<String> targets(List<Destination> ds) {
        return ds.stream().map(Destination::channel).toList();
    }

    @Test
    void aHookTargetIsAWebhookNeverJoined() {
        Destination h = Destination.parse("hook:fr-discord", "black,grey");
        assertTrue(h.isHook());
        assertEquals(Destination.TargetKind.HOOK, h.kind());
        assertFalse(h.isJoined());
        assertEquals("fr-discord", Destination.hookName("HOOK:Fr-Discord"));
        assertEquals("hook:fr-discord", Destination.hookTarget("Fr-Discord"));
        Destination c = Destination.parse("#vigie", "black");
        assertEquals(Destination.TargetKind.IRC, c.kind());
        assertTrue(c.isJoined());
        assertFalse(Destination.parse("!#vigie", "black").isJoined());
        assertNull(Destination.hookName("#vigie"));
    }

    @Test
    void filtersAndQuietWorkTheSameForHooks() {
        Dispatcher d = new Dispatcher("#vigie");
        d.add("hook:fr", "ip,bigedit,-admin,-bot");
        assertEquals(List.of("#vigie", "hook:fr"), targets(d.route(verdict(EditorClass.ANON, Event.IP))));
        assertEquals(List.of(), targets(d.route(verdict(EditorClass.BOT, Event.BIGEDIT))));
        assertEquals(List.of(), targets(d.route(verdict(EditorClass.ADMIN, Event.BIGEDIT))));
        d.quiet("HOOK:FR");
        assertTrue(d.isQuiet("hook:fr"));
        assertEquals(List.of("#vigie"), targets(d.route(verdict(EditorClass.ANON, Event.IP))));
        d.speak("hook:fr");
        assertEquals(List.of("#vigie", "hook:fr"), targets(d.route(verdict(EditorClass.ANON, Event.IP))));
        d.quietAll();
        assertEquals(List.of(), d.route(verdict(EditorClass.ANON, Event.IP)));
        d.speakAll();
        assertEquals(Map.of("#vigie", "all,-admin,-white,-bot", "hook:fr", "ip,bigedit,-admin,-bot"), d.specs());
    }

    @Test
    void eachAlertGoesToTheSinkOfItsTargetKind() {
        List<String> irc = new ArrayList<>();
        List<String> hooks = new ArrayList<>();
        Sinks s = Sinks.of(Map.of(Destination.TargetKind.IRC, (a, v) -> irc.add(a.channel()),
                Destination.TargetKind.HOOK, (a, v) -> hooks.add(a.channel())));
        var v = verdict(EditorClass.ANON, Event.IP);
        s.send(new Alert("#vigie", "x", Priority.NORMAL, 0), v);
        s.send(new Alert("hook:fr", "x", Priority.NORMAL, 0), v);
        s.send(new Alert("#other", "x", Priority.NORMAL, 0), v);
        assertEquals(List.of("#vigie", "#other"), irc);
        assertEquals(List.of("hook:fr"), hooks);
        // a kind without a sink drops its alerts
        Sinks.of(Map.of()).send(new Alert("hook:fr", "x", Priority.NORMAL, 0), v);
    }
}
