package org.vigie.patrol;

import java.util.List;
import org.vigie.feed.LogAction;
import org.vigie.feed.RcEvent;

/** Builds {@link RcEvent}s for tests, as the feed parsers would deliver them. */
public final class Changes {

    private String wiki = "fr.wikipedia";
    private RcEvent.Kind kind = RcEvent.Kind.EDIT;
    private String title = "Paris";
    private int namespace = 0;
    private String user = "Alice";
    private boolean bot;
    private int size = 12;
    private String summary = "";
    private LogAction log;
    private RcEvent.SummaryKind revert = RcEvent.SummaryKind.NONE;
    private String revertedUser;

    public static Changes edit(String title, String user, int size) {
        Changes c = new Changes();
        c.title = title;
        c.user = user;
        c.size = size;
        return c;
    }

    public static Changes newPage(String title, String user, int size) {
        Changes c = edit(title, user, size);
        c.kind = RcEvent.Kind.NEW;
        return c;
    }

    /** A log entry with its structured action. */
    public static Changes log(String type, String action, String performer, String target) {
        Changes c = new Changes();
        c.kind = RcEvent.Kind.LOG;
        c.title = "Spécial:Log/" + type;
        c.namespace = -1;
        c.user = performer;
        c.size = RcEvent.NO_SIZE;
        c.log = new LogAction(type, action, target, null, null, LogAction.UNKNOWN, List.of(), "", true);
        return c;
    }

    public static Changes block(String action, String admin, String target, String expiry, long seconds) {
        Changes c = log("block", action, admin, target);
        c.log = new LogAction("block", action, target, null, expiry, seconds, List.of("nocreate"), "Vandalisme",
                true);
        return c;
    }

    public static Changes move(String mover, String from, String to) {
        Changes c = log("move", "move", mover, from);
        c.log = new LogAction("move", "move", from, to, null, LogAction.UNKNOWN, List.of(), "", true);
        return c;
    }

    public Changes wiki(String w) {
        this.wiki = w;
        return this;
    }

    public Changes ns(int n) {
        this.namespace = n;
        return this;
    }

    public Changes bot() {
        this.bot = true;
        return this;
    }

    public Changes summary(String s) {
        this.summary = s;
        return this;
    }

    public Changes reverts(RcEvent.SummaryKind k, String reverted) {
        this.revert = k;
        this.revertedUser = reverted;
        return this;
    }

    public RcEvent build() {
        boolean isLog = kind == RcEvent.Kind.LOG;
        String url = isLog ? "" : kind == RcEvent.Kind.NEW
                ? "https://" + wiki + ".org/w/index.php?oldid=1002"
                : "https://" + wiki + ".org/w/index.php?diff=1002&oldid=1001";
        return new RcEvent(wiki, kind, title, namespace, user, false, bot, false, size, isLog ? 0 : 1002,
                kind == RcEvent.Kind.EDIT ? 1001 : 0, 0, url, summary, log, revert, revertedUser, false);
    }
}
