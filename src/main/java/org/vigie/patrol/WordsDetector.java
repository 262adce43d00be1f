package org.vigie.patrol;

import org.vigie.config.Settings;
import org.vigie.feed.LogAction;
import org.vigie.feed.RcEvent;
import org.vigie.lists.ListKind;
import org.vigie.lists.ListView;
import org.vigie.lists.WordMatch;

/**
 * {@code words}: the word lists. A watched word in a new account's name raises {@code bnu}, in a new page's title
 * {@code bna}, in an edit summary {@code bes}, in a move's destination {@code wheeler}. With {@code bnubnasame} on,
 * the {@code bnu} and {@code bna} words serve both.
 */
public final class WordsDetector extends BuiltInDetector {

    public static final String NAME = "words";
    private static final long EVENTS = Detector.bits(Event.BNU, Event.BNA, Event.BES, Event.WHEELER);

    public WordsDetector() {
        super(NAME, EVENTS);
    }

    @Override
    public void inspect(RcEvent e, Context ctx, Findings out) {
        ListView lists = ctx.lists();
        String wiki = e.wiki();
        long now = ctx.nowMillis();
        if (!e.isLog()) {
            String summary = e.summary();
            if (summary != null && !summary.isEmpty()) {
                raise(out, Event.BES, lists.findWord(ListKind.BES, wiki, summary, now));
            }
            if (e.kind() == RcEvent.Kind.NEW && e.title() != null) {
                raise(out, Event.BNA, either(lists, ListKind.BNA, ListKind.BNU, ctx.settings(), wiki, e.title(), now));
            }
            return;
        }
        LogAction log = e.log();
        if (log == null) {
            return;
        }
        if (log.destination() != null && "move".equals(log.type())) {
            raise(out, Event.WHEELER, lists.findWord(ListKind.WHEELS, wiki, log.destination(), now));
        } else if (LogTargets.isAccountCreation(log)) {
            String account = LogTargets.newAccount(e);
            if (account != null && !account.isEmpty()) {
                raise(out, Event.BNU, either(lists, ListKind.BNU, ListKind.BNA, ctx.settings(), wiki, account, now));
            }
        }
    }

    private static WordMatch either(ListView lists, ListKind own, ListKind other, Settings s, String wiki, String text,
                                    long now) {
        WordMatch m = lists.findWord(own, wiki, text, now);
        if (m == null && s.bnuBnaSame()) {
            m = lists.findWord(other, wiki, text, now);
        }
        return m;
    }

    private static void raise(Findings out, Event event, WordMatch m) {
        if (m != null) {
            out.raise(event, m.entry(), m.matched());
        }
    }
}
