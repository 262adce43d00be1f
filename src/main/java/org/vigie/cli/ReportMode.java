package org.vigie.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.vigie.config.BotConfig;
import org.vigie.i18n.Templates;
import org.vigie.report.ActivityStore;
import org.vigie.report.Report;
import org.vigie.store.Database;

/**
 * {@code report [--since 24h] [--json]}: the report of a period, from the database, for cron users. With an embedded
 * H2 file the bot must be stopped (H2 locks the file), or {@code db.url} must point to a shared server.
 */
public final class ReportMode {

    private ReportMode() {
    }

    public static int run(String configFile, List<String> args, PrintStream out, PrintStream err) throws IOException {
        long sinceMillis = 24 * 3_600_000L;
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--since") && i + 1 < args.size()) {
                sinceMillis = period(args.get(++i));
                if (sinceMillis <= 0) {
                    err.println("--since: a period such as 24h, 7d or 90m, got " + args.get(i));
                    return 2;
                }
            } else {
                err.println("report takes [--since 24h] [--json]\n" + Main.USAGE);
                return 2;
            }
        }
        BotConfig cfg = RunMode.config(configFile);
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(cfg.get("db.url"))) {
            long now = clock.millis();
            Report r = Report.build(new ActivityStore(db), now - sinceMillis, now);
            if (json) {
                ObjectMapper m = new ObjectMapper();
                out.println(m.writeValueAsString(r.json(m)));
            } else {
                Path dir = Path.of(cfg.get("messages.dir"));
                Templates t = Files.isDirectory(dir) ? Templates.load(dir, cfg.get("lang"))
                        : Templates.loadResource(cfg.get("lang"));
                out.println(r.richText(t));
            }
        }
        return 0;
    }

    /** {@code 24h}, {@code 7d}, {@code 90m} in milliseconds; -1 when unreadable. */
    static long period(String s) {
        if (s.length() < 2) {
            return -1;
        }
        long unit = switch (s.charAt(s.length() - 1)) {
            case 'm' -> 60_000L;
            case 'h' -> 3_600_000L;
            case 'd' -> 86_400_000L;
            default -> -1;
        };
        try {
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return unit < 0 || n <= 0 || n > 10_000 ? -1 : n * unit;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
