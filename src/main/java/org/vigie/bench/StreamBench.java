package org.vigie.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.vigie.feed.LogTexts;
import org.vigie.feed.RcEvent;
import org.vigie.feed.StreamParser;
import org.vigie.feed.WikiNames;

/**
 * {@code bench-stream}: how many EventStreams events per second {@link StreamParser} reads on one thread. The 39,244
 * real changes of the wikiticker sample are written as the stream sends them (every field of a {@code recentchange}
 * event, about 1 kB each), with a log entry (block, delete, move or account creation, French wording on frwiki) after
 * every 25th change; then {@link StreamParser#toEvent(String)} (JSON parse and decoding, what the feed's reader thread
 * does per event) is timed over all of them, median of several passes after a warm-up.
 */
public final class StreamBench {

    public static final String USAGE = "bench-stream [--data FILE] [--runs N]";

    private static final Map<String, Integer> NAMESPACES = Map.of("Main", 0, "Talk", 1, "User", 2,
            "User talk", 3, "Wikipedia", 4, "File", 6, "Template", 10, "Category", 14);

    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();
    private Path data = Path.of(System.getProperty("vigie.shared", "../shared"), "data",
            "wikiticker-2015-09-12-sampled.json.gz");
    private int runs = 7;

    public StreamBench(PrintStream out) {
        this.out = out;
    }

