package org.vigie.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each key is declared once with its check: a bad value of any checked key stops the start naming that key. */
class BotConfigKeysTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "feed.source|rss", "feed.host|bad host", "feed.port|0", "feed.tls|maybe", "feed.nick|1nick",
        "feed.channels|nochannel", "feed.warmup|-1", "feed.watchdog|0", "feed.quickack|sometimes", "feed.stream.url|ftp://x", "feed.queue|0",
        "irc.host|a b", "irc.port|70000", "irc.tls|yes", "irc.nick|-x", "irc.control|vigie", "irc.alerts|#a b",
        "irc.rate|-5", "irc.burst|0", "irc.stale|0", "irc.watchdog|x", "db.url|jdbc:mysql://x", "lang|de",
        "lists.snapshot.minutes|-1", "wiki.api|1", "wiki.refresh.hours|0", "wiki.globalgroups|no",
        "web.enabled|on", "web.port|65536", "web.port|-1", "web.bind|a b", "web.base|vigie", "web.clients|0",
        "web.hosts|example.org:8080",
        "irc.allow-plaintext-auth|y", "irc.queue.high|0", "irc.high.share|0", "cmd.queue|0", "hook.stale|-1",
        "report.zone|Mars/Olympus", "wiki.liftwing|2", "wiki.liftwing.url|x", "wiki.liftwing.wait|0",
        "wiki.liftwing.timeout|0", "wiki.liftwing.concurrency|0", "wiki.liftwing.perminute|0"})
    void aBadValueNamesItsKey(String key, String value) {
        BotConfig.ConfigException e = assertThrows(BotConfig.ConfigException.class,
                () -> BotConfig.defaults().with(key, value));
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
    }
}
