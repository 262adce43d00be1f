package org.vigie.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigie.feed.RcEvent;
import org.vigie.feed.RcLineWriter;

/**
 * Changes as EventStreams sends them, and the IRC line MediaWiki would have sent for each: the recorded events of
 * {@code ../shared/fixtures/eventstreams} and French changes built here the way frwiki writes them (French block
 * flags and expiry, narrow no-break space before the colon, HTML-escaped {@code log_action_comment}, {@code log_params}).
 */
public final class StreamFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Every wiki of the pairs, by {@code server_name}: the IRC channel (without #) MediaWiki sends its changes to. */
    static final Map<String, String> CHANNEL = Map.of(
            "fr.wikipedia.org", "fr.wikipedia",
            "en.wikipedia.org", "en.wikipedia",
            "es.wikipedia.org", "es.wikipedia",
            "pl.wiktionary.org", "pl.wiktionary",
            "commons.wikimedia.org", "commons.wikimedia",
            "www.wikidata.org", "wikidata.wikipedia");

    /** The wiki's own name of the Special namespace, as log lines show it on IRC. */
    private static final Map<String, String> SPECIAL = Map.of("fr.wikipedia.org", "Spécial");

    private StreamFixtures() {
    }

    public static Path shared() {
        return Path.of(System.getProperty("vigie.shared", "../shared"));
    }

    static List<String> lines(String eventstreamsFile) {
        try {
            return Files.readAllLines(shared().resolve("fixtures/eventstreams").resolve(eventstreamsFile),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 20 recorded events, in file order (one is a {@code categorize}, which IRC never carries). */
    public static List<JsonNode> recorded() {
        List<JsonNode> out = new ArrayList<>();
        for (String f : List.of("magadiflo_spring-boot-apache-kafka_2024-04-26.jsonl",
                "wikidata-realtime-dumps_events_mod_rs_2020-02-02.jsonl",
                "wikimedia-sampler_WikiMediaClientSpec_2023-05-25.jsonl",
                "EventWatch_docs_examples_enwiki_edit_2021-11-06.json",
                "kafka-connect-sse_recentchange_2019-03-04.json")) {
            if (f.endsWith(".json")) {
                out.add(tree(String.join("\n", lines(f))));
            } else {
                lines(f).stream().filter(l -> !l.isBlank()).map(StreamFixtures::tree).forEach(out::add);
            }
        }
        for (String l : lines("DataPlumbHub_sse_id_data_2025-04-30.txt")) {
            if (l.startsWith("data: ")) {
                out.add(tree(l.substring(6)));
            }
        }
        return out;
    }

    /** The recorded events that IRC also carries (all but {@code categorize}). */
    public static List<JsonNode> recordedChanges() {
        List<JsonNode> out = new ArrayList<>(recorded());
        out.removeIf(n -> n.path("type").asText().equals("categorize"));
        return out;
    }

    // ------------------------------------------------------------------ French changes, as frwiki sends them

    private static long nextId = 900_000_000L;

    private static ObjectNode base(String type, String title, int namespace, String user, boolean bot) {
        long id = nextId++;
        ObjectNode n = JSON.createObjectNode();
        n.put("$schema", "/mediawiki/recentchange/1.0.0");
        ObjectNode meta = n.putObject("meta");
        meta.put("uri", "https://fr.wikipedia.org/wiki/" + title.replace(' ', '_'));
        meta.put("id", "00000000-0000-4000-8000-" + String.format("%012d", id));
        meta.put("dt", "2026-05-04T10:00:00Z");
        meta.put("domain", "fr.wikipedia.org");
        meta.put("stream", "mediawiki.recentchange");
        meta.put("topic", "eqiad.mediawiki.recentchange");
        meta.put("partition", 0);
        meta.put("offset", id);
        n.put("id", id);
        n.put("type", type);
        n.put("namespace", namespace);
        n.put("title", title);
        n.put("title_url", "https://fr.wikipedia.org/wiki/" + title.replace(' ', '_'));
        n.put("timestamp", 1_777_888_800L);
        n.put("user", user);
        n.put("bot", bot);
        n.put("server_url", "https://fr.wikipedia.org");
        n.put("server_name", "fr.wikipedia.org");
        n.put("server_script_path", "/w");
        n.put("wiki", "frwiki");
        return n;
    }

    /** An edit or a new page on frwiki, unpatrolled unless by a bot (frwiki patrols). */
    static ObjectNode frEdit(String title, int namespace, String user, boolean isNew, boolean minor, boolean bot,
                             int oldLength, int newLength, String comment) {
        ObjectNode n = base(isNew ? "new" : "edit", title, namespace, user, bot);
        long rev = 150_000_000L + n.get("id").asLong() % 1_000_000;
        n.put("comment", comment);
        n.put("parsedcomment", comment);
        n.put("minor", minor);
        n.put("patrolled", bot);
        ObjectNode length = n.putObject("length");
        if (!isNew) {
            length.put("old", oldLength);
        }
        length.put("new", newLength);
        ObjectNode revision = n.putObject("revision");
        if (!isNew) {
            revision.put("old", rev - 1);
        }
        revision.put("new", rev);
        n.put("notify_url", "https://fr.wikipedia.org/w/index.php?" + (isNew ? "oldid=" + rev : "diff=" + rev
                + "&oldid=" + (rev - 1)) + "&rcid=" + n.get("id").asLong());
        return n;
    }

    /**
     * A log entry on frwiki.
     *
     * @param escapedComment the action text as EventStreams sends it: HTML-escaped ({@code &quot;}, {@code &#039;})
     */
    static ObjectNode frLog(String type, String action, String title, int namespace, String user,
                            String escapedComment, JsonNode params) {
        ObjectNode n = base("log", title, namespace, user, false);
        n.put("log_id", n.get("id").asLong() - 800_000_000L);
        n.put("log_type", type);
        n.put("log_action", action);
        n.set("log_params", params);
        n.put("log_action_comment", escapedComment);
        n.put("comment", "");
        n.put("parsedcomment", "");
        return n;
    }

    static JsonNode params(String json) {
        return tree(json);
    }

    /** The French changes of the parity test, in feed order. */
    public static List<JsonNode> frenchChanges() {
        String nnbsp = "\u202F";
        return List.of(
                frEdit("Victor Hugo", 0, "82.64.12.34", false, false, false, 1000, 1045, ""),
                frEdit("Marseille", 0, "Vandale123", false, false, false, 5000, 4968, "lol"),
                frEdit("Tour Eiffel", 0, "NouvelArrivant", false, false, false, 9000, 9210, "ajout d'une anecdote"),
                frEdit("Jeanne d'Arc", 0, "2a01:cb00:7d3:a100::4f", false, false, false, 9412, 0, "Page blanchie"),
                frEdit("Théorie des cordes (physique)", 0, "RédacteurPassionné", true, false, false, 0, 8600,
                        "Page créée avec « La théorie des cordes est un cadre théorique… »"),
                frEdit("Toto", 0, "Blagueur75", true, false, false, 0, 5, "Page créée avec « toto »"),
                frEdit("Caca boudin", 0, "Farceur", true, false, false, 0, 64, "Page créée avec « caca boudin »"),
                frEdit("Modèle:Palette Villes de France", 10, "91.170.3.7", false, false, false, 300, 312, ""),
                frEdit("Catégorie:Peintre français", 14, "91.170.3.7", false, false, false, 340, 300, ""),
                frEdit("Lyon", 0, "RobotCorrecteur", false, true, true, 700, 703, "Bot : correction typographique"),
                frEdit("Bordeaux", 0, "~2025-31337-42", false, false, false, 100, 127, ""),
                frEdit("Nantes", 0, "ContributeurLambda", false, false, false, 800, 804, "c'est nul"),
                frEdit("Marseille", 0, "AdminExemple", false, true, false, 4968, 5000,
                        "Révocation des modifications de [[Special:Contributions/Blagueur75|Blagueur75]] "
                                + "([[User talk:Blagueur75|discussion]]) vers la dernière version créée par "
                                + "[[User:NouvelArrivant|NouvelArrivant]]"),
                frLog("newusers", "create2", "Utilisateur:VandalFou", 2, "AdminExemple",
                        "created new account Utilisateur:VandalFou", params("{\"userid\":4242}")),
                frLog("newusers", "create", "Utilisateur:H4ck3rMan", 2, "H4ck3rMan", "New user account",
                        params("{\"userid\":4243}")),
                frLog("block", "block", "Utilisateur:Blagueur75", 2, "AdminExemple",
                        "blocked [[Utilisateur:Blagueur75]] with an expiration time of 1 jour (création de compte "
                                + "interdite)" + nnbsp + ": Vandalisme &quot;répété&quot; &amp; propos d&#039;enfant",
                        params("{\"duration\":\"1 day\",\"flags\":\"nocreate\",\"sitewide\":true}")),
                frLog("block", "reblock", "Utilisateur:Blagueur75", 2, "AutreAdmin",
                        "changed block settings for [[Utilisateur:Blagueur75]] with an expiration time of 1 semaine "
                                + "(création de compte interdite, ne peut modifier sa propre page de discussion)"
                                + nnbsp + ": récidive",
                        params("{\"duration\":\"1 week\",\"flags\":\"nocreate,nousertalk\",\"sitewide\":true}")),
                frLog("block", "block", "Utilisateur:203.0.113.9", 2, "AdminExemple",
                        "blocked [[Utilisateur:203.0.113.9]] with an expiration time of 31 heures (utilisateurs "
                                + "anonymes uniquement, création de compte interdite)" + nnbsp + ": [[WP:V|vandalisme]]",
                        params("{\"duration\":\"31 hours\",\"flags\":\"anononly,nocreate\",\"sitewide\":true}")),
                frLog("block", "unblock", "Utilisateur:Faux Nez", 2, "AdminExemple",
                        "unblocked Utilisateur:Faux Nez" + nnbsp + ": erreur", params("[]")),
                frLog("delete", "delete", "Caca boudin", 0, "AdminExemple",
                        "deleted &quot;[[Caca boudin]]&quot;" + nnbsp + ": [[WP:SI|SI]] : vandalisme", params("[]")),
                frLog("move", "move", "Tour Eiffel", 0, "Déménageur",
                        "moved [[Tour Eiffel]] to [[Tour Eiffel on wheels]]" + nnbsp + ": test",
                        params("{\"target\":\"Tour Eiffel on wheels\",\"noredir\":\"0\"}")),
                frLog("upload", "upload", "Fichier:Tour Eiffel de nuit.jpg", 6, "Photographe",
                        "uploaded &quot;[[Fichier:Tour Eiffel de nuit.jpg]]&quot;" + nnbsp + ": photo personnelle",
                        params("{\"img_sha1\":\"0123456789abcdef0123456789abcdef01234567\","
                                + "\"img_timestamp\":\"20260504100000\"}")),
                frLog("protect", "protect", "Tour Eiffel", 0, "AdminExemple",
                        "protected &quot;[[Tour Eiffel \u200E[edit=autoconfirmed] (infini)\u200E[move=autoconfirmed] "
                                + "(infini)]]&quot;" + nnbsp + ": Vandalisme persistant",
                        params("{\"description\":\"\u200E[edit=autoconfirmed] (infini)\u200E[move=autoconfirmed] "
                                + "(infini)\",\"cascade\":false}")));
    }

    // ------------------------------------------------------------------ the IRC line for an event

    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|quot|amp|lt|gt|apos|nbsp);");

    /** What MediaWiki's IRC formatter writes where EventStreams has an HTML-escaped text. */
    static String unescape(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r = switch (e) {
                case "quot" -> "\"";
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "apos" -> "'";
                case "nbsp" -> "\u00A0";
                default -> new String(Character.toChars(e.startsWith("#x") ? Integer.parseInt(e.substring(2), 16)
                        : Integer.parseInt(e.substring(1))));
            };
            m.appendReplacement(b, Matcher.quoteReplacement(r));
        }
        return m.appendTail(b).toString();
    }

    /** The channel (without #) of the event's wiki on irc.wikimedia.org. */
    public static String channel(JsonNode n) {
        String server = n.path("server_name").asText();
        String c = CHANNEL.get(server);
        if (c == null) {
            throw new IllegalArgumentException("no channel known for " + server);
        }
        return c;
    }

    /** The feed text MediaWiki's IRC formatter would write for this event, from the event's own fields. */
    public static String ircText(JsonNode n) {
        String type = n.path("type").asText();
        String server = n.path("server_name").asText();
        if (type.equals("log")) {
            String title = SPECIAL.getOrDefault(server, "Special") + ":Log/" + n.path("log_type").asText();
            return RcLineWriter.log(title, n.path("log_action").asText(), n.path("user").asText(),
                    n.path("title").asText(), unescape(n.path("log_action_comment").asText()));
        }
        boolean isNew = type.equals("new");
        JsonNode patrolled = n.get("patrolled");
        JsonNode length = n.path("length");
        int size = length.has("new") ? length.get("new").asInt() - length.path("old").asInt(0) : RcEvent.NO_SIZE;
        String url = n.hasNonNull("notify_url") ? n.get("notify_url").asText()
                : n.path("server_url").asText() + n.path("server_script_path").asText("/w") + "/index.php?"
                + (isNew ? "oldid=" + n.path("revision").path("new").asLong()
                : "diff=" + n.path("revision").path("new").asLong() + "&oldid="
                + n.path("revision").path("old").asLong())
                + (patrolled != null ? "&rcid=" + n.path("id").asLong() : "");
        return RcLineWriter.edit(n.path("title").asText(), isNew, patrolled != null && !patrolled.asBoolean(),
                n.path("minor").asBoolean(), n.path("bot").asBoolean(), url, n.path("user").asText(), size,
                n.path("comment").asText());
    }

    /** The whole IRC protocol line from the feed's sender to the wiki's channel. */
    public static String ircLine(JsonNode n) {
        return RcLineWriter.line(channel(n), ircText(n));
    }

    // ------------------------------------------------------------------ SSE

    /** The {@code id:} EventStreams would send with the event (its Kafka position). */
    public static String sseId(JsonNode n) {
        JsonNode meta = n.path("meta");
        return "[{\"topic\":\"" + meta.path("topic").asText("eqiad.mediawiki.recentchange") + "\",\"partition\":"
                + meta.path("partition").asInt(0) + ",\"offset\":" + meta.path("offset").asLong(0)
                + "},{\"topic\":\"codfw.mediawiki.recentchange\",\"partition\":0,\"offset\":-1}]";
    }

    /** One SSE frame as the server writes it. */
    public static String sseFrame(String id, String data) {
        return "event: message\nid: " + id + "\ndata: " + data + "\n\n";
    }

    public static String sseFrame(JsonNode n) {
        return sseFrame(sseId(n), n.toString());
    }
}
