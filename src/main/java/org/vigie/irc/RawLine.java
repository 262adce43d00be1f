package org.vigie.irc;

/**
 * A reusable view over one raw IRC line ({@code [@tags] [:prefix] COMMAND params [:trailing]}), parsed by index
 * arithmetic so that the reader thread allocates only the substrings it actually asks for.
 *
 * <p>Not thread-safe: one instance per reader thread, refilled by {@link #parse(String)} for every line.
 */
public final class RawLine {

    private String line = "";
    private int prefixStart;   // first char after ':' of the prefix, or -1 when there is no prefix
    private int prefixEnd;
    private int nickEnd;       // end of the nick inside the prefix ('!' or '@' or prefixEnd)
    private int userStart;     // after '!', -1 when absent
    private int hostStart;     // after '@', -1 when absent
    private int commandStart;
    private int commandEnd;
    private int paramsStart;   // first char of the parameters (may equal line.length())

    /** Fills this view with {@code raw}; false when the line has no command (blank or malformed). */
    public boolean parse(String raw) {
        line = raw;
        int n = raw.length();
        int i = 0;
        if (i < n && raw.charAt(i) == '@') {
            int sp = raw.indexOf(' ', i);
            if (sp < 0) {
                return false;
            }
            i = skipSpaces(raw, sp);
        }
        prefixStart = -1;
        prefixEnd = -1;
        nickEnd = -1;
        userStart = -1;
        hostStart = -1;
        if (i < n && raw.charAt(i) == ':') {
            int sp = raw.indexOf(' ', i);
            if (sp < 0) {
                return false;
            }
            prefixStart = i + 1;
            prefixEnd = sp;
            nickEnd = prefixEnd;
            for (int j = prefixStart; j < prefixEnd; j++) {
                char c = raw.charAt(j);
                if (c == '!' && userStart < 0 && hostStart < 0) {
                    nickEnd = Math.min(nickEnd, j);
                    userStart = j + 1;
                } else if (c == '@' && hostStart < 0) {
                    nickEnd = Math.min(nickEnd, j);
                    hostStart = j + 1;
                }
            }
            i = skipSpaces(raw, sp);
        }
        if (i >= n) {
            return false;
        }
        commandStart = i;
        int sp = raw.indexOf(' ', i);
        commandEnd = sp < 0 ? n : sp;
        paramsStart = sp < 0 ? n : skipSpaces(raw, sp);
        return commandEnd > commandStart;
    }

    private static int skipSpaces(String s, int i) {
        int n = s.length();
        while (i < n && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    String raw() {
        return line;
    }

    /**
     * The value of the IRCv3 message tag {@code key} ({@code @account=alice;time=… :nick!u@h PRIVMSG …}), unescaped;
     * {@code ""} for a tag without a value; {@code null} when the line has no such tag.
     */
    String tag(String key) {
        if (line.isEmpty() || line.charAt(0) != '@') {
            return null;
        }
        int end = line.indexOf(' ');
        if (end < 0) {
            return null;
        }
        int i = 1;
        while (i < end) {
            int semi = line.indexOf(';', i);
            int stop = semi < 0 || semi > end ? end : semi;
            int eq = line.indexOf('=', i);
            int keyEnd = eq < 0 || eq > stop ? stop : eq;
            if (keyEnd - i == key.length() && line.regionMatches(i, key, 0, key.length())) {
                return keyEnd == stop ? "" : unescapeTag(line, keyEnd + 1, stop);
            }
            i = stop + 1;
        }
        return null;
    }

    private static String unescapeTag(String s, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < to) {
                char n = s.charAt(++i);
                switch (n) {
                    case ':' -> sb.append(';');
                    case 's' -> sb.append(' ');
                    case 'r' -> sb.append('\r');
                    case 'n' -> sb.append('\n');
                    default -> sb.append(n);
                }
            } else if (c != '\\') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    boolean isCommand(String command) {
        int len = commandEnd - commandStart;
        return len == command.length() && line.regionMatches(true, commandStart, command, 0, len);
    }

    /** Everything after the command, as received ({@code ":token"} for a PING). */
    public String paramsRaw() {
        return line.substring(paramsStart);
    }

    public String command() {
        return line.substring(commandStart, commandEnd);
    }

    /** True when the prefix names a user ({@code nick!user@host}), not a server. */
    boolean fromUser() {
        return userStart > 0 && hostStart > userStart;
    }

    /** True when the prefix's nick equals {@code nick}, ignoring ASCII case (IRC nicks compare that way). */
    boolean nickEqualsIgnoreCase(String nick) {
        int len = nickEnd - prefixStart;
        return prefixStart >= 0 && len == nick.length() && line.regionMatches(true, prefixStart, nick, 0, len);
    }

    public String nick() {
        return prefixStart < 0 ? "" : line.substring(prefixStart, nickEnd);
    }

    String login() {
        if (userStart < 0) {
            return "";
        }
        int end = hostStart > userStart ? hostStart - 1 : prefixEnd;
        return line.substring(userStart, end);
    }

    String host() {
        return hostStart < 0 ? "" : line.substring(hostStart, prefixEnd);
    }

    /** Start index of parameter {@code index} (0-based), or -1. A trailing parameter's index points after its ':'. */
    private int paramStart(int index) {
        int i = paramsStart;
        int n = line.length();
        for (int k = 0; i < n; k++) {
            if (line.charAt(i) == ':') {
                return k == index ? i + 1 : -1;
            }
            if (k == index) {
                return i;
            }
            int sp = line.indexOf(' ', i);
            if (sp < 0) {
                return -1;
            }
            i = skipSpaces(line, sp);
        }
        return -1;
    }

    /** Parameter {@code index} (0-based, the trailing one included without its ':'), or {@code null}. */
    public String param(int index) {
        int start = paramStart(index);
        if (start < 0) {
            return null;
        }
        if (start > 0 && line.charAt(start - 1) == ':' && start - 1 >= paramsStart) {
            return line.substring(start);
        }
        int sp = line.indexOf(' ', start);
        return line.substring(start, sp < 0 ? line.length() : sp);
    }

    /** For PRIVMSG/NOTICE: true when the first parameter (the target) starts with {@code c}. */
    boolean targetStartsWith(char c) {
        return paramsStart < line.length() && line.charAt(paramsStart) == c;
    }

    /** The first parameter without its first {@code skip} characters ({@code target(1)}: a channel without '#'). */
    String target(int skip) {
        int sp = line.indexOf(' ', paramsStart);
        int end = sp < 0 ? line.length() : sp;
        return line.substring(Math.min(paramsStart + skip, end), end);
    }

    /**
     * The text of a PRIVMSG/NOTICE, exactly as received (colours, formatting and surrounding spaces intact):
     * everything after {@code " :"} following the target, or the second word when the sender omitted the colon.
     */
    String text() {
        int sp = line.indexOf(' ', paramsStart);
        if (sp < 0) {
            return "";
        }
        int i = skipSpaces(line, sp);
        if (i < line.length() && line.charAt(i) == ':') {
            return line.substring(i + 1);
        }
        int end = line.indexOf(' ', i);
        return line.substring(i, end < 0 ? line.length() : end);
    }
}
