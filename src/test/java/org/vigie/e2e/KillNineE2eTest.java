package org.vigie.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigie.e2e.LiveBot.CONTROL;
import static org.vigie.e2e.LiveBot.NICK;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;
import org.vigie.store.Audit;
import org.vigie.store.Database;
import org.vigie.store.ListStore;
import org.vigie.testirc.NgircdServer;
import org.vigie.testirc.TestClient;
import org.vigie.testutil.Await;
import org.vigie.testutil.Reliability;

/**
 * kill -9 under load: a real Vigie in its own JVM on a real H2 file, {@value #OPERATORS} channel operators sending
 * {@code bl add} by private message at {@value #RATE} list changes a second in all (each operator one every 2.5 s, as
 * many people at work, and within the command throttle that applied to operators before issue 9.6), and the JVM killed with SIGKILL at a random moment, round after round. After each kill the
 * database is opened as the next start opens it (last snapshot + audit trail) and as the table holds it: every change
 * Vigie acknowledged before it died must be there. The first round ends with an orderly stop instead, so that the
 * later rounds recover through a snapshot and the audit rows written after it.
 *
 * <p>Rounds: {@code vigie.reliability=long} (mvn -Preliability) 20, else 5. Prints its figures.
 */
class KillNineE2eTest {

    static final int OPERATORS = 250;
    /** List changes a second, all operators together (each sends one every OPERATORS/RATE s: 2.5 s). */
    static final int RATE = 100;

