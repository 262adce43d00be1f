package org.vigie.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Every sentence the bot says, read from {@code messages/<lang>.properties} (UTF-8), falling back to
 * {@code messages/en.properties} key by key.
 *
 * <p>Message syntax: {@code {name}} is a placeholder; {@code %B} bold, {@code %Cnn} colour nn (two digits),
 * {@code %Cnn,mm} colour with background, {@code %I} italics, {@code %U} underline, {@code %O} reset,
 * {@code %%} a percent sign. Each message is compiled once into segments, so rendering is a string build only.
 * Values put into placeholders are not interpreted (a {@code %B} in a page title stays text).
 */
public final class Templates {

    // Swapped as a whole by reload(): readers see either the old set or the new one.
    private volatile Map<String, Compiled> messages;
    private final String lang;
    private final Path dir;

    private Templates(String lang, Map<String, Compiled> messages, Path dir) {
        this.lang = lang;
        this.messages = messages;
        this.dir = dir;
    }

    /** Loads {@code dir/<lang>.properties} over {@code dir/en.properties}. */
    public static Templates load(Path dir, String lang) throws IOException {
        return new Templates(lang, compileAll(read(dir.resolve("en.properties")),
                "en".equals(lang) ? new Properties() : read(dir.resolve(lang + ".properties"))), dir);
    }

    /**
     * Reads the message files again ({@code config readmsgs}); a file that cannot be read leaves the current
     * sentences in place. Templates loaded from the class path or from properties have nothing to re-read.
     *
     * @return the number of messages now loaded
     */
    public int reload() throws IOException {
        if (dir != null) {
            messages = compileAll(read(dir.resolve("en.properties")),
                    "en".equals(lang) ? new Properties() : read(dir.resolve(lang + ".properties")));
        }
        return messages.size();
    }

    /** Loads from the class path ({@code /messages/...}), for tests and for a jar run without a messages folder. */
    public static Templates loadResource(String lang) throws IOException {
        Properties en = readResource("/messages/en.properties");
        Properties own = "en".equals(lang) ? en : readResource("/messages/" + lang + ".properties");
        return fromProperties(lang, en, own);
    }

    public static Templates fromProperties(String lang, Properties fallback, Properties own) {
        return new Templates(lang, compileAll(fallback, own), null);
    }

    private static Map<String, Compiled> compileAll(Properties fallback, Properties own) {
        Map<String, Compiled> m = new HashMap<>();
        for (String k : fallback.stringPropertyNames()) {
            m.put(k, compile(fallback.getProperty(k)));
        }
        for (String k : own.stringPropertyNames()) {
            m.put(k, compile(own.getProperty(k)));
        }
        return m;
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        } else {
            throw new IOException("message file not found: " + file);
        }
        return p;
    }

    private static Properties readResource(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Templates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("message resource not found: " + name);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    public String lang() {
        return lang;
    }

    public boolean has(String key) {
        return messages.containsKey(key);
    }

    /**
     * Renders a message. {@code args} are name/value pairs: {@code render("reply.added", "item", "Foo", "list", "bl")}.
     * A missing message renders as {@code [key]} so that a gap is visible, never an exception.
     */
    public String render(String key, Object... args) {
        Compiled c = messages.get(key);
        if (c == null) {
            return "[" + key + "]";
        }
        StringBuilder sb = new StringBuilder(c.sizeHint);
        for (Object seg : c.segments) {
            if (seg instanceof String s) {
                sb.append(s);
            } else {
                String name = ((Placeholder) seg).name;
                sb.append(lookup(name, args));
            }
        }
        return sb.toString();
    }

    /** Renders with a map of values. */
    public String render(String key, Map<String, ?> values) {
        Object[] args = new Object[values.size() * 2];
        int i = 0;
        for (Map.Entry<String, ?> e : values.entrySet()) {
            args[i++] = e.getKey();
            args[i++] = e.getValue();
        }
        return render(key, args);
    }

    private static String lookup(String name, Object[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (name.equals(args[i])) {
                Object v = args[i + 1];
                return v == null ? "" : v.toString();
            }
        }
        return "{" + name + "}";
    }

    private record Placeholder(String name) {
    }

    private record Compiled(List<Object> segments, int sizeHint) {
    }

    static Compiled compile(String text) {
        List<Object> segs = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (ch == '%' && i + 1 < n) {
                char f = text.charAt(i + 1);
                switch (f) {
                    case 'B' -> { lit.append('\u0002'); i++; }
                    case 'I' -> { lit.append('\u001d'); i++; }
                    case 'U' -> { lit.append('\u001f'); i++; }
                    case 'O' -> { lit.append('\u000f'); i++; }
                    case '%' -> { lit.append('%'); i++; }
                    case 'C' -> {
                        lit.append('\u0003');
                        i++;
                        int j = i + 1;
                        int digits = 0;
                        while (j < n && digits < 2 && Character.isDigit(text.charAt(j))) {
                            lit.append(text.charAt(j));
                            j++;
                            digits++;
                        }
                        if (digits > 0 && j + 1 < n && text.charAt(j) == ',' && Character.isDigit(text.charAt(j + 1))) {
                            lit.append(',');
                            j++;
                            int d2 = 0;
                            while (j < n && d2 < 2 && Character.isDigit(text.charAt(j))) {
                                lit.append(text.charAt(j));
                                j++;
                                d2++;
                            }
                        }
                        i = j - 1;
                    }
                    default -> lit.append(ch);
                }
            } else if (ch == '{') {
                int close = text.indexOf('}', i + 1);
                if (close > i + 1 && isName(text, i + 1, close)) {
                    if (lit.length() > 0) {
                        segs.add(lit.toString());
                        lit.setLength(0);
                    }
                    // interned: the names the callers pass are literals, so the lookup's equals is an identity
                    segs.add(new Placeholder(text.substring(i + 1, close).intern()));
                    i = close;
                } else {
                    lit.append(ch);
                }
            } else {
                lit.append(ch);
            }
        }
        if (lit.length() > 0) {
            segs.add(lit.toString());
        }
        return new Compiled(List.copyOf(segs), text.length() + 64);
    }

    private static boolean isName(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
