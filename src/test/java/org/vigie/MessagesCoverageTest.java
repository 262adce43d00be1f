package org.vigie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vigie.patrol.PluginException;

/** Every sentence lives in messages/: each key rendered anywhere in the code exists in English and in French. */
class MessagesCoverageTest {

    private static final Pattern RENDER = Pattern.compile("render\\(\"([a-z0-9_.]+)\"");

    private static Properties load(String lang) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("messages", lang + ".properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void everyRenderedKeyExistsInEveryLanguage() throws IOException {
        TreeSet<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            // Templates.java only names an example key in its documentation.
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("Templates.java")).toList()) {
                Matcher m = RENDER.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).endsWith(".")) { // a prefix completed at run time ("help.event." + key)
                        keys.add(m.group(1));
                    }
                }
            }
        }
        for (PluginException.Problem p : PluginException.Problem.values()) {
            keys.add(p.key());
        }
        assertTrue(keys.size() > 20, "the scan found the rendered keys: " + keys);
        for (String lang : new String[] {"en", "fr"}) {
            Properties p = load(lang);
            TreeSet<String> missing = new TreeSet<>();
            for (String k : keys) {
                if (!p.containsKey(k)) {
                    missing.add(k);
                }
            }
            assertEquals(new TreeSet<String>(), missing, "keys missing from messages/" + lang + ".properties");
        }
    }

    @Test
    void englishAndFrenchHaveTheSameKeys() throws IOException {
        TreeSet<String> en = new TreeSet<>(load("en").stringPropertyNames());
        TreeSet<String> fr = new TreeSet<>(load("fr").stringPropertyNames());
        TreeSet<String> onlyEn = new TreeSet<>(en);
        onlyEn.removeAll(fr);
        TreeSet<String> onlyFr = new TreeSet<>(fr);
        onlyFr.removeAll(en);
        assertEquals(new TreeSet<String>(), onlyEn, "keys only in English");
        assertEquals(new TreeSet<String>(), onlyFr, "keys only in French");
    }
}
