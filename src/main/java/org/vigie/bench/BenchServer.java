package org.vigie.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The loopback IRC server {@code bench-irc} runs against: a real ngIRCd when {@code /usr/sbin/ngircd} is installed
 * (configured for the bench: no penalty delays, every client's host cloaked as {@code special.user} so that the
 * feeder shows the real feed's mask {@code rc-pmtpa!~rc-pmtpa@special.user}), otherwise the in-process
 * {@link LineServer}.
 */
interface BenchServer extends AutoCloseable {

    String host();

    int port();

    /** What it is, for the report: {@code ngIRCd 26.1 (pid 1234)}, {@code in-process line server}. */
    String describe();

    /** CPU seconds the server spent so far, or -1 when not known. */
    double cpuSeconds();

    @Override
    void close();

    Path NGIRCD = Path.of("/usr/sbin/ngircd");

    static BenchServer start(String kind, Path dir) throws IOException {
        boolean ngircd = switch (kind) {
            case "ngircd" -> true;
            case "inproc" -> false;
            default -> Files.isExecutable(NGIRCD);
        };
        return ngircd ? Ngircd.start(dir) : LineServer.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    /** ngIRCd as a child process with a configuration of its own in {@code dir}. */
    final class Ngircd implements BenchServer {
        private final Process process;
        private final int port;
        private final Path log;

        private Ngircd(Process process, int port, Path log) {
            this.process = process;
            this.port = port;
            this.log = log;
        }

        static Ngircd start(Path dir) throws IOException {
            if (!Files.isExecutable(NGIRCD)) {
                throw new IllegalStateException(NGIRCD + " is not installed (apt-get install ngircd), or use --server inproc");
            }
            int port = freePort();
            Path conf = dir.resolve("ngircd.conf");
            Path log = dir.resolve("ngircd.log");
            Files.writeString(conf, """
                    [Global]
                    \tName = irc.bench
                    \tInfo = Vigie bench-irc
                    \tAdminInfo1 = bench
                    \tAdminInfo2 = loopback
                    \tAdminEMail = bench@irc.bench
                    \tListen = 127.0.0.1
                    \tPorts = %d
                    \tMotdPhrase = "bench"
                    [Limits]
                    \tMaxNickLength = 30
                    \tMaxConnectionsIP = 0
                    \tMaxJoins = 0
                    \tMaxPenaltyTime = 0
                    \tPingTimeout = 120
                    \tPongTimeout = 20
                    [Options]
                    \tCloakHost = special.user
                    \tDNS = no
                    \tIdent = no
                    \tPAM = no
                    \tScrubCTCP = no
                    """.formatted(port), StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(NGIRCD.toString(), "-n", "-f", conf.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("ngIRCd exited with status " + p.exitValue() + ": "
                            + Files.readString(log));
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return new Ngircd(p, port, log);
                } catch (IOException notYet) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            p.destroyForcibly();
            throw new IllegalStateException("ngIRCd did not listen on port " + port + " within 10 s");
        }

        @Override
        public String host() {
            return "127.0.0.1";
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public String describe() {
            return "ngIRCd (" + NGIRCD + ", pid " + process.pid() + ")";
        }

        @Override
        public double cpuSeconds() {
            return ProcStat.cpuSeconds(process.pid());
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
