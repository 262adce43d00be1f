package org.vigie.feed;

/**
 * Reads one line of the IRC recent-changes feed into an {@link RcEvent}.
 *
 * <p>The line is what MediaWiki's {@code IRCColourfulRCFeedFormatter} writes:
 * <pre>
 * \x0314[[\x0307TITLE\x0314]]\x034 FLAGS\x0310 \x0302URL\x03 \x035*\x03 \x0303USER\x03 \x035*\x03 SIZE \x0310COMMENT\x03
 * </pre>
 * It is read by walking its fixed colour codes with {@code indexOf} and {@code startsWith}: no regular expression,
 * no colour stripping of the whole line, and for an edit no allocation beyond the event and its field strings.
 * Log entries are read by the wiki's precompiled {@link LogText}. A title, URL or user name cannot hold a colour
 * code, so the first code after each field ends it; the comment runs to the end of the line.
 *
 * <p>A line cut by the server (510 characters) lacks its final {@code \x03}: it is read as far as it goes and the
 * event is marked {@code truncated}; a line cut before the user's name is skipped. A line that does not have this
 * shape (empty, foreign, colour-stripped) gives {@code null} and is counted in {@link #skipped()}. Nothing thrown
 * by reading a line leaves {@link #parse}.
 *
 * <p>The counters are plain fields: use one parser per reading thread (the feed's reader). The parser holds no
 * other state, and the {@link LogTexts} it reads may be updated by other threads at any time.
 */
public final class RcLineParser {

    private static final String TITLE_OPEN = "\u000314[[";
    private static final String TITLE_CLOSE = "\u000314]]";
    private static final String URL_OPEN = "\u000310 \u000302";
    private static final String USER_OPEN = "\u0003 \u00035*\u0003 \u000303";
    private static final String USER_CLOSE = "\u0003 \u00035*\u0003 ";
    private static final String COMMENT_OPEN = " \u000310";

    private final LogTexts texts;
    private final String[] wikis = new String[1024];
    /** By slot of {@link #wikis}: the wiki's texts and the {@link LogTexts#version} they were read at. */
    private final WikiTexts[] slotTexts = new WikiTexts[1024];
    private final int[] slotVersion = new int[1024];
    /** The slot of the wiki of the line being read, or -1 (a wiki given by the caller). */
    private int slot = -1;
    private long parsed;
    private long skipped;
    /** The value read by the last {@link #digits} (a second result, without an allocation). */
    private long number;

    public RcLineParser(LogTexts texts) {
        this.texts = texts;
    }

    /**
     * Reads the text of a feed line (the PRIVMSG's trailing part).
     *
     * @param wiki the wiki, as the channel names it without {@code #}: {@code fr.wikipedia}
     * @param text the line's text, colours included
     * @return the change, or null when the text is not a feed line (counted in {@link #skipped()})
     */
    public RcEvent parse(String wiki, String text) {
        try {
            slot = -1;
            return counted(wiki == null || text == null ? null : read(wiki, text, 0, text.length()));
        } catch (RuntimeException e) {
            skipped++;
            return null;
        }
    }

    /**
     * Reads a whole protocol line, {@code :rc-pmtpa!rc-pmtpa@irc.wikimedia.org PRIVMSG #fr.wikipedia :…}.
     * The wiki is the channel without {@code #}. The sender is not checked here: the feed accepts lines from its
     * configured nick only.
     */
    public RcEvent parseLine(String ircLine) {
        try {
            if (ircLine == null) {
                skipped++;
                return null;
            }
            int p = 0;
            if (ircLine.startsWith("@")) {
                // IRCv3 message tags, if the client passes them on: not part of the message
                p = ircLine.indexOf(' ') + 1;
                if (p == 0) {
                    skipped++;
                    return null;
                }
            }
            if (ircLine.startsWith(":", p)) {
                p = ircLine.indexOf(' ', p);
                if (p < 0) {
                    skipped++;
                    return null;
                }
                p++;
            }
            if (!ircLine.startsWith("PRIVMSG #", p)) {
                skipped++;
                return null;
            }
            int chanStart = p + "PRIVMSG #".length();
            int chanEnd = ircLine.indexOf(' ', chanStart);
            if (chanEnd <= chanStart || !ircLine.startsWith(" :", chanEnd)) {
                skipped++;
                return null;
            }
            // The text is read in place: copying it out of the line would be the largest allocation of all.
            int textStart = chanEnd + 2;
            int textEnd = ircLine.length();
            while (textEnd > textStart && (ircLine.charAt(textEnd - 1) == '\n' || ircLine.charAt(textEnd - 1) == '\r')) {
                textEnd--;
            }
            return counted(read(wiki(ircLine, chanStart, chanEnd), ircLine, textStart, textEnd));
        } catch (RuntimeException e) {
            skipped++;
            return null;
        }
    }

