package org.vigie.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an EventStreams {@code recentchange} event into the same {@link RcEvent} as {@link RcLineParser} gives
 * for the same change on IRC.
 *
 * <p>Mapping: wiki = the name of the wiki's IRC channel ({@link WikiNames}: {@code server_name} without {@code .org},
 * except for the few older wikis such as {@code www.wikidata.org} → {@code wikidata.wikipedia}); a log entry's title is the feed's
 * {@code Special:Log/<type>} (with the wiki's own name of the Special namespace) and its namespace -1, as on IRC;
 * texts get IRC's cleanup (newlines become spaces); {@code log_action_comment} is HTML-escaped, so it is decoded
 * and then read by the wiki's {@link LogText}. Where {@code log_params} state a fact (a block's duration and flags,
 * a move's destination), the fact wins over the text. A new page's old size counts as 0, as on IRC.
 * {@code rcid} is the event's {@code id} (IRC shows it only where patrolling is on); the URL is {@code notify_url},
 * or rebuilt from the revisions when an older event lacks it.
 *
 * <p>{@code categorize} events never reach IRC: they give null and are counted in {@link #ignored()}. An event that
 * cannot be read gives null and is counted in {@link #skipped()}; nothing is thrown. Counters are plain fields:
 * one parser per reading thread.
 */
public final class StreamParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LogTexts texts;
    private long parsed;
    private long skipped;
    private long ignored;

    public StreamParser(LogTexts texts) {
        this.texts = texts;
    }

    /** One event's JSON ({@code data:} of the stream). */
    public RcEvent toEvent(String json) {
        JsonNode node;
        try {
            node = json == null ? null : JSON.readTree(json);
        } catch (Exception e) {
            skipped++;
            return null;
        }
        return toEvent(node);
    }

    /** One event's JSON tree. */
    public RcEvent toEvent(JsonNode node) {
        try {
            if (node == null || !node.isObject()) {
                skipped++;
                return null;
            }
            String type = node.path("type").asText("");
            if (type.equals("categorize")) {
                ignored++;
                return null;
            }
            return counted(switch (type) {
                case "edit", "new" -> edit(node, type.equals("new"));
                case "log" -> log(node);
                default -> null;
            });
        } catch (RuntimeException e) {
            skipped++;
            return null;
        }
    }

    /** Events that gave a change. */
    public long parsed() {
        return parsed;
    }

    /** Events that could not be read. */
    public long skipped() {
        return skipped;
    }

    /** {@code categorize} events, which IRC does not carry either. */
    public long ignored() {
        return ignored;
    }

    private RcEvent edit(JsonNode n, boolean isNew) {
        String wiki = wiki(n);
        String title = text(n, "title");
        String user = text(n, "user");
        if (wiki == null || title == null || user == null) {
            return null;
        }
        WikiTexts wt = texts.get(wiki);
        JsonNode ns = n.get("namespace");
        int namespace = ns != null && ns.canConvertToInt() ? ns.asInt() : wt.namespaces().number(title);
        JsonNode patrolled = n.get("patrolled");
        boolean unpatrolled = patrolled != null && patrolled.isBoolean() && !patrolled.asBoolean();
        long revNew = n.path("revision").path("new").asLong(0);
        long revOld = isNew ? 0 : n.path("revision").path("old").asLong(0);
        String url = link(text(n, "notify_url"));
        if (url.isEmpty()) {
            url = link(url(n, isNew, revNew, revOld));
        }
        String summary = IrcText.cleanup(n.path("comment").asText(""));
        SummaryText.Reading r = wt.summaries().read(summary);
        return new RcEvent(wiki, isNew ? RcEvent.Kind.NEW : RcEvent.Kind.EDIT, IrcText.cleanup(title), namespace,
                IrcText.cleanup(user), n.path("minor").asBoolean(false), n.path("bot").asBoolean(false), unpatrolled,
                size(n), revNew, revOld, n.path("id").asLong(0), url, summary, null,
                r == null ? RcEvent.SummaryKind.NONE : r.kind(), r == null ? null : r.revertedUser(), false);
    }

    private RcEvent log(JsonNode n) {
        String wiki = wiki(n);
        String user = text(n, "user");
        String type = text(n, "log_type");
        String action = text(n, "log_action");
        if (wiki == null || user == null || type == null || action == null) {
            return null;
        }
        WikiTexts wt = texts.get(wiki);
        String special = wt.namespaces().localName(-1);
        String title = (special == null ? "Special" : special) + ":Log/" + type;
        String comment = IrcText.cleanup(Entities.decode(n.path("log_action_comment").asText("")));
        user = IrcText.cleanup(user);
        LogAction text = wt.logText().parse(type, action, comment, user, comment);
        LogAction log = withParams(wt.logText(), text, n.get("log_params"), text(n, "title"));
        return new RcEvent(wiki, RcEvent.Kind.LOG, title, -1, user, false, n.path("bot").asBoolean(false), false,
                RcEvent.NO_SIZE, 0, 0, 0, "", comment, log, RcEvent.SummaryKind.NONE, null, false);
    }

    /** Facts from {@code log_params} over facts read from the text; the event's title when the text had none. */
    private static LogAction withParams(LogText lt, LogAction a, JsonNode params, String title) {
        String target = a.target() != null ? a.target() : title;
        String dest = a.destination();
        String expiry = a.expiry();
        long seconds = a.expirySeconds();
        List<String> flags = a.flags();
        if (params != null && params.isObject()) {
            if (a.isBlock()) {
                String duration = firstText(params, "duration", "5::duration");
                if (duration != null) {
                    long s = lt.expirySeconds(duration);
                    if (s != LogAction.UNKNOWN) {
                        seconds = s;
                    }
                    if (expiry == null) {
                        expiry = duration;
                    }
                }
                JsonNode f = params.has("flags") ? params.get("flags") : params.get("6::flags");
                if (f != null) {
                    flags = flagKeys(f);
                }
            }
            if (dest == null && (a.type().equals("move"))) {
                dest = firstText(params, "target", "4::target");
            }
        }
        return new LogAction(a.type(), a.action(), target, dest, expiry, seconds, flags, a.reason(), a.matched());
    }

    private static List<String> flagKeys(JsonNode f) {
        List<String> out = new ArrayList<>();
        if (f.isArray()) {
            f.forEach(x -> {
                String k = x.asText("").trim();
                if (!k.isEmpty()) {
                    out.add(k);
                }
            });
        } else {
            for (String k : f.asText("").split(",")) {
                if (!k.isBlank()) {
                    out.add(k.trim());
                }
            }
        }
        return List.copyOf(out);
    }

    private static String firstText(JsonNode n, String... names) {
        for (String name : names) {
            JsonNode v = n.get(name);
            if (v != null && v.isValueNode() && !v.asText().isEmpty()) {
                return v.asText();
            }
        }
        return null;
    }

    private static int size(JsonNode n) {
        JsonNode len = n.get("length");
        if (len == null || !len.has("new") || len.get("new").isNull()) {
            return RcEvent.NO_SIZE;
        }
        long d = len.get("new").asLong() - len.path("old").asLong(0);
        return d > Integer.MAX_VALUE || d < -Integer.MAX_VALUE ? RcEvent.NO_SIZE : (int) d;
    }

    private static String url(JsonNode n, boolean isNew, long revNew, long revOld) {
        String server = text(n, "server_url");
        if (server == null || revNew <= 0) {
            return "";
        }
        String script = n.path("server_script_path").asText("/w");
        return server + script + "/index.php?" + (isNew ? "oldid=" + revNew : "diff=" + revNew + "&oldid=" + revOld);
    }

    /** The wiki's one name ({@link WikiNames}): the IRC channel's, so that both feeds key lists alike. */
    private static String wiki(JsonNode n) {
        String server = text(n, "server_name");
        if (server == null) {
            server = n.path("meta").path("domain").asText(null);
        }
        String wiki = WikiNames.ofEvent(text(n, "wiki"), server);
        return wiki != null && isWikiName(wiki) ? wiki : null;
    }

    /** The longest wiki name taken (the store's limit); real ones are under 30 characters. */
    static final int WIKI_MAX = 64;
    /** The longest link taken; a diff link is about 100 characters. */
    static final int URL_MAX = 300;

    /**
     * A name a wiki's host could give: ASCII letters, digits, dots, hyphens and underscores, at most {@value #WIKI_MAX}.
     * It keys lists and is shown in every alert: an event with anything else is malformed.
     */
    static boolean isWikiName(String w) {
        if (w.isEmpty() || w.length() > WIKI_MAX) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                    || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** A link as sent when it can be one (printable ASCII, no space, at most {@value #URL_MAX}), else none. */
    private static String link(String url) {
        if (url == null || url.length() > URL_MAX) {
            return "";
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return "";
            }
        }
        return url;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isValueNode() || v.isNull() ? null : v.asText();
    }

    /** Counts a read: a change is parsed, a null is skipped. */
    private RcEvent counted(RcEvent e) {
        if (e == null) {
            skipped++;
        } else {
            parsed++;
        }
        return e;
    }
}
