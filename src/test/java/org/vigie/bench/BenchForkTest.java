package org.vigie.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchForkTest {

    @Test
    void theBenchsOwnJvmGetsTheFlagsTheMarkerTheClassPathAndTheArguments() {
        List<String> cmd = Bench.childCommand("/usr/bin/java", "target/vigie.jar", "org.vigie.cli.Main", List.of("-XX:+UseSerialGC"),
                "/work/shared", List.of("--runs", "3", "--load", "0"));
        assertEquals(List.of("/usr/bin/java", "-XX:+UseSerialGC", "-Dvigie.bench.forked=-XX:+UseSerialGC",
                "-Dvigie.shared=/work/shared", "-cp", "target/vigie.jar", "org.vigie.cli.Main", "bench", "--runs", "3",
                "--load", "0"), cmd);
    }

    @Test
    void withoutFlagsTheMarkerSaysSoAndNoSharedPathIsInvented() {
        List<String> cmd = Bench.childCommand("java", "a.jar", "org.vigie.cli.Main", List.of(), null, List.of());
        assertEquals(List.of("java", "-Dvigie.bench.forked=the JVM's default flags", "-cp", "a.jar", "org.vigie.cli.Main",
                "bench"), cmd);
    }

    @Test
    void theJvmFlagsAreNotPassedOnAsBenchArguments() throws Exception {
        // --jvm is read here and must not reach the child, which would read it again; a missing value is refused
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Bench(out, "org.vigie.cli.Main").args(List.of("--jvm")));
        assertTrue(e.getMessage().startsWith("--jvm needs a value"), e.getMessage());
        var f = Bench.class.getDeclaredField("passOn");
        f.setAccessible(true);
        Bench b = new Bench(out, "org.vigie.cli.Main");
        try {
            b.args(List.of("--jvm", "-XX:+UseSerialGC -Xmx1g", "--runs", "2", "--data", "pom.xml"));
        } catch (IllegalArgumentException ignored) {
            // the data file check comes last; the arguments are read by then
        }
        assertEquals(List.of("--runs", "2", "--data", "pom.xml"), f.get(b));
    }
}
