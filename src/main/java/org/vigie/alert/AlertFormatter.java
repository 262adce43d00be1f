package org.vigie.alert;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.vigie.i18n.Templates;
import org.vigie.feed.LogAction;
import org.vigie.feed.RcEvent;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.patrol.EditorClass;
import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;

/**
 * Turns a verdict into alert text, with the {@code alert.*} messages. This is the only place where alerts are
 * formatted, and it runs only for verdicts that some destination takes.
 *
 * <p>The text names every event the change raised, each once and the most specific of related ones (one alert per
 * channel, however many events; a whitelisted editor is marked), then the wiki, the
 * editor (with a contributions link when the alert is about the editor), the page, the size change (coloured when
 * big), the diff link, the summary cut to {@value #SUMMARY_MAX} characters, and what matched (list entry and its
 * reason, or the word). Log entries show performer, action, target, block expiry, move destination and reason.
 *
 * <p>Titles, summaries and reasons come from strangers: every control character in them (line breaks, NUL, IRC
 * formatting codes) becomes a space here, before the outbox sanitises again.
 */
public final class AlertFormatter {

    /** Summaries and log reasons are cut to this many characters (on a code-point boundary). */
    public static final int SUMMARY_MAX = 100;
    /** Page titles (and log targets) are cut to this many characters: a 255-byte title cannot fill a line. */
    public static final int TITLE_MAX = 120;
    /** User names are cut to this many characters (links keep the whole name). */
    public static final int NAME_MAX = 50;

    private static final long USER_EVENTS = Event.IP.bit() | Event.IPTMP.bit() | Event.IPCAT.bit()
            | Event.BLACK.bit() | Event.GREY.bit() | Event.NEWUSER.bit() | Event.BNU.bit();
    private static final long BIG_EVENTS = Event.BIGREMOVE.bit() | Event.BIGEDIT.bit() | Event.BIGNEW.bit();
    private static final Event[] EVENTS = Event.values();
    // the message keys, made once: a key built per alert is a new string to hash and compare at each lookup
    private static final String[] EVENT_KEYS = new String[EVENTS.length];
    private static final String[] REASON_KEYS = new String[EVENTS.length];
    private static final String[] LIST_KEYS = new String[ListKind.values().length];
    private static final String[] FEATURE_KEYS = new String[org.vigie.score.Feature.values().length];
    /**
     * For each event, the more specific events that say it already: the alert names only the most specific one
     * ("IP on template", not "IP, IP on template"). Routing still sees every raised event.
     */
    private static final long[] NAMED_BY = new long[Event.values().length];

    static {
        for (Event e : EVENTS) {
            EVENT_KEYS[e.ordinal()] = "alert.event." + e.key();
            REASON_KEYS[e.ordinal()] = "alert.reason." + e.key();
        }
        for (ListKind k : ListKind.values()) {
            LIST_KEYS[k.ordinal()] = "alert.list." + k.command();
        }
        for (org.vigie.score.Feature f : org.vigie.score.Feature.values()) {
            FEATURE_KEYS[f.ordinal()] = "score.reason." + f.key();
        }
        NAMED_BY[Event.IP.ordinal()] = Event.IPTMP.bit() | Event.IPCAT.bit();
        NAMED_BY[Event.MOVE.ordinal()] = Event.WHEELER.bit();
        NAMED_BY[Event.UPLOAD.ordinal()] = Event.CVI.bit();
        NAMED_BY[Event.NEWUSER.ordinal()] = Event.BNU.bit();
        NAMED_BY[Event.BLOCK.ordinal()] = Event.BLOCKCONFLICT.bit();
    }

    private final Templates t;

    public AlertFormatter(Templates templates) {
        this.t = templates;
    }

    /** One alert for one destination. */
    public Alert format(Verdict v, Destination d, long createdNanos) {
        return new Alert(d.channel(), text(v), Alert.priorityOf(v), createdNanos);
    }

    /** One alert per destination; the text is rendered once and shared. */
    public List<Alert> format(Verdict v, List<Destination> destinations, long createdNanos) {
        if (destinations.isEmpty()) {
            return List.of();
        }
        String text = text(v);
        Priority p = Alert.priorityOf(v);
        List<Alert> out = new ArrayList<>(destinations.size());
        for (Destination d : destinations) {
            out.add(new Alert(d.channel(), text, p, createdNanos));
        }
        return out;
    }