    @TempDir
    Path dir;
    NgircdServer irc;
    final List<TestClient> operators = new ArrayList<>();
    ChildVigie child;
    ScheduledExecutorService sender;

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.shutdownNow();
        }
        if (child != null) {
            child.close();
        }
        operators.forEach(TestClient::close);
        if (irc != null) {
            irc.close();
        }
    }

    @Test
    void killNineUnderListChangesLosesNoAcknowledgedChange() throws Exception {
        int rounds = Reliability.isLong() ? 20 : 5;
        long seed = System.nanoTime();
        Random random = new Random(seed);
        irc = NgircdServer.start();
        connectOperators();
        Path db = dir.resolve("db").resolve("vigie");
        Map<String, String> config = ChildVigie.config(irc.host(), irc.port(), db, dir);

        Map<String, TestClient> sentBy = new LinkedHashMap<>();   // item → who sent it
        Set<String> acknowledged = new LinkedHashSet<>();
        long totalSent = 0;
        long inDoubtStored = 0;
        long loadNanos = 0;
        List<Long> restartMillis = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            int mark = operators.get(0).lines().size();
            child = ChildVigie.start(dir, config, "vigie-" + round + ".log");
            awaitVigieIn(CONTROL, mark, child);
            restartMillis.add((System.nanoTime() - t0) / 1_000_000);

            // load: one command every 1000/RATE ms, round-robin over the operators
            List<String> roundItems = java.util.Collections.synchronizedList(new ArrayList<>());
            int r = round;
            sender = Executors.newSingleThreadScheduledExecutor();
            sender.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                TestClient op = operators.get(i % OPERATORS);
                String item = "Kill" + r + "x" + i;
                synchronized (sentBy) {
                    sentBy.put(item, op);
                }
                roundItems.add(item);
                op.privmsg(NICK, "bl add " + item + " r=load");
            }, 0, 1000 / RATE, TimeUnit.MILLISECONDS);
            long loadFor = 1500 + random.nextInt(2500);
            long l0 = System.nanoTime();
            Await.pause(loadFor);
            int quitMark = operators.get(0).lines().size();
            if (round == 0) {
                child.term();
            } else {
                child.kill9();
            }
            sender.shutdownNow();
            sender.awaitTermination(5, TimeUnit.SECONDS);
            loadNanos += System.nanoTime() - l0;
            // every line Vigie wrote before it died is delivered before the server relays its QUIT
            LiveBot.after(operators.get(0), quitMark, l -> l.startsWith(":" + NICK + "!") && l.contains(" QUIT "));
            totalSent += roundItems.size();

            Set<String> acked = acknowledgedIn(roundItems, sentBy);
            acknowledged.addAll(acked);
            Stored stored = stored(db);
            List<String> lost = new ArrayList<>();
            for (String item : acknowledged) {
                if (!stored.viaStart.contains(item) || !stored.inTable.contains(item)) {
                    lost.add(item);
                }
            }
            long doubt = roundItems.stream().filter(i -> !acked.contains(i) && stored.inTable.contains(i)).count();
            inDoubtStored += doubt;
            System.out.printf("reliability: kill -9 round %d/%d (%s after %d ms of load): %d sent, %d acknowledged, "
                            + "%d stored unacknowledged (in flight at the kill), %d acknowledged lost so far%n",
                    round + 1, rounds, round == 0 ? "SIGTERM" : "SIGKILL", loadFor, roundItems.size(), acked.size(),
                    doubt, lost.size());
            assertEquals(List.of(), lost, "acknowledged list changes lost after round " + (round + 1) + " (seed "
                    + seed + "); Vigie's log:\n" + child.log());
            assertEquals(stored.inTable, stored.viaStart, "what a start reads (snapshot + audit) is the table");
        }
        double rate = acknowledged.size() / (loadNanos / 1e9);
        System.out.printf("reliability: kill -9: %d rounds (1 SIGTERM, %d SIGKILL), %d list changes sent at %d/s, "
                        + "%d acknowledged (%.0f/s), %d stored unacknowledged, 0 acknowledged lost; restarts %s ms%n",
                rounds, rounds - 1, totalSent, RATE, acknowledged.size(), rate, inDoubtStored, restartMillis);
        assertTrue(acknowledged.size() > rounds * 50L, "too few acknowledgements to prove anything: "
                + acknowledged.size());
    }

    /** The items of this round Vigie answered "Added:" for, each to the operator who asked. */
    private static Set<String> acknowledgedIn(List<String> items, Map<String, TestClient> sentBy) {
        Set<String> wanted = new java.util.HashSet<>(items);
        Set<TestClient> who = new java.util.HashSet<>();
        synchronized (sentBy) {
            for (String i : items) {
                who.add(sentBy.get(i));
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (TestClient c : who) {
            for (String line : c.lines()) {
                TestClient.Received m = TestClient.parse(line);
                if (m == null || !m.nick().equals(NICK) || !m.target().equals(c.nick()) || !m.text().startsWith("Added: ")) {
                    continue;
                }
                int a = m.text().indexOf('\u0002');
                int b = m.text().indexOf('\u0002', a + 1);
                if (a >= 0 && b > a) {
                    String item = m.text().substring(a + 1, b);
                    if (wanted.contains(item)) {
                        out.add(item);
                    }
                }
            }
        }
        return out;
    }

    private record Stored(Set<String> viaStart, Set<String> inTable) {
    }

    /** The blacklist as the next start reads it, and as the table holds it (Vigie is dead: the file is free). */
    private static Stored stored(Path db) {
        Clock clock = Clock.systemUTC();
        try (Database d = Database.open("jdbc:h2:file:" + db.toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE")) {
            Lists viaStart = new Lists();
            ListStore s = new ListStore(d, new Audit(d, clock), viaStart, clock);
            s.loadAll();
            Lists table = new Lists();
            new ListStore(d, new Audit(d, clock), table, clock).loadAllFromTable();
            return new Stored(items(viaStart), items(table));
        }
    }

    private static Set<String> items(Lists l) {
        Set<String> out = new java.util.HashSet<>();
        l.entries(ListKind.BL).forEach(e -> out.add(e.item()));
        return out;
    }

    /** Waits until Vigie has joined {@code channel} (seen by the first operator), failing early if it died. */
    private void awaitVigieIn(String channel, int mark, ChildVigie v) {
        Await.until(() -> "Vigie in " + channel + "; log:\n" + v.log(), Duration.ofSeconds(60), () -> {
            if (!v.isAlive()) {
                throw new AssertionError("Vigie exited before joining " + channel + "; log:\n" + v.log());
            }
            return LiveBot.indexOf(operators.get(0), mark, l -> LiveBot.isPresent(l, NICK, channel)) >= 0;
        });
        // its NAMES reply (our operator statuses) follows its JOIN on its connection, before any line we send now:
        // the answer to such a line proves the statuses are known
        LiveBot.ask(operators.get(0), "status", t -> t.startsWith("Feed: "));
    }

    /** OPERATORS clients, each from a loopback address of its own, all ops of #vigie. */
    private void connectOperators() throws IOException {
        for (int i = 0; i < OPERATORS; i++) {
            TestClient c = TestClient.connect(irc.host(), irc.port(), "op" + i,
                    "127.0." + (10 + i / 250) + "." + (1 + i % 250));
            c.join(CONTROL);
            operators.add(c);
        }
        TestClient first = operators.get(0);
        for (int i = 1; i < OPERATORS; i += 3) {
            List<String> nicks = new ArrayList<>();
            for (int j = i; j < Math.min(OPERATORS, i + 3); j++) {
                nicks.add(operators.get(j).nick());
            }
            first.mode(CONTROL, "+" + "o".repeat(nicks.size()) + " " + String.join(" ", nicks));
        }
        String last = operators.get(OPERATORS - 1).nick();
        LiveBot.after(first, 0, l -> l.contains(" MODE " + CONTROL + " +") && l.endsWith(" " + last),
                Duration.ofSeconds(30));
    }
}
