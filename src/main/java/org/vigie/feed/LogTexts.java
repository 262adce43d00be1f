package org.vigie.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wording of every wiki the bot reads: wiki ({@code fr.wikipedia}) → {@link WikiTexts}.
 *
 * <p>A wiki nobody has described yet reads with the shipped defaults of its language, chosen by the wiki's prefix
 * ({@code fr.*} → French, everything else → English; resources {@code wiki/fr.json}, {@code wiki/en.json}).
 * {@link #put} compiles a wiki's own messages (fetched with {@code meta=allmessages}, names in
 * {@link #MESSAGE_NAMES}) and namespaces, and swaps them in at once: readers keep going on the old map
 * (copy on write, volatile), and never see half a wording. The shipped wordings of the wiki's language (and English)
 * stay behind the wiki's own, as alternates for lines written with older wordings.
 *
 * <p>Reading ({@link #get}) is lock-free; {@link #put} may be called from any thread.
 */
public final class LogTexts {

    /** The messages to ask each wiki for ({@code ammessages=} joined with {@code |}). */
    public static final List<String> MESSAGE_NAMES = List.of(
            "blocklogentry", "reblock-logentry", "unblocklogentry", "deletedarticle", "undeletedarticle",
            "protectedarticle", "modifiedarticleprotection", "unprotectedarticle", "movedarticleprotection",
            "uploadedimage", "overwroteimage", "1movedto2", "1movedto2_redir", "newuserlog-create-entry",
            "newuserlog-create2-entry", "newuserlog-autocreate-entry", "rightslogentry", "rightslogentry-autopromote",
            "patrol-log-line", "pagemerge-logentry", "import-logentry-upload", "import-logentry-interwiki",
            "colon-separator",
            "parentheses", "comma-separator", "infiniteblock", "protect-expiry-indefinite", "ipboptions",
            "block-log-flags-nocreate", "block-log-flags-anononly", "block-log-flags-noautoblock",
            "block-log-flags-noemail", "block-log-flags-nousertalk", "block-log-flags-angry-autoblock",
            "block-log-flags-hiddenname", "autosumm-blank", "autosumm-replace", "revertpage", "undo-summary");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Shipped wording of one language. */
    private record Defaults(String language, Map<String, List<String>> messages, Map<String, Integer> namespaces,
                            String namespacesOf) {
    }

    private final Defaults en;
    private final Defaults fr;
    private final WikiTexts enFallback;
    private final WikiTexts frFallback;
    private volatile Map<String, WikiTexts> byWiki;
    /** Written after byWiki, under the lock of put. */
    private volatile int version;

    private LogTexts(Defaults en, Defaults fr) {
        this.en = en;
        this.fr = fr;
        this.enFallback = compile(en, List.of(), en.namespaces(), false);
        this.frFallback = compile(fr, List.of(), fr.namespaces(), false);
        Map<String, WikiTexts> m = new HashMap<>();
        m.put(en.namespacesOf(), compile(en, List.of(), en.namespaces(), true));
        m.put(fr.namespacesOf(), compile(fr, List.of(), fr.namespaces(), true));
        this.byWiki = Map.copyOf(m);
    }

    /** The registry with the shipped English and French wordings. */
    public static LogTexts withDefaults() {
        return new LogTexts(load("en"), load("fr"));
    }

    /** The wording of a wiki: its own when {@link #put} was called for it, else its language's defaults. */
    public WikiTexts get(String wiki) {
        if (wiki == null) {
            return enFallback;
        }
        WikiTexts t = byWiki.get(wiki);
        if (t != null) {
            return t;
        }
        return isFrench(wiki) ? frFallback : enFallback;
    }

    public LogText logText(String wiki) {
        return get(wiki).logText();
    }

    public Namespaces namespaces(String wiki) {
        return get(wiki).namespaces();
    }

    /**
     * Compiles a wiki's own wording and swaps it in.
     *
     * @param wiki           {@code fr.wikipedia}
     * @param messages       message name → content as {@code meta=allmessages} gives it (entities allowed);
     *                       null or missing names fall back to the language's defaults
     * @param namespaceNames every namespace name and alias of the wiki → number, the wiki's own name of each number
     *                       first (siteinfo {@code namespaces} then {@code namespacealiases}); null or empty keeps
     *                       the language's default names (then an unknown prefix gives {@link RcEvent#NS_UNKNOWN})
     */
    public synchronized void put(String wiki, Map<String, String> messages, Map<String, Integer> namespaceNames) {
        Defaults d = isFrench(wiki) ? fr : en;
        Map<String, List<String>> own = new LinkedHashMap<>();
        if (messages != null) {
            messages.forEach((k, v) -> {
                if (k != null && v != null) {
                    own.put(k, List.of(v));
                }
            });
        }
        boolean hasNames = namespaceNames != null && !namespaceNames.isEmpty();
        WikiTexts compiled = compile(d, List.of(own), hasNames ? namespaceNames : d.namespaces(),
                hasNames || wiki.equals(d.namespacesOf()));
        Map<String, WikiTexts> copy = new HashMap<>(byWiki);
        copy.put(wiki, compiled);
        byWiki = Map.copyOf(copy);
        version++;
    }

    /** Changes at every {@link #put}: a reader that remembers what {@link #get} gave may keep it while this holds. */
    public int version() {
        return version;
    }

    private WikiTexts compile(Defaults d, List<Map<String, List<String>>> own, Map<String, Integer> names,
                              boolean complete) {
        List<Map<String, List<String>>> sources = new ArrayList<>(own);
        sources.add(d.messages());
        if (d != en) {
            sources.add(en.messages());
        }
        Namespaces ns = new Namespaces(names, complete);
        String user = ns.localName(2);
        return new WikiTexts(d.language(), LogText.compile(sources, user), ns, new SummaryText(sources));
    }

    private static boolean isFrench(String wiki) {
        return wiki != null && wiki.startsWith("fr.");
    }

    private static Defaults load(String language) {
        String path = "/wiki/" + language + ".json";
        try (InputStream in = LogTexts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            JsonNode root = JSON.readTree(in);
            Map<String, List<String>> messages = new LinkedHashMap<>();
            root.path("messages").fields().forEachRemaining(e -> {
                List<String> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> values.add(v.asText()));
                } else if (e.getValue().isTextual()) {
                    values.add(e.getValue().asText());
                }
                messages.put(e.getKey(), List.copyOf(values));
            });
            Map<String, Integer> namespaces = new LinkedHashMap<>();
            root.path("namespaces").fields().forEachRemaining(e -> namespaces.put(e.getKey(), e.getValue().asInt()));
            return new Defaults(language, messages, namespaces, root.path("namespacesOf").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
