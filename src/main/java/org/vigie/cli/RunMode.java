package org.vigie.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.vigie.Vigie;
import org.vigie.config.BotConfig;

/** {@code run}: the bot itself, until it is stopped (the shutdown command, SIGTERM). */
public final class RunMode {

    private RunMode() {
    }

    /** bot.properties, or the file given with {@code --config} (which must then exist). */
    static BotConfig config(String configFile) throws IOException {
        return BotConfig.load(Path.of(configFile == null ? "bot.properties" : configFile), configFile != null,
                System.getenv());
    }

    public static int run(String configFile, List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (!args.isEmpty()) {
            err.println("run takes no argument besides --config FILE\n" + Main.USAGE);
            return 2;
        }
        Vigie v = new Vigie(config(configFile), Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            v.close();
        }, "sigterm"));
        try {
            v.start();
        } catch (IOException | RuntimeException e) {
            v.close();      // what started is stopped and the database closed: the error is the last word
            throw e;
        }
        v.awaitStop();
        return 0;
    }
}
