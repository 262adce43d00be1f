package org.vigie.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vigie.i18n.Templates;
import org.vigie.config.ConfigItem;
import org.vigie.config.Settings;
import org.vigie.lists.ListKind;
import org.vigie.patrol.Event;

/**
 * The single source of help: the in-IRC {@code help} family and HELP.md ({@link #markdown}) are both rendered
 * from the command declarations ({@link Commands#standard()}) and the messages.
 */
public final class Help {

    /** The nick shown in HELP.md examples. */
    public static final String EXAMPLE_NICK = "Vigie";

    private Help() {
    }

    // ------------------------------------------------------------------ commands

    public static void help(Invocation inv) {
        answer(inv, inv.out(), inv.args().wordOrNull(0));
    }

    /** {@code nhelp [cmd]}: the same as {@code help}, every line by NOTICE. */
    public static void nhelp(Invocation inv) {
        answer(inv, inv.out().byNotice(), inv.args().wordOrNull(0));
    }

    public static void events(Invocation inv) {
        inv.out().answerLines(eventLines(inv.t()));
    }

    public static void configItems(Invocation inv) {
        inv.out().answerLines(configItemLines(inv.t(), inv.port().settings()));
    }

    private static void answer(Invocation inv, Out out, String query) {
        Templates t = inv.t();
        if (query == null) {
            out.answerLines(overview(inv.ctx().commands(), t));
            return;
        }
        String q = query.strip().toLowerCase(Locale.ROOT);
        if (q.equals("events")) {
            out.answerLines(eventLines(t));
        } else if (q.equals("configitems")) {
            out.answerLines(configItemLines(t, inv.port().settings()));
        } else {
            List<String> lines = commandHelp(inv.ctx().commands(), t, q, inv.port().botNick());
            String event = lines.isEmpty() ? eventHelp(t, q) : null;
            if (event != null) {
                out.answerLine(event);
            } else if (lines.isEmpty()) {
                out.error("cmd.help.unknown", "name", query);
            } else {
                out.answerLines(lines);
            }
        }
    }

    // ------------------------------------------------------------------ rendering, in-IRC

    /** {@code help} alone: every command word, and where to look next. */
    public static List<String> overview(Commands c, Templates t) {
        List<String> lines = new ArrayList<>(Text.pack(t.render("help.overview.head"), c.families(), ", "));
        lines.add(t.render("help.overview.more"));
        return lines;
    }

    /** The help of one form ({@code bl add}) or of every form of a family ({@code bl}); empty when unknown. */
    public static List<String> commandHelp(Commands c, Templates t, String query, String nick) {
        List<CommandLine.Token> tokens = CommandLine.tokens(query);
        if (tokens.isEmpty()) {
            return List.of();
        }
        List<CommandSpec> forms = c.family(tokens.get(0).text());
        List<String> lines = new ArrayList<>();
        if (tokens.size() > 1) {
            for (CommandSpec s : forms) {
                if (s.sub().equalsIgnoreCase(tokens.get(1).text())) {
                    lines.add(line(c, s, t, nick));
                }
            }
        }
        if (lines.isEmpty()) {
            for (CommandSpec s : forms) {
                lines.add(line(c, s, t, nick));
            }
        }
        return lines;
    }

    private static String line(Commands c, CommandSpec s, Templates t, String nick) {
        return t.render("help.line", "syntax", s.syntax(t), "help", describe(s, t),
                "level", t.render("help.level." + c.privilege(s).key()), "example", nick + " " + s.example(t));
    }

    /** The one-line description of a form, list name and default expiry filled in. */
    public static String describe(CommandSpec s, Templates t) {
        if (s.kind() == null) {
            return t.render(s.helpKey());
        }
        ListKind k = s.kind();
        String listKey = "cmd.listname." + k.command();
        long d = ListCommands.defaultExpiryMillis(k);
        String expiry = d < 0 ? t.render("help.expiry.never") : t.render("help.expiry.days", "days", d / 86_400_000L);
        String what = t.render("help.item." + (k == ListKind.CVI ? "image"
                : k.itemType().name().toLowerCase(Locale.ROOT)));
        return t.render(s.helpKey(), "list", t.has(listKey) ? t.render(listKey) : k.label(), "expiry", expiry,
                "what", what);
    }

