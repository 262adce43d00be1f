package org.vigie;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.vigie.alert.AlertFormatter;
import org.vigie.alert.Dispatcher;
import org.vigie.i18n.Templates;
import org.vigie.config.Settings;
import org.vigie.feed.Feed;
import org.vigie.source.IrcFeed;
import org.vigie.feed.RcEvent;
import org.vigie.feed.RcLineWriter;
import org.vigie.irc.NickBreaker;
import org.vigie.irc.Outbox;
import org.vigie.irc.OutboxSettings;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.ListView;
import org.vigie.lists.WordMatch;
import org.vigie.patrol.AutoList;
import org.vigie.patrol.BlockConflicts;
import org.vigie.patrol.Patrol;

/**
 * Cold start: before the feed is joined, the per-line code (feed reader's byte path, parser, patrol, dispatch, alert
 * formatting, outbox) runs on synthetic feed lines through throw-away instances — their own lists, dispatcher, outbox
 * and sinks, so that nothing of the real bot changes — until the JIT has compiled it. Without it, the first tens of
 * thousands of lines run interpreted, and the JIT compiles while the feed flows: the CPU, and the latency, of the first
 * seconds after a start are several times those of a warm bot ({@code bench-irc} measures it).
 */
final class Warmup {

    private Warmup() {
    }

    /**
     * Runs {@code lines} synthetic lines (a few in a hundred by a listed user, so that alerts are formatted too).
     *
     * @return the lines run
     */
    static int run(int lines, String wiki, BiFunction<String, String, RcEvent> parser, ListView lists,
                   Supplier<Settings> settings, Templates templates) {
        return run(lines, wiki, parser, lists, settings, templates, line -> { });
    }

