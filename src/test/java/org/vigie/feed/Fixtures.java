package org.vigie.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shared recorded fixtures (../shared/fixtures, see SOURCES.md there). */
final class Fixtures {

    private Fixtures() {
    }

    static Path shared() {
        return Path.of(System.getProperty("vigie.shared", "../shared"));
    }

    static List<String> lines(String relative) {
        try {
            return Files.readAllLines(shared().resolve("fixtures").resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String relative) {
        try {
            return Files.readString(shared().resolve("fixtures").resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 172 real lines of eyeinthesky (en/meta 2018–2024), raw colour codes kept. */
    static List<String> eyeInTheSky() {
        return lines("irc/eyeinthesky_irc_lines.raw.txt");
    }

    /** Line {@code n} of eyeinthesky, counting from 1 as an editor shows it. */
    static String eyeInTheSky(int n) {
        return eyeInTheSky().get(n - 1);
    }
}