    /**
     * The channel's wiki name, one instance per wiki: no string per line, and its hash, computed once, serves every
     * map lookup by wiki down the line. A small direct-mapped cache; a collision only costs a new string.
     */
    private String wiki(String line, int from, int to) {
        int len = to - from;
        if (len < 3) {
            slot = -1;
            return line.substring(from, to);
        }
        // a few telling characters: the language, the project's ending, the length
        int h = ((line.charAt(from) * 31 + line.charAt(from + 1)) * 31 + line.charAt(to - 1)) * 31
                + line.charAt(to - 3) + 17 * len;
        int slot = (h ^ (h >>> 7)) & (wikis.length - 1);
        this.slot = slot;
        String w = wikis[slot];
        if (w != null && w.length() == len && line.startsWith(w, from)) {
            return w;
        }
        w = line.substring(from, to);
        wikis[slot] = w;
        slotTexts[slot] = null;
        return w;
    }

    /** The texts of the line's wiki, remembered in its slot until {@link LogTexts#put} changes them. */
    private WikiTexts texts(String wiki) {
        int v = texts.version();
        int s = slot;
        if (s < 0) {
            return texts.get(wiki);
        }
        WikiTexts t = slotTexts[s];
        if (t == null || slotVersion[s] != v) {
            t = texts.get(wiki);
            slotTexts[s] = t;
            slotVersion[s] = v;
        }
        return t;
    }

    /** Lines that gave an event. */
    public long parsed() {
        return parsed;
    }

    /** Lines that could not be read. */
    public long skipped() {
        return skipped;
    }