    /** As {@link #run(int, String, BiFunction, ListView, Supplier, Templates)}; {@code written} sees each line the
     *  warm-up's outbox wrote (on its sender thread). */
    static int run(int lines, String wiki, BiFunction<String, String, RcEvent> parser, ListView lists,
                   Supplier<Settings> settings, Templates templates, java.util.function.Consumer<String> written) {
        if (lines <= 0) {
            return 0;
        }
        // the real lists, read only (what a change would add to them goes to a sink that drops it): the compiled
        // code then fits the lists the feed will meet, and is not thrown away at the first real lines
        Patrol patrol = new Patrol(new WarmLists(lists), settings, new BlockConflicts(), new AutoList(templates));
        Dispatcher dispatcher = new Dispatcher("#warmup");
        // the lines are encoded and written as the connection writes them (to nowhere): the sender thread takes the
        // whole write path, its coalescing by editor and the nick breaking included
        java.io.Writer nowhere = new java.io.OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8);
        Outbox outbox = new Outbox("warmup", OutboxSettings.UNPACED, new Outbox.LineSink() {
            @Override
            public void send(String line) throws IOException {
                sendAll(List.of(line));
            }

            @Override
            public void sendAll(List<String> out) throws IOException {
                for (int i = 0, n = out.size(); i < n; i++) {
                    written.accept(out.get(i));
                    nowhere.write(out.get(i));
                    nowhere.write("\r\n");
                }
                nowhere.flush();
            }
        }, null);
        NickBreaker.Nicks nicks = NickBreaker.Nicks.of(java.util.Set.of("warmup", "patrol", "contributeur7"));
        outbox.alertFilter((channel, text) -> NickBreaker.breakNicks(text, nicks));
        outbox.start();
        // as the IRC sink sends them (IrcAlertSink): keyed by editor, so the outbox's coalescing runs too
        Engine engine = new Engine(patrol, dispatcher, new AlertFormatter(templates),
                (alert, verdict) -> outbox.sendAlert(alert.priority(), alert.channel(), alert.text(),
                        verdict.change().wiki() + "|" + verdict.change().user(),
                        AlertFormatter.bounded(verdict.change().user(), AlertFormatter.NAME_MAX)),
                (entry, cause) -> { }, Clock.systemUTC(), 1 << 16);
        IrcFeed reader = IrcFeed.detached(parser, new Feed.Sink() {
            @Override
            public void accept(RcEvent e) {
                engine.process(e, System.currentTimeMillis());
            }

            @Override
            public void acceptAll(RcEvent[] events, int k) {
                long t = System.currentTimeMillis();
                for (int i = 0; i < k; i++) {
                    engine.process(events[i], t);
                }
            }
        });
        SplittableRandom r = new SplittableRandom(13);
        List<byte[]> chunks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder(64 * 1024);
        int done = 0;
        while (done < lines) {
            chunk.setLength(0);
            for (int k = 0; k < 64 && done < lines; k++, done++) {
                chunk.append(":rc-pmtpa!~rc-pmtpa@special.user PRIVMSG #").append(wiki).append(" :")
                        .append(line(r, done, wiki.startsWith("fr."), wiki + ".org")).append("\r\n");
            }
            chunks.add(chunk.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (!throughLoopback(reader, chunks)) {
            for (byte[] c : chunks) {
                reader.readBytes(c);
            }
        }
        outbox.close(2_000);
        awaitCompiler(10_000);
        return done;
    }

    /**
     * The lines go through a loopback socket, so that the socket's read path is compiled too. False (nothing read)
     * when no loopback socket can be opened.
     */
    private static boolean throughLoopback(IrcFeed reader, List<byte[]> chunks) {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread writer = new Thread(() -> {
                try (Socket s = new Socket(server.getInetAddress(), server.getLocalPort());
                     OutputStream o = s.getOutputStream()) {
                    for (byte[] c : chunks) {
                        o.write(c);
                    }
                } catch (IOException e) {
                    // the reader sees the end of the stream
                }
            }, "warmup-writer");
            writer.setDaemon(true);
            writer.start();
            try (Socket in = server.accept()) {
                reader.readStream(in.getInputStream());
            }
            writer.join(5_000);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * Waits (at most {@code maxMillis}) until the JIT has finished what the warm-up gave it: no compilation time
     * added for 500 ms. Otherwise the compiler threads keep working on the warm-up's methods while the feed flows.
     */
    private static void awaitCompiler(long maxMillis) {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        long last = jit.getTotalCompilationTime();
        int quiet = 0;
        while (quiet < 10 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = jit.getTotalCompilationTime();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
    }

    private static final String[] TITLES = {"Paris", "Gare de Lyon", "Liste des communes de l'Ain", "Été 1976",
        "Utilisateur:Exemple/Brouillon", "Discussion:Révolution française", "Modèle:Infobox Commune", "Ça (roman)"};
    private static final String[] SUMMARIES = {"", "/* Histoire */ typo", "Ajout de source", "Révocation", "+ cat",
        "Page blanchie", "Contenu remplacé par « test »"};

    private static String line(SplittableRandom r, int i, boolean french, String host) {
        int kind = r.nextInt(100);
        String title = TITLES[r.nextInt(TITLES.length)] + (r.nextBoolean() ? "" : " " + r.nextInt(1000));
        if (kind < 3) {
            return RcLineWriter.log(french ? "Spécial:Log/newusers" : "Special:Log/newusers", "create",
                    "Nouveau" + r.nextInt(10_000), null, "New user account");
        }
        if (kind < 5) {
            String target = (french ? "Utilisateur:" : "User:") + "203.0.113." + r.nextInt(250);
            return RcLineWriter.log(french ? "Spécial:Log/block" : "Special:Log/block", "block",
                    "Admin" + r.nextInt(5), target, "blocked [[" + target + "]] with an expiration time of 1 day"
                            + " (account creation disabled)" + (french ? "\u202f: " : ": ") + "vandalism");
        }
        // each logged-out editor once (one alert each, none held back by the repeat window); a few listed editors
        // and watched pages (on WarmLists), so the list-hit alerts are compiled as well as the others
        String user = kind < 20 ? "198.51." + (i / 250 % 250) + "." + (i % 250)
                : kind < 25 ? WarmLists.LISTED + i : "Contributeur" + r.nextInt(5_000);
        if (kind >= 25 && kind < 28) {
            title = WarmLists.WATCHED + i;
        }
        long diff = 100_000_000L + i;
        String url = "https://" + host + "/w/index.php?diff=" + diff + "&oldid=" + (diff - 1);
        int size = r.nextInt(100) < 2 ? -r.nextInt(20_000) : r.nextInt(401) - 200;
        return RcLineWriter.edit(title, kind < 22, r.nextBoolean(), r.nextInt(4) == 0, false, url, user, size,
                SUMMARIES[r.nextInt(SUMMARIES.length)]);
    }

    /**
     * The real lists, read only, plus a blacklist and a watchlist of the warm-up's own (editors named
     * {@link #LISTED}…, titles {@link #WATCHED}…): the list-hit alerts of the feed's first minutes are then compiled
     * code too. Nothing is written to the real lists.
     */
    private static final class WarmLists implements ListView {
        static final String LISTED = "Warm-up/";
        static final String WATCHED = "Warm-up page ";

        private final ListView real;

        WarmLists(ListView real) {
            this.real = real;
        }

        @Override
        public Entry find(ListKind kind, String wiki, String item, long nowMillis) {
            if ((kind == ListKind.BL && item.startsWith(LISTED)) || (kind == ListKind.CVP && item.startsWith(WATCHED))) {
                return new Entry(kind, Entry.GLOBAL, item, "warmup", "warm-up", 0L, Entry.NEVER, Entry.Source.OPERATOR);
            }
            return real.find(kind, wiki, item, nowMillis);
        }

        @Override
        public WordMatch findWord(ListKind kind, String wiki, String text, long nowMillis) {
            return real.findWord(kind, wiki, text, nowMillis);
        }
    }
}
