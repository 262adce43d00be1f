package org.vigie.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.config.Settings;
import org.vigie.feed.LogTexts;
import org.vigie.feed.RcEvent;
import org.vigie.feed.RcLineParser;
import org.vigie.feed.StreamParser;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;
import org.vigie.patrol.BlockConflicts;
import org.vigie.patrol.EditorClass;
import org.vigie.patrol.Event;
import org.vigie.patrol.Patrol;
import org.vigie.patrol.Verdict;

/**
 * Issue 4: the same changes read from EventStreams and from IRC get the same verdicts from the real patrol (editor
 * class, events, reasons, automatic entries). The pairs are the recorded EventStreams events and French changes built
 * as frwiki writes them; each IRC line is what MediaWiki would have sent for the event, written with
 * {@code RcLineWriter} from the event's own fields and read from its channel ({@code #wikidata.wikipedia} for
 * {@code www.wikidata.org}).
 */
class VerdictParityTest {

    private static final long NOW = 1_777_888_800_000L;

    private final LogTexts texts = LogTexts.withDefaults();
    private final Lists lists = new Lists();
    // One patrol per feed: a patrol remembers recent blocks (block conflicts), and each feed runs its own sequence.
    private final Patrol fromStream = new Patrol(lists, Settings::defaults, new BlockConflicts());
    private final Patrol fromIrc = new Patrol(lists, Settings::defaults, new BlockConflicts());

    private void add(ListKind kind, String wiki, String item, String reason) {
        lists.put(new Entry(kind, wiki, item, "Op", reason, NOW - 1000, Entry.NEVER, Entry.Source.OPERATOR));
    }

    @BeforeEach
    void operatorsLists() {
        // Entries that make the recorded events fire, scoped by the one wiki name both feeds must agree on.
        add(ListKind.BL, "es.wikipedia", "187.131.36.75", "IP à surveiller");
        add(ListKind.GL, "en.wikipedia", "SailorGardevoir", "à relire");
        add(ListKind.CVP, "wikidata.wikipedia", "Q26427390", "élément visé");
        add(ListKind.CVP, "wikidata.wikipedia", "Q1216649", "fusion surveillée");
        add(ListKind.BES, "wikidata.wikipedia", "quickstatements", "outil de masse");
        add(ListKind.CVP, "en.wikipedia", "Category talk:Replaceable non-free use to be decided after 25 April 2024",
                "page à surveiller");
        add(ListKind.CVI, "commons.wikimedia", "Wissensturm Linz, Eingangsbereich - Panorama (06).jpg",
                "image à surveiller");
        add(ListKind.BL, Entry.GLOBAL, "Deisenbe", "test global");
        // The French changes.
        add(ListKind.BL, Entry.GLOBAL, "Vandale123", "vandalisme répété");
        add(ListKind.AL, "fr.wikipedia", "AdminExemple", "");
        add(ListKind.AL, "fr.wikipedia", "AutreAdmin", "");
        add(ListKind.CVP, "fr.wikipedia", "Tour Eiffel", "cible fréquente");
        add(ListKind.CVI, "fr.wikipedia", "Tour Eiffel de nuit.jpg", "image visée");
        add(ListKind.BES, Entry.GLOBAL, "/\\bnul\\b/", "résumé injurieux");
        add(ListKind.BNA, Entry.GLOBAL, "caca", "titre puéril");
        add(ListKind.BNU, Entry.GLOBAL, "vandal", "nom provocateur");
        add(ListKind.BNU, Entry.GLOBAL, "/h[a4]ck[e3]r/", "nom provocateur");
        add(ListKind.WHEELS, Entry.GLOBAL, "wheels", "renommage vandale");
    }

    /** Both feeds' verdicts on every pair, in feed order; every pair is checked, the first difference fails. */
    private Map<String, Verdict> runPairs(List<JsonNode> changes) {
        StreamParser stream = new StreamParser(texts);
        RcLineParser irc = new RcLineParser(texts);
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        for (JsonNode n : changes) {
            String line = StreamFixtures.ircLine(n);
            RcEvent s = stream.toEvent(n);
            RcEvent i = irc.parseLine(line);
            String what = "#" + verdicts.size() + " " + n.path("server_name").asText() + " " + n.path("type").asText() + " "
                    + n.path("log_type").asText("") + " [[" + n.path("title").asText() + "]] " + n.path("user").asText();
            assertNotNull(s, "EventStreams: " + what);
            assertNotNull(i, "IRC: " + line);
            assertEquals(s.wiki(), i.wiki(), "one wiki name for both feeds: " + what);
            Verdict vs = fromStream.check(s, NOW);
            Verdict vi = fromIrc.check(i, NOW);
            assertEquals(vs == null, vi == null, "a verdict from one feed only: " + what + "\n  stream " + vs
                    + "\n  irc    " + vi);
            if (vs != null) {
                assertEquals(vs.editor(), vi.editor(), "editor class: " + what);
                assertEquals(events(vs), events(vi), "events: " + what);
                assertEquals(vs.reasons(), vi.reasons(), "reasons: " + what);
                assertEquals(vs.autoEntries(), vi.autoEntries(), "automatic entries: " + what);
            }
            verdicts.put(what, vs);
        }
        return verdicts;
    }

