package org.vigie.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.vigie.config.BotConfig;
import org.vigie.lists.Lists;
import org.vigie.store.Audit;
import org.vigie.store.Database;
import org.vigie.store.ListStore;
import org.vigie.store.SeedFiles;

/** {@code import DIR} and {@code export DIR}: the lists between the database and seed files. */
public final class ListFiles {

    private ListFiles() {
    }

    public static int run(String mode, String configFile, List<String> args, PrintStream out, PrintStream err)
            throws IOException {
        if (args.size() != 1) {
            err.println(mode + " needs a folder\n" + Main.USAGE);
            return 2;
        }
        BotConfig cfg = RunMode.config(configFile);
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(cfg.get("db.url"))) {
            ListStore store = new ListStore(db, new Audit(db, clock), new Lists(), clock);
            store.loadAll();
            Path dir = Path.of(args.get(0));
            if (mode.equals("export")) {
                out.println(SeedFiles.export(dir, store));
            } else {
                out.println(SeedFiles.importAll(dir, store));
            }
        }
        return 0;
    }
}
