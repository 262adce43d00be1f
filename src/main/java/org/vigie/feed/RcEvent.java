package org.vigie.feed;

/**
 * One recent change, whatever feed it came from (IRC line, EventStreams JSON, replay file).
 *
 * <p>Built once per feed line on the hot path, so it is a plain record of already-split strings: nothing in it is
 * computed lazily and nothing is formatted. Numeric fields use sentinels instead of boxing.
 *
 * @param wiki        the wiki's feed name without ".org": {@code fr.wikipedia}, {@code commons.wikimedia}
 * @param kind        edit, new page or log entry
 * @param title       the page's full title as the feed wrote it (localized namespace prefix included); for a log
 *                    entry the feed's {@code Special:Log/<type>} title
 * @param namespace   the namespace number when known, {@link #NS_UNKNOWN} otherwise
 * @param user        the editor, or for a log entry the performer
 * @param minor       flag {@code M}
 * @param bot         flag {@code B}
 * @param unpatrolled flag {@code !}
 * @param sizeDelta   the size change in bytes, {@link #NO_SIZE} when the line has none (log entries)
 * @param revId       the new revision id (0 when none)
 * @param oldRevId    the previous revision id (0 when none)
 * @param rcid        the recent-changes id (0 when none)
 * @param url         the diff URL as the feed gave it ("" for log entries)
 * @param summary     the edit summary, or for a log entry the whole action text
 * @param log         the structured log action, {@code null} for edits and new pages
 * @param revert      what the summary says of a revert, blanking or replacement ({@link SummaryKind#NONE} usually)
 * @param revertedUser for a rollback or undo, the user whose edits were reverted; otherwise {@code null}
 * @param truncated   the line was cut by the server (510 characters) before its end
 */
public record RcEvent(
        String wiki,
        Kind kind,
        String title,
        int namespace,
        String user,
        boolean minor,
        boolean bot,
        boolean unpatrolled,
        int sizeDelta,
        long revId,
        long oldRevId,
        long rcid,
        String url,
        String summary,
        LogAction log,
        SummaryKind revert,
        String revertedUser,
        boolean truncated) {

    public static final int NO_SIZE = Integer.MIN_VALUE;
    public static final int NS_UNKNOWN = Integer.MIN_VALUE;

    public enum Kind { EDIT, NEW, LOG }

    /** What an edit summary written by MediaWiki itself says about the edit. */
    public enum SummaryKind { NONE, ROLLBACK, UNDO, BLANK, REPLACE }

    public boolean hasSize() {
        return sizeDelta != NO_SIZE;
    }

    public boolean isLog() {
        return kind == Kind.LOG;
    }

    /** The log type ({@code block}, {@code delete}…) or {@code null} for an edit. */
    public String logType() {
        return log == null ? null : log.type();
    }

    /** The log action ({@code block}, {@code reblock}…) or {@code null} for an edit. */
    public String logAction() {
        return log == null ? null : log.action();
    }
}
