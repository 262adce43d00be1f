package org.vigie.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.vigie.feed.RcEvent;
import org.vigie.lists.Entry;
import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;

/**
 * One alert as the web page shows it: built off the patrol thread from the change and its verdict. Every text in it
 * comes from a wiki and is escaped where it is written out (the page, the JSON of the live stream read by
 * {@code textContent}); the links are built here from the wiki's name, never taken from a line unless they point at
 * that wiki's own site.
 *
 * @param id         increasing number, the SSE event id (a reconnecting page asks for what it missed)
 * @param atMillis   when the alert fired
 * @param wiki       the wiki's feed name ({@code fr.wikipedia})
 * @param kind       {@code edit}, {@code new} or {@code log} (with the log type: {@code log/block})
 * @param title      the page (for a log entry its target when known)
 * @param user       the editor or performer
 * @param size       the size change in bytes, or {@code null} (log entries)
 * @param events     the raised events' names, in event order
 * @param summary    the edit summary or log text
 * @param diffUrl    the diff on the wiki, or {@code null}
 * @param contribsUrl the user's contributions on the wiki, or {@code null}
 * @param historyUrl  the page's history on the wiki, or {@code null}
 * @param score      the change's suspicion score (0–100) when the patrol gave one, else {@code null}
 * @param reasons    why, one short text per raised event that has one ({@code black: bl Foo — spam}), then the
 *                   score's two strongest features ({@code score: ip, burst})
 */
public record LiveAlert(long id, long atMillis, String wiki, String kind, String title, String user, Integer size,
                        List<String> events, String summary, String diffUrl, String contribsUrl, String historyUrl,
                        Integer score, List<String> reasons) {

    public LiveAlert {
        events = List.copyOf(events);
        reasons = List.copyOf(reasons);
    }

    /** A wiki's feed name as a host name: lower-case labels only ({@code fr.wikipedia}, {@code commons.wikimedia}). */
    private static final Pattern WIKI = Pattern.compile("[a-z0-9-]{1,40}(\\.[a-z0-9-]{1,40}){1,3}");

    /** The view of a change that raised an alert. */
    static LiveAlert of(long id, long atMillis, Verdict v) {
        RcEvent e = v.change();
        List<String> events = new ArrayList<>();
        for (Event ev : Event.values()) {
            if (v.has(ev)) {
                events.add(ev.key());
            }
        }
        List<String> reasons = new ArrayList<>();
        for (Verdict.Reason r : v.reasons()) {
            String why = reason(r);
            if (why != null) {
                reasons.add(why);
            }
        }
        // the score is computed here, off the patrol thread, when the verdict carries one (it is lazy)
        org.vigie.score.Score sc = v.score();
        Integer score = null;
        if (sc != null && sc.known()) {
            score = sc.value();
            if (!sc.reasons().isEmpty()) {
                StringBuilder why = new StringBuilder("score:");
                for (org.vigie.score.Feature f : sc.reasons()) {
                    why.append(why.length() == 6 ? " " : ", ").append(f.key());
                }
                reasons.add(why.toString());
            }
        }
        String kind = switch (e.kind()) {
            case EDIT -> "edit";
            case NEW -> "new";
            case LOG -> e.logType() == null ? "log" : "log/" + e.logType();
        };
        String page = e.isLog() && e.log() != null && e.log().target() != null ? e.log().target() : e.title();
        String site = site(e.wiki());
        return new LiveAlert(id, atMillis, e.wiki(), kind, page, e.user(), e.hasSize() ? e.sizeDelta() : null,
                events, e.summary() == null ? "" : e.summary(), site == null ? null : diff(site, e),
                site == null || e.user() == null ? null
                        : site + "/w/index.php?title=Special:Contributions&target=" + enc(e.user()),
                site == null || page == null ? null : site + "/w/index.php?title=" + enc(page) + "&action=history",
                score, reasons);
    }

    private static String reason(Verdict.Reason r) {
        Entry en = r.entry();
        String ev = r.event().key();
        if (en != null) {
            String text = ev + ": " + en.kind().command() + " " + en.item();
            return en.reason() == null || en.reason().isEmpty() ? text : text + " — " + en.reason();
        }
        return r.matched() == null ? null : ev + ": " + r.matched();
    }

    /** {@code https://fr.wikipedia.org}, or {@code null} for a name that is not a plain host name. */
    static String site(String wiki) {
        return wiki != null && WIKI.matcher(wiki).matches() ? "https://" + wiki + ".org" : null;
    }

    private static String diff(String site, RcEvent e) {
        String url = e.url();
        if (url != null && url.startsWith(site + "/") && url.indexOf('"') < 0 && url.indexOf(' ') < 0) {
            return url;
        }
        if (e.revId() > 0) {
            return site + "/w/index.php?diff=" + e.revId() + (e.oldRevId() > 0 ? "&oldid=" + e.oldRevId() : "");
        }
        return null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s.replace(' ', '_'), StandardCharsets.UTF_8);
    }
}
