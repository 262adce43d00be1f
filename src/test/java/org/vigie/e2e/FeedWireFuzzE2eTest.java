package org.vigie.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigie.e2e.LiveBot.ALERTS;
import static org.vigie.e2e.LiveBot.FEED;
import static org.vigie.e2e.LiveBot.FEED_NICK;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigie.feed.RcLineWriter;
import org.vigie.reliability.FeedFuzzTest;
import org.vigie.testutil.Reliability;

/**
 * Fuzzed feed lines over the real wire: a raw socket speaking as {@code rc-pmtpa} sends mutated feed texts into
 * {@code #fr.wikipedia} through ngIRCd, with bytes that are not UTF-8 mixed in, and a marker edit every 50 lines.
 * Vigie's feed connection (today PircBotX, tomorrow the lean reader) must stay up, every marker must alert, and no
 * alert may carry CTCP or NUL. 1,000 lines, 20,000 with -Preliability.
 */
class FeedWireFuzzE2eTest extends LiveBotCase {

    Socket raw;

    @AfterEach
    void stop() throws IOException {
        if (raw != null) {
            raw.close();
        }
    }

    @Test
    void fuzzedFeedLinesFromTheWireNeitherBreakTheFeedNorReachAnAlertRaw() throws Exception {
        int lines = Reliability.size(1_000, 20_000);
        long seed = System.nanoTime();
        SplittableRandom r = new SplittableRandom(seed);
        bot = LiveBot.start(dir);
        bot.feeder.close();                       // the raw socket takes over the feed's nick
        raw = new Socket();
        raw.bind(new InetSocketAddress("127.0.9.1", 0));
        raw.connect(new InetSocketAddress(bot.irc.host(), bot.irc.port()), 5_000);
        OutputStream out = raw.getOutputStream();
        InputStream in = raw.getInputStream();
        Thread drain = new Thread(() -> {
            byte[] b = new byte[8192];
            try {
                int n;
                while ((n = in.read(b)) >= 0) {
                    String s = new String(b, 0, n, StandardCharsets.ISO_8859_1);
                    int p = s.indexOf("PING ");
                    if (p >= 0) {
                        int e = s.indexOf('\n', p);
                        send(out, ("PONG " + s.substring(p + 5, e < 0 ? s.length() : e).strip())
                                .getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
            } catch (IOException ignored) {
                // closed at the end
            }
        }, "raw-feeder");
        drain.setDaemon(true);
        drain.start();
        int mark = bot.operator.lines().size();
        send(out, "NICK rc-pmtpa".getBytes(StandardCharsets.US_ASCII));
        send(out, "USER rc-pmtpa 0 * :raw feeder".getBytes(StandardCharsets.US_ASCII));
        send(out, ("JOIN " + FEED).getBytes(StandardCharsets.US_ASCII));
        long markers = 0;
        long malformed = 0;
        long last = 0;
        for (int i = 0; i < lines; i++) {
            String line = FeedFuzzTest.ircLine(r);
            String text = line.startsWith(":") && line.contains(" :") ? line.substring(line.indexOf(" :", 1) + 2) : line;
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(("PRIVMSG " + FEED + " :").getBytes(StandardCharsets.US_ASCII));
            byte[] t = text.replace('\r', ' ').replace('\n', ' ').replace('\u0000', ' ')
                    .getBytes(StandardCharsets.UTF_8);
            if (r.nextInt(4) == 0 && t.length > 0) {
                t[r.nextInt(t.length)] = (byte) (0x80 + r.nextInt(0x80));      // no longer UTF-8
                malformed++;
            }
            b.writeBytes(t.length > 400 ? java.util.Arrays.copyOf(t, 400) : t);
            send(out, b.toByteArray());
            if (i % 50 == 49 || i == lines - 1) {
                long diff = LiveBot.nextDiff();
                send(out, ("PRIVMSG " + FEED + " :" + RcLineWriter.edit("Bac à sable", false, true, false, false,
                        LiveBot.diffUrl(diff), LiveBot.markerIp(diff), 3, "marker")).getBytes(StandardCharsets.UTF_8));
                bot.awaitAlert(diff);
                markers++;
                last = diff;
            }
        }
        assertTrue(last > 0);
        // the feed connection stayed up: the feed nick never left the channel
        assertEquals(-1, LiveBot.indexOf(bot.operator, mark, l -> l.startsWith(":" + FEED_NICK + "!")
                && (l.contains(" QUIT ") || l.contains(" PART "))));
        long bad = LiveBot.alerts(bot.watcher, ALERTS).stream()
                .filter(a -> a.indexOf('\u0001') >= 0 || a.indexOf('\u0000') >= 0).count();
        assertEquals(0, bad, "alerts carrying CTCP or NUL");
        System.out.printf("reliability: feed over the wire (seed %d): %,d fuzzed lines (%,d not UTF-8), %d markers all "
                        + "alerted, %,d alerts in all, feed connection never dropped, 0 alerts with CTCP/NUL%n", seed,
                lines, malformed, markers, LiveBot.alerts(bot.watcher, ALERTS).size());
    }

    private static void send(OutputStream out, byte[] line) throws IOException {
        synchronized (out) {
            out.write(line);
            out.write(new byte[] {'\r', '\n'});
            out.flush();
        }
    }
}
