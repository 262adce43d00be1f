package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.testutil.Await;

/**
 * TLS with host-name checking: a certificate that the client trusts but that names another host is refused
 * (PircBotX's own factories would accept it), and the host name goes out as SNI.
 */
class IrcTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static KeyStore goodKeys;
    private static KeyStore wrongKeys;
    private static SSLSocketFactory clientTrustingBoth;

    @BeforeAll
    static void makeCertificates() throws Exception {
        goodKeys = keystore("good", "localhost");
        wrongKeys = keystore("wrong", "wrong.example");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("good", goodKeys.getCertificate("srv"));
        trust.setCertificateEntry("wrong", wrongKeys.getCertificate("srv"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        clientTrustingBoth = ctx.getSocketFactory();
    }

    private static KeyStore keystore(String name, String dnsName) throws Exception {
        Path file = dir.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "srv", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + dnsName, "-ext", "SAN=dns:" + dnsName,
                "-validity", "2", "-keystore", file.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    /** A one-connection TLS server that records the SNI names and plays a minimal IRC registration. */
    private static final class TlsServer implements AutoCloseable {
        final SSLServerSocket listener;
        final List<List<SNIServerName>> sni = new CopyOnWriteArrayList<>();
        final List<String> lines = new CopyOnWriteArrayList<>();

        TlsServer(KeyStore keys) throws Exception {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            listener = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 5,
                    InetAddress.getLoopbackAddress());
            Thread t = new Thread(this::serve, "tls-test-server");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve() {
            while (!listener.isClosed()) {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.startHandshake();
                    sni.add(((ExtendedSSLSession) s.getSession()).getRequestedServerNames());
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.UTF_8));
                    OutputStream out = s.getOutputStream();
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                        if (line.startsWith("QUIT")) {
                            break;
                        }
                        if (line.startsWith("USER ")) {
                            out.write(":tls.test 001 VigieBot :Welcome\r\n:tls.test 376 VigieBot :End\r\n"
                                    .getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                    }
                } catch (IOException e) {
                    // handshake refused by the client, or closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    private static IrcSocketFactory factory() {
        return new IrcSocketFactory("localhost", clientTrustingBoth, 5_000, s -> { });
    }

    @Test
    void certificateForTheRightHostIsAcceptedAndTheHostGoesOutAsSni() throws Exception {
        try (TlsServer server = new TlsServer(goodKeys);
             Socket s = factory().createSocket(InetAddress.getLoopbackAddress(), server.port(), null, 0)) {
            assertTrue(((SSLSocket) s).getSession().isValid());
            s.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.UTF_8));
            Await.until("handshake seen", Duration.ofSeconds(5), () -> !server.sni.isEmpty());
            assertEquals(List.of(new SNIHostName("localhost")), server.sni.get(0));
        }
    }

    @Test
    void trustedCertificateForAnotherHostIsRefused() throws Exception {
        try (TlsServer server = new TlsServer(wrongKeys)) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> factory().createSocket(InetAddress.getLoopbackAddress(), server.port(), null, 0));
            assertTrue(String.valueOf(e.getMessage()).toLowerCase().contains("localhost")
                    || String.valueOf(e.getCause()).contains("localhost"), String.valueOf(e));
        }
    }

    @Test
    void connectionRegistersOverTls() throws Exception {
        try (TlsServer server = new TlsServer(goodKeys)) {
            RecordingHandler handler = new RecordingHandler();
            ConnectionSettings s = ConnectionSettings.of("network", "localhost", server.port(), "VigieBot")
                    .withTls(true).withReconnect(100, 500);
            IrcConnection bot = new IrcConnection(s, handler, null, null, clientTrustingBoth);
            try {
                bot.start();
                handler.awaitConnects(1, Duration.ofSeconds(10));
                Await.until("NICK over TLS", Duration.ofSeconds(5), () -> server.lines.contains("NICK VigieBot"));
            } finally {
                bot.close("bye");
            }
        }
    }

    @Test
    void watchdogEndsASilentTlsSessionAndTheConnectionComesBack() throws Exception {
        try (TlsServer server = new TlsServer(goodKeys)) {
            RecordingHandler handler = new RecordingHandler();
            ConnectionSettings s = ConnectionSettings.of("network", "localhost", server.port(), "VigieBot")
                    .withTls(true).withReconnect(50, 100).withWatchdog(800, 300);
            IrcConnection bot = new IrcConnection(s, handler, null, null, clientTrustingBoth);
            try {
                bot.start();
                handler.awaitConnects(1, Duration.ofSeconds(10));
                handler.awaitDisconnects(1, Duration.ofSeconds(10));      // the server says nothing after 001
                handler.awaitConnects(2, Duration.ofSeconds(10));
                assertTrue(bot.watchdogCloses() >= 1);
            } finally {
                bot.close("bye");
            }
        }
    }

    @Test
    void connectionToAServerWithAnotherHostsCertificateNeverRegisters() throws Exception {
        try (TlsServer server = new TlsServer(wrongKeys)) {
            RecordingHandler handler = new RecordingHandler();
            ConnectionSettings s = ConnectionSettings.of("network", "localhost", server.port(), "VigieBot")
                    .withTls(true).withReconnect(50, 100);
            IrcConnection bot = new IrcConnection(s, handler, null, null, clientTrustingBoth);
            try {
                bot.start();
                Await.until("retries", Duration.ofSeconds(10), () -> bot.reconnects() >= 2);
                assertEquals(0, handler.connects());
                assertTrue(server.lines.isEmpty(), "no IRC line was sent to the impostor");
            } finally {
                bot.close("bye");
            }
        }
    }
}
