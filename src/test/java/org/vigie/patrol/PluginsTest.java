package org.vigie.patrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.config.Settings;
import org.vigie.feed.RcEvent;
import org.vigie.lists.ListKind;
import org.vigie.patrol.PluginException.Problem;

class PluginsTest {

    private static final String FR = "fr.wikipedia";
    private static final long NOW = 1_700_000_000_000L;
    private static final long SIZES = Detector.bits(Event.BIGREMOVE, Event.BIGNEW, Event.TINYNEW, Event.BIGEDIT);

    @TempDir
    Path home;

    private Path dir;
    private Plugins plugins;
    private Patrol patrol;
    private final MemoryLists lists = new MemoryLists();
    private final RcEvent spam = Changes.edit("Paris", "Alice", 3).summary("buy now spam-plugin-test").build();

    @BeforeEach
    void start() {
        dir = home.resolve("plugins");
        plugins = new Plugins(dir);
        patrol = new Patrol(lists, Settings::defaults, new BlockConflicts(), AutoList.english(), plugins::active);
    }

    @AfterEach
    void stop() {
        plugins.close();
    }

    private long events(RcEvent change) {
        Verdict v = patrol.check(change, NOW);
        return v == null ? 0 : v.events();
    }

    private Path spamJar(String version) throws IOException {
        return PluginJars.write("spam", dir.resolve("spam.jar"), true, "(v1)", "(" + version + ")");
    }

    private Plugins.Info info(String name) {
        return plugins.list().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ built-ins

    @Test
    void listShowsTheBuiltInsLoadedWithTheirEvents() {
        assertEquals(List.of(), plugins.discover());
        List<Plugins.Info> all = plugins.list();
        assertEquals(List.of("anonymous", "lists", "words", "logs", "sizes", "blockconflict"),
                all.stream().map(Plugins.Info::name).toList());
        assertTrue(all.stream().allMatch(i -> i.builtIn() && i.loaded()));
        assertEquals(new Plugins.Info("sizes", Plugins.BUILT_IN, true, SIZES), info("sizes"));
        assertEquals(List.of(Event.BIGREMOVE, Event.BIGNEW, Event.TINYNEW, Event.BIGEDIT), info("sizes").eventList());
    }

    @Test
    void unloadingSizesStopsBigremoveAtOnceWhileListsStillRaisesBlack() throws Exception {
        plugins.discover();
        lists.add(ListKind.BL, FR, "Vandal", "spam");
        RcEvent blanking = Changes.edit("Paris", "Vandal", -5000).build();
        assertEquals(Event.BLACK.bit() | Event.BIGREMOVE.bit(), events(blanking));

        assertEquals(List.of(new Plugins.Info("sizes", Plugins.BUILT_IN, false, SIZES)), plugins.unload("sizes"));
        Verdict v = patrol.check(blanking, NOW);
        assertEquals(Event.BLACK.bit(), v.events());
        assertEquals("spam", v.reasons().get(0).entry().reason());
        assertFalse(info("sizes").loaded());

        plugins.load("sizes");
        assertEquals(Event.BLACK.bit() | Event.BIGREMOVE.bit(), events(blanking));
    }

    @Test
    void namesAreCaseInsensitive() throws Exception {
        plugins.discover();
        plugins.unload(" SIZES ");
        assertFalse(info("sizes").loaded());
    }

    @Test
    void refusalsSayWhy() throws Exception {
        plugins.discover();
        PluginException unknown = assertThrows(PluginException.class, () -> plugins.load("nosuch"));
        assertEquals(Problem.UNKNOWN, unknown.problem());
        assertTrue(unknown.getMessage().contains("anonymous, lists, words, logs, sizes, blockconflict"),
                unknown.getMessage());
        assertEquals("plugin.unknown", unknown.problem().key());
        assertEquals(Problem.ALREADY_LOADED, assertThrows(PluginException.class, () -> plugins.load("sizes")).problem());
        plugins.unload("sizes");
        assertEquals(Problem.NOT_LOADED, assertThrows(PluginException.class, () -> plugins.unload("sizes")).problem());
        assertEquals(Problem.UNKNOWN, assertThrows(PluginException.class, () -> plugins.unload("nosuch")).problem());
        assertEquals(Problem.UNKNOWN, assertThrows(PluginException.class, () -> plugins.reload("nosuch")).problem());
    }

    @Test
    void reloadOfABuiltInMakesAFreshLoadedInstance() throws Exception {
        plugins.discover();
        Detector before = plugins.active().find("sizes");
        plugins.unload("sizes");
        plugins.reload("sizes");
        assertTrue(info("sizes").loaded());
        assertNotSame(before, plugins.active().find("sizes"));
        assertEquals(Event.BIGREMOVE.bit(), events(Changes.edit("Paris", "Alice", -900).build()));
    }

    // ------------------------------------------------------------------ jars

    @Test
    void pluginJarIsLoadedRaisesItsEventReloadsAndUnloads() throws Exception {
        plugins.discover();
        Path jar = spamJar("v1");
        assertNull(patrol.check(spam, NOW));
        assertEquals(new Plugins.Info("spam.jar", jar.toString(), false, 0), info("spam.jar"));

        assertEquals(List.of(new Plugins.Info("spamcheck", jar.toString(), true, Event.BES.bit())),
                plugins.load("spam.jar"));
        Verdict v = patrol.check(spam, NOW);
        assertEquals(Event.BES.bit(), v.events());
        assertEquals("spam-plugin-test (v1)", v.reasons().get(0).matched());
        assertNull(patrol.check(Changes.edit("Paris", "Alice", 3).summary("ham").build(), NOW));

        spamJar("v2");
        plugins.reload("spamcheck");
        assertEquals("spam-plugin-test (v2)", patrol.check(spam, NOW).reasons().get(0).matched());

        plugins.unload("spamcheck");
        assertNull(patrol.check(spam, NOW));
        assertFalse(info("spamcheck").loaded());

        plugins.load("spamcheck");
        assertEquals(Event.BES.bit(), events(spam));

        plugins.unload("spam.jar");
        assertNull(patrol.check(spam, NOW));
        assertEquals(new Plugins.Info("spam.jar", jar.toString(), false, 0), info("spam.jar"));
    }

    @Test
    void jarIsFoundByItsBaseNameToo() throws Exception {
        spamJar("v1");
        assertEquals("spamcheck", plugins.load("spam").get(0).name());
    }

    @Test
    void jarsOfThePluginsFolderAreLoadedAtDiscoveryAndABadOneIsReported() throws Exception {
        spamJar("v1");
        PluginJars.write("spam", dir.resolve("bare.jar"), false, "spamcheck", "bare");
        List<String> problems = plugins.discover();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("bare.jar declares no detector"), problems.get(0));
        assertTrue(info("spamcheck").loaded());
        assertEquals(Event.BES.bit(), events(spam));
    }

