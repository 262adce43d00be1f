package org.vigie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigie.i18n.Templates;
import org.vigie.command.BotPort;
import org.vigie.command.Caller;
import org.vigie.command.CommandProcessor;
import org.vigie.command.PortException;
import org.vigie.command.Reply;
import org.vigie.command.Text;
import org.vigie.config.ConfigItem;
import org.vigie.config.Settings;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.WordMatch;
import org.vigie.patrol.Event;
import org.vigie.wiki.WikiApi;

/**
 * {@code intel} with the wiki's facts: the command layer asks the port, the port asks the real {@link WikiApi} (here
 * pointed at a mock wiki), and the reply carries edit count, registration, groups and block. A wiki that takes 10 s
 * does not hold the reply: the facts line then says they are unavailable.
 */
class IntelWikiFactsTest {

    private static final long NOW = Instant.parse("2026-05-04T12:00:00Z").toEpochMilli();

    @StartStop
    private final MockWebServer wiki = new MockWebServer();

    private final WikiApi api = WikiApi.builder("0.1.0", "User:Tester")
            .apiUrl(w -> wiki.url("/" + w + "/w/api.php").toString())
            .maxAttempts(1)
            .build();

    @AfterEach
    void closeApi() {
        api.close();
    }

    private static final String BLOCKED = """
            {"batchcomplete":true,"query":{"users":[{"userid":424242,"name":"Blagueur75","editcount":1234,
             "registration":"2019-03-04T05:06:07Z","groups":["*","user","autoconfirmed"],
             "blockid":1234567,"blockedby":"AdminExemple","blockedbyid":99,"blockreason":"Vandalisme répété",
             "blockedtimestamp":"2026-05-04T10:00:00Z","blockexpiry":"2026-05-05T10:00:00Z","blockpartial":false}]}}""";

