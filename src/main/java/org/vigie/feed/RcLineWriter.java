package org.vigie.feed;

/**
 * Writes feed lines exactly as MediaWiki's {@code IRCColourfulRCFeedFormatter} does: the inverse of
 * {@link RcLineParser}, for tests, benchmarks, replays and the test feeder.
 *
 * <p>As MediaWiki: newlines in texts become spaces and carriage returns go; the size is bold below -500 and written
 * {@code (+N)} from zero up; a log entry has an empty URL and no size (so two spaces before the comment), its action
 * in the flags field, and every exact {@code [[target]]} of its text re-coloured {@code [[\x0302target\x0310]]}.
 */
public final class RcLineWriter {

    /** The feed's sender, as irc.wikimedia.org writes it since 2024. */
    public static final String FEED_PREFIX = ":rc-pmtpa!rc-pmtpa@irc.wikimedia.org";

    /** The server cuts each protocol line at this many characters. */
    public static final int MAX_LINE = 510;

    private RcLineWriter() {
    }

    /**
     * A feed text.
     *
     * @param title   the full title ({@code Special:Log/block} for a log entry)
     * @param flags   {@code !NMB} subset for an edit, the log action for a log entry
     * @param url     the diff URL, "" for a log entry
     * @param user    the editor or performer
     * @param size    the size change, or {@link RcEvent#NO_SIZE} for none
     * @param comment the summary or the log text, already re-coloured for a log entry
     */
    public static String text(String title, String flags, String url, String user, int size, String comment) {
        StringBuilder b = new StringBuilder(96 + title.length() + comment.length());
        b.append("\u000314[[\u000307").append(IrcText.cleanup(title)).append("\u000314]]\u00034 ").append(flags)
                .append("\u000310 \u000302").append(url).append("\u0003 \u00035*\u0003 \u000303")
                .append(IrcText.cleanup(user)).append("\u0003 \u00035*\u0003 ");
        if (size != RcEvent.NO_SIZE) {
            b.append('(');
            if (size < -500) {
                b.append('\u0002').append(size).append('\u0002');
            } else {
                if (size >= 0) {
                    b.append('+');
                }
                b.append(size);
            }
            b.append(')');
        }
        return b.append(" \u000310").append(IrcText.cleanup(comment)).append('\u0003').toString();
    }

    /** The text of an edit or a new page. */
    public static String edit(String title, boolean isNew, boolean unpatrolled, boolean minor, boolean bot,
                              String url, String user, int size, String summary) {
        String flags = (unpatrolled ? "!" : "") + (isNew ? "N" : "") + (minor ? "M" : "") + (bot ? "B" : "");
        return text(title, flags, url, user, size, summary);
    }

    /**
     * The text of a log entry.
     *
     * @param logTitle      {@code Special:Log/block}, with the wiki's own name of the Special namespace
     * @param action        the log action ({@code block}, {@code create2}…)
     * @param user          the performer
     * @param target        the entry's target title ({@code User:1.2.3.4}), null if none
     * @param actionComment the action text with its reason, as {@code LogFormatter::getIRCActionComment} gives it
     */
    public static String log(String logTitle, String action, String user, String target, String actionComment) {
        return text(logTitle, action, "", user, RcEvent.NO_SIZE, recolour(actionComment, target));
    }

    /** Every exact {@code [[target]]} becomes {@code [[\x0302target\x0310]]}. */
    public static String recolour(String text, String target) {
        if (target == null || target.isEmpty()) {
            return text;
        }
        return text.replace("[[" + target + "]]", "[[\u000302" + target + "\u000310]]");
    }

    /** An event written back as a feed text (a log entry's target taken from its {@link LogAction}). */
    public static String text(RcEvent e) {
        if (e.isLog()) {
            return log(e.title(), e.logAction(), e.user(), e.log().target(), e.summary());
        }
        return edit(e.title(), e.kind() == RcEvent.Kind.NEW, e.unpatrolled(), e.minor(), e.bot(), e.url(), e.user(),
                e.sizeDelta(), e.summary());
    }

    /**
     * A whole protocol line from the feed's sender to the wiki's channel, cut at {@link #MAX_LINE} characters
     * (code points, never half of one) as the server cuts it.
     */
    public static String line(String wiki, String text) {
        String line = FEED_PREFIX + " PRIVMSG #" + wiki + " :" + text;
        if (line.codePointCount(0, line.length()) <= MAX_LINE) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, MAX_LINE));
    }
}
