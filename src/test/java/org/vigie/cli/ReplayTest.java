package org.vigie.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.stream.StreamFixtures;

/**
 * {@code replay} through {@code Main.run}: the shipped French samples (IRC and EventStreams), a raw SSE capture built
 * from the recorded events, and bad arguments. Each {@code --json} line is one change that raised events; the last is
 * the summary.
 */
class ReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Exit code, standard output, standard error. */
    private record Run(int code, String out, String err) {
        List<JsonNode> json() {
            List<JsonNode> out = new ArrayList<>();
            for (String l : this.out.split("\n")) {
                if (!l.isBlank()) {
                    try {
                        out.add(JSON.readTree(l));
                    } catch (IOException e) {
                        throw new AssertionError("not a JSON line: " + l, e);
                    }
                }
            }
            return out;
        }

        JsonNode summary() {
            List<JsonNode> all = json();
            JsonNode last = all.get(all.size() - 1);
            assertTrue(last.path("summary").asBoolean(), "the last line is the summary");
            return last;
        }

        /** The changes that raised events, summary left out. */
        List<JsonNode> changes() {
            List<JsonNode> all = json();
            return all.subList(0, all.size() - 1);
        }

        JsonNode change(String title, String user) {
            List<JsonNode> found = changes().stream()
                    .filter(c -> c.path("title").asText().equals(title) && c.path("user").asText().equals(user))
                    .toList();
            assertEquals(1, found.size(), "[[" + title + "]] by " + user + " in\n" + out);
            return found.get(0);
        }
    }

    private static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** What the French samples must show, whichever feed format they came in. */
    private static void frenchSampleVerdicts(Run r) {
        assertEquals(0, r.code(), r.err());
        JsonNode vandal = r.change("Marseille", "Vandale123");
        assertEquals("black", vandal.path("editor").asText());
        assertEquals(List.of("black"), strings(vandal.path("events")));
        assertEquals("vandalisme répété", vandal.path("reasons").get(0).path("reason").asText());

        JsonNode eiffel = r.change("Tour Eiffel", "NouvelArrivant");
        assertEquals(List.of("cvp"), strings(eiffel.path("events")));

        JsonNode block = r.change("Spécial:Log/block", "AdminExemple");
        assertEquals(List.of("block"), strings(block.path("events")));
        assertEquals("Utilisateur:Blagueur75", block.path("log").path("target").asText());
        assertEquals("1 jour", block.path("log").path("expiry").asText());
        assertEquals(List.of("bl Blagueur75"), strings(block.path("autoEntries")),
                "a French block blacklists its target");
        JsonNode next = r.change("Toulouse", "Blagueur75");
        assertEquals("black", next.path("editor").asText(), "the blocked user's next edit is reported as black");
        assertTrue(next.path("reasons").get(0).path("reason").asText().contains("AdminExemple"));

        JsonNode move = r.change("Spécial:Log/move", "Déménageur");
        assertEquals(List.of("move", "wheeler", "cvp"), strings(move.path("events")));
        JsonNode created = r.change("Spécial:Log/newusers", "AdminExemple");
        assertEquals(List.of("newuser", "bnu"), strings(created.path("events")));
        assertEquals("grey", r.change("Paris", "VandalFou").path("editor").asText(),
                "the account named with a bnu word is greylisted when created");
    }

    @Test
    void frenchIrcSampleRaisesTheExpectedEventsAndCountsTheMalformedLine() {
        Run r = main("replay", "samples/fr-sample.irc", "--json", "--lists", "lists");
        frenchSampleVerdicts(r);
        JsonNode sum = r.summary();
        assertEquals(27, sum.path("lines").asLong());
        assertEquals(26, sum.path("parsed").asLong());
        assertEquals(1, sum.path("skipped").asLong(), "'ceci n'est pas une ligne du flux' is counted and skipped");
        assertEquals(r.changes().size(), sum.path("changesWithEvents").asLong());
    }

    @Test
    void frenchEventStreamsSampleGivesTheSameVerdictsAsTheIrcOne() {
        Run r = main("replay", "samples/fr-sample.jsonl", "--json", "--lists", "lists");
        frenchSampleVerdicts(r);
        JsonNode sum = r.summary();
        assertEquals(24, sum.path("lines").asLong());
        assertEquals(22, sum.path("parsed").asLong());
        assertEquals(1, sum.path("skipped").asLong(), "the truncated event");
        assertEquals(1, sum.path("ignored").asLong(), "the categorize event");
        JsonNode block = r.change("Spécial:Log/block", "AdminExemple");
        assertEquals("Vandalisme \"répété\"", block.path("log").path("reason").asText(),
                "HTML-escaped text decoded, U+202F colon understood");

        Run irc = main("replay", "samples/fr-sample.irc", "--json", "--lists", "lists");
        for (String[] change : new String[][] {{"Spécial:Log/protect", "AdminExemple"}, {"Caca boudin", "Farceur"},
                {"Modèle:Palette Villes de France", "91.170.3.7"}, {"Versailles", "Vandale123"}}) {
            // behaviour events depend on what else the file holds (the IRC sample has a rollback the JSON one lacks)
            assertEquals(ruleEvents(irc.change(change[0], change[1]).path("events")),
                    ruleEvents(r.change(change[0], change[1]).path("events")), change[0]);
        }
    }

    @Test
    void rawSseCaptureIsReplayed() throws IOException {
        StringBuilder sse = new StringBuilder(":ok\n\n");
        for (JsonNode n : StreamFixtures.recorded()) {
            sse.append(StreamFixtures.sseFrame(n));
        }
        for (JsonNode n : StreamFixtures.frenchChanges()) {
            sse.append(StreamFixtures.sseFrame(n));
        }
        sse.append("event: message\nid: [{\"offset\":1}]\ndata: {\"type\":\"edit\",\"title\"\n\n");
        Path capture = tmp.resolve("capture.sse");
        Files.writeString(capture, sse, StandardCharsets.UTF_8);
        Path lists = Files.createDirectories(tmp.resolve("lists"));
        Files.writeString(lists.resolve("cvp.txt"), "Q26427390 p=wikidata.wikipedia r=élément visé\n"
                + "Tour Eiffel p=fr.wikipedia\n", StandardCharsets.UTF_8);
        Files.writeString(lists.resolve("cvi.txt"), "Wissensturm Linz, Eingangsbereich - Panorama (06).jpg "
                + "p=commons.wikimedia\n", StandardCharsets.UTF_8);

        Run r = main("replay", capture.toString(), "--json", "--lists", lists.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode sum = r.summary();
        assertEquals(20 + 23 + 1, sum.path("lines").asLong(), "one line per data: line, framing left out");
        assertEquals(19 + 23, sum.path("parsed").asLong());
        assertEquals(1, sum.path("ignored").asLong());
        assertEquals(1, sum.path("skipped").asLong());

        JsonNode item = r.change("Q26427390", "MDanielsBot");
        assertEquals("wikidata.wikipedia", item.path("wiki").asText());
        assertEquals(List.of("cvp"), strings(item.path("events")));
        JsonNode upload = r.change("Special:Log/upload", "1971markus");
        assertEquals(List.of("upload", "cvi"), strings(upload.path("events")));
        assertEquals(List.of("delete"), strings(r.change("Special:Log/delete", "Explicit").path("events")));
        assertEquals(List.of("protect", "cvp"), strings(r.change("Spécial:Log/protect", "AdminExemple").path("events")));
    }

    /**
     * A recorded file with an invalid UTF-8 byte and with changes whose automatic entries the store refuses (a control
     * character in the blocked name, a channel that is no wiki name): replay goes on to the end, as the live reader
     * does, and counts both kinds. The malformed line is decoded with U+FFFD and still read.
     */
    @Test
    void badBytesAndRefusedAutomaticEntriesAreCountedAndTheReplayGoesOn() throws IOException {
        List<String> sample = Files.readAllLines(Path.of("samples/fr-sample.irc"), StandardCharsets.UTF_8);
        String block = sample.stream().filter(l -> l.contains(" block\u000310")).findFirst().orElseThrow();
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        java.util.function.Consumer<String> line = l -> file.writeBytes((l + "\n").getBytes(StandardCharsets.UTF_8));
        line.accept(sample.get(0));
        // one invalid byte (0xFF never occurs in UTF-8) inside an edit's title, then a truncated sequence (0xC3 alone)
        String edit = sample.get(2);
        int cut = edit.indexOf("Marseille") + 3;
        file.writeBytes(edit.substring(0, cut).getBytes(StandardCharsets.UTF_8));
        file.write(0xFF);
        file.writeBytes((edit.substring(cut) + "\r\n").getBytes(StandardCharsets.UTF_8));
        file.writeBytes("ceci n'est pas une ligne \u00c3".getBytes(StandardCharsets.ISO_8859_1));
        file.write('\n');
        line.accept(block.replace("Blagueur75", "Blag\u0007ueur75"));           // control character in item
        line.accept(block.replace("#fr.wikipedia", "#fr.wiki%pedia"));          // invalid wiki name
        line.accept(sample.get(1));
        line.accept(block);                                                      // a valid one still stored
        Path recorded = tmp.resolve("damaged.irc");
        Files.write(recorded, file.toByteArray());

        Run r = main("replay", recorded.toString(), "--json", "--lists", "lists");
        assertEquals(0, r.code(), r.err());
        JsonNode sum = r.summary();
        assertEquals(7, sum.path("lines").asLong(), r.out());
        assertEquals(2, sum.path("malformed").asLong(), "two lines with bytes that are not UTF-8");
        assertEquals(6, sum.path("parsed").asLong(), "the damaged edit is still read, with U+FFFD for the bad byte");
        assertEquals(1, sum.path("skipped").asLong());
        assertEquals(2, sum.path("autoRefused").asLong(), "both refused automatic entries counted");
        JsonNode damaged = r.change("Mar\uFFFDseille", "Vandale123");
        assertEquals("black", damaged.path("editor").asText());
        assertEquals(List.of("bl Blagueur75"), strings(r.changes().get(r.changes().size() - 1).path("autoEntries")));

        Run text = main("replay", recorded.toString(), "--lists", "lists");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("2 malformed (not UTF-8)"), text.out());
        assertTrue(text.out().contains("not stored: control character in item"), text.out());
        assertTrue(text.out().contains("not stored: invalid wiki name fr.wiki%pedia"), text.out());
        assertTrue(text.out().contains("2 automatic entries refused"), text.out());
    }

    /**
     * A recording damaged at the byte level (random bytes, NUL, lone CR, cut UTF-8 sequences, in both sample formats):
     * read to the end, every line counted once as parsed, skipped or ignored. 2,000 lines, 50,000 with -Preliability.
     */
    @Test
    void aRecordingDamagedAtRandomIsReadToTheEndAndEveryLineCounted() throws IOException {
        int size = org.vigie.testutil.Reliability.size(2_000, 50_000);
        long seed = System.nanoTime();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<byte[]> seeds = new ArrayList<>();
        for (String f : List.of("samples/fr-sample.irc", "samples/fr-sample.jsonl")) {
            for (String l : Files.readAllLines(Path.of(f), StandardCharsets.UTF_8)) {
                seeds.add(l.getBytes(StandardCharsets.UTF_8));
            }
        }
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < size; i++) {
            byte[] line = seeds.get(random.nextInt(seeds.size())).clone();
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            int cut = random.nextInt(line.length + 1);
            b.write(line, 0, cut);
            for (int k = random.nextInt(4); k > 0; k--) {
                int pick = random.nextInt(6);
                b.write(pick == 0 ? 0 : pick == 1 ? '\r' : pick == 2 ? 0xC3 : 0x80 + random.nextInt(0x80));
            }
            if (random.nextBoolean()) {
                b.write(line, cut, line.length - cut);
            }
            file.writeBytes(b.toByteArray());
            file.write('\n');
        }
        Path recorded = tmp.resolve("random.bin");
        Files.write(recorded, file.toByteArray());

        Run r = main("replay", recorded.toString(), "--json", "--lists", "lists");
        assertEquals(0, r.code(), "seed " + seed + ": " + r.err());
        JsonNode sum = r.summary();
        long lines = sum.path("lines").asLong();
        assertEquals(lines, sum.path("parsed").asLong() + sum.path("skipped").asLong() + sum.path("ignored").asLong(),
                "seed " + seed);
        assertTrue(lines >= size - size / 4, "seed " + seed + ": " + lines + " of about " + size + " lines read");
        assertTrue(sum.path("malformed").asLong() > 0, "seed " + seed);
        System.out.printf("reliability: replay of %,d randomly damaged lines (seed %d): exit 0, %,d read, %,d parsed, "
                        + "%,d malformed, %,d skipped, %,d automatic entries refused%n", size, seed, lines,
                sum.path("parsed").asLong(), sum.path("malformed").asLong(), sum.path("skipped").asLong(),
                sum.path("autoRefused").asLong());
    }

    @Test
    void badArgumentsGiveTheUsageAndANonZeroExit() {
        Run none = main("replay");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("usage: replay FILE"), none.err());
        assertEquals("", none.out());

        Run unknown = main("replay", "samples/fr-sample.irc", "--colour");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown argument --colour") && unknown.err().contains("usage: replay"),
                unknown.err());

        Run missingValue = main("replay", "samples/fr-sample.irc", "--wiki");
        assertEquals(2, missingValue.code());
        assertTrue(missingValue.err().contains("--wiki needs a value"), missingValue.err());

        Run unreadable = main("replay", tmp.resolve("absent.jsonl").toString());
        assertEquals(2, unreadable.code());
        assertTrue(unreadable.err().contains("cannot read"), unreadable.err());

        Run twoFiles = main("replay", "samples/fr-sample.irc", "samples/fr-sample.jsonl");
        assertEquals(2, twoFiles.code());
        assertTrue(twoFiles.err().contains("usage: replay"), twoFiles.err());
    }

    private static java.util.List<String> ruleEvents(JsonNode events) {
        java.util.List<String> out = new java.util.ArrayList<>();
        java.util.Set<String> behaviour = java.util.Set.of("burst", "brigade", "editwar", "reverted", "suspect");
        events.forEach(e -> {
            if (!behaviour.contains(e.asText())) {
                out.add(e.asText());
            }
        });
        return out;
    }
}
