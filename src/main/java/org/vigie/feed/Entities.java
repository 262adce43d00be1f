package org.vigie.feed;

import java.util.Map;

/**
 * Decodes HTML character references as MediaWiki's {@code Sanitizer::decodeCharReferences} does for the feeds:
 * decimal ({@code &#32;}), hexadecimal ({@code &#x202F;}) and the named entities that occur in feed texts.
 * An unknown or malformed reference is kept as written, so nothing is lost.
 */
final class Entities {

    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", "\u00A0"), Map.entry("laquo", "«"), Map.entry("raquo", "»"),
            Map.entry("lsquo", "\u2018"), Map.entry("rsquo", "\u2019"), Map.entry("ldquo", "\u201C"),
            Map.entry("rdquo", "\u201D"), Map.entry("ndash", "\u2013"), Map.entry("mdash", "\u2014"),
            Map.entry("hellip", "\u2026"), Map.entry("lrm", "\u200E"), Map.entry("rlm", "\u200F"),
            Map.entry("thinsp", "\u2009"), Map.entry("ensp", "\u2002"), Map.entry("emsp", "\u2003"),
            Map.entry("zwj", "\u200D"), Map.entry("zwnj", "\u200C"), Map.entry("shy", "\u00AD"),
            Map.entry("copy", "©"), Map.entry("reg", "®"), Map.entry("deg", "°"), Map.entry("middot", "·"),
            Map.entry("times", "×"), Map.entry("eacute", "é"), Map.entry("egrave", "è"), Map.entry("agrave", "à"),
            Map.entry("ccedil", "ç"), Map.entry("ecirc", "ê"), Map.entry("euro", "€"));

    private Entities() {
    }

    static String decode(String s) {
        int amp = s.indexOf('&');
        if (amp < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (amp >= 0) {
            b.append(s, i, amp);
            int semi = s.indexOf(';', amp + 1);
            String decoded = semi < 0 || semi - amp > 33 ? null : reference(s, amp + 1, semi);
            if (decoded == null) {
                b.append('&');
                i = amp + 1;
            } else {
                b.append(decoded);
                i = semi + 1;
            }
            amp = s.indexOf('&', i);
        }
        return b.append(s, i, s.length()).toString();
    }

    private static String reference(String s, int from, int to) {
        if (from >= to) {
            return null;
        }
        if (s.charAt(from) != '#') {
            return NAMED.get(s.substring(from, to));
        }
        boolean hex = from + 1 < to && (s.charAt(from + 1) == 'x' || s.charAt(from + 1) == 'X');
        int start = hex ? from + 2 : from + 1;
        if (start >= to) {
            return null;
        }
        int cp = 0;
        for (int i = start; i < to; i++) {
            int d = Character.digit(s.charAt(i), hex ? 16 : 10);
            if (d < 0 || cp > 0x10FFFF) {
                return null;
            }
            cp = cp * (hex ? 16 : 10) + d;
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return null;
        }
        return new String(Character.toChars(cp));
    }
}
