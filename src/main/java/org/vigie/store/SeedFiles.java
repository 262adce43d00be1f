package org.vigie.store;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;

/**
 * The plain-text seed lists of the top-level {@code lists/} folder: one file per list, named for its command
 * ({@code bl.txt}, {@code cvp.txt}, {@code bnu.txt}…), one entry a line in the command syntax:
 *
 * <pre>
 * # a comment line
 * Vandale123 r=vandalisme répété
 * Tour Eiffel p=fr.wikipedia x=24 r=cible fréquente
 * /h[a4]ck[e3]r/ r=pseudonymes provocateurs
 * </pre>
 *
 * <p>The item is everything before the first {@code " p="}, {@code " x="} or {@code " r="}; the options follow in any
 * order, each value running to the next option. {@code p=} is the wiki (absent or {@code *}: global), {@code x=} the
 * expiry, either hours from the import ({@code x=24}, {@code x=0.5}) or an instant ({@code x=2026-01-31T12:00:00Z}),
 * absent for never; {@code r=} the reason. Option names are lower case. A line whose first visible character is
 * {@code #} is a comment, so an item cannot start with {@code #}.
 *
 * <p>Export writes the entries that operators own ({@link Entry.Source#OPERATOR}), with absolute expiries, so that
 * importing an export gives back the same entries (list, wiki, item, reason, expiry; the adder becomes {@code seed}).
 * Automatic entries (greylist, block blacklisting) are short-lived and wiki entries (admins, bots) are fetched again
 * from the wikis, so neither is exported.
 */
public final class SeedFiles {

    /** The key/value flag set once the seeds have been imported. */
    public static final String IMPORTED_FLAG = "seeds.imported";
    static final Actor SEED = Actor.system("seed import");

    /** What an import did. */
    public record ImportReport(boolean ran, int added, int expired, List<String> problems) {
        public int bad() {
            return problems.size();
        }
    }

    /** What an export did: entries written, and entries that the file syntax cannot carry (listed, not written). */
    public record ExportReport(int written, List<String> skipped) {
    }

    /** One parsed line. {@code expiry} is the raw {@code x=} value or {@code null}. */
    record Line(String item, String wiki, String expiry, String reason) {
    }

    private SeedFiles() {
    }

    /**
     * Imports the seed folder on the first start only: does nothing if the flag is set or the folder is missing.
     * Bad lines are counted and reported, never fatal.
     */
    public static ImportReport importOnce(Path dir, ListStore store, ConfigStore config) {
        if (config.get(IMPORTED_FLAG) != null || !Files.isDirectory(dir)) {
            return new ImportReport(false, 0, 0, List.of());
        }
        ImportReport r = importAll(dir, store);
        config.put(IMPORTED_FLAG, Instant.ofEpochMilli(store.clock().millis()) + " added=" + r.added()
                + " bad=" + r.bad());
        return r;
    }

    /** Imports every {@code <list>.txt} of the folder, one transaction per file; existing entries are replaced. */
    public static ImportReport importAll(Path dir, ListStore store) {
        List<String> problems = new ArrayList<>();
        int added = 0;
        int expired = 0;
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.txt")) {
            ds.forEach(files::add);
        } catch (IOException ex) {
            problems.add(dir + ": " + ex.getMessage());
            return new ImportReport(true, 0, 0, problems);
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path file : files) {
            String name = file.getFileName().toString();
            ListKind kind = ListKind.fromCommand(name.substring(0, name.length() - 4));
            if (kind == null) {
                problems.add(name + ": no list of that name");
                continue;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (CharacterCodingException ex) {
                problems.add(name + ": not UTF-8");
                continue;
            } catch (IOException ex) {
                problems.add(name + ": " + ex.getMessage());
                continue;
            }
            long now = store.clock().millis();
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (int n = 0; n < lines.size(); n++) {
                String raw = n == 0 && lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(n);
                String t = raw.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                try {
                    Entry e = store.validate(toEntry(kind, parse(t), now), SEED);
                    entries.put(e.wiki() + '\n' + Lists.key(kind, e.item()), e);
                } catch (ExpiredException ex) {
                    expired++;
                } catch (IllegalArgumentException ex) {
                    problems.add(name + ":" + (n + 1) + ": " + ex.getMessage());
                }
            }
            added += store.addAll(kind, entries.values(), SEED, "from " + name);
        }
        return new ImportReport(true, added, expired, problems);
    }

    /** An absolute expiry already in the past: skipped, not an error. */
    private static final class ExpiredException extends IllegalArgumentException {
        ExpiredException() {
            super("already expired");
        }
    }

