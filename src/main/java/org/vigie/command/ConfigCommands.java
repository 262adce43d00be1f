package org.vigie.command;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.vigie.config.ConfigItem;
import org.vigie.config.Settings;

/**
 * {@code config}: the runtime items, the wiki refreshes, {@code unkick} and {@code readcmds}. The wiki refreshes run
 * in the background: the command answers at once that it started, and again when the wiki API has answered
 * (at most {@link #REFRESH_TIMEOUT_SECONDS} later).
 */
public final class ConfigCommands {

    public static final long REFRESH_TIMEOUT_SECONDS = 120;

    private ConfigCommands() {
    }

    public static void list(Invocation inv) {
        Settings s = inv.port().settings();
        List<String> items = new ArrayList<>();
        for (Map.Entry<ConfigItem, String> e : s.asMap().entrySet()) {
            items.add(e.getKey().key() + "=" + e.getValue());
        }
        inv.out().answerLines(Text.pack(inv.t().render("cmd.config.list"), items, " "));
    }

    public static void set(Invocation inv) throws PortException {
        String key = inv.args().word(0);
        ConfigItem item = ConfigItem.fromKey(key);
        if (item == null) {
            inv.out().error("cmd.config.unknown", "item", key);
            return;
        }
        String value;
        try {
            value = item.normalise(inv.args().word(1));
        } catch (ConfigItem.Invalid e) {
            inv.out().error("cmd.config.invalid", "item", item.key(), "value", inv.args().word(1),
                    "why", inv.t().render(e.key(), e.args()));
            return;
        }
        String old = inv.port().settings().get(item);
        if (old.equals(value)) {
            inv.out().answer("cmd.config.same", "item", item.key(), "value", value);
            return;
        }
        Settings now = inv.port().setConfig(item, value, inv.caller());
        inv.out().ack("cmd.config.set", "item", item.key(), "value", now.get(item), "old", old);
    }

    public static void readMessages(Invocation inv) throws UsageException, PortException {
        if (inv.args().size() == 0) {
            // Without a wiki: the bot's own sentences first, then every watched wiki's interface messages.
            inv.out().ack("cmd.messages.reloaded", "count",
                    Text.count(inv.t(), "cmd.count.sentences", inv.port().reloadMessages()));
            if (!inv.port().wikiApiAvailable()) {
                return;
            }
        }
        refresh(inv, "cmd.what.messages", p -> p::readMessages);
    }

    public static void getAdmins(Invocation inv) throws UsageException {
        refresh(inv, "cmd.what.admins", p -> p::getAdmins);
    }

    public static void getBots(Invocation inv) throws UsageException {
        refresh(inv, "cmd.what.bots", p -> p::getBots);
    }

    private static void refresh(Invocation inv, String whatKey,
                                Function<BotPort, Function<String, CompletableFuture<BotPort.WikiRefresh>>> op)
            throws UsageException {
        String what = inv.t().render(whatKey);
        if (!inv.port().wikiApiAvailable()) {
            inv.out().error("cmd.wikiapi.needed", "command", inv.spec().name());
            return;
        }
        String wiki = null;
        if (inv.args().size() > 0) {
            wiki = Wikis.normalise(inv.args().word(0));
            if (wiki == null || wiki.equals(Wikis.GLOBAL)) {
                throw new UsageException("cmd.why.wiki", "wiki", inv.args().word(0));
            }
        }
        String scope = wiki == null ? inv.t().render("cmd.scope.allwikis") : wiki;
        inv.out().ack("cmd.wiki.started", "what", what, "scope", scope);
        Out out = inv.out();
        op.apply(inv.port()).apply(wiki).orTimeout(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .whenComplete((r, err) -> {
                    if (err != null) {
                        out.error("cmd.wiki.failed", "what", what, "scope", scope, "why", reason(out.templates(), err));
                    } else {
                        out.answer("cmd.wiki.done", "what", what, "scope", scope, "items", r.items(),
                                "wikis", Text.count(out.templates(), "cmd.count.wikis", r.wikis()));
                        if (!r.failures().isEmpty()) {
                            out.error("cmd.wiki.partial", "failures", String.join(", ", r.failures()));
                        }
                    }
                });
    }

    private static String reason(org.vigie.i18n.Templates t, Throwable e) {
        Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        if (c instanceof java.util.concurrent.TimeoutException) {
            return t.render("cmd.wiki.timeout", "seconds", REFRESH_TIMEOUT_SECONDS);
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }

    public static void unkick(Invocation inv) throws PortException, UsageException {
        String chan = DestCommands.channel(inv.args().word(0));
        if (chan == null) {
            throw new UsageException("cmd.why.channel", "value", inv.args().word(0));
        }
        inv.port().unkick(chan, inv.caller());
        inv.out().ack("cmd.config.unkicked", "chan", chan);
    }

    public static void readCommands(Invocation inv) {
        var file = inv.ctx().commandsFile();
        if (file == null || !Files.isRegularFile(file)) {
            inv.out().error("cmd.readcmds.nofile", "file", file == null ? "-" : file.toString());
            return;
        }
        Commands.OverrideResult r;
        try {
            r = inv.ctx().commands().readOverrides(file);
        } catch (IOException | IllegalArgumentException e) {
            inv.out().error("cmd.readcmds.unreadable", "file", file.getFileName().toString(), "why", e.getMessage());
            return;
        }
        inv.out().ack("cmd.readcmds.done", "file", file.getFileName().toString(),
                "aliases", Text.count(inv.t(), "cmd.count.aliases", r.aliases()),
                "levels", Text.count(inv.t(), "cmd.count.levels", r.levels()));
        for (Commands.Refusal e : r.refusals()) {
            inv.out().error("cmd.readcmds.refused", "line", e.line(), "why", inv.t().render(e.key(), "value", e.value()));
        }
    }
}