    /**
     * {@code help events}: every event with its description, then, apart, the destination flags ({@code cmds},
     * {@code cmdsq}, {@code -admin}…), which are not events.
     */
    public static List<String> eventLines(Templates t) {
        List<String> items = new ArrayList<>();
        for (Event e : Event.values()) {
            items.add(t.render("help.event.item", "name", e.key(), "help", t.render("help.event." + e.key())));
        }
        List<String> flags = new ArrayList<>();
        for (BotPort.DestFlag f : BotPort.DestFlag.values()) {
            flags.add(t.render("help.event.item", "name", f.key(), "help", t.render("help.flag." + flagKey(f))));
        }
        for (String[] w : VALUE_WORDS) {
            flags.add(t.render("help.event.item", "name", w[0], "help", t.render(w[1])));
        }
        List<String> lines = new ArrayList<>(Text.pack(t.render("help.events.head"), items, t.render("cmd.separator")));
        lines.addAll(Text.pack(t.render("help.flags.head"), flags, t.render("cmd.separator")));
        return lines;
    }

    /** {@code help wwuser}, {@code help newuser}: an event's name (or alias) asked about on its own. */
    private static String eventHelp(Templates t, String query) {
        Event e = Event.fromKey(query);
        if (e == null) {
            return null;
        }
        return e.key().equals(query)
                ? t.render("help.event.item", "name", e.key(), "help", t.render("help.event." + e.key()))
                : t.render("help.event.alias", "alias", query, "name", e.key(), "help",
                        t.render("help.event." + e.key()));
    }

    /** {@code help configitems}: every item, its default, its current value when different, and its description. */
    public static List<String> configItemLines(Templates t, Settings current) {
        List<String> items = new ArrayList<>();
        for (ConfigItem i : ConfigItem.values()) {
            String now = current.get(i);
            String shown = i.defaultValue().isEmpty() ? "\"\"" : i.defaultValue();
            items.add(t.render(now.equals(i.defaultValue()) ? "help.configitem" : "help.configitem.changed",
                    "name", i.key(), "default", shown, "value", now, "help", t.render("config.item." + i.key())));
        }
        return Text.pack(t.render("help.configitems.head"), items, t.render("cmd.separator"));
    }

    /** The words of a spec that carry a value: as written, and their help key. */
    private static final String[][] VALUE_WORDS = {
        {org.vigie.alert.Destination.SCORE_WORD + "N", "help.flag.score"},
        {org.vigie.alert.Destination.REPEAT_WORD + "N", "help.flag.repeat"},
    };

    private static String flagKey(BotPort.DestFlag f) {
        return f.key().startsWith("-") ? "no" + f.key().substring(1) : f.key();
    }

    // ------------------------------------------------------------------ HELP.md

