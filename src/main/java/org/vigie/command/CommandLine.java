package org.vigie.command;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a command line: is it addressed to the bot, what are its words and options.
 *
 * <p>Addressing: in a channel the line must start with the bot's nick or its pseudonym (case-insensitive, IRC case
 * mapping), followed by a space, {@code :} or {@code ,}: {@code Vigie bl add Foo}, {@code Vigie: bl add Foo},
 * {@code vigie, status}. In a private message no prefix is needed; one is tolerated.
 *
 * <p>Words and options: words are separated by spaces. {@code x=}, {@code r=} and {@code p=} are options, accepted in
 * any order after the command. {@code x=} and {@code p=} take one word. {@code r=} takes everything after it up to the
 * next word starting with {@code x=} or {@code p=}, or to the end of the line; write {@code r="..."} to put such a
 * word inside a reason. A word in double quotes ({@code "X=Y"}) is never an option and may hold spaces.
 * CR, LF and NUL in the line are read as spaces.
 */
public final class CommandLine {

    /** How a command reached the bot. */
    public enum Via { NICK, PSEUDONYM, PRIVATE }

    /** A line addressed to the bot: its command text without the address. */
    public record Addressed(String body, Via via) {
    }

    /**
     * A word of the command text.
     *
     * @param text         the word, without its quotes
     * @param quoted       it was written in double quotes (never an option)
     * @param quotedReason it was written {@code r="..."}; {@code text} is the reason
     */
    public record Token(String text, boolean quoted, boolean quotedReason) {
    }

    /** The largest {@code x=} accepted: ten years. */
    public static final double MAX_HOURS = 24 * 365 * 10;

    private CommandLine() {
    }

    /**
     * The command text if the line is addressed to the bot, else {@code null}.
     *
     * @param pseudonym the other name the bot answers to, empty or null for none
     */
    public static Addressed recognise(String text, String botNick, String pseudonym, boolean privateMessage) {
        if (text == null) {
            return null;
        }
        String line = clean(text).strip();
        int end = 0;
        while (end < line.length() && !isSpace(line.charAt(end))) {
            end++;
        }
        String first = line.substring(0, end);
        String name = first;
        if (name.endsWith(":") || name.endsWith(",")) {
            name = name.substring(0, name.length() - 1);
        }
        Via via = null;
        if (!name.isEmpty() && botNick != null && ircEquals(name, botNick)) {
            via = Via.NICK;
        } else if (!name.isEmpty() && pseudonym != null && !pseudonym.isBlank() && ircEquals(name, pseudonym.strip())) {
            via = Via.PSEUDONYM;
        }
        String body;
        if (via != null) {
            body = line.substring(end).strip();
        } else if (privateMessage) {
            body = line;
        } else {
            return null;
        }
        if (privateMessage) {
            via = Via.PRIVATE;
        }
        return body.isEmpty() ? null : new Addressed(body, via);
    }

