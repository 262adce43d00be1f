package org.vigie.testirc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A plain-socket IRC client for tests: registers, joins, talks, answers PING, and records every line it receives.
 * Nothing of the bot's own IRC code is used, so it is an independent witness of what went over the wire.
 */
public final class TestClient implements AutoCloseable {

    /** A PRIVMSG or NOTICE received. */
    public record Received(String nick, String login, String host, String command, String target, String text,
                           String raw) {
    }

    private final Socket socket;
    private final OutputStream out;
    private final String nick;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private volatile boolean closed;

    private TestClient(Socket socket, String nick) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.nick = nick;
        this.reader = new Thread(this::read, "test-client-" + nick);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Connects and registers as {@code nick}; returns once the server has welcomed it (001). */
    public static TestClient connect(String host, int port, String nick) throws IOException {
        return connect(host, port, nick, null);
    }

    /**
     * Connects from the given local address (e.g. {@code 127.0.0.7}: the whole 127/8 block is loopback), so that
     * each test client can show the server a host of its own; {@code null} lets the system choose.
     */
    public static TestClient connect(String host, int port, String nick, String localAddress) throws IOException {
        Socket s = new Socket();
        if (localAddress != null) {
            s.bind(new InetSocketAddress(localAddress, 0));
        }
        s.connect(new InetSocketAddress(host, port), 5_000);
        TestClient c = new TestClient(s, nick);
        c.raw("NICK " + nick);
        c.raw("USER " + nick + " 0 * :test client " + nick);
        c.awaitLine(l -> l.contains(" 001 " + nick + " "), Duration.ofSeconds(10));
        return c;
    }

    public static TestClient connect(NgircdServer server, String nick) throws IOException {
        return connect(server.host(), server.port(), nick);
    }

    public String nick() {
        return nick;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("PING")) {
                    raw("PONG" + line.substring(4));
                }
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // closed
        } finally {
            closed = true;
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    /** Sends one line as is (CR LF appended). */
    public void raw(String line) {
        try {
            synchronized (out) {
                out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            throw new IllegalStateException("test client " + nick + " cannot send: " + e, e);
        }
    }

    /** Joins and waits for the end of the NAMES list. */
    public void join(String channel) {
        raw("JOIN " + channel);
        awaitLine(l -> l.contains(" 366 " + nick + " " + channel + " ")
                || l.contains(" 366 " + nick + " " + channel.toLowerCase() + " "), Duration.ofSeconds(10));
    }

    public void privmsg(String target, String text) {
        raw("PRIVMSG " + target + " :" + text);
    }

    public void notice(String target, String text) {
        raw("NOTICE " + target + " :" + text);
    }

    public void mode(String target, String modes) {
        raw("MODE " + target + " " + modes);
    }

    /** Every line received so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Waits for a received line matching {@code p} (lines received before the call count too). */
    public String awaitLine(Predicate<String> p, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (p.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    throw new AssertionError("test client " + nick + ": no matching line within " + timeout
                            + (closed ? " (connection closed)" : "") + "; received:\n" + String.join("\n", lines));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lines, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }

    /** Waits for a PRIVMSG or NOTICE matching {@code p}. */
    public Received awaitMessage(Predicate<Received> p, Duration timeout) {
        String line = awaitLine(l -> {
            Received r = parse(l);
            return r != null && p.test(r);
        }, timeout);
        return parse(line);
    }

    /** All PRIVMSG and NOTICE lines received so far, in order. */
    public List<Received> messages() {
        List<Received> result = new ArrayList<>();
        for (String l : lines()) {
            Received r = parse(l);
            if (r != null) {
                result.add(r);
            }
        }
        return result;
    }

    /** The PRIVMSG or NOTICE on a raw line, or {@code null} for any other line. */
    public static Received parse(String line) {
        if (!line.startsWith(":")) {
            return null;
        }
        int sp = line.indexOf(' ');
        if (sp < 0) {
            return null;
        }
        String prefix = line.substring(1, sp);
        String[] rest = line.substring(sp + 1).split(" ", 3);
        if (rest.length < 3 || !(rest[0].equals("PRIVMSG") || rest[0].equals("NOTICE"))) {
            return null;
        }
        int bang = prefix.indexOf('!');
        int at = prefix.indexOf('@');
        if (bang < 0 || at < bang) {
            return null;
        }
        String text = rest[2].startsWith(":") ? rest[2].substring(1) : rest[2];
        return new Received(prefix.substring(0, bang), prefix.substring(bang + 1, at), prefix.substring(at + 1),
                rest[0], rest[1], text, line);
    }

    @Override
    public void close() {
        if (!closed) {
            try {
                raw("QUIT :test over");
            } catch (IllegalStateException ignored) {
                // already gone
            }
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
