package org.vigie.testirc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a loopback port in front of an IRC server, that can fail the connections going through it the way a
 * bad network does. Whoever connects to {@link #port()} is connected on to the server; faults apply to the connections
 * open at the time they are asked for, and new connections pass normally (the network came back).
 *
 * <ul>
 *   <li>{@link #drop()}: both sides closed (FIN), as a NAT or a server dropping the session;</li>
 *   <li>{@link #stall()}: nothing forwarded any more either way, sockets left open: a frozen path, only a watchdog
 *       notices (the client closing its socket still ends the server's side, as the server's ping timeout would,
 *       only sooner);</li>
 *   <li>{@link #resetMidLine()}: the next chunk towards the client is cut inside a line, then both sides are reset
 *       (RST);</li>
 *   <li>{@link #slowReader(int)}: what the client sends is read at a few hundred bytes a second, with a small
 *       receive buffer, so that the client's writes back up (a congested link);</li>
 *   <li>{@link #silenceMessages()}: every PRIVMSG towards the client is dropped, all else (PING, PONG, JOIN…) passes:
 *       a feed server that stopped relaying while its connection stays alive.</li>
 * </ul>
 */
public final class FaultProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicLong accepted = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;

    private FaultProxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket();
        server.setReceiveBufferSize(8192);      // inherited by accepted sockets: a slow reader backs up soon
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        this.acceptor = new Thread(this::accept, "fault-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static FaultProxy to(String host, int port) throws IOException {
        return new FaultProxy(host, port);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far (a reconnect is one more). */
    public long accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(upstreamHost, upstreamPort), 5_000);
                accepted.incrementAndGet();
                Link l = new Link(client, upstream);
                links.add(l);
                l.start();
            } catch (IOException e) {
                if (!closed) {
                    continue;   // one failed connect is the client's problem, not the proxy's
                }
            }
        }
    }

    /** Closes every open connection, both ways. */
    public void drop() {
        for (Link l : links) {
            l.close(false);
        }
    }

    /** Stops forwarding on every open connection, sockets left open. */
    public void stall() {
        for (Link l : links) {
            l.stalled = true;
        }
    }

    /** Cuts the next data towards the client inside a line, then resets both sides. */
    public void resetMidLine() {
        for (Link l : links) {
            l.resetMidLine = true;
        }
    }

    /** Drops every PRIVMSG towards the clients of open connections from now on; the rest passes. */
    public void silenceMessages() {
        for (Link l : links) {
            l.silenceMessages = true;
        }
    }

    /** From now on, reads what open connections' clients send at {@code bytesPerSecond}. */
    public void slowReader(int bytesPerSecond) {
        for (Link l : links) {
            l.slowBytesPerSecond = bytesPerSecond;
        }
    }

    /** Ends the slow reading of {@link #slowReader}. */
    public void fastReader() {
        for (Link l : links) {
            l.slowBytesPerSecond = 0;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Link l : links) {
            l.close(false);
        }
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One client connection and its upstream twin, with a pump each way. */
    private final class Link {
        final Socket client;
        final Socket upstream;
        volatile boolean stalled;
        volatile boolean resetMidLine;
        volatile int slowBytesPerSecond;
        volatile boolean silenceMessages;
        /** Towards the client while messages are silenced: the bytes of the line not yet complete. */
        private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
        volatile boolean done;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() throws IOException {
            Thread up = new Thread(() -> pump(client, upstream, true), "fault-proxy-up-" + client.getPort());
            Thread down = new Thread(() -> pump(upstream, client, false), "fault-proxy-down-" + client.getPort());
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        }

        private void pump(Socket from, Socket to, boolean towardsServer) {
            byte[] buf = new byte[8192];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (!done) {
                    // a stall freezes the way to the client; what the client sends is swallowed, and its leaving
                    // (its watchdog closing the socket) still ends the server's side, as a server's ping timeout would
                    while (stalled && !done && !towardsServer) {
                        Thread.sleep(20);
                    }
                    int slow = slowBytesPerSecond;
                    int n;
                    if (towardsServer && slow > 0) {
                        int chunk = Math.max(1, slow / 10);
                        n = in.read(buf, 0, Math.min(chunk, buf.length));
                        Thread.sleep(100);
                    } else {
                        n = in.read(buf);
                    }
                    if (n < 0) {
                        break;
                    }
                    if (stalled) {
                        continue;       // read while the stall began: dropped, as a frozen path loses it
                    }
                    if (!towardsServer && resetMidLine) {
                        int cut = cutInsideALine(buf, n);
                        out.write(buf, 0, cut);
                        out.flush();
                        close(true);
                        return;
                    }
                    if (!towardsServer && silenceMessages) {
                        writeUnlessMessage(buf, n, out);
                        continue;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other pump or a fault closed the sockets
            }
            close(false);
        }

        /** Forwards whole lines, except PRIVMSGs; keeps an incomplete last line for the next chunk. */
        private void writeUnlessMessage(byte[] buf, int n, OutputStream out) throws IOException {
            for (int i = 0; i < n; i++) {
                partial.write(buf[i]);
                if (buf[i] == '\n') {
                    byte[] line = partial.toByteArray();
                    partial.reset();
                    String text = new String(line, java.nio.charset.StandardCharsets.UTF_8);
                    String[] w = text.split(" ", 3);
                    if (!(w.length >= 2 && w[1].equals("PRIVMSG"))) {
                        out.write(line);
                    }
                }
            }
            out.flush();
        }

        /** A length that ends inside a line: past a line's first byte, before its end. */
        private int cutInsideALine(byte[] buf, int n) {
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    return Math.min(n, i + 1 + Math.max(1, (n - i - 1) / 2));
                }
            }
            return Math.max(1, n / 2);
        }

        void close(boolean reset) {
            done = true;
            links.remove(this);
            for (Socket s : new Socket[] {client, upstream}) {
                try {
                    if (reset) {
                        s.setSoLinger(true, 0);   // close sends RST
                    }
                    s.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
    }
}
