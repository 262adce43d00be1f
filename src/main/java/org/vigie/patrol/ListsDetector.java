package org.vigie.patrol;

import org.vigie.feed.LogAction;
import org.vigie.feed.RcEvent;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.ListView;

/**
 * {@code lists}: the operators' user and page lists. A blacklisted editor raises {@code black}, a greylisted one
 * {@code grey} (following the editor's class, so the blacklist wins); a change to a watched page raises {@code cvp}
 * (for a move, the source or else the destination); an upload of a watched file raises {@code cvi} (listed with or
 * without its {@code File:} prefix).
 */
public final class ListsDetector extends BuiltInDetector {

    public static final String NAME = "lists";
    private static final long EVENTS = Detector.bits(Event.BLACK, Event.GREY, Event.CVP, Event.CVI);

    public ListsDetector() {
        super(NAME, EVENTS);
    }

    @Override
    public void inspect(RcEvent e, Context ctx, Findings out) {
        ListView lists = ctx.lists();
        String wiki = e.wiki();
        long now = ctx.nowMillis();
        EditorClass cls = ctx.editor();
        if (cls == EditorClass.BLACK) {
            out.raise(Event.BLACK, lists.find(ListKind.BL, wiki, e.user(), now), e.user());
        } else if (cls == EditorClass.GREY) {
            out.raise(Event.GREY, lists.find(ListKind.GL, wiki, e.user(), now), e.user());
        }
        String page = ctx.page();
        Entry cvp = page == null ? null : lists.find(ListKind.CVP, wiki, page, now);
        LogAction log = e.log();
        if (cvp == null && log != null && log.destination() != null && "move".equals(log.type())) {
            page = log.destination();
            cvp = lists.find(ListKind.CVP, wiki, page, now);
        }
        if (cvp != null) {
            out.raise(Event.CVP, cvp, page);
        }
        if (log != null && log.target() != null && "upload".equals(log.type())) {
            String file = log.target();
            Entry cvi = lists.find(ListKind.CVI, wiki, file, now);
            if (cvi == null) {
                // operators often list a file without its localized "File:" prefix
                String bare = UserNames.withoutPrefix(file);
                cvi = bare == null ? null : lists.find(ListKind.CVI, wiki, bare, now);
            }
            if (cvi != null) {
                out.raise(Event.CVI, cvi, file);
            }
        }
    }
}