    /** Reads the feed text that lies in {@code s[from, end)} (a whole line's text, or the text part of a line). */
    private RcEvent read(String wiki, String s, int from, int end) {
        if (!s.startsWith(TITLE_OPEN, from)) {
            return null;
        }
        int p = from + TITLE_OPEN.length();
        if (s.startsWith("\u000303", p)) {
            // an interwiki prefix ("\x0303prefix:\x0307title"): not part of the title
            p = s.indexOf("\u000307", p + 3);
            if (p < 0 || p >= end) {
                return null;
            }
        }
        if (!s.startsWith("\u000307", p)) {
            return null;
        }
        p += 3;
        // A title holds no control character: the first colour code after it is the one that closes it (a search
        // for one character is much cheaper than for the four of the closing code).
        int titleEnd = s.indexOf(IrcText.COLOUR, p);
        if (titleEnd <= p || titleEnd >= end || !s.startsWith(TITLE_CLOSE, titleEnd)) {
            return null;
        }
        String title = s.substring(p, titleEnd);
        p = skipColour(s, titleEnd + TITLE_CLOSE.length());
        if (p < 0 || p >= end || s.charAt(p) != ' ') {
            return null;
        }
        p++;
        // Flags are letters (an edit) or the log action: the next colour code opens the URL.
        int flagsEnd = s.indexOf(IrcText.COLOUR, p);
        if (flagsEnd < 0 || flagsEnd >= end || !s.startsWith(URL_OPEN, flagsEnd)) {
            flagsEnd = s.indexOf(URL_OPEN, p);
            if (flagsEnd < 0 || flagsEnd >= end) {
                return null;
            }
        }
        int flagsStart = p;
        p = flagsEnd + URL_OPEN.length();
        int urlEnd = s.indexOf(IrcText.COLOUR, p);
        if (urlEnd < 0 || urlEnd >= end || !s.startsWith(USER_OPEN, urlEnd)) {
            return null;
        }
        int urlStart = p;
        p = urlEnd + USER_OPEN.length();
        int userEnd = s.indexOf(IrcText.COLOUR, p);
        if (userEnd <= p || userEnd >= end) {
            return null;
        }
        String user = s.substring(p, userEnd);
        boolean truncated = false;
        int sizeDelta = RcEvent.NO_SIZE;
        String rawComment = "";
        if (s.startsWith(USER_CLOSE, userEnd)) {
            p = userEnd + USER_CLOSE.length();
            // The size holds no colour code (bold at most): the next one opens the comment.
            int sizeEnd = s.indexOf(IrcText.COLOUR, p) - 1;
            if (sizeEnd < p || sizeEnd >= end || !s.startsWith(COMMENT_OPEN, sizeEnd)) {
                sizeEnd = s.indexOf(COMMENT_OPEN, p);
            }
            if (sizeEnd < 0 || sizeEnd >= end) {
                truncated = true;
            } else {
                sizeDelta = size(s, p, sizeEnd);
                int commentStart = sizeEnd + COMMENT_OPEN.length();
                int commentEnd = end;
                if (commentEnd > commentStart && s.charAt(commentEnd - 1) == IrcText.COLOUR) {
                    commentEnd--;
                } else {
                    truncated = true;
                }
                rawComment = commentStart >= commentEnd ? "" : s.substring(commentStart, commentEnd);
            }
        } else {
            truncated = true;
        }
        WikiTexts wt = texts(wiki);
        if (urlEnd == urlStart) {
            return logEvent(wiki, wt, title, s.substring(flagsStart, flagsEnd), user, sizeDelta, rawComment,
                    truncated);
        }
        return editEvent(wiki, wt, title, s, flagsStart, flagsEnd, urlStart, urlEnd, user, sizeDelta, rawComment,
                truncated);
    }

    private RcEvent editEvent(String wiki, WikiTexts wt, String title, String s, int flagsStart, int flagsEnd,
                              int urlStart, int urlEnd, String user, int sizeDelta, String summary,
                              boolean truncated) {
        boolean unpatrolled = false;
        boolean isNew = false;
        boolean minor = false;
        boolean bot = false;
        for (int i = flagsStart; i < flagsEnd; i++) {
            switch (s.charAt(i)) {
                case '!' -> unpatrolled = true;
                case 'N' -> isNew = true;
                case 'M' -> minor = true;
                case 'B' -> bot = true;
                default -> {
                    // MediaWiki writes nothing else here for an edit; a stray character changes nothing
                }
            }
        }
        // diff=, oldid= and rcid= in one walk of the URL's query, read in the line itself (the first of each counts)
        long diff = -1;
        long oldid = -1;
        long rcid = -1;
        int q = s.indexOf('?', urlStart);
        for (int i = q < 0 || q >= urlEnd ? urlEnd : q + 1; i < urlEnd; ) {
            // i is at a parameter's name
            char c = s.charAt(i);
            int j = i;
            if (c == 'd' && diff < 0 && s.startsWith("diff=", i)) {
                j = digits(s, i + 5, urlEnd);
                diff = number;
            } else if (c == 'o' && oldid < 0 && s.startsWith("oldid=", i)) {
                j = digits(s, i + 6, urlEnd);
                oldid = number;
            } else if (c == 'r' && rcid < 0 && s.startsWith("rcid=", i)) {
                j = digits(s, i + 5, urlEnd);
                rcid = number;
            }
            // a number ends at the next '&': the skip after one is a single character
            while (j < urlEnd && s.charAt(j) != '&') {
                j++;
            }
            i = j + 1;
        }
        String url = s.substring(urlStart, urlEnd);
        diff = Math.max(diff, 0);
        oldid = Math.max(oldid, 0);
        rcid = Math.max(rcid, 0);
        if (diff <= 0 && !isNew && oldid > 0) {
            isNew = true; // "?oldid=NEW" is how MediaWiki links a new page
        }
        long revId = diff > 0 ? diff : (isNew ? oldid : 0);
        long oldRevId = diff > 0 ? oldid : 0;
        SummaryText.Reading r = wt.summaries().read(summary);
        return new RcEvent(wiki, isNew ? RcEvent.Kind.NEW : RcEvent.Kind.EDIT, title, wt.namespaces().number(title),
                user, minor, bot, unpatrolled, sizeDelta, Math.max(revId, 0), Math.max(oldRevId, 0),
                Math.max(rcid, 0), url, summary, null, r == null ? RcEvent.SummaryKind.NONE : r.kind(),
                r == null ? null : r.revertedUser(), truncated);
    }

