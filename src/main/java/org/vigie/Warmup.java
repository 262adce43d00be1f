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
import org.vigie.irc.Outbox;
import org.vigie.irc.OutboxSettings;
import org.vigie.lists.ListView;
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
        if (lines <= 0) {
            return 0;
        }
        // the real lists, read only (what a change would add to them goes to a sink that drops it): the compiled
        // code then fits the lists the feed will meet, and is not thrown away at the first real lines
        Patrol patrol = new Patrol(lists, settings, new BlockConflicts(), new AutoList(templates));
        Dispatcher dispatcher = new Dispatcher("#warmup");
        Outbox outbox = new Outbox("warmup", OutboxSettings.UNPACED, new Outbox.LineSink() {
            @Override
            public void send(String line) {
                // dropped: the warm-up writes nothing
            }
        }, null);
        outbox.start();      // its sender thread takes the whole write path; the lines go nowhere
        Engine engine = new Engine(patrol, dispatcher, new AlertFormatter(templates),
                (alert, verdict) -> outbox.send(alert.priority(), alert.channel(), alert.text()),
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
        // logged-out editors raise an alert each: formatting and the outbox are compiled too
        String user = kind < 25 ? "198.51.100." + r.nextInt(250) : "Contributeur" + r.nextInt(5_000);
        long diff = 100_000_000L + i;
        String url = "https://" + host + "/w/index.php?diff=" + diff + "&oldid=" + (diff - 1);
        int size = r.nextInt(100) < 2 ? -r.nextInt(20_000) : r.nextInt(401) - 200;
        return RcLineWriter.edit(title, kind < 22, r.nextBoolean(), r.nextInt(4) == 0, false, url, user, size,
                SUMMARIES[r.nextInt(SUMMARIES.length)]);
    }
}
