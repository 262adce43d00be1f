package org.vigie.wiki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A French wiki as the Action API shows it, for a MockWebServer: user groups paged like MediaWiki pages them
 * ({@code aufrom} continuation), siteinfo, and interface messages taken from MediaWiki's own en/fr message files
 * (the shared fixture; {@code null} in fr falls back to English, as the legacy log messages do).
 */
final class FakeWiki extends Dispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String SITEINFO_FR = """
            {"batchcomplete":true,"query":{
              "general":{"mainpage":"Wikipédia:Accueil principal","sitename":"Wikipédia","lang":"fr","case":"first-letter"},
              "namespaces":{
                "-2":{"id":-2,"case":"first-letter","name":"Média","subpages":false,"canonical":"Media","content":false},
                "-1":{"id":-1,"case":"first-letter","name":"Spécial","subpages":false,"canonical":"Special","content":false},
                "0":{"id":0,"case":"first-letter","name":"","subpages":false,"content":true},
                "1":{"id":1,"case":"first-letter","name":"Discussion","subpages":true,"canonical":"Talk","content":false},
                "2":{"id":2,"case":"first-letter","name":"Utilisateur","subpages":true,"canonical":"User","content":false},
                "3":{"id":3,"case":"first-letter","name":"Discussion utilisateur","subpages":true,"canonical":"User talk","content":false},
                "4":{"id":4,"case":"first-letter","name":"Wikipédia","subpages":true,"canonical":"Project","content":false},
                "6":{"id":6,"case":"first-letter","name":"Fichier","subpages":false,"canonical":"File","content":false},
                "10":{"id":10,"case":"first-letter","name":"Modèle","subpages":true,"canonical":"Template","content":false},
                "14":{"id":14,"case":"first-letter","name":"Catégorie","subpages":true,"canonical":"Category","content":false}
              },
              "namespacealiases":[
                {"id":2,"alias":"Utilisatrice"},{"id":3,"alias":"Discussion utilisatrice"},
                {"id":4,"alias":"WP"},{"id":6,"alias":"Image"}
              ]}}
            """;

    private final Map<String, List<String>> globalGroups = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> failingGlobal = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> groups = new TreeMap<>();
    private final Map<String, String> messagesFr = new TreeMap<>();
    private final int pageSize;
    private volatile int downCode;

    FakeWiki(int pageSize) {
        this.pageSize = pageSize;
        try {
            Path file = Path.of(System.getProperty("vigie.shared", "../shared"))
                    .resolve("fixtures/mediawiki-messages/irc_log_messages_en_fr.json");
            JsonNode root = JSON.readTree(file.toFile());
            root.get("en").properties().forEach(e -> {
                JsonNode fr = root.get("fr").get(e.getKey());
                messagesFr.put(e.getKey(), fr == null || fr.isNull() ? e.getValue().asText() : fr.asText());
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Members {@code prefix0000 … prefix(n-1)} in the group (sorted, as list=allusers returns them). */
    FakeWiki group(String group, String prefix, int n) {
        groups.put(group, names(prefix, n));
        return this;
    }

    /** Members {@code prefix0000 … prefix(n-1)} of a global group, listed by Meta's list=globalallusers. */
    FakeWiki globalGroup(String group, String prefix, int n) {
        globalGroups.put(group, names(prefix, n));
        return this;
    }

    private static List<String> names(String prefix, int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(String.format("%s%04d", prefix, i));
        }
        return names;
    }

    /** Requests for this global group get HTTP 500. */
    FakeWiki failGlobal(String group) {
        failingGlobal.add(group);
        return this;
    }

    /** From now on every request gets this HTTP status (0: answer normally). */
    void down(int httpCode) {
        this.downCode = httpCode;
    }

    Map<String, String> messagesFr() {
        return messagesFr;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (downCode != 0) {
            return new MockResponse.Builder().code(downCode).body("down").build();
        }
        HttpUrl url = request.getUrl();
        if ("allusers".equals(url.queryParameter("list"))) {
            return json(allUsers(url));
        }
        if ("globalallusers".equals(url.queryParameter("list")) && url.encodedPath().startsWith("/meta.wikimedia/")) {
            if (failingGlobal.contains(url.queryParameter("agugroup"))) {
                return new MockResponse.Builder().code(500).body("oops").build();
            }
            return json(page(globalGroups.getOrDefault(url.queryParameter("agugroup"), List.of()),
                    url.queryParameter("agufrom"), "globalallusers", "agufrom"));
        }
        if ("siteinfo".equals(url.queryParameter("meta"))) {
            return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(SITEINFO_FR).build();
        }
        if ("allmessages".equals(url.queryParameter("meta"))) {
            return json(allMessages(url.queryParameter("ammessages")));
        }
        return json(JSON.createObjectNode().set("error",
                JSON.createObjectNode().put("code", "badvalue").put("info", "not faked: " + url)));
    }

    private ObjectNode allUsers(HttpUrl url) {
        return page(groups.getOrDefault(url.queryParameter("augroup"), List.of()), url.queryParameter("aufrom"),
                "allusers", "aufrom");
    }

    /** One page of a user list from {@code from} on, with the continuation MediaWiki gives. */
    private ObjectNode page(List<String> members, String from, String list, String fromParam) {
        int start = 0;
        while (from != null && start < members.size() && members.get(start).compareTo(from) < 0) {
            start++;
        }
        int end = Math.min(members.size(), start + pageSize);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode out = root.putObject("query").putArray(list);
        for (int i = start; i < end; i++) {
            out.addObject().put("userid", 1000 + i).put("name", members.get(i));
        }
        if (end < members.size()) {
            root.putObject("continue").put(fromParam, members.get(end)).put("continue", "-||");
        } else {
            root.put("batchcomplete", true);
        }
        return root;
    }

    private ObjectNode allMessages(String names) {
        ObjectNode root = JSON.createObjectNode().put("batchcomplete", true);
        ArrayNode list = root.putObject("query").putArray("allmessages");
        for (String name : names.split("\\|")) {
            String content = messagesFr.get(name);
            if (content == null) {
                list.addObject().put("name", name).put("missing", true);
            } else {
                // Verbatim: MediaWiki's raw messages keep a significant space as &#32; (colon-separator…).
                list.addObject().put("name", name).put("content", content);
            }
        }
        return root;
    }

    static MockResponse json(JsonNode body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body.toString()).build();
    }
}