    private static RcEvent logEvent(String wiki, WikiTexts wt, String title, String action, String user,
                                    int sizeDelta, String rawComment, boolean truncated) {
        String type = logType(title);
        if (type == null || action.isEmpty()) {
            return null;
        }
        if (!truncated && cutInsideRecolouring(rawComment)) {
            truncated = true;
        }
        String summary = IrcText.stripColours(rawComment);
        LogAction log = wt.logText().parse(type, action, summary, user, rawComment);
        return new RcEvent(wiki, RcEvent.Kind.LOG, title, -1, user, false, false, false, sizeDelta, 0, 0, 0, "",
                summary, log, RcEvent.SummaryKind.NONE, null, truncated);
    }

    /**
     * A log text cut just after the {@code \x03} of MediaWiki's re-colouring ({@code [[\x0302target\x0310]]})
     * ends with what looks like the line's final colour code: an opened, unclosed re-colouring shows the cut.
     */
    private static boolean cutInsideRecolouring(String raw) {
        if (raw.endsWith("[[")) {
            return true;
        }
        int open = raw.lastIndexOf("[[\u000302");
        return open >= 0 && raw.indexOf("\u000310]]", open) < 0;
    }

    /** {@code Spécial:Log/block} → {@code block}; the namespace's name is the wiki's, "Log/" is not translated. */
    private static String logType(String title) {
        int colon = title.indexOf(':');
        if (colon < 0 || !title.startsWith("Log/", colon + 1) || title.length() == colon + 5) {
            return null;
        }
        return title.substring(colon + 5);
    }

    /** Skips one colour code ({@code \x03} and one or two digits) at {@code p}; -1 when there is none. */
    private static int skipColour(String s, int p) {
        if (p >= s.length() || s.charAt(p) != IrcText.COLOUR) {
            return -1;
        }
        p++;
        for (int d = 0; d < 2 && p < s.length() && Character.isDigit(s.charAt(p)); d++) {
            p++;
        }
        return p;
    }

    /** {@code (+45)}, {@code (-18)}, {@code (\x02-48213\x02)} → the number; {@code NO_SIZE} when empty or odd. */
    static int size(String s, int from, int to) {
        int i = from;
        if (i >= to || s.charAt(i) != '(') {
            return RcEvent.NO_SIZE;
        }
        i++;
        if (i < to && s.charAt(i) == IrcText.BOLD) {
            i++;
        }
        boolean negative = false;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        int digits = 0;
        while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && digits < 11) {
            v = v * 10 + (s.charAt(i) - '0');
            i++;
            digits++;
        }
        if (digits == 0 || v > Integer.MAX_VALUE) {
            return RcEvent.NO_SIZE;
        }
        if (i < to && s.charAt(i) == IrcText.BOLD) {
            i++;
        }
        if (i >= to || s.charAt(i) != ')') {
            return RcEvent.NO_SIZE;
        }
        return (int) (negative ? -v : v);
    }

    /**
     * Reads the decimal digits (at most 18) of {@code s} from {@code j} on, before {@code end}, into {@link #number}
     * (0 when there are none); returns the position after them.
     */
    private int digits(String s, int j, int end) {
        long v = 0;
        for (int stop = Math.min(end, j + 18); j < stop; j++) {
            int d = s.charAt(j) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            v = v * 10 + d;
        }
        number = v;
        return j;
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
