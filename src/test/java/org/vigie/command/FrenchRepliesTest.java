package org.vigie.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.feed.FeedStats;

/**
 * French throughout when {@code lang=fr} (issue 9, point 9): the sentences the issue found in English, the grammar it
 * found wrong, and a sweep of every command's replies for words that only the English messages use.
 */
class FrenchRepliesTest {

    @TempDir
    Path dir;

    private static final Pattern WORD = Pattern.compile("\\p{L}{4,}");
    private static final Set<String> IDENTIFIERS = identifiers();

    private static Set<String> identifiers() {
        Set<String> ids = new TreeSet<>();
        for (CommandSpec s : Commands.standard().all()) {
            ids.add(s.family());
            ids.add(s.sub());
            ids.addAll(s.aliases());
        }
        for (org.vigie.patrol.Event e : org.vigie.patrol.Event.values()) {
            ids.add(e.key());
        }
        for (org.vigie.config.ConfigItem i : org.vigie.config.ConfigItem.values()) {
            ids.add(i.key());
        }
        for (BotPort.DestFlag f : BotPort.DestFlag.values()) {
            ids.add(f.key());
        }
        ids.addAll(List.of("wwuser", "anyone", "operator", "owner"));   // values of the command file, not prose
        return ids;
    }

    private static Properties load(String lang) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("messages", lang + ".properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /** Words of the English messages that no French message uses: seeing one in a French reply is a leak. */
    private static Set<String> englishOnlyWords() throws IOException {
        Set<String> fr = new TreeSet<>();
        for (Object v : load("fr").values()) {
            fr.addAll(words(v.toString()));
        }
        Set<String> en = new TreeSet<>();
        for (Object v : load("en").values()) {
            en.addAll(words(v.toString()));
        }
        en.removeAll(fr);
        return en;
    }

    /**
     * The words of a text, identifiers left out: command words, events, flags, list and config item names are the same
     * in every language, and so are channels, file names and option syntax ({@code #vigie-alertes}, {@code a.b=c}).
     */
    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        String prose = text.replaceAll("\\{[a-z.]+}", " ").replaceAll("%C\\d\\d(,\\d\\d)?|%[BIUO]", " ")
                .replaceAll("[^\\s]*[#./=][^\\s]*|(?<=\\s|^)-\\p{L}+", " ");
        Matcher m = WORD.matcher(prose);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (!IDENTIFIERS.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    @AutoClose
    private TestBot french;

    private TestBot frenchBot() throws IOException {
        Path file = dir.resolve("commands.properties");
        Files.writeString(file, "level.intel=anyone\nlevel.bl.add=anyone\nalias.x=nosuch\n");
        french = new TestBot("fr", file);
        return french;
    }

    @Test
    void theSentencesTheIssueQuotesAreFrench() throws IOException {
        TestBot fr = frenchBot();
        assertEquals("Pas modifié : lots ne convient pas à bigremove (un nombre entier est attendu)",
                fr.say("config bigremove lots"));
        assertEquals("Pas modifié : -5 ne convient pas à bigremove (0 ou plus)", fr.say("config bigremove -5"));
        List<String> read = fr.op("config readcmds");
        assertEquals("say: commands.properties lu : 0 alias, 1 niveau d’accès", read.get(0));
        assertTrue(read.contains("say: Refusé : level.bl.add : bl add modifie quelque chose : elle ne peut pas être"
                + " ouverte à tous"), read.toString());
        String help = fr.say("help wl add");
        assertTrue(help.startsWith("wl add <utilisateur> [x=heures] [r=raison] [p=wiki] : "), help);
        assertTrue(help.endsWith("Vigie wl add Patrouilleur r=de confiance"), help);
        fr.port.feed(new FeedStats("irc irc.wikimedia.org:6667", true, TestBot.T0 - 5_000, 1, 1, 1, 1, 1));
        String reader = fr.say("reader");
        assertTrue(reader.endsWith("1 ligne, 1 modification, 1 illisible, 1 abandonnée, 1 reconnexion"), reader);
        List<String> shutdown = fr.run(new Caller("Operateur", "op", "op.example.org", "Op", "#vigie", true),
                "Vigie shutdown");
        assertEquals(List.of("say: Arrêt demandé par Operateur"), shutdown);
    }

    @Test
    void noFrenchReplyUsesAWordOfTheEnglishMessages() throws IOException {
        Set<String> english = englishOnlyWords();
        assertTrue(english.contains("whole") && english.contains("between") && english.contains("opened"),
                "the sweep knows the English words: " + english.size());
        TestBot fr = frenchBot();
        fr.port.feed(new FeedStats("irc irc.wikimedia.org:6667", true, TestBot.T0 - 65_000, 2, 2, 0, 0, 1));
        List<String> commands = new ArrayList<>(List.of("help", "help events", "help configitems", "status", "info",
                "reader", "config list", "config bigremove lots", "config bigremove -5", "config startupquiet peut-être",
                "config pseudonym " + "x".repeat(70), "config readcmds", "bl add Foo x=24 r=essai",
                "bl add Foo", "bl show Foo", "bl del Foo", "bl del Foo", "al add Foo", "bl add Foo",
                "dest list", "bcl", "plugin list", "aclo add *!*@*", "nosuch", "bl add", "quiet", "speak",
                "bl add Contr\u0001le", "cvp add Tour\u0007Eiffel", "intel Foo", "aintel Tour Eiffel",
                "iintel Fichier:Exemple.jpg", "dest add #salon black,grey", "dest add #salon rien", "dest list",
                "dest del #salon grey", "dest swap #salon #salon", "config getadmins", "config readmsgs frwiki",
                "bnu add lol", "bnu test lolll", "bnu test rien", "wl add Foo", "gl add Foo", "quietall", "speak",
                "reader reset", "config unkick #salon", "help nosuch", "aclo show Personne"));
        for (CommandSpec s : Commands.standard().all()) {
            commands.add("help " + s.name());
            if (s.minArgs() > 0) {
                commands.add(s.name());     // the usage line
            }
        }
        List<String> leaks = new ArrayList<>();
        for (String c : commands) {
            for (String line : fr.op(c)) {
                for (String w : words(line)) {
                    if (english.contains(w)) {
                        leaks.add(c + " → " + line + "  [" + w + "]");
                    }
                }
            }
        }
        assertEquals(List.of(), leaks);
    }
}