    private static Set<Event> events(Verdict v) {
        Set<Event> out = EnumSet.noneOf(Event.class);
        for (Event e : Event.values()) {
            if (v.has(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Set<Event> union(Map<String, Verdict> verdicts) {
        Set<Event> out = EnumSet.noneOf(Event.class);
        verdicts.values().stream().filter(v -> v != null).forEach(v -> out.addAll(events(v)));
        return out;
    }

    private static Verdict only(Map<String, Verdict> verdicts, String fragment) {
        List<String> keys = new ArrayList<>(verdicts.keySet());
        keys.removeIf(k -> !k.contains(fragment));
        assertEquals(1, keys.size(), fragment + " in " + verdicts.keySet());
        return verdicts.get(keys.get(0));
    }

    @Test
    void recordedEventsGetTheSameVerdictsFromBothFeeds() {
        Map<String, Verdict> v = runPairs(StreamFixtures.recordedChanges());
        assertEquals(19, v.size());
        // The entries fired, so that the equality above compared real verdicts, not two nulls.
        assertEquals(EnumSet.of(Event.IP, Event.BLACK, Event.GREY, Event.CVP, Event.BES, Event.DELETE, Event.UPLOAD,
                Event.CVI, Event.BIGREMOVE, Event.BIGEDIT), union(v));
        Verdict wikidata = only(v, "[[Q26427390]]");
        assertEquals(EditorClass.BOT, wikidata.editor());
        assertTrue(wikidata.has(Event.CVP), "p=wikidata.wikipedia matches www.wikidata.org events on both feeds");
        assertTrue(only(v, "[[Q45553520]]").has(Event.BES));
        Verdict es = only(v, "187.131.36.75");
        assertEquals(EditorClass.BLACK, es.editor());
        assertEquals(EnumSet.of(Event.IP, Event.BLACK), events(es));
        Verdict delete = only(v, "log delete");
        assertEquals(EnumSet.of(Event.DELETE, Event.CVP), events(delete));
        assertEquals(EnumSet.of(Event.UPLOAD, Event.CVI), events(only(v, "log upload")));
        assertEquals(EditorClass.GREY, only(v, "SailorGardevoir").editor());
    }

    @Test
    void frenchChangesGetTheSameVerdictsFromBothFeeds() {
        Map<String, Verdict> v = runPairs(StreamFixtures.frenchChanges());
        assertEquals(23, v.size());
        assertEquals(EnumSet.of(Event.IP, Event.IPTMP, Event.IPCAT, Event.BLACK, Event.CVP, Event.BIGREMOVE,
                Event.BIGNEW, Event.TINYNEW, Event.BNA, Event.BES, Event.NEWUSER, Event.BNU, Event.BLOCK,
                Event.BLOCKCONFLICT, Event.DELETE, Event.MOVE, Event.WHEELER, Event.UPLOAD, Event.CVI, Event.PROTECT),
                union(v));

        Verdict rollback = only(v, "[[Marseille]] AdminExemple");
        assertEquals(EditorClass.ADMIN, rollback.editor());
        assertEquals(List.of("Blagueur75"), rollback.autoEntries().stream().map(Entry::item).toList(),
                "an admin's rollback greylists the reverted user, from either feed");
        assertEquals(ListKind.GL, rollback.autoEntries().get(0).kind());

        Verdict created = only(v, "VandalFou");
        assertEquals(EnumSet.of(Event.NEWUSER, Event.BNU), events(created));
        assertEquals(ListKind.GL, created.autoEntries().get(0).kind());
        assertEquals(EnumSet.of(Event.NEWUSER, Event.BNU), events(only(v, "H4ck3rMan")));

        Verdict block = only(v, "log block [[Utilisateur:Blagueur75]] AdminExemple");
        assertEquals(EnumSet.of(Event.BLOCK), events(block));
        Entry bl = block.autoEntries().get(0);
        assertEquals(ListKind.BL, bl.kind());
        assertEquals("Blagueur75", bl.item());
        assertEquals(NOW + (long) (Settings.defaults().blockBlacklistFactor() * 86_400_000L), bl.expiresMillis(),
                "the French expiry '1 jour' is one day, read the same from both feeds");
        assertEquals(EnumSet.of(Event.BLOCK, Event.BLOCKCONFLICT),
                events(only(v, "log block [[Utilisateur:Blagueur75]] AutreAdmin")));

        assertEquals(EnumSet.of(Event.MOVE, Event.WHEELER, Event.CVP), events(only(v, "log move")));
        assertEquals(EnumSet.of(Event.UPLOAD, Event.CVI), events(only(v, "log upload")));
        assertEquals(EnumSet.of(Event.PROTECT, Event.CVP), events(only(v, "log protect")));
        assertEquals(EnumSet.of(Event.DELETE), events(only(v, "log delete")));
        assertEquals(null, only(v, "RobotCorrecteur"), "a bot's quiet edit says nothing on either feed");
    }
}