    /**
     * Splits one non-comment line.
     *
     * @throws IllegalArgumentException for an empty item, an empty or repeated option
     */
    static Line parse(String line) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 0; i + 3 <= line.length(); i++) {
            if (line.charAt(i) == ' ' && line.charAt(i + 2) == '=' && "pxr".indexOf(line.charAt(i + 1)) >= 0) {
                cuts.add(i);
            }
        }
        String item = (cuts.isEmpty() ? line : line.substring(0, cuts.get(0))).strip();
        if (item.isEmpty() || item.length() >= 2 && item.charAt(1) == '=' && "pxr".indexOf(item.charAt(0)) >= 0) {
            throw new IllegalArgumentException("no item before the options");
        }
        String wiki = null;
        String expiry = null;
        String reason = null;
        for (int k = 0; k < cuts.size(); k++) {
            int from = cuts.get(k);
            int to = k + 1 < cuts.size() ? cuts.get(k + 1) : line.length();
            char option = line.charAt(from + 1);
            String value = line.substring(from + 3, to).strip();
            switch (option) {
                case 'p' -> {
                    if (wiki != null) {
                        throw new IllegalArgumentException("p= given twice");
                    }
                    wiki = value;
                }
                case 'x' -> {
                    if (expiry != null) {
                        throw new IllegalArgumentException("x= given twice");
                    }
                    if (value.isEmpty()) {
                        throw new IllegalArgumentException("x= without a value");
                    }
                    expiry = value;
                }
                default -> {
                    if (reason != null) {
                        throw new IllegalArgumentException("r= given twice");
                    }
                    reason = value;
                }
            }
        }
        return new Line(item, wiki, expiry, reason);
    }

    private static Entry toEntry(ListKind kind, Line l, long now) {
        long expires = Entry.NEVER;
        if (l.expiry() != null) {
            expires = expiry(l.expiry(), now);
            if (expires <= now) {
                throw new ExpiredException();
            }
        }
        return new Entry(kind, ListStore.normaliseWiki(l.wiki()), l.item(), "seed", l.reason() == null ? "" : l.reason(),
                now, expires, Entry.Source.OPERATOR);
    }

    private static long expiry(String x, long now) {
        if (x.indexOf('T') > 0) {
            try {
                return Instant.parse(x).toEpochMilli();
            } catch (DateTimeParseException ex) {
                throw new IllegalArgumentException("x= is neither hours nor an instant like 2026-01-31T12:00:00Z");
            }
        }
        double hours;
        try {
            hours = Double.parseDouble(x);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("x= is neither hours nor an instant like 2026-01-31T12:00:00Z");
        }
        if (!(hours > 0) || hours > 24 * 365 * 100) {
            throw new IllegalArgumentException("x= hours must be positive");
        }
        return now + Math.round(hours * 3_600_000d);
    }

    /**
     * Writes the operators' live entries back, one file per list, in the syntax above. A list's file is written when
     * the list has entries or the file already exists (so an emptied list does not come back from a stale file).
     */
    public static ExportReport export(Path dir, ListStore store) throws IOException {
        Files.createDirectories(dir);
        List<String> skipped = new ArrayList<>();
        int written = 0;
        for (ListKind kind : ListKind.values()) {
            List<Entry> entries = new ArrayList<>();
            for (Entry e : store.entries(kind)) {
                if (e.source() == Entry.Source.OPERATOR) {
                    entries.add(e);
                }
            }
            Path file = dir.resolve(kind.command() + ".txt");
            if (entries.isEmpty() && !Files.exists(file)) {
                continue;
            }
            entries.sort(Comparator.comparing((Entry e) -> e.isGlobal() ? "" : e.wiki())
                    .thenComparing(Entry::item));
            StringBuilder b = new StringBuilder();
            b.append("# ").append(kind.command()).append(" (").append(kind.label()).append("), exported by Vigie\n");
            b.append("# item [p=wiki] [x=hours or instant] [r=reason]\n");
            for (Entry e : entries) {
                String line = format(e);
                if (line == null) {
                    skipped.add(kind.command() + " " + e.item());
                    continue;
                }
                b.append(line).append('\n');
                written++;
            }
            Path tmp = dir.resolve(kind.command() + ".txt.tmp");
            Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return new ExportReport(written, skipped);
    }

    /** One line for an entry, or {@code null} when the syntax cannot carry it (an option token inside its text). */
    static String format(Entry e) {
        if (e.item().startsWith("#") || hasOptionToken(e.item()) || hasOptionToken(e.reason())) {
            return null;
        }
        StringBuilder b = new StringBuilder(e.item());
        if (!e.isGlobal()) {
            b.append(" p=").append(e.wiki());
        }
        if (e.expiresMillis() != Entry.NEVER) {
            b.append(" x=").append(Instant.ofEpochMilli(e.expiresMillis()));
        }
        if (!e.reason().isEmpty()) {
            b.append(" r=").append(e.reason());
        }
        return b.toString();
    }

    private static boolean hasOptionToken(String s) {
        for (int i = 0; i + 3 <= s.length(); i++) {
            if (s.charAt(i) == ' ' && s.charAt(i + 2) == '=' && "pxr".indexOf(s.charAt(i + 1)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
