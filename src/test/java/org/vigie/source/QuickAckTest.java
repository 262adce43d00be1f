package org.vigie.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

/** The feed reader's quick acknowledgements: taken by a Linux TCP socket, refused (not thrown) once it is closed. */
class QuickAckTest {

    @Test
    void aLoopbackSocketTakesTheOptionAndAClosedOneRefusesIt() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "TCP_QUICKACK is Linux's");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket client = new Socket();
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5_000);
            try (Socket peer = server.accept()) {
                assertTrue(QuickAck.supported(client));
                peer.getOutputStream().write("PING :x\r\n".getBytes());
                assertEquals('P', client.getInputStream().read());
                assertTrue(QuickAck.arm(client));
                assertTrue(client.getOption(ExtendedSocketOptions.TCP_QUICKACK));
                client.close();
                assertFalse(QuickAck.arm(client));
            }
        }
    }
}
