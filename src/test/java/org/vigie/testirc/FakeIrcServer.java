package org.vigie.testirc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.vigie.testutil.Await;

/**
 * A scripted IRC server on loopback, for what a real ngIRCd cannot show: a server that accepts and then stays
 * silent (watchdog), or one that offers account-notify, extended-join and SASL.
 *
 * <p>In {@link Mode#REGISTER} it plays the registration (CAP LS/REQ/END, SASL PLAIN, NICK/USER → 001, JOIN → NAMES)
 * and the test sends everything else with {@link Conn#send}.
 */
public final class FakeIrcServer implements AutoCloseable {

    public enum Mode { SILENT, REGISTER }

    public static final String NAME = "fake.test";

    private final ServerSocket listener;
    private final Mode mode;
    private final String caps;
    private final boolean saslAccepts;
    private final List<Conn> conns = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> refusedChannels = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> nicksInUse = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    /**
     * @param caps        capabilities offered in CAP LS (space-separated); {@code null} ignores CAP like
     *                    irc.wikimedia.org does
     * @param saslAccepts whether an AUTHENTICATE payload is accepted (903) or refused (904)
     */
    public FakeIrcServer(Mode mode, String caps, boolean saslAccepts) throws IOException {
        this.mode = mode;
        this.caps = caps;
        this.saslAccepts = saslAccepts;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "fake-irc-accept");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public FakeIrcServer(Mode mode) throws IOException {
        this(mode, null, true);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** JOINs of {@code channel} get 403 (No such channel), like irc.wikimedia.org before a wiki's first change. */
    /** Answers 433 (in use) to every NICK asking for this one, during registration and after. */
    public void nickInUse(String nick) {
        nicksInUse.add(nick);
    }

    public void refuseJoin(String channel) {
        refusedChannels.add(channel);
    }

    public void allowJoin(String channel) {
        refusedChannels.remove(channel);
    }

    /** Connections accepted so far. */
    public int accepted() {
        return conns.size();
    }

    /** Waits until at least {@code n} connections were accepted and returns the {@code n}-th (1-based). */
    public Conn awaitConnection(int n, Duration timeout) {
        Await.until(n + " connections to the fake server", timeout, () -> conns.size() >= n);
        return conns.get(n - 1);
    }

    private void acceptLoop() {
        try {
            while (!listener.isClosed()) {
                Socket s = listener.accept();
                Conn c = new Conn(s);
                conns.add(c);
                c.start();
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Conn c : conns) {
            c.close();
        }
    }

    /** One client connection. */
    public final class Conn {
        private final Socket socket;
        private final OutputStream out;
        private final List<String> lines = new ArrayList<>();
        private volatile boolean closed;
        private String nick;
        private boolean user;
        private boolean capStarted;
        private boolean capEnded;
        private boolean welcomed;

        Conn(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        void start() {
            Thread t = new Thread(this::read, "fake-irc-conn");
            t.setDaemon(true);
            t.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    // the scripted answer goes first: a test that saw the line and then sends its own lines knows they
                    // reach the client after that answer (a JOIN's echo before the joins of others in the channel)
                    if (mode == Mode.REGISTER) {
                        play(line);
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

        private void play(String line) {
            String[] w = line.split(" ", 3);
            String cmd = w[0].toUpperCase();
            switch (cmd) {
                case "CAP" -> {
                    if (caps == null) {
                        return;
                    }
                    capStarted = true;
                    if (w.length > 1 && w[1].equals("LS")) {
                        send(":" + NAME + " CAP * LS :" + caps);
                    } else if (w.length > 2 && w[1].equals("REQ")) {
                        send(":" + NAME + " CAP * ACK " + w[2]);
                    } else if (w.length > 1 && w[1].equals("END")) {
                        capEnded = true;
                        welcomeIfReady();
                    }
                }
                case "AUTHENTICATE" -> {
                    if (w[1].equals("PLAIN")) {
                        send("AUTHENTICATE +");
                    } else if (saslAccepts) {
                        send(":" + NAME + " 900 * * account :You are now logged in");
                        send(":" + NAME + " 903 * :SASL authentication successful");
                    } else {
                        send(":" + NAME + " 904 * :SASL authentication failed");
                    }
                }
                case "NICK" -> {
                    if (nicksInUse.contains(w[1])) {
                        send(":" + NAME + " 433 " + (nick == null ? "*" : nick) + " " + w[1]
                                + " :Nickname is already in use");
                        return;
                    }
                    nick = w[1];
                    welcomeIfReady();
                }
                case "USER" -> {
                    user = true;
                    welcomeIfReady();
                }
                case "QUIT" -> {
                    send("ERROR :Closing link");
                    close();
                }
                case "PING" -> send(":" + NAME + " PONG " + NAME + " " + (w.length > 1 ? w[1] : ""));
                case "JOIN" -> {
                    for (String chan : w[1].split(",")) {
                        if (refusedChannels.contains(chan)) {
                            send(":" + NAME + " 403 " + nick + " " + chan + " :No such channel");
                            continue;
                        }
                        send(":" + nick + "!bot@127.0.0.1 JOIN " + chan);
                        send(":" + NAME + " 353 " + nick + " = " + chan + " :@" + nick);
                        send(":" + NAME + " 366 " + nick + " " + chan + " :End of NAMES list");
                    }
                }
                default -> {
                    // the test answers the rest
                }
            }
        }

        private void welcomeIfReady() {
            if (!welcomed && nick != null && user && (!capStarted || capEnded)) {
                welcomed = true;
                send(":" + NAME + " 001 " + nick + " :Welcome " + nick);
                send(":" + NAME + " 376 " + nick + " :End of MOTD");
            }
        }

        public String nick() {
            return nick;
        }

        /** Sends one line to the client (CR LF appended). */
        public void send(String line) {
            try {
                synchronized (out) {
                    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (SocketException e) {
                // the client went away: the test will notice through its own assertions
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

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
                    if (left <= 0) {
                        throw new AssertionError("fake server: no matching line within " + timeout + "; got:\n"
                                + String.join("\n", lines));
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

        /** Waits until the client closes this connection. */
        public void awaitClosed(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (lines) {
                while (!closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("fake server: connection still open after " + timeout);
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

        public boolean isClosed() {
            return closed;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