    /** The whole command reference in Markdown, from the declared (not operator-overridden) levels, in English. */
    public static String markdown(Commands c, Templates en) {
        StringBuilder md = new StringBuilder();
        md.append("# Vigie commands\n\n");
        md.append("<!-- Generated from org.vigie.command.Help: run `java -jar target/vigie.jar help-md`"
                + " (or HelpMd.main) after changing a command or its messages. Do not edit by hand. -->\n\n");
        md.append(INTRO);
        md.append("\n## Commands\n\n| Command | Who | What it does | Example |\n|---|---|---|---|\n");
        for (CommandSpec s : c.all()) {
            md.append("| `").append(cell(s.syntax())).append("` | ")
                    .append(cell(Text.plain(en.render("help.level." + s.privilege().key())))).append(" | ")
                    .append(cell(Text.plain(describe(s, en)))).append(" | `")
                    .append(cell(EXAMPLE_NICK + " " + s.example(en))).append("` |\n");
        }
        md.append("\n## Default expiry of list entries\n\n| List | Default expiry |\n|---|---|\n");
        for (ListKind k : ListKind.values()) {
            if (k == ListKind.GL) {
                continue;
            }
            long d = ListCommands.defaultExpiryMillis(k);
            md.append("| `").append(k.command()).append("` (").append(Text.plain(en.render("cmd.listname." + k.command())))
                    .append(") | ").append(Text.plain(d < 0 ? en.render("help.expiry.never")
                            : en.render("help.expiry.days", "days", d / 86_400_000L))).append(" |\n");
        }
        md.append("\n## Events (for `dest`)\n\n| Event | Raised by |\n|---|---|\n");
        for (Event e : Event.values()) {
            md.append("| `").append(e.key()).append("` | ").append(cell(Text.plain(en.render("help.event." + e.key()))))
                    .append(" |\n");
        }
        md.append("\n`wwuser` is CVUBot's name for `bnu`, accepted as its alias wherever an event is named "
                + "(`dest add #chan wwuser`, `help wwuser`); `dest list` shows it as `bnu`.\n");
        md.append("\n## Destination flags\n\n| Flag | Meaning |\n|---|---|\n");
        for (BotPort.DestFlag f : BotPort.DestFlag.values()) {
            md.append("| `").append(f.key()).append("` | ").append(cell(Text.plain(en.render("help.flag." + flagKey(f)))))
                    .append(" |\n");
        }
        for (String[] w : VALUE_WORDS) {
            md.append("| `").append(w[0]).append("` | ").append(cell(Text.plain(en.render(w[1])))).append(" |\n");
        }
        md.append("\n## Config items (`config <item> <value>`)\n\n| Item | Default | Meaning |\n|---|---|---|\n");
        for (ConfigItem i : ConfigItem.values()) {
            md.append("| `").append(i.key()).append("` | `").append(i.defaultValue().isEmpty() ? "\"\"" : i.defaultValue())
                    .append("` | ").append(cell(Text.plain(en.render("config.item." + i.key())))).append(" |\n");
        }
        return md.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    private static final String INTRO = """
            ## Talking to the bot

            - In a channel where commands are heard (the control channel, and channels subscribed to `cmds` or \
            `cmdsq`), address the bot by its nick or its pseudonym (`config pseudonym`): `Vigie bl add Foo`, \
            `Vigie: bl add Foo`, `Vigie, status`. Case does not matter. In a private message no prefix is needed.
            - Options come after the command in any order: `x=<hours>` (decimals allowed, `1.5` or `1,5`; `x=0` or \
            no `x=` gives the list's default expiry), `p=<wiki>` (`fr.wikipedia`, `fr.wikipedia.org` or the database \
            name `frwiki`; no `p=` means global) and `r=<reason>`. The reason runs to the end of the line or to the \
            next word starting with `x=` or `p=`; write `r="..."` to keep such a word in it.
            - Items may contain spaces: `Vigie cvp add Tour Eiffel p=fr.wikipedia`. Put an item in double quotes when \
            it starts with `x=`, `r=` or `p=` (`Vigie cvp add "X=Y"`).
            - Lists are never printed whole; ask about one item with `show` or `intel`.
            - Who may command: the channel operators of the control channel and the members of the operator list \
            (`aclo`), recognised by their services account or by an explicit `nick!user@host` mask, never by nick \
            alone. Others get no answer at all, except to `status`. Owner commands need one of the owners named in \
            bot.properties (or, when none is named, a channel operator of the control channel).
            - A services account is believed only while its holder shares a channel with the bot (then every change \
            of nick, account or presence reaches it), or from the network's own `account` tag on the message; \
            otherwise the bot asks the network (WHOIS) before running a command that needs an operator, and \
            believes the answer only if it describes the sender's own `user@host`. It never asks for `status`; for \
            an unknown command only by private message, so that an operator known by account hears of the mistake; \
            and about a host whose answers showed no operator at most 3 times a minute.
            - Operators' commands are queued and answered in order, paced by the output: no command of theirs is \
            refused for going fast, until 20 of them wait (`cmd.queue`; then one warning). Flood guard for everyone \
            else: more than 5 command units in 10 seconds from one account or host (most commands cost 1, heavy \
            ones 2) gets one warning, then silence until the window has passed. Their answers come after the \
            alerts and are dropped first when the output is busy.
            - `quiet`: no alerts in the channel; commands are still run there, but answered only when addressed by \
            the bot's nick (not by its pseudonym). Private messages are always answered. Said alone in a channel that \
            receives no alerts (the control channel), as CVUBot users do when the bot spams, it silences every alert \
            channel instead; `status` names the silenced channels.
            - In a `cmdsq` channel commands run silently: nothing is said in the channel, changes are not \
            acknowledged, answers and errors come to you by NOTICE.
            - Changes are acknowledged only after they are stored. `config readcmds` reads `alias.<word>=<command>` \
            and `level.<command>[.<sub>]=anyone|operator|owner` lines (a command that changes something cannot be \
            opened to anyone).
            """;
}
