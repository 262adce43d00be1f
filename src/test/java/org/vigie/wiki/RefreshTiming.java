package org.vigie.wiki;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import javax.net.ServerSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long a refresh of admins, bots and messages of one wiki takes against a local fake wiki (loopback, no network).
 * A measurement command, not a test:
 * {@code java -cp target/classes:target/test-classes:<test class path> org.vigie.wiki.RefreshTiming [runs] [latencyMs]}.
 * {@code latencyMs} delays every answer, to see what the sequential calls cost against a distant server.
 */
public final class RefreshTiming {

    private RefreshTiming() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int latency = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        System.out.printf("refresh of one wiki (admins + bots + siteinfo + %d messages), %d runs, %d ms added latency%n",
                WikiRefresher.MESSAGE_KEYS.size(), runs, latency);
        for (boolean noDelay : new boolean[] {false, true}) {
            // MockWebServer leaves Nagle on: its header and body writes then wait for the client's delayed ACK
            // (~40 ms a call on Linux loopback). Real servers set TCP_NODELAY; both figures are shown.
            String mode = noDelay ? "mock + TCP_NODELAY" : "mock as shipped";
            // Sizes of the kind frwiki and enwiki have (about 150 / 850 admins); list=allusers pages of 500.
            measure(mode + ", fr-like (150 admins, 110 bots)", new FakeWiki(500).group("sysop", "Admin", 150)
                    .group("bot", "Bot", 110), runs, latency, noDelay);
            measure(mode + ", en-like (850 admins, 320 bots)", new FakeWiki(500).group("sysop", "Admin", 850)
                    .group("bot", "Bot", 320), runs, latency, noDelay);
        }
    }

    /** Server sockets whose accepted connections have Nagle off. */
    private static final class NoDelaySockets extends ServerSocketFactory {
        private static ServerSocket make() throws IOException {
            return new ServerSocket() {
                @Override
                public Socket accept() throws IOException {
                    Socket s = super.accept();
                    s.setTcpNoDelay(true);
                    return s;
                }
            };
        }

        @Override
        public ServerSocket createServerSocket() throws IOException {
            return make();
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return createServerSocket(port, 50, null);
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return createServerSocket(port, backlog, null);
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            ServerSocket s = make();
            s.bind(new InetSocketAddress(address, port), backlog);
            return s;
        }
    }

    private static void measure(String label, FakeWiki fake, int runs, int latencyMs, boolean noDelay)
            throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (MockWebServer server = new MockWebServer()) {
            if (noDelay) {
                server.setServerSocketFactory(new NoDelaySockets());
            }
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    requests.incrementAndGet();
                    MockResponse r = fake.dispatch(request);
                    return latencyMs == 0 ? r
                            : new MockResponse.Builder(r).headersDelay(latencyMs, TimeUnit.MILLISECONDS).build();
                }
            });
            server.start();
            try (WikiApi api = WikiApi.builder("0.1.0", "User:Timing")
                    .apiUrl(w -> server.url("/" + w + "/w/api.php").toString())
                    .build()) {
                WikiRefresher refresher = new WikiRefresher(api, (k, w, u) -> { }, (w, m, n) -> { },
                        new H2WikiCache(TestDb.withV2()), Clock.systemUTC());
                int warmup = Math.min(20, runs);
                for (int i = 0; i < warmup; i++) {
                    check(refresher.refresh("fr.wikipedia"));
                }
                requests.set(0);
                double[] ms = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    check(refresher.refresh("fr.wikipedia"));
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf("%-52s %d HTTP calls/refresh  min %.1f  median %.1f  p90 %.1f  max %.1f ms%n",
                        label, requests.get() / runs, ms[0], ms[runs / 2], ms[(int) (runs * 0.9)], ms[runs - 1]);
            }
        }
    }

    private static void check(WikiRefresher.Result r) {
        if (!r.ok()) {
            throw new IllegalStateException(r.error());
        }
    }
}