    /** The alert text for a verdict (the same for every destination). */
    public String text(Verdict v) {
        RcEvent e = v.change();
        String events = eventNames(v.events());
        if (v.editor() == EditorClass.WHITE) {
            // only channels without -white receive this: tell their patrollers the editor is trusted
            events = events + t.render("alert.marker.white");
        }
        String reasons = reasons(v) + score(v);
        String wiki = clean(e.wiki());
        String user = bounded(e.user(), NAME_MAX);
        if (e.isLog() && e.log() != null) {
            return logText(v, e, e.log(), events, wiki, user, reasons);
        }
        String contribs = (v.events() & USER_EVENTS) != 0 ? t.render("alert.contribs", "url", contribsUrl(e.wiki(),
                e.user())) : "";
        String size = "";
        if (e.hasSize()) {
            String n = e.sizeDelta() > 0 ? "+" + e.sizeDelta() : Integer.toString(e.sizeDelta());
            size = t.render((v.events() & BIG_EVENTS) != 0 ? "alert.size.big" : "alert.size", "size", n);
        }
        String summary = e.summary() == null || e.summary().isBlank() ? ""
                : t.render("alert.summary", "summary", shorten(clean(e.summary()), SUMMARY_MAX));
        return t.render(e.kind() == RcEvent.Kind.NEW ? "alert.new" : "alert.edit",
                "events", events, "wiki", wiki, "title", bounded(e.title(), TITLE_MAX), "user", user, "contribs", contribs,
                "size", size, "url", clean(e.url()), "summary", summary, "reasons", reasons);
    }

    private String logText(Verdict v, RcEvent e, LogAction log, String events, String wiki, String user,
                           String reasons) {
        String action = t.has("alert.action." + log.action()) ? t.render("alert.action." + log.action())
                : clean(log.type() + "/" + log.action());
        boolean newUser = v.has(Event.NEWUSER);
        // the account that the alert is about: the new account, or the blocked user
        String account = newUser ? accountOf(v) : log.isBlock() ? blockedUser(v) : null;
        String target = log.target();
        String targetPart = "";
        if (newUser) {
            if (account != null && !account.equals(e.user())) {
                targetPart = t.render("alert.log.target", "target", bounded(account, NAME_MAX));
            }
        } else if (target != null) {
            targetPart = t.render("alert.log.target", "target", bounded(target, TITLE_MAX));
        }
        String contribs = account == null ? ""
                : t.render("alert.contribs", "url", contribsUrl(e.wiki(), account));
        StringBuilder details = new StringBuilder();
        if (log.destination() != null) {
            details.append(t.render("alert.log.destination", "destination", bounded(log.destination(), TITLE_MAX)));
        }
        if (log.isBlock() && log.expiry() != null && !log.expiry().isBlank()) {
            details.append(t.render("alert.log.expiry", "expiry", clean(log.expiry())));
        }
        if (log.reason() != null && !log.reason().isBlank()) {
            details.append(t.render("alert.log.reason", "reason", shorten(clean(log.reason()), SUMMARY_MAX)));
        } else if (target == null && !newUser && e.summary() != null && !e.summary().isBlank()) {
            // the wording was not understood: show the feed's own text rather than nothing
            details.append(t.render("alert.log.text", "text", shorten(clean(e.summary()), SUMMARY_MAX)));
        }
        return t.render("alert.log", "events", events, "wiki", wiki, "user", user, "action", action,
                "target", targetPart, "contribs", contribs, "details", details.toString(), "reasons", reasons);
    }

    private static String accountOf(Verdict v) {
        for (Verdict.Reason r : v.reasons()) {
            if (r.event() == Event.NEWUSER) {
                return r.matched();
            }
        }
        return null;
    }

    private static String blockedUser(Verdict v) {
        for (Verdict.Reason r : v.reasons()) {
            if (r.event() == Event.BLOCK) {
                return r.matched();
            }
        }
        return null;
    }

