package org.vigie.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.vigie.feed.RcLineWriter;
import org.vigie.testutil.Await;

/**
 * Feed-to-alert latency of the whole bot on a real IRC server: the time from a feed line leaving the feeder's socket
 * to its alert arriving in the alert channel, at a steady rate, with output pacing off. Every line is a logged-out
 * editor's edit, so every line alerts. Not a test: run it by hand, with the test classpath:
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-cp.txt) org.vigie.e2e.LatencyBench [RATE] [SECONDS]
 * </pre>
 * RATE lines per second (default 1000) for SECONDS seconds (default 10), after 200 warm-up lines. The bot, the test
 * clients and this witness share one JVM, so one {@link System#nanoTime()} clock times both ends.
 */
public final class LatencyBench {

    private LatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int total = rate * seconds;
        Path dir = Files.createTempDirectory("vigie-latency");
        try (LiveBot bot = LiveBot.start(dir, "irc.rate", "0")) {
            run(bot, rate, total);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(LiveBot bot, int rate, int total) throws Exception {
        long base = LiveBot.nextDiff() + 1;
        long[] sent = new long[total];
        long[] received = new long[total];
        AtomicInteger got = new AtomicInteger();
        try (Chrono chrono = new Chrono(bot, base, received, got)) {
            // warm-up: the first alerts pay for class loading and JIT, not for the path being measured
            for (int i = 0; i < 200; i++) {
                bot.marker();
            }
            Await.pause(2_000);
            if (!chrono.joined) {
                throw new IllegalStateException("the latency witness did not join " + LiveBot.ALERTS);
            }

            long start = System.nanoTime();
            long stepNanos = TimeUnit.SECONDS.toNanos(1) / rate;
            for (int i = 0; i < total; i++) {
                // at each millisecond tick, send what is due: the pace holds without spinning a core
                while (System.nanoTime() < start + i * stepNanos) {
                    Await.pause(1);
                }
                String text = RcLineWriter.edit("Latence " + i, false, true, false, false, LiveBot.diffUrl(base + i),
                        "198.51.100." + (i % 250), 10, "bench");
                sent[i] = System.nanoTime();
                bot.feeder.privmsg(LiveBot.FEED, text);
            }
            long sendSeconds = System.nanoTime() - start;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (got.get() < total && System.nanoTime() < deadline) {
                Await.pause(50);
            }
            report(rate, total, sendSeconds, sent, received, got.get());
            String status = LiveBot.ask(bot.stranger, "status", t -> t.startsWith("Feed: "));
            System.out.println("status: " + LiveBot.said(status, LiveBot.CONTROL).text());
        }
    }

    private static void report(int rate, int total, long sendNanos, long[] sent, long[] received, int got) {
        long[] lat = new long[got];
        int n = 0;
        for (int i = 0; i < total; i++) {
            if (received[i] != 0) {
                lat[n++] = received[i] - sent[i];
            }
        }
        lat = Arrays.copyOf(lat, n);
        Arrays.sort(lat);
        System.out.printf("rate %d lines/s, %d lines sent in %.2f s, %d alerts received (%d missing)%n", rate, total,
                sendNanos / 1e9, n, total - n);
        if (n > 0) {
            System.out.printf("feed line -> alert latency: median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    ms(lat, 0.50), ms(lat, 0.90), ms(lat, 0.99), lat[n - 1] / 1e6);
        }
    }

    private static double ms(long[] sorted, double q) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    /** A watcher in the alert channel that notes the arrival time of each alert, by its diff id. */
    private static final class Chrono implements AutoCloseable {
        private final Socket socket;
        private final Thread reader;
        volatile boolean joined;

        Chrono(LiveBot bot, long base, long[] received, AtomicInteger got) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(bot.irc.host(), bot.irc.port()), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("NICK chrono\r\nUSER chrono 0 * :latency\r\nJOIN " + LiveBot.ALERTS + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String needle = "?diff=";
            reader = new Thread(() -> {
                try {
                    String line;
                    while ((line = in.readLine()) != null) {
                        long now = System.nanoTime();
                        if (line.startsWith("PING")) {
                            synchronized (out) {
                                out.write(("PONG" + line.substring(4) + "\r\n").getBytes(StandardCharsets.UTF_8));
                                out.flush();
                            }
                            continue;
                        }
                        if (line.contains(" 366 chrono ")) {
                            joined = true;
                        }
                        int at = line.indexOf(needle);
                        if (at < 0 || !line.contains(" PRIVMSG " + LiveBot.ALERTS + " ")) {
                            continue;
                        }
                        int from = at + needle.length();
                        int to = line.indexOf('&', from);
                        long i = Long.parseLong(line.substring(from, to)) - base;
                        if (i >= 0 && i < received.length && received[(int) i] == 0) {
                            received[(int) i] = now;
                            got.incrementAndGet();
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // closed
                }
            }, "chrono");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
