package org.vigie.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.vigie.feed.RcEvent;
import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;

/**
 * A change and its verdict as one JSON object: what {@code replay --json} prints and what a {@code format=json}
 * webhook receives. Field names are part of the interface: add, never rename.
 */
public final class AlertJson {

    private AlertJson() {
    }

    /**
     * @param v      the verdict, or {@code null} for a change that raised nothing (replay {@code --all})
     * @param editor the editor's class key ({@code anon}, {@code user}, …)
     */
    public static ObjectNode of(ObjectMapper m, RcEvent e, Verdict v, String editor) {
        ObjectNode n = m.createObjectNode();
        n.put("wiki", e.wiki());
        n.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
        n.put("title", e.title());
        n.put("user", e.user());
        n.put("editor", editor);
        ArrayNode ev = n.putArray("events");
        if (v != null) {
            for (Event x : Event.values()) {
                if (v.has(x)) {
                    ev.add(x.key());
                }
            }
            ArrayNode reasons = n.putArray("reasons");
            for (Verdict.Reason r : v.reasons()) {
                ObjectNode o = reasons.addObject();
                o.put("event", r.event().key());
                if (r.entry() != null) {
                    o.put("list", r.entry().kind().command());
                    o.put("item", r.entry().item());
                    o.put("reason", r.entry().reason());
                }
                if (r.matched() != null) {
                    o.put("matched", r.matched());
                }
            }
            if (!v.autoEntries().isEmpty()) {
                ArrayNode auto = n.putArray("autoEntries");
                v.autoEntries().forEach(a -> auto.add(a.kind().command() + " " + a.item()));
            }
        }
        if (e.hasSize()) {
            n.put("size", e.sizeDelta());
        }
        n.put("url", e.url());
        n.put("summary", e.summary());
        if (e.log() != null) {
            ObjectNode l = n.putObject("log");
            l.put("type", e.log().type());
            l.put("action", e.log().action());
            l.put("target", e.log().target());
            if (e.log().destination() != null) {
                l.put("destination", e.log().destination());
            }
            if (e.log().expiry() != null) {
                l.put("expiry", e.log().expiry());
            }
            l.put("reason", e.log().reason());
        }
        if (e.truncated()) {
            n.put("truncated", true);
        }
        return n;
    }
}
