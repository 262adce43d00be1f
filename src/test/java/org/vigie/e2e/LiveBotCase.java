package org.vigie.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test that starts a {@link LiveBot} of its own in each method, in a fresh directory, and has it closed after the
 * method (after the subclass's own {@code @AfterEach} methods, which JUnit runs first).
 */
abstract class LiveBotCase {

    @TempDir
    Path dir;
    LiveBot bot;

    @AfterEach
    void closeBot() {
        if (bot != null) {
            bot.close();
        }
    }
}