    /** Splits command text into words, honouring double quotes. */
    public static List<Token> tokens(String body) {
        List<Token> out = new ArrayList<>();
        String s = clean(body);
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            boolean reasonQuote = i + 2 < n && (s.charAt(i) == 'r' || s.charAt(i) == 'R') && s.charAt(i + 1) == '='
                    && s.charAt(i + 2) == '"';
            int open = reasonQuote ? i + 2 : (s.charAt(i) == '"' ? i : -1);
            if (open >= 0) {
                int close = closingQuote(s, open + 1);
                if (close > 0) {
                    out.add(new Token(s.substring(open + 1, close), !reasonQuote, reasonQuote));
                    i = close + 1;
                    continue;
                }
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) {
                i++;
            }
            out.add(new Token(s.substring(start, i), false, false));
        }
        return out;
    }

    /**
     * Reads the arguments of a command.
     *
     * @param tokens  the words after the command's name (and subcommand)
     * @param min     the fewest positional words the command needs
     * @param max     the most; the last takes the rest of the line (joined by single spaces)
     * @param allowed the options the command accepts
     * @throws UsageException when the line does not fit
     */
    public static Args parse(List<Token> tokens, int min, int max, Set<Opt> allowed) throws UsageException {
        List<String> words = new ArrayList<>();
        Set<Opt> seen = EnumSet.noneOf(Opt.class);
        double hours = 0;
        String reason = null;
        String wiki = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Opt opt = t.quotedReason() ? Opt.R : optionOf(t);
            if (opt == null) {
                words.add(t.text());
                continue;
            }
            if (!allowed.contains(opt)) {
                throw new UsageException("cmd.why.option", "option", opt.letter() + "=");
            }
            if (!seen.add(opt)) {
                throw new UsageException("cmd.why.twice", "option", opt.letter() + "=");
            }
            String value = t.quotedReason() ? t.text() : t.text().substring(2);
            switch (opt) {
                case X -> hours = hours(value);
                case P -> {
                    wiki = Wikis.normalise(value);
                    if (wiki == null) {
                        throw new UsageException("cmd.why.wiki", "wiki", value);
                    }
                }
                case R -> {
                    if (t.quotedReason()) {
                        reason = value;
                        break;
                    }
                    StringBuilder sb = new StringBuilder(value);
                    while (i + 1 < tokens.size()) {
                        Token next = tokens.get(i + 1);
                        Opt o = next.quotedReason() ? Opt.R : optionOf(next);
                        if (o == Opt.X || o == Opt.P || next.quotedReason()) {
                            break;
                        }
                        if (sb.length() > 0) {
                            sb.append(' ');
                        }
                        sb.append(next.quoted() ? '"' + next.text() + '"' : next.text());
                        i++;
                    }
                    reason = sb.toString();
                }
            }
        }
        if (words.size() < min) {
            throw new UsageException(null);
        }
        if (words.size() > max) {
            if (max == 0) {
                throw new UsageException(null);
            }
            List<String> joined = new ArrayList<>(words.subList(0, max - 1));
            joined.add(String.join(" ", words.subList(max - 1, words.size())));
            words = joined;
        }
        return new Args(words, hours, reason, wiki);
    }

    private static Opt optionOf(Token t) {
        if (t.quoted() || t.text().length() < 2 || t.text().charAt(1) != '=') {
            return null;
        }
        return switch (Character.toLowerCase(t.text().charAt(0))) {
            case 'x' -> Opt.X;
            case 'r' -> Opt.R;
            case 'p' -> Opt.P;
            default -> null;
        };
    }

    /** Hours as typed: {@code 24}, {@code 1.5}, {@code 1,5}; 0 means the default. */
    static double hours(String value) throws UsageException {
        String v = value.strip().replace(',', '.');
        if (!v.matches("\\d{1,7}(\\.\\d{1,6})?|\\.\\d{1,6}")) {
            throw new UsageException("cmd.why.hours", "value", value);
        }
        double h = Double.parseDouble(v);
        if (h > MAX_HOURS) {
            throw new UsageException("cmd.why.hours", "value", value);
        }
        return h;
    }

    private static int closingQuote(String s, int from) {
        for (int j = from; j < s.length(); j++) {
            if (s.charAt(j) == '"' && (j + 1 == s.length() || isSpace(s.charAt(j + 1)))) {
                return j;
            }
        }
        return -1;
    }

    /** CR, LF and NUL become spaces: they must never reach an output line or the store. */
    static String clean(String s) {
        if (s.indexOf('\r') < 0 && s.indexOf('\n') < 0 && s.indexOf('\0') < 0) {
            return s;
        }
        return s.replace('\r', ' ').replace('\n', ' ').replace('\0', ' ');
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u00a0' || c == '\u202f';
    }

    /** Nick comparison with the IRC (rfc1459) case mapping: {@code []\~} are the upper case of {@code {}|^}. */
    public static boolean ircEquals(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (ircLower(a.charAt(i)) != ircLower(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char ircLower(char c) {
        return switch (c) {
            case '[' -> '{';
            case ']' -> '}';
            case '\\' -> '|';
            case '~' -> '^';
            default -> Character.toLowerCase(c);
        };
    }
}
