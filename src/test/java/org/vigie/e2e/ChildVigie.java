package org.vigie.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Vigie in a JVM of its own ({@code java -cp <this class path> org.vigie.cli.Main --config FILE run}), as an operator runs
 * it, so that it can be killed for real: {@link #kill9()} is SIGKILL (no shutdown hook, no H2 SHUTDOWN, no last
 * snapshot), {@link #term()} is SIGTERM (the orderly stop).
 */
final class ChildVigie implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildVigie(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Writes {@code config} as bot.properties into {@code dir} and starts Vigie on it; its output goes to a log. */
    static ChildVigie start(Path dir, Map<String, String> config, String logName) throws IOException {
        Path conf = dir.resolve("bot.properties");
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : config.entrySet()) {
            b.append(e.getKey()).append('=').append(e.getValue().replace("\\", "\\\\")).append('\n');
        }
        Files.writeString(conf, b, StandardCharsets.UTF_8);
        Path log = dir.resolve(logName);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "org.vigie.cli.Main", "--config", conf.toString(), "run"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // the child reads bot.properties only: no VIGIE_* variable of this machine may change what is tested
        pb.environment().keySet().removeIf(k -> k.startsWith("VIGIE_"));
        return new ChildVigie(pb.start(), log);
    }

    /** The keys LiveBot's in-process Vigie uses, for a child on the same server. */
    static Map<String, String> config(String host, int port, Path db, Path dir) throws IOException {
        Path lists = Files.createDirectories(dir.resolve("lists-empty"));
        Map<String, String> m = new LinkedHashMap<>();
        m.put("feed.host", host);
        m.put("feed.port", Integer.toString(port));
        m.put("feed.tls", "false");
        m.put("feed.nick", LiveBot.FEED_NICK);
        m.put("feed.channels", LiveBot.FEED);
        m.put("irc.host", host);
        m.put("irc.port", Integer.toString(port));
        m.put("irc.tls", "false");
        m.put("irc.nick", LiveBot.NICK);
        m.put("irc.control", LiveBot.CONTROL);
        m.put("irc.alerts", LiveBot.ALERTS);
        m.put("irc.rate", "0");
        m.put("wiki.api", "false");
        m.put("web.port", "0");
        m.put("db.url", "jdbc:h2:file:" + db.toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        m.put("lists.dir", lists.toString());
        m.put("messages.dir", Path.of("messages").toAbsolutePath().toString());
        m.put("commands.file", dir.resolve("commands.properties").toString());
        m.put("plugins.dir", dir.resolve("plugins").toString());
        m.put("lang", "en");
        return m;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill9() {
        process.destroyForcibly();   // SIGKILL on Linux
        awaitExit();
    }

    /** SIGTERM (Vigie's shutdown hook runs its orderly stop), and waits until the process is gone. */
    void term() {
        process.destroy();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("Vigie (pid " + process.pid() + ") did not exit within 30 s; log:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