    public StreamBench args(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(a + " needs a value; usage: " + USAGE);
            }
            String v = args.get(++i);
            switch (a) {
                case "--data" -> data = Path.of(v);
                case "--runs" -> runs = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown argument " + a + "; usage: " + USAGE);
            }
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        if (!Files.isReadable(data)) {
            throw new IllegalArgumentException("benchmark data not found: " + data + " (give --data FILE)");
        }
        return this;
    }

    public int run() throws IOException {
        List<WikitickerRows.Row> rows = WikitickerRows.read(data);
        String[] events = render(rows);
        long bytes = 0;
        for (String e : events) {
            bytes += e.getBytes(StandardCharsets.UTF_8).length;
        }
        out.printf("stream: %,d events (%,d changes of %s + %,d log entries), %,d bytes, %.0f bytes/event%n",
                events.length, rows.size(), data.getFileName(), events.length - rows.size(), bytes,
                (double) bytes / events.length);

        StreamParser parser = new StreamParser(LogTexts.withDefaults());
        long check = 0;
        for (int w = 0; w < 5; w++) {
            check += pass(events, parser);
        }
        // Full passes and tree-only passes alternate, so that a busy machine weighs on both alike.
        long[] ns = new long[runs];
        long[] treeNs = new long[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            check += pass(events, parser);
            long t1 = System.nanoTime();
            check += treePass(events);
            ns[r] = t1 - t0;
            treeNs[r] = System.nanoTime() - t1;
        }
        Arrays.sort(ns);
        Arrays.sort(treeNs);
        long median = ns[runs / 2];
        out.printf(Locale.ROOT, "StreamParser.toEvent(String), one thread: median of %d runs: %,.0f events/s, "
                        + "%.0f ns/event, %.0f MB/s (best %.0f ns, worst %.0f ns)%n", runs,
                events.length * 1e9 / median, (double) median / events.length, bytes * 1e3 / median,
                (double) ns[0] / events.length, (double) ns[runs - 1] / events.length);
        out.printf(Locale.ROOT, "of which the JSON tree (ObjectMapper.readTree alone): median %.0f ns/event%n",
                (double) treeNs[runs / 2] / events.length);
        long perPass = parser.parsed() / (runs + 5);
        out.printf("decoded %,d of %,d events per pass, skipped %,d, ignored %,d%n", perPass, events.length,
                parser.skipped() / (runs + 5), parser.ignored() / (runs + 5));
        if (check == 0 || perPass != events.length) {
            out.println("warning: not every event was decoded");
        }
        return 0;
    }

    /** One pass; the returned sum keeps the work from being optimised away. */
    private static long pass(String[] events, StreamParser parser) {
        long sum = 0;
        for (String e : events) {
            RcEvent ev = parser.toEvent(e);
            if (ev != null) {
                sum += ev.title().length() + ev.revId();
            }
        }
        return sum;
    }

    private long treePass(String[] events) throws IOException {
        long sum = 0;
        for (String e : events) {
            sum += json.readTree(e).size();
        }
        return sum;
    }

    // ------------------------------------------------------------------ rendering, as the stream sends events

    private String[] render(List<WikitickerRows.Row> rows) {
        List<String> out = new ArrayList<>(rows.size() + rows.size() / 25 + 1);
        long offset = 5_000_000_000L;
        long rcid = 1_700_000_000L;
        long rev = 900_000_000L;
        long ts = Instant.parse("2015-09-12T00:00:00Z").getEpochSecond();
        int i = 0;
        for (WikitickerRows.Row r : rows) {
            String name = r.channel().startsWith("#") ? r.channel().substring(1) : r.channel();
            String domain = WikiNames.domain(name);
            String db = dbName(name);
            out.add(edit(r, name, domain, db, offset++, rcid++, rev++, ts++).toString());
            if (++i % 25 == 0) {
                out.add(log(i / 25, r, name, domain, db, offset++, rcid++, ts++).toString());
            }
        }
        return out.toArray(new String[0]);
    }

    private ObjectNode common(String type, String title, int ns, String user, boolean bot, String domain, String db,
                              long offset, long rcid, long ts) {
        ObjectNode n = json.createObjectNode();
        String url = "https://" + domain + "/wiki/" + title.replace(' ', '_');
        n.put("$schema", "/mediawiki/recentchange/1.0.0");
        ObjectNode meta = n.putObject("meta");
        meta.put("uri", url);
        meta.put("request_id", UUID.nameUUIDFromBytes(("r" + rcid).getBytes(StandardCharsets.UTF_8)).toString());
        meta.put("id", UUID.nameUUIDFromBytes(("m" + rcid).getBytes(StandardCharsets.UTF_8)).toString());
        meta.put("dt", Instant.ofEpochSecond(ts).toString());
        meta.put("domain", domain);
        meta.put("stream", "mediawiki.recentchange");
        meta.put("topic", "eqiad.mediawiki.recentchange");
        meta.put("partition", 0);
        meta.put("offset", offset);
        n.put("id", rcid);
        n.put("type", type);
        n.put("namespace", ns);
        n.put("title", title);
        n.put("title_url", url);
        return n.put("timestamp", ts).put("user", user).put("bot", bot);
    }

    private static void server(ObjectNode n, String domain, String db) {
        n.put("server_url", "https://" + domain);
        n.put("server_name", domain);
        n.put("server_script_path", "/w");
        n.put("wiki", db);
    }

    private JsonNode edit(WikitickerRows.Row r, String name, String domain, String db, long offset, long rcid,
                          long rev, long ts) {
        int ns = NAMESPACES.getOrDefault(namespaceOf(r.page()), 0);
        ObjectNode n = common(r.isNew() ? "new" : "edit", r.page(), ns, r.user(), r.bot(), domain, db, offset, rcid,
                ts);
        n.put("comment", r.comment());
        n.put("minor", r.minor());
        n.put("patrolled", !r.unpatrolled());
        ObjectNode length = n.putObject("length");
        int newLength = 5_000 + Math.max(0, r.delta());
        if (!r.isNew()) {
            length.put("old", newLength - r.delta());
        }
        length.put("new", r.isNew() ? Math.max(0, r.delta()) : newLength);
        ObjectNode revision = n.putObject("revision");
        if (!r.isNew()) {
            revision.put("old", rev - 1);
        }
        revision.put("new", rev);
        server(n, domain, db);
        n.put("notify_url", "https://" + domain + "/w/index.php?" + (r.isNew() ? "oldid=" + rev
                : "diff=" + rev + "&oldid=" + (rev - 1)) + "&rcid=" + rcid);
        n.put("parsedcomment", r.comment().replace("&", "&amp;").replace("<", "&lt;"));
        return n;
    }

    /** A log entry about the row's page or user; French wording on frwiki, English elsewhere (legacy messages). */
    private JsonNode log(int k, WikitickerRows.Row r, String name, String domain, String db, long offset, long rcid,
                         long ts) {
        boolean fr = name.equals("fr.wikipedia");
        String userNs = fr ? "Utilisateur:" : "User:";
        String colon = fr ? "\u202F: " : ": ";
        String type;
        String action;
        String title;
        String text;
        ObjectNode params = json.createObjectNode();
        switch (k % 4) {
            case 0 -> {
                type = "block";
                action = "block";
                title = userNs + r.user();
                text = "blocked [[" + title + "]] with an expiration time of " + (fr ? "31 heures (création de compte "
                        + "interdite)" : "31 hours (account creation disabled)") + colon + "Vandalisme &quot;répété&quot;";
                params.put("duration", "31 hours").put("flags", "nocreate").put("sitewide", true);
            }
            case 1 -> {
                type = "delete";
                action = "delete";
                title = r.page();
                text = "deleted &quot;[[" + title + "]]&quot;" + colon + "test";
            }
            case 2 -> {
                type = "move";
                action = "move";
                title = r.page();
                text = "moved [[" + title + "]] to [[" + title + " (2)]]" + colon + "homonymie";
                params.put("target", title + " (2)").put("noredir", "0");
            }
            default -> {
                type = "newusers";
                action = "create";
                title = userNs + r.user();
                text = "New user account";
                params.put("userid", rcid);
            }
        }
        ObjectNode n = common("log", title, title.startsWith(userNs) ? 2 : 0, "Admin Exemple", false, domain, db,
                offset, rcid, ts);
        n.put("log_id", rcid - 1_000_000L);
        n.put("log_type", type);
        n.put("log_action", action);
        n.set("log_params", params);
        n.put("log_action_comment", text);
        n.put("comment", "");
        server(n, domain, db);
        return n;
    }

    private static String namespaceOf(String page) {
        int colon = page.indexOf(':');
        return colon > 0 ? page.substring(0, colon) : "Main";
    }

    /** {@code fr.wikipedia} → {@code frwiki}, {@code fr.wiktionary} → {@code frwiktionary}, as the stream's {@code wiki}. */
    private static String dbName(String name) {
        if (name.equals("wikidata.wikipedia")) {
            return "wikidatawiki";
        }
        int dot = name.indexOf('.');
        if (dot < 0) {
            return name;
        }
        String lang = name.substring(0, dot).replace('-', '_');
        String family = name.substring(dot + 1);
        return lang + (family.equals("wikipedia") ? "wiki" : family.equals("wikimedia") ? "wiki" : family);
    }
}
