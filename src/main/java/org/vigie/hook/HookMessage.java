package org.vigie.hook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.vigie.alert.Alert;
import org.vigie.alert.AlertFormatter;
import org.vigie.alert.AlertJson;
import org.vigie.alert.Priority;
import org.vigie.feed.RcEvent;
import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;

/**
 * One alert as a webhook receives it: the alert's text without IRC formatting, and structured fields. This is what
 * the queue stores (as JSON), so it carries everything a payload needs and nothing that changes after it is queued.
 *
 * @param createdMillis when the alert was made (wall clock): stale alerts are dropped by this
 * @param high          whether the alert has high priority (listed user, watched page)
 * @param wiki          the wiki ({@code fr.wikipedia})
 * @param user          the editor or performer
 * @param title         the page, or the log target
 * @param url           the diff or log link ({@code ""} when none)
 * @param events        the event keys raised ({@code black}, {@code bigremove})
 * @param text          the alert's text without IRC formatting (a report: several lines)
 * @param json          the replay's JSON object for the change
 */
public record HookMessage(long createdMillis, boolean high, String wiki, String user, String title, String url,
                          List<String> events, String text, ObjectNode json) {

    public HookMessage {
        events = List.copyOf(events);
        wiki = nz(wiki);
        user = nz(user);
        title = nz(title);
        url = nz(url);
        text = lines(text);
    }

    // A report has several lines: each is cleaned, the line breaks stay.
    private static String lines(String s) {
        if (s == null) {
            return "";
        }
        String[] parts = s.split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = AlertFormatter.clean(parts[i]);
        }
        return String.join("\n", parts);
    }

    private static String nz(String s) {
        return s == null ? "" : AlertFormatter.clean(s);
    }

    /** The message for an alert that goes to a webhook. */
    public static HookMessage of(ObjectMapper mapper, Alert alert, Verdict v, long nowMillis) {
        RcEvent e = v.change();
        List<String> events = new ArrayList<>();
        for (Event x : Event.values()) {
            if (v.has(x)) {
                events.add(x.key());
            }
        }
        String title = e.isLog() && e.log() != null && e.log().target() != null ? e.log().target() : e.title();
        return new HookMessage(nowMillis, alert.priority() == Priority.HIGH, e.wiki(), e.user(), title, e.url(),
                events, AlertFormatter.plain(alert.text()), AlertJson.of(mapper, e, v, v.editor().key()));
    }
}
