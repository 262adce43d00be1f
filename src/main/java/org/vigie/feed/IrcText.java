package org.vigie.feed;

/** The colour codes MediaWiki writes into a feed text, and their removal. */
final class IrcText {

    static final char COLOUR = '\u0003';
    static final char BOLD = '\u0002';

    private IrcText() {
    }

    /**
     * Removes colour codes ({@code \x03} and up to two digits; no background: MediaWiki never writes one, and a
     * title such as {@code ,5 Foo} right after a code must survive). Returns the same instance when there is none.
     */
    static String stripColours(String s) {
        int c = s.indexOf(COLOUR);
        if (c < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (c >= 0) {
            b.append(s, i, c);
            i = c + 1;
            for (int d = 0; d < 2 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; d++) {
                i++;
            }
            c = s.indexOf(COLOUR, i);
        }
        return b.append(s, i, s.length()).toString();
    }

    /**
     * The log entry's target as MediaWiki re-coloured it in a log text ({@code [[\x0302target\x0310]]}), or null.
     * MediaWiki re-colours only an exact {@code [[target]]}, so this is the entry's own target when present.
     */
    static String colouredTarget(String raw) {
        int open = raw.indexOf("[[\u000302");
        if (open < 0) {
            return null;
        }
        int from = open + 5;
        int close = raw.indexOf("\u000310]]", from);
        return close < 0 ? null : raw.substring(from, close);
    }

    /** MediaWiki's {@code cleanupForIRC}: newlines become spaces, carriage returns go. */
    static String cleanup(String s) {
        if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace("\r", "").replace('\n', ' ');
    }
}
