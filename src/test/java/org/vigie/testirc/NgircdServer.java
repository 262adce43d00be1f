package org.vigie.testirc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.vigie.testutil.Await;

/**
 * A real ngIRCd on a free loopback port, for end-to-end tests. Writes its own configuration into a temporary
 * directory (server name {@code irc.test}, no DNS/ident/PAM lookups, nicks up to 30 characters, no penalty delays)
 * and runs {@code /usr/sbin/ngircd -n -f <conf>} as a child process.
 *
 * <p>The first user to join a channel gets operator status: that is how tests make an operator client.
 * A missing binary is a failure, never a skip: these tests are the proof that the IRC side works.
 */
public final class NgircdServer implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/ngircd");
    public static final String SERVER_NAME = "irc.test";
    public static final String HOST = "127.0.0.1";

    private final Path dir;
    private final Path conf;
    private final Path logFile;
    private final int port;
    private Process process;

    private NgircdServer(Path dir, int port) throws IOException {
        this.dir = dir;
        this.port = port;
        this.conf = dir.resolve("ngircd.conf");
        this.logFile = dir.resolve("ngircd.log");
        Files.writeString(conf, config(port), StandardCharsets.UTF_8);
    }

    /** Starts a server on a free port and waits until it accepts connections. */
    public static NgircdServer start() throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("ngIRCd is required for the IRC end-to-end tests but " + BINARY
                    + " is missing or not executable: install the Debian package 'ngircd'");
        }
        NgircdServer server = new NgircdServer(Files.createTempDirectory("vigie-ngircd"), freePort());
        server.launch();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(HOST, 0));
            return s.getLocalPort();
        }
    }

    static String config(int port) {
        return """
                [Global]
                \tName = %s
                \tInfo = Vigie test server
                \tAdminInfo1 = Vigie tests
                \tAdminInfo2 = loopback
                \tAdminEMail = tests@irc.test
                \tListen = %s
                \tPorts = %d
                \tMotdPhrase = "Vigie test server"
                [Limits]
                \tMaxNickLength = 30
                \tMaxConnectionsIP = 0
                \tMaxJoins = 0
                \tMaxPenaltyTime = 0
                \tPingTimeout = 120
                \tPongTimeout = 20
                [Options]
                \tAllowedChannelTypes = #&+
                \tDNS = no
                \tIdent = no
                \tPAM = no
                \tScrubCTCP = no
                """.formatted(SERVER_NAME, HOST, port);
    }

    private void launch() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), "-n", "-f", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        process = pb.start();
        try {
            Await.until("ngIRCd listening on port " + port, Duration.ofSeconds(10), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("ngIRCd exited with status " + process.exitValue() + ":\n"
                            + log());
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(HOST, port), 200);
                    return true;
                } catch (IOException notYet) {
                    return false;
                }
            });
        } catch (AssertionError timedOut) {
            process.destroyForcibly();
            throw new IllegalStateException("ngIRCd did not listen on port " + port + " within 10 s:\n" + log());
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the server (every client is disconnected) and starts it again on the same port. */
    public void restart() throws IOException {
        stop();
        IOException last = null;
        for (int i = 0; i < 20; i++) {
            try {
                launch();
                return;
            } catch (IllegalStateException e) {
                last = new IOException(e.getMessage(), e);
                Await.pause(100);   // the port may still be held for a moment: pacing the next try
            }
        }
        throw last;
    }

    /** Stops the server: SIGTERM, then SIGKILL if it lingers. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        resume();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGSTOP: the server keeps its sockets open but goes silent. */
    public void pause() {
        signal("-STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String sig) {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", sig, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + sig + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot signal ngIRCd", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What ngIRCd printed so far. */
    public String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
