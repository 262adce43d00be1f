package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * The network connection's socket (PircBotX's, made by {@link IrcSocketFactory}) has Nagle's algorithm off: the outbox
 * batches its lines itself, and with Nagle an alert waited for the server's (possibly delayed) ACK of the previous one.
 */
class IrcSocketNoDelayTest {

    @Test
    void thePlainSocketHasNoDelayAndKeepAlive() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IrcSocketFactory f = new IrcSocketFactory("localhost", null, 5_000, s -> { });
            try (Socket s = f.createSocket(server.getInetAddress(), server.getLocalPort());
                 Socket accepted = server.accept()) {
                assertTrue(s.isConnected() && accepted.isConnected());
                assertTrue(s.getTcpNoDelay(), "TCP_NODELAY");
                assertTrue(s.getKeepAlive(), "SO_KEEPALIVE");
            }
        }
    }
}