    private String eventNames(long events) {
        StringBuilder sb = new StringBuilder();
        for (Event e : EVENTS) {
            if ((events & e.bit()) != 0 && (events & NAMED_BY[e.ordinal()]) == 0) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(t.render(EVENT_KEYS[e.ordinal()]));
            }
        }
        return sb.toString();
    }

    private String reasons(Verdict v) {
        StringBuilder sb = new StringBuilder();
        for (Verdict.Reason r : v.reasons()) {
            String one = reason(r);
            if (one.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(one);
        }
        return sb.length() == 0 ? "" : t.render("alert.reasons", "reasons", sb.toString());
    }

    // the score and its two strongest reasons (and Lift Wing's risk when it answered): " [score 72: IP, burst]"
    private String score(Verdict v) {
        org.vigie.score.Score s = v.score();
        if (s == null || !s.known()) {
            return "";
        }
        StringBuilder why = new StringBuilder();
        for (org.vigie.score.Feature f : s.reasons()) {
            why.append(why.length() == 0 ? "" : ", ").append(t.render(FEATURE_KEYS[f.ordinal()]));
        }
        String risk = s.hasRisk() ? t.render("alert.score.risk", "risk",
                String.format(java.util.Locale.ROOT, "%.2f", s.risk())) : "";
        return t.render(why.length() == 0 ? "alert.score" : "alert.score.why", "score", s.value(), "reasons",
                why.toString(), "risk", risk);
    }

    private String reason(Verdict.Reason r) {
        if ((r.event() == Event.BURST || r.event() == Event.BRIGADE) && r.matched() != null) {
            return t.render(REASON_KEYS[r.event().ordinal()], "count", r.matched());
        }
        if (r.event() == Event.BLOCKCONFLICT) {
            return t.render("alert.reason.blockconflict", "admin", clean(r.matched()));
        }
        Entry en = r.entry();
        if (en == null) {
            return "";
        }
        String list = t.render(LIST_KEYS[en.kind().ordinal()]);
        String item = clean(en.item());
        String why = en.reason() == null || en.reason().isBlank() ? null : shorten(clean(en.reason()), SUMMARY_MAX);
        String adder = clean(en.adder());
        if (en.kind().isWordList()) {
            String matched = clean(r.matched());
            return why == null ? t.render("alert.reason.word", "matched", matched, "item", item, "list", list)
                    : t.render("alert.reason.word.why", "matched", matched, "item", item, "list", list, "reason", why);
        }
        return why == null ? t.render("alert.reason.entry", "item", item, "list", list, "adder", adder)
                : t.render("alert.reason.entry.why", "item", item, "list", list, "adder", adder, "reason", why);
    }

    // ------------------------------------------------------------------ text helpers

    /** The contributions page of a user on a wiki ({@code fr.wikipedia} → {@code https://fr.wikipedia.org/…}). */
    public static String contribsUrl(String wiki, String user) {
        StringBuilder sb = new StringBuilder(64).append("https://").append(clean(wiki)).append(".org/wiki/")
                .append("Special:Contributions/");
        appendUrlPart(sb, user == null ? "" : user);
        return sb.toString();
    }

    // Percent-encodes what would end or break a link in an IRC client: spaces become '_' as in MediaWiki URLs,
    // everything outside a conservative ASCII set is written as %XX of its UTF-8 bytes.
    private static void appendUrlPart(StringBuilder sb, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == ' ') {
                sb.append('_');
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == ':' || c == '/' || c == '!'
                    || c == '*' || c == '(' || c == ')' || c == ',' || c == ';' || c == '@' || c == '$') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
    }

    /**
     * Untrusted text made safe to embed: C0 controls (CR, LF, NUL, IRC formatting codes), DEL, C1 controls and the
     * Unicode line and paragraph separators become spaces. Returns the same string when there is nothing to replace.
     */
    public static String clean(String s) {
        if (s == null) {
            return "";
        }
        int n = s.length();
        int i = 0;
        while (i < n && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        char[] out = s.toCharArray();
        for (; i < n; i++) {
            if (isControl(out[i])) {
                out[i] = ' ';
            }
        }
        return new String(out);
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    /**
     * At most {@code max} characters; a cut text ends with {@code …}. Never splits a surrogate pair: when the cut falls
     * between the two halves, the whole pair goes.
     */
    /** Untrusted text {@linkplain #clean cleaned} and {@linkplain #shorten cut} to {@code max} characters. */
    public static String bounded(String s, int max) {
        return shorten(clean(s), max);
    }

    public static String shorten(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int cut = max - 1;
        if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1)) && Character.isLowSurrogate(s.charAt(cut))) {
            cut--;
        }
        return s.substring(0, cut).stripTrailing() + "…";
    }

    /**
     * The text without IRC formatting: bold {@code \x02}, colour {@code \x03[nn[,nn]]}, hex colour
     * {@code \x04[RRGGBB[,RRGGBB]]}, reset {@code \x0f}, monospace {@code \x11}, reverse {@code \x16}, italics
     * {@code \x1d}, strikethrough {@code \x1e}, underline {@code \x1f}. Digits are ASCII digits only, and a comma is
     * taken as part of a colour code only when a digit follows it (so {@code \x0304,5} drops {@code 04,5} but
     * {@code \x0304,x} keeps {@code ,x}).
     */
    public static String plain(String s) {
        int n = s.length();
        StringBuilder sb = null;
        int i = 0;
        int copied = 0;
        while (i < n) {
            char c = s.charAt(i);
            int skip;
            switch (c) {
                case '\u0002', '\u000f', '\u0011', '\u0016', '\u001d', '\u001e', '\u001f' -> skip = 1;
                case '\u0003' -> skip = colourLength(s, i + 1, 2, false) + 1;
                case '\u0004' -> skip = colourLength(s, i + 1, 6, true) + 1;
                default -> skip = 0;
            }
            if (skip == 0) {
                i++;
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(n);
            }
            sb.append(s, copied, i);
            i += skip;
            copied = i;
        }
        if (sb == null) {
            return s;
        }
        return sb.append(s, copied, n).toString();
    }

    // Length of "fg[,bg]" after a colour code: up to max ASCII digits (or exactly 6 hex digits for hex colours).
    private static int colourLength(String s, int from, int max, boolean hex) {
        int fg = codeLength(s, from, max, hex);
        if (fg == 0) {
            return 0;
        }
        int comma = from + fg;
        if (comma < s.length() && s.charAt(comma) == ',') {
            int bg = codeLength(s, comma + 1, max, hex);
            if (bg > 0) {
                return fg + 1 + bg;
            }
        }
        return fg;
    }

    private static int codeLength(String s, int from, int max, boolean hex) {
        int k = 0;
        while (k < max && from + k < s.length() && isCodeDigit(s.charAt(from + k), hex)) {
            k++;
        }
        return hex && k != max ? 0 : k;
    }

    private static boolean isCodeDigit(char c, boolean hex) {
        return (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
    }
}