    @Test
    void jarWithoutServiceFileIsRefused() throws Exception {
        plugins.discover();
        PluginJars.write("spam", dir.resolve("bare.jar"), false);
        PluginException x = assertThrows(PluginException.class, () -> plugins.load("bare.jar"));
        assertEquals(Problem.NO_SERVICE, x.problem());
        assertTrue(x.getMessage().contains("META-INF/services/org.vigie.patrol.Detector"), x.getMessage());
        assertFalse(info("bare.jar").loaded());
    }

    @Test
    void detectorClaimingNoEventIsRefused() throws Exception {
        PluginJars.write("nothing", dir.resolve("nothing.jar"), true);
        PluginException x = assertThrows(PluginException.class, () -> plugins.load("nothing.jar"));
        assertEquals(Problem.CLAIMS_NOTHING, x.problem());
        assertEquals("claimsnothing", x.subject());
        assertEquals(0, plugins.active().size());
    }

    @Test
    void jarDetectorCannotTakeABuiltInName() throws Exception {
        plugins.discover();
        PluginJars.write("spam", dir.resolve("clash.jar"), true, "\"spamcheck\"", "\"sizes\"");
        assertEquals(Problem.DUPLICATE_NAME,
                assertThrows(PluginException.class, () -> plugins.load("clash.jar")).problem());
        assertTrue(info("sizes").builtIn());
    }

    @Test
    void failedReloadKeepsTheOldVersionRunning() throws Exception {
        spamJar("v1");
        plugins.load("spam.jar");
        assertEquals(Event.BES.bit(), events(spam));
        PluginJars.write("spam", dir.resolve("spam.jar"), false);
        assertEquals(Problem.NO_SERVICE, assertThrows(PluginException.class, () -> plugins.reload("spamcheck"))
                .problem());
        assertEquals("spam-plugin-test (v1)", patrol.check(spam, NOW).reasons().get(0).matched());
    }

    @Test
    void reloadByJarNameLoadsAllItsDetectors() throws Exception {
        spamJar("v1");
        plugins.load("spam.jar");
        plugins.unload("spamcheck");
        plugins.reload("spam.jar");
        assertTrue(info("spamcheck").loaded());
    }

    @Test
    void namesCannotLeaveThePluginsFolder() throws Exception {
        Files.createDirectories(dir);
        PluginJars.write("spam", home.resolve("outside.jar"), true);
        for (String name : List.of("../outside.jar", home.resolve("outside.jar").toString(), ".hidden.jar")) {
            assertEquals(Problem.UNKNOWN, assertThrows(PluginException.class, () -> plugins.load(name)).problem(),
                    name);
        }
    }

    // ------------------------------------------------------------------ threads

    @Test
    void commandsChangeTheRegistryWhileThePatrolThreadRuns() throws Exception {
        plugins.discover();
        RcEvent blanking = Changes.edit("Paris", "Alice", -5000).build();
        AtomicLong with = new AtomicLong();
        AtomicLong without = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread patrolThread = new Thread(() -> {
            try {
                for (int i = 0; i < 200_000; i++) {
                    Verdict v = patrol.check(blanking, NOW);
                    (v != null && v.has(Event.BIGREMOVE) ? with : without).incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "patrol");
        patrolThread.start();
        for (int i = 0; i < 200 && patrolThread.isAlive(); i++) {
            plugins.unload("sizes");
            Thread.yield();
            plugins.load("sizes");
        }
        plugins.unload("sizes");
        patrolThread.join();
        assertNull(failure.get());
        assertEquals(200_000, with.get() + without.get());
        // once unload has returned, the very next change no longer sees the detector
        assertNull(patrol.check(blanking, NOW));
    }
}
