package org.vigie.patrol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.vigie.config.Settings;
import org.vigie.feed.LogAction;
import org.vigie.feed.RcEvent;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.ListView;
import org.vigie.lists.WordMatch;

/**
 * Patrol cost per change, not a test: the wikiticker sample (39,244 real changes) plus one synthetic log entry every
 * ten changes, against lists that cost almost nothing, so that the patrol's own cost shows. Measures thread CPU time
 * (the machine is shared), prints the median and the minimum over the rounds.
 *
 * <pre>
 * mvn -q -o test-compile
 * J=~/.m2/repository/com/fasterxml/jackson/core
 * java -cp target/classes:target/test-classes:$J/jackson-databind/2.22.4/jackson-databind-2.22.4.jar:\
 * $J/jackson-core/2.22.4/jackson-core-2.22.4.jar:$J/jackson-annotations/2.22/jackson-annotations-2.22.jar \
 *   org.vigie.patrol.PatrolBench [sample.json.gz] [rounds]
 * </pre>
 */
public final class PatrolBench {

    private PatrolBench() {
    }

    /** A list view of hash lookups and {@code indexOf}, allocating only on a hit. */
    static final class CheapLists implements ListView {
        private final Map<ListKind, Map<String, Entry>> items = new EnumMap<>(ListKind.class);
        private final Map<ListKind, List<Entry>> words = new EnumMap<>(ListKind.class);

        void add(ListKind k, String item) {
            Entry e = new Entry(k, Entry.GLOBAL, item, "Op", "bench", 0, Entry.NEVER, Entry.Source.OPERATOR);
            if (k.isWordList()) {
                words.computeIfAbsent(k, x -> new ArrayList<>()).add(e);
            } else {
                items.computeIfAbsent(k, x -> new HashMap<>()).put(item, e);
            }
        }

        @Override
        public Entry find(ListKind kind, String wiki, String item, long nowMillis) {
            Map<String, Entry> m = items.get(kind);
            return m == null ? null : m.get(item);
        }

        @Override
        public WordMatch findWord(ListKind kind, String wiki, String text, long nowMillis) {
            List<Entry> w = words.get(kind);
            if (w == null) {
                return null;
            }
            for (int i = 0, n = w.size(); i < n; i++) {
                String word = w.get(i).item();
                int at = text.indexOf(word);
                if (at >= 0) {
                    return new WordMatch(w.get(i), text.substring(at, at + word.length()));
                }
            }
            return null;
        }
    }

    public static void main(String[] args) throws IOException {
        Path gz = Path.of(args.length > 0 ? args[0]
                : System.getProperty("vigie.shared", "../shared") + "/data/wikiticker-2015-09-12-sampled.json.gz");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        RcEvent[] all = changes(gz);
        CheapLists lists = new CheapLists();
        for (int i = 0; i + 13 < all.length; i += 97) {
            lists.add(ListKind.BL, all[i].user());
            lists.add(ListKind.CVP, all[i + 13].title());
        }
        for (String w : new String[]{"vandal", "fuck", "merde", "spam", "wheels"}) {
            for (ListKind k : new ListKind[]{ListKind.BES, ListKind.BNA, ListKind.BNU, ListKind.WHEELS}) {
                lists.add(k, w);
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Settings settings = Settings.defaults();
        double[] ns = new double[rounds];
        long sink = 0;
        for (int round = -10; round < rounds; round++) {
            // a fresh memory of blocks each round, so that every round sees the same conflicts
            Patrol patrol = new Patrol(lists, () -> settings, new BlockConflicts());
            long now = 1_700_000_000_000L;
            long t0 = mx.getCurrentThreadCpuTime();
            for (RcEvent e : all) {
                Verdict v = patrol.check(e, now++);
                if (v != null) {
                    sink += v.events();
                }
            }
            if (round >= 0) {
                ns[round] = (double) (mx.getCurrentThreadCpuTime() - t0) / all.length;
            }
        }
        Arrays.sort(ns);
        System.out.printf("changes=%d rounds=%d cpu ns/check median=%.1f min=%.1f (checksum %d)%n", all.length,
                rounds, ns[rounds / 2], ns[0], sink);
    }

    private static RcEvent[] changes(Path gz) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<RcEvent> out = new ArrayList<>();
        String[] logTypes = {"block", "delete", "move", "newusers", "upload", "protect", "patrol", "thanks"};
        int n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode j = json.readTree(line);
                String wiki = j.path("channel").asText().replace("#", "");
                String page = j.path("page").asText();
                String user = j.path("user").asText();
                out.add(new RcEvent(wiki, j.path("isNew").asBoolean() ? RcEvent.Kind.NEW : RcEvent.Kind.EDIT, page,
                        RcEvent.NS_UNKNOWN, user, j.path("isMinor").asBoolean(), j.path("isRobot").asBoolean(), false,
                        j.path("delta").asInt(), 2, 1, 0, "u", j.path("comment").asText(""), null,
                        RcEvent.SummaryKind.NONE, null, false));
                if (++n % 10 == 0) {
                    String type = logTypes[(n / 10) % logTypes.length];
                    boolean block = type.equals("block");
                    LogAction la = new LogAction(type, type.equals("newusers") ? "create" : type,
                            block ? "User:" + page : page, type.equals("move") ? page + " 2" : null,
                            block ? "31 hours" : null, block ? 111600 : LogAction.UNKNOWN, List.of(), "", true);
                    out.add(new RcEvent(wiki, RcEvent.Kind.LOG, "Special:Log/" + type, -1,
                            type.equals("newusers") ? page : user, false, false, false, RcEvent.NO_SIZE, 0, 0, 0, "",
                            "", la, RcEvent.SummaryKind.NONE, null, false));
                }
            }
        }
        return out.toArray(new RcEvent[0]);
    }
}
