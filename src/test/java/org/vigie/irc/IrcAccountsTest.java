package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.vigie.testirc.FakeIrcServer;
import org.vigie.testutil.Await;

/**
 * Capabilities, accounts and secrets, against a scripted server that offers what ngIRCd does not
 * (account-notify, extended-join, SASL).
 */
class IrcAccountsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static ConnectionSettings settings(FakeIrcServer fake) {
        return ConnectionSettings.of("network", fake.host(), fake.port(), "VigieBot")
                .withChannels(List.of("#room"))
                .withReconnect(100, 500)
                .withOutbox(OutboxSettings.UNPACED);
    }

    @Test
    void onlyTheCapabilitiesInUseAreRequested() throws Exception {
        try (FakeIrcServer fake = new FakeIrcServer(FakeIrcServer.Mode.REGISTER,
                "multi-prefix account-notify extended-join away-notify userhost-in-names", true)) {
            RecordingHandler handler = new RecordingHandler();
            IrcConnection bot = new IrcConnection(settings(fake), handler);
            try {
                bot.start();
                handler.awaitConnects(1, WAIT);
                List<String> reqs = fake.awaitConnection(1, WAIT).lines().stream()
                        .filter(l -> l.startsWith("CAP REQ")).toList();
                assertEquals(List.of("CAP REQ :multi-prefix", "CAP REQ :account-notify", "CAP REQ :extended-join"),
                        reqs);
            } finally {
                bot.close("bye");
            }
        }
    }

    @Test
    void accountNotifyAndExtendedJoinFeedTheCacheAndNickChangesInvalidateIt() throws Exception {
        try (FakeIrcServer fake = new FakeIrcServer(FakeIrcServer.Mode.REGISTER,
                "multi-prefix account-notify extended-join", true)) {
            RecordingHandler handler = new RecordingHandler();
            IrcConnection bot = new IrcConnection(settings(fake), handler);
            try {
                bot.start();
                handler.awaitConnects(1, WAIT);
                FakeIrcServer.Conn c = fake.awaitConnection(1, WAIT);
                c.awaitLine(l -> l.equals("JOIN #room"), WAIT);

                c.send(":alice!a@host.example JOIN #room AliceAccount :Alice Example");
                c.send(":alice!a@host.example PRIVMSG #room :hello");
                IrcMessage m = handler.awaitMessage(x -> x.text().equals("hello"), WAIT);
                assertEquals("AliceAccount", m.account());
                assertEquals(Optional.of("AliceAccount"), bot.accountOf("alice").get(1, TimeUnit.SECONDS));
                assertEquals(Optional.of("AliceAccount"), bot.accountOf("ALICE").get(1, TimeUnit.SECONDS));

                c.send(":alice!a@host.example ACCOUNT *");                  // logged out
                c.send(":bob!b@host.example JOIN #room * :Bob");             // not logged in yet
                c.send(":bob!b@host.example ACCOUNT BobAccount");           // logged in
                c.send(":bob!b@host.example PRIVMSG #room :bob here");
                IrcMessage b = handler.awaitMessage(x -> x.text().equals("bob here"), WAIT);
                assertEquals("BobAccount", b.account());
                assertNull(bot.cachedAccount("alice"));

                c.send(":bob!b@host.example NICK robert");
                c.send(":robert!b@host.example PRIVMSG #room :renamed");
                IrcMessage r = handler.awaitMessage(x -> x.text().equals("renamed"), WAIT);
                assertNull(r.account(), "a nick change forgets the account until asked again");
                assertNull(bot.cachedAccount("bob"));

                c.send(":carol!c@host.example JOIN #room * :Carol");         // no account
                c.send(":carol!c@host.example PRIVMSG #room :carol here");
                assertNull(handler.awaitMessage(x -> x.text().equals("carol here"), WAIT).account());
            } finally {
                bot.close("bye");
            }
        }
    }

    @Test
    void whoisGivesTheAccountWithoutBlockingAndTimesOutToEmpty() throws Exception {
        try (FakeIrcServer fake = new FakeIrcServer(FakeIrcServer.Mode.REGISTER, "multi-prefix", true)) {
            RecordingHandler handler = new RecordingHandler();
            IrcConnection bot = new IrcConnection(settings(fake), handler);
            try {
                bot.start();
                handler.awaitConnects(1, WAIT);
                FakeIrcServer.Conn c = fake.awaitConnection(1, WAIT);

                CompletableFuture<Optional<String>> dave = bot.accountOf("dave");
                CompletableFuture<Optional<String>> daveAgain = bot.accountOf("Dave");
                c.awaitLine(l -> l.equals("WHOIS dave"), WAIT);
                assertFalse(dave.isDone(), "the answer is not there yet, and nobody waited for it");
                c.send(":fake.test 311 VigieBot dave ~d host.example * :Dave");
                c.send(":fake.test 330 VigieBot dave DaveAccount :is logged in as");
                c.send(":fake.test 318 VigieBot dave :End of /WHOIS list.");
                assertEquals(Optional.of("DaveAccount"), dave.get(5, TimeUnit.SECONDS));
                assertEquals(Optional.of("DaveAccount"), daveAgain.get(5, TimeUnit.SECONDS));
                assertEquals(1, c.lines().stream().filter(l -> l.equals("WHOIS dave")).count(),
                        "one WHOIS for concurrent questions about one nick");

                CompletableFuture<Optional<String>> eve = bot.accountOf("eve");
                c.awaitLine(l -> l.equals("WHOIS eve"), WAIT);
                c.send(":fake.test 311 VigieBot eve ~e host.example * :Eve");
                c.send(":fake.test 318 VigieBot eve :End of /WHOIS list.");
                assertEquals(Optional.empty(), eve.get(5, TimeUnit.SECONDS));

                CompletableFuture<Optional<String>> ghost = bot.accountOf("ghost", Duration.ofMillis(200));
                assertEquals(Optional.empty(), ghost.get(5, TimeUnit.SECONDS), "no answer: empty after the timeout");

                // without account-notify nothing is cached: a second question asks the server again
                CompletableFuture<Optional<String>> daveLater = bot.accountOf("dave");
                Await.until("second WHOIS dave", WAIT,
                        () -> c.lines().stream().filter(l -> l.equals("WHOIS dave")).count() == 2);
                c.send(":fake.test 318 VigieBot dave :End of /WHOIS list.");
                assertEquals(Optional.empty(), daveLater.get(5, TimeUnit.SECONDS));
            } finally {
                bot.close("bye");
            }
        }
    }

    /** Issue 13.1: what a WHOIS said about someone who shares no channel is not kept, for nothing would update it. */
    @Test
    void aWhoisAnswerIsCachedOnlyForSomeoneInASharedChannel() throws Exception {
        try (FakeIrcServer fake = new FakeIrcServer(FakeIrcServer.Mode.REGISTER,
                "multi-prefix account-notify extended-join", true)) {
            RecordingHandler handler = new RecordingHandler();
            IrcConnection bot = new IrcConnection(settings(fake), handler);
            try {
                bot.start();
                handler.awaitConnects(1, WAIT);
                FakeIrcServer.Conn c = fake.awaitConnection(1, WAIT);
                c.awaitLine(l -> l.equals("MODE #room"), WAIT);

                CompletableFuture<Optional<String>> away = bot.accountOf("dave");
                c.awaitLine(l -> l.equals("WHOIS dave"), WAIT);
                c.send(":fake.test 330 VigieBot dave DaveAccount :is logged in as");
                c.send(":fake.test 318 VigieBot dave :End of /WHOIS list.");
                assertEquals(Optional.of("DaveAccount"), away.get(5, TimeUnit.SECONDS));
                assertNull(bot.cachedAccount("dave"), "Dave shares no channel: his NICK or QUIT would go unseen");
                c.send(":dave!d@host.example PRIVMSG VigieBot :hi");
                IrcMessage m = handler.awaitMessage(x -> x.text().equals("hi"), WAIT);
                assertNull(m.account());
                assertFalse(m.accountKnown());

                c.send(":dave!d@host.example JOIN #room * :Dave");
                CompletableFuture<Optional<String>> here = bot.accountOf("dave");
                Await.until("second WHOIS dave", WAIT,
                        () -> c.lines().stream().filter(l -> l.equals("WHOIS dave")).count() == 2);
                c.send(":fake.test 330 VigieBot dave DaveAccount :is logged in as");
                c.send(":fake.test 318 VigieBot dave :End of /WHOIS list.");
                assertEquals(Optional.of("DaveAccount"), here.get(5, TimeUnit.SECONDS));
                assertEquals("DaveAccount", bot.cachedAccount("dave"));
                c.send(":dave!d@host.example PRIVMSG VigieBot :again");
                IrcMessage again = handler.awaitMessage(x -> x.text().equals("again"), WAIT);
                assertEquals("DaveAccount", again.account());
                assertTrue(again.accountKnown());

                c.send(":dave!d@host.example PART #room");
                c.send(":dave!d@host.example PRIVMSG VigieBot :gone");
                assertNull(handler.awaitMessage(x -> x.text().equals("gone"), WAIT).account());
            } finally {
                bot.close("bye");
            }
        }
    }

    @Test
    void saslAndServerPasswordAreSentButNeverLogged() throws Exception {
        assertFalse(LoggerFactory.getLogger("org.pircbotx.output.OutputRaw").isInfoEnabled(),
                "PircBotX's raw output logger must stay above INFO (simplelogger.properties)");
        assertFalse(LoggerFactory.getLogger("org.pircbotx.InputParser").isInfoEnabled());

        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
        try (FakeIrcServer fake = new FakeIrcServer(FakeIrcServer.Mode.REGISTER, "sasl=PLAIN,EXTERNAL multi-prefix",
                true)) {
            System.setErr(tee);
            System.setOut(tee);
            RecordingHandler handler = new RecordingHandler();
            ConnectionSettings s = settings(fake).withSasl("VigieAccount", "hunter2-sasl")
                    .withServerPassword("hunter2-pass");
            IrcConnection bot = new IrcConnection(s, handler);
            try {
                bot.start();
                handler.awaitConnects(1, WAIT);
                FakeIrcServer.Conn c = fake.awaitConnection(1, WAIT);
                List<String> lines = c.lines();
                assertEquals("PASS hunter2-pass", lines.get(0), "PASS comes before anything else");
                String payload = c.awaitLine(l -> l.startsWith("AUTHENTICATE ") && !l.equals("AUTHENTICATE PLAIN"),
                        WAIT).substring("AUTHENTICATE ".length());
                assertEquals("VigieAccount\0VigieAccount\0hunter2-sasl",
                        new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8));
                assertTrue(lines.indexOf("CAP END") < 0 || lines.indexOf("CAP END") > lines.indexOf("AUTHENTICATE PLAIN"));
                c.awaitLine(l -> l.equals("CAP END"), WAIT);
                bot.close("bye");

                String log = captured.toString(StandardCharsets.UTF_8);
                assertTrue(log.contains("registered on"), "the capture did see the connection's own log: " + log);
                assertFalse(log.contains("hunter2"), log);
                assertFalse(log.contains(payload), log);
                assertFalse(s.toString().contains("hunter2"));
            } finally {
                bot.close("bye");
            }
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
    }

    @Test
    void refusedSaslStillEndsTheNegotiationAndRegisters() throws Exception {
        try (FakeIrcServer fake = new FakeIrcServer(FakeIrcServer.Mode.REGISTER, "sasl multi-prefix", false)) {
            RecordingHandler handler = new RecordingHandler();
            IrcConnection bot = new IrcConnection(settings(fake).withSasl("VigieAccount", "wrong"), handler);
            try {
                bot.start();
                handler.awaitConnects(1, WAIT);
                // the fake answers a line (CAP END → 001) before it records it: wait for the record, do not peek
                assertEquals("CAP END", fake.awaitConnection(1, WAIT).awaitLine(l -> l.equals("CAP END"), WAIT));
                assertTrue(bot.connected());
            } finally {
                bot.close("bye");
            }
        }
    }

    @Test
    void serverThatIgnoresCapStillRegisters() throws Exception {
        try (FakeIrcServer fake = new FakeIrcServer(FakeIrcServer.Mode.REGISTER, null, true)) {
            RecordingHandler handler = new RecordingHandler();
            IrcConnection bot = new IrcConnection(settings(fake), handler);
            try {
                bot.start();
                handler.awaitConnects(1, WAIT);
                FakeIrcServer.Conn c = fake.awaitConnection(1, WAIT);
                c.awaitLine(l -> l.equals("JOIN #room"), WAIT);
                c.send("PING :irc.wikimedia.org");
                c.awaitLine(l -> l.equals("PONG :irc.wikimedia.org"), WAIT);
            } finally {
                bot.close("bye");
            }
        }
    }
}
