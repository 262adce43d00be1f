package org.vigie.command;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Small text helpers for replies. */
public final class Text {

    /** Longest reply line built here; the outbox splits by bytes anyway, this keeps lists readable. */
    public static final int LINE_CHARS = 350;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Text() {
    }

    /** {@code 2026-11-23 12:00 UTC}. */
    public static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A short duration: {@code 45 s}, {@code 12 min}, {@code 5 h 3 min}, {@code 90 d}, {@code 2 d 4 h}. */
    public static String duration(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s < 60) {
            return s + " s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + " min";
        }
        long h = m / 60;
        if (h < 24) {
            return m % 60 == 0 ? h + " h" : h + " h " + (m % 60) + " min";
        }
        long d = h / 24;
        return h % 24 == 0 ? d + " d" : d + " d " + (h % 24) + " h";
    }

    /**
     * A count with its noun, in the form its number takes: {@code <key>.one} or {@code <key>.other} with {@code {n}}.
     * French uses the singular for 0 and 1, English for 1 only.
     */
    public static String count(org.vigie.i18n.Templates t, String key, long n) {
        boolean one = "fr".equals(t.lang()) ? n == 0 || n == 1 || n == -1 : n == 1 || n == -1;
        return t.render(key + (one ? ".one" : ".other"), "n", n);
    }

    /** {@link #duration(long)} with the day's unit in the bot's language ({@code 2 j 4 h} in French). */
    public static String duration(org.vigie.i18n.Templates t, long millis) {
        String d = duration(millis);
        int at = d.indexOf(" d");
        return at < 0 ? d : d.substring(0, at + 1) + t.render("cmd.unit.day") + d.substring(at + 2);
    }

    /** Makes text safe for one IRC line: CR, LF and NUL become spaces. */
    public static String oneLine(String s) {
        return CommandLine.clean(s);
    }

    /** Removes IRC bold, colour, italics, underline, reset and the rarer codes (for HELP.md and tests). */
    public static String plain(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0003') {
                int j = i + 1;
                int d = 0;
                while (j < s.length() && d < 2 && Character.isDigit(s.charAt(j))) {
                    j++;
                    d++;
                }
                if (d > 0 && j + 1 < s.length() && s.charAt(j) == ',' && Character.isDigit(s.charAt(j + 1))) {
                    j++;
                    int d2 = 0;
                    while (j < s.length() && d2 < 2 && Character.isDigit(s.charAt(j))) {
                        j++;
                        d2++;
                    }
                }
                i = j - 1;
            } else if (c != '\u0002' && c != '\u000f' && c != '\u001d' && c != '\u001f' && c != '\u0011'
                    && c != '\u001e' && c != '\u0016') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Packs items into lines of at most {@link #LINE_CHARS}, the first starting with {@code head}. */
    public static List<String> pack(String head, List<String> items, String separator) {
        List<String> lines = new ArrayList<>();
        StringBuilder sb = new StringBuilder(head);
        boolean first = true;
        for (String item : items) {
            if (!first && sb.length() + separator.length() + item.length() > LINE_CHARS) {
                lines.add(sb.toString());
                sb.setLength(0);
                first = true;
            }
            if (!first) {
                sb.append(separator);
            }
            sb.append(item);
            first = false;
        }
        if (sb.length() > 0) {
            lines.add(sb.toString());
        }
        return lines;
    }
}
