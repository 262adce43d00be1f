package org.vigie.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Escaping for the pages: every text that reaches HTML goes through {@link #text}, every attribute value through
 * {@link #attr}. Both escape the same five characters, so a wiki title like {@code "><img src=x onerror=…>} stays text
 * wherever it lands. Control characters (IRC colour codes that a summary may carry) are dropped.
 */
final class Html {

    private Html() {
    }

    /** Text for an element's content or a quoted attribute value. */
    static String text(Object value) {
        String s = value == null ? "" : value.toString();
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> c < 0x20 && c != '\t' || c == 0x7f ? "" : null;
            };
            if (rep != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (rep != null) {
                    b.append(rep);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** A quoted attribute value (the quotes included). */
    static String attr(Object value) {
        return '"' + text(value) + '"';
    }

    /** A link's address: only http(s) addresses are written; anything else gives no link at all. */
    static boolean linkable(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://"));
    }

    /** A query parameter's value. */
    static String query(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