    private static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    private List<String> intel(String lang, String args) throws Exception {
        Templates t = Templates.load(Path.of("messages"), lang);
        CommandProcessor p = new CommandProcessor(new ListlessPort(api), t,
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), null);
        List<String> out = new ArrayList<>();
        Reply reply = new Reply() {
            @Override
            public void say(String text) {
                out.add(Text.plain(text));
            }

            @Override
            public void notice(String text) {
                out.add(Text.plain(text));
            }
        };
        p.handle(new Caller("Op", "op", "op.example.org", "OpAccount", "#vigie", true), "Vigie intel " + args, reply);
        return out;
    }

    @Test
    void intelShowsTheWikisFactsOnTheAccount() throws Exception {
        wiki.enqueue(json(BLOCKED));

        List<String> out = intel("en", "Blagueur75 p=fr.wikipedia");

        assertEquals(2, out.size(), out.toString());
        assertEquals("Blagueur75 is on no list, and no list change concerns it", out.get(0));
        assertEquals("fr.wikipedia: 1234 edits, registered 2019-03-04 05:06 UTC, groups: autoconfirmed, blocked by "
                + "AdminExemple until 2026-05-05 10:00 UTC, \"Vandalisme répété\"", out.get(1));
        var request = wiki.takeRequest();
        assertEquals("/fr.wikipedia/w/api.php", request.getUrl().encodedPath());
        assertEquals("Blagueur75", request.getUrl().queryParameter("ususers"));
    }

    @Test
    void intelInFrenchAndFromTheCacheTheSecondTime() throws Exception {
        wiki.enqueue(json(BLOCKED));

        intel("fr", "Blagueur75 p=frwiki");
        List<String> out = intel("fr", "Blagueur75 p=fr.wikipedia");

        assertTrue(out.get(1).startsWith("fr.wikipedia : 1234 modifications, inscrit le 2019-03-04 05:06 UTC, "
                + "groupes : autoconfirmed, bloqué par AdminExemple"), out.get(1));
        assertEquals(1, wiki.getRequestCount(), "cached for a few minutes");
    }

    @Test
    void anUnknownAccountAndAnIpAddressAreToldApart() throws Exception {
        wiki.enqueue(json("""
                {"batchcomplete":true,"query":{"users":[{"name":"Personne Inconnue","missing":true}]}}"""));
        wiki.enqueue(json("""
                {"batchcomplete":true,"query":{"users":[{"name":"192.0.2.15","invalid":true}]}}"""));

        assertEquals("fr.wikipedia: no account named Personne Inconnue",
                intel("en", "Personne Inconnue p=fr.wikipedia").get(1));
        assertEquals(List.of("192.0.2.15 is on no list, and no list change concerns it"),
                intel("en", "192.0.2.15 p=fr.wikipedia"), "no account, nothing to add");
    }

    @Test
    void aSlowWikiDoesNotHoldTheReply() throws Exception {
        wiki.enqueue(new MockResponse.Builder().headersDelay(10, TimeUnit.SECONDS).body(BLOCKED).build());

        List<String> out = intel("en", "Blagueur75 p=fr.wikipedia");

        assertEquals(List.of("Blagueur75 is on no list, and no list change concerns it",
                "Wiki facts unavailable: the wiki did not answer in time"), out);
    }

    @Test
    void aFailingWikiSaysWhy() throws Exception {
        wiki.enqueue(new MockResponse.Builder().code(404).build());

        List<String> out = intel("en", "Blagueur75 p=fr.wikipedia");

        assertEquals("Wiki facts unavailable: fr.wikipedia: HTTP 404", out.get(1));
    }

    @Test
    void withoutAWikiApiIntelIsAsBefore() throws Exception {
        assertEquals(Optional.empty(), org.vigie.service.WikiService.wikiFacts(null, "fr.wikipedia", "Blagueur75").get(1, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), org.vigie.service.WikiService.wikiFacts(api, null, "Blagueur75").get(1, TimeUnit.SECONDS));
        assertEquals(0, wiki.getRequestCount());
    }

    /** A bot with empty lists and no network; only the wiki facts are real ({@link org.vigie.service.WikiService}'s, over the API). */
    private record ListlessPort(WikiApi api) implements BotPort {
        @Override
        public CompletableFuture<Optional<WikiFacts>> wikiFacts(String wiki, String user) {
            return org.vigie.service.WikiService.wikiFacts(api, wiki == null ? "fr.wikipedia" : wiki, user);
        }

        @Override
        public String botNick() {
            return "Vigie";
        }

        @Override
        public List<String> owners() {
            return List.of();
        }

        @Override
        public CommandMode commandMode(String channel) {
            return CommandMode.LOUD;
        }

        @Override
        public Optional<Entry> find(ListKind kind, String wiki, String item) {
            return Optional.empty();
        }

        @Override
        public List<Entry> entriesFor(String item) {
            return List.of();
        }

        @Override
        public List<Entry> operators() {
            return List.of();
        }

        @Override
        public Entry add(Entry entry, Caller by) throws PortException {
            throw new PortException("read-only");
        }

        @Override
        public Optional<Entry> remove(ListKind kind, String wiki, String item, Caller by) throws PortException {
            throw new PortException("read-only");
        }

        @Override
        public Optional<WordMatch> testWord(ListKind kind, String wiki, String text) {
            return Optional.empty();
        }

        @Override
        public List<AuditRecord> history(String item, int limit) {
            return List.of();
        }

        @Override
        public Settings settings() {
            return Settings.defaults();
        }

        @Override
        public Settings setConfig(ConfigItem item, String value, Caller by) throws PortException {
            throw new PortException("read-only");
        }

        @Override
        public List<Subscription> destList() {
            return List.of();
        }

        @Override
        public Subscription destAdd(String channel, Set<Event> events, Set<DestFlag> flags, boolean announce,
                                    Caller by) throws PortException {
            throw new PortException("read-only");
        }

        @Override
        public Subscription destDel(String channel, Set<Event> events, Set<DestFlag> flags, Caller by)
                throws PortException {
            throw new PortException("read-only");
        }

        @Override
        public void destSwap(String a, String b, Caller by) throws PortException {
            throw new PortException("read-only");
        }

        @Override
        public Subscription destSet(String dest, String source, Caller by) throws PortException {
            throw new PortException("read-only");
        }

        @Override
        public void unkick(String channel, Caller by) throws PortException {
            throw new PortException("read-only");
        }

        @Override
        public void quiet(String channel, Caller by) {
        }

        @Override
        public void quietAll(String text, Caller by) {
        }

        @Override
        public void speak(String channel, Caller by) {
        }

        @Override
        public boolean isQuiet(String channel) {
            return false;
        }

        @Override
        public Status status() {
            return new Status(List.of(), 0, 0, 0, 0, false, List.of(), 0, ApiState.UP);
        }

        @Override
        public void readerReset(Caller by) {
        }

        @Override
        public Info info() {
            return new Info("0.1.0", "User:Tester", "");
        }

        @Override
        public List<Plugin> plugins() {
            return List.of();
        }

        @Override
        public void pluginLoad(String name, Caller by) throws PortException {
            throw new PortException("no plugins");
        }

        @Override
        public void pluginReload(String name, Caller by) throws PortException {
            throw new PortException("no plugins");
        }

        @Override
        public void pluginUnload(String name, Caller by) throws PortException {
            throw new PortException("no plugins");
        }

        @Override
        public List<BlockConflict> blockConflicts(int limit) {
            return List.of();
        }

        @Override
        public boolean wikiApiAvailable() {
            return true;
        }

        @Override
        public CompletableFuture<WikiRefresh> readMessages(String wiki) {
            return CompletableFuture.completedFuture(new WikiRefresh(0, 0, List.of()));
        }

        @Override
        public CompletableFuture<WikiRefresh> getAdmins(String wiki) {
            return CompletableFuture.completedFuture(new WikiRefresh(0, 0, List.of()));
        }

        @Override
        public CompletableFuture<WikiRefresh> getBots(String wiki) {
            return CompletableFuture.completedFuture(new WikiRefresh(0, 0, List.of()));
        }

        @Override
        public CompletableFuture<Optional<String>> accountOf(String nick) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public void shutdown(Caller by) {
        }
    }
}
