package org.vigie.command;

import static org.vigie.command.Opt.P;
import static org.vigie.command.Opt.R;
import static org.vigie.command.Opt.X;
import static org.vigie.command.Privilege.ANYONE;
import static org.vigie.command.Privilege.OWNER;
import static org.vigie.command.RateClass.HEAVY;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.vigie.lists.ListKind;

/**
 * The registry of every operator command, and the one place where they are declared ({@link #standard()}).
 *
 * <p>Operators may change two things at run time with {@code config readcmds}, from a properties file:
 * {@code alias.<word>=<command>} adds a first word ({@code alias.b=bl}) and {@code level.<command>=anyone|operator|owner}
 * or {@code level.<command>.<sub>=...} changes who may run a command ({@code level.intel=anyone}). Each reading starts
 * again from the declarations, so removing a line undoes it. An alias may not hide a command, and a command that
 * changes something can never be opened to anyone.
 */
public final class Commands {

    private final List<CommandSpec> specs;
    private final Map<String, List<CommandSpec>> byFamily = new LinkedHashMap<>();
    private final Map<String, String> declaredAliases = new HashMap<>();
    private volatile Overrides overrides = new Overrides(Map.of(), Map.of());

    private record Overrides(Map<String, String> aliases, Map<String, Privilege> levels) {
    }

    /** What {@code config readcmds} applied, and the lines it refused. */
    public record OverrideResult(int aliases, int levels, List<Refusal> refusals) {
        public OverrideResult {
            refusals = List.copyOf(refusals);
        }

        /** The refusals in English ({@code key: reason}), for logs. */
        public List<String> errors() {
            return refusals.stream().map(r -> r.line() + ": " + r.english()).toList();
        }
    }

    /**
     * One refused line of the command file: the key as written, the message key of the reason (said in the bot's
     * language), the value it names, and the reason in English for logs.
     */
    public record Refusal(String line, String key, String value, String english) {
    }

    /** A command line resolved: its family, its form ({@code null} when no form fits) and the words after it. */
    public record Lookup(String family, CommandSpec spec, List<CommandLine.Token> rest) {
    }

    public Commands(List<CommandSpec> specs) {
        this.specs = List.copyOf(specs);
        for (CommandSpec s : specs) {
            byFamily.computeIfAbsent(s.family(), k -> new ArrayList<>()).add(s);
            for (String a : s.aliases()) {
                declaredAliases.put(a.toLowerCase(Locale.ROOT), s.family());
            }
        }
    }

    /** Every command of Vigie. */
    public static Commands standard() {
        List<CommandSpec> d = new ArrayList<>();
        // help
        d.add(CommandSpec.of("help", "").params("[cmd]").example("help bl add").does(Help::help));
        d.add(CommandSpec.of("help", "events").rate(HEAVY).example("help events").does(Help::events));
        d.add(CommandSpec.of("help", "configitems").rate(HEAVY).example("help configitems").does(Help::configItems));
        d.add(CommandSpec.of("nhelp", "").params("[cmd]").example("nhelp dest").does(Help::nhelp));
        d.add(CommandSpec.of("status", "").privilege(ANYONE).example("status").does(BotCommands::status));
        d.add(CommandSpec.of("info", "").example("info").does(BotCommands::info));
        // lists
        for (ListKind k : ListKind.values()) {
            if (k == ListKind.ACLO) {
                continue;
            }
            String c = k.command();
            String item = ListCommands.itemParam(k);
            String sample = ListCommands.sample(k);
            if (k != ListKind.GL) {
                d.add(CommandSpec.of(c, "add").params(item).options(X, R, P).writes().kind(k).help("help.list.add")
                        .example(c + " add " + sample + (k == ListKind.BL ? " x=24 r={sample.spam} p=fr.wikipedia"
                                : " r=" + ListCommands.sampleReason(k)))
                        .does(ListCommands::add));
            }
            d.add(CommandSpec.of(c, "del").params(item).options(P).writes().kind(k).help("help.list.del")
                    .example(c + " del " + sample).does(ListCommands::del));
            d.add(CommandSpec.of(c, "show").params(item).options(P).kind(k).help("help.list.show")
                    .example(c + " show " + sample).does(ListCommands::show));
            if (k.isWordList()) {
                d.add(CommandSpec.of(c, "test").params("<text>").options(P).kind(k).help("help.list.test")
                        .example(c + " test " + ListCommands.sampleText(k)).does(ListCommands::test));
            }
        }
        d.add(CommandSpec.of("aclo", "add").params("<nick|mask>").options(X, R).writes().kind(ListKind.ACLO)
                .example("aclo add Alice r={sample.patroller}").does(AcloCommands::add));
        d.add(CommandSpec.of("aclo", "del").params("<nick|account|mask>").writes().kind(ListKind.ACLO)
                .example("aclo del Alice").does(AcloCommands::del));
        d.add(CommandSpec.of("aclo", "show").params("<nick|account|mask>").kind(ListKind.ACLO)
                .example("aclo show Alice").does(AcloCommands::show));
        // intel
        d.add(CommandSpec.of("intel", "").params("<user>").options(P).rate(HEAVY)
                .example("intel Foo").does(IntelCommands::intel));
        d.add(CommandSpec.of("aintel", "").params("<page>").options(P).rate(HEAVY)
                .example("aintel Tour Eiffel p=fr.wikipedia").does(IntelCommands::aintel));
        d.add(CommandSpec.of("iintel", "").params("<image>").options(P).rate(HEAVY)
                .example("iintel Fichier:Exemple.jpg").does(IntelCommands::iintel));
        // destinations
        d.add(CommandSpec.of("dest", "add").params("<chan>", "<events>").writes()
                .example("dest add #vigie-alertes black,grey,bigremove").does(DestCommands::add));
        d.add(CommandSpec.of("dest", "del").params("<chan>", "<events>").writes()
                .example("dest del #vigie-alertes grey").does(DestCommands::del));
        d.add(CommandSpec.of("dest", "swap").params("<chan>", "<chan>").writes()
                .example("dest swap #vigie-a #vigie-b").does(DestCommands::swap));
        d.add(CommandSpec.of("dest", "set").params("<dest>", "<source>").writes()
                .example("dest set #vigie-new #vigie-alertes").does(DestCommands::set));
        d.add(CommandSpec.of("dest", "list").rate(HEAVY).example("dest list").does(DestCommands::list));
        // webhooks
        d.add(CommandSpec.of("hook", "add").params("<name>", "<url> [format=discord|slack|json]").privilege(OWNER)
                .writes().example("hook add fr-discord https://discord.com/api/webhooks/123/abc format=discord")
                .does(HookCommands::add));
        d.add(CommandSpec.of("hook", "del").params("<name>").privilege(OWNER).writes()
                .example("hook del fr-discord").does(HookCommands::del));
        d.add(CommandSpec.of("hook", "list").example("hook list").does(HookCommands::list));
        d.add(CommandSpec.of("hook", "test").params("<name>").writes().rate(HEAVY)
                .example("hook test fr-discord").does(HookCommands::test));
        // daily reports
        d.add(CommandSpec.of("report", "add").params("<chan|hook:NAME>", "daily <HH:MM>").writes()
                .example("report add #vigie-alerts daily 08:00").does(ReportCommands::add));
        d.add(CommandSpec.of("report", "del").params("<chan|hook:NAME>").writes()
                .example("report del #vigie-alerts").does(ReportCommands::del));
        d.add(CommandSpec.of("report", "list").example("report list").does(ReportCommands::list));
        d.add(CommandSpec.of("report", "now").params("[chan|hook:NAME]").rate(HEAVY)
                .example("report now").does(ReportCommands::now));
        // config
        d.add(CommandSpec.of("config", "list").example("config list").does(ConfigCommands::list));
        d.add(CommandSpec.of("config", "").params("<item>", "<value>").writes()
                .example("config bigremove 1000").does(ConfigCommands::set));
        d.add(CommandSpec.of("config", "readmsgs").params("[wiki]").writes().rate(HEAVY)
                .example("config readmsgs fr.wikipedia").does(ConfigCommands::readMessages));
        d.add(CommandSpec.of("config", "unkick").params("<chan>").writes()
                .example("config unkick #vigie-alertes").does(ConfigCommands::unkick));
        d.add(CommandSpec.of("config", "readcmds").privilege(OWNER).writes()
                .example("config readcmds").does(ConfigCommands::readCommands));
        d.add(CommandSpec.of("config", "getadmins").params("[wiki]").writes().rate(HEAVY)
                .example("config getadmins fr.wikipedia").does(ConfigCommands::getAdmins));
        d.add(CommandSpec.of("config", "getbots").params("[wiki]").writes().rate(HEAVY)
                .example("config getbots fr.wikipedia").does(ConfigCommands::getBots));
        // quiet
        d.add(CommandSpec.of("quiet", "").params("[chan]").writes().example("quiet #vigie-alertes")
                .does(BotCommands::quiet));
        d.add(CommandSpec.of("quietall", "").params("[text]").writes().example("quietall {sample.maintenance}")
                .does(BotCommands::quietAll));
        d.add(CommandSpec.of("speak", "").params("[chan]").writes().example("speak").does(BotCommands::speak));
        // feed, plugins, conflicts, stop
        d.add(CommandSpec.of("reader", "").example("reader").does(BotCommands::reader));
        d.add(CommandSpec.of("reader", "reset").writes().example("reader reset").does(BotCommands::readerReset));
        d.add(CommandSpec.of("bcl", "").rate(HEAVY).example("bcl").does(BotCommands::blockConflicts));
        d.add(CommandSpec.of("plugin", "list").example("plugin list").does(BotCommands::pluginList));
        d.add(CommandSpec.of("plugin", "load").params("<name>").privilege(OWNER).writes()
                .example("plugin load sizes").does(BotCommands::pluginLoad));
        d.add(CommandSpec.of("plugin", "reload").params("<name>").privilege(OWNER).writes()
                .example("plugin reload sizes").does(BotCommands::pluginReload));
        d.add(CommandSpec.of("plugin", "unload").params("<name>").privilege(OWNER).writes()
                .example("plugin unload sizes").does(BotCommands::pluginUnload));
        d.add(CommandSpec.of("shutdown", "").privilege(OWNER).writes().example("shutdown")
                .does(BotCommands::shutdown));
        return new Commands(d);
    }

    /** Every form, in declaration order. */
    public List<CommandSpec> all() {
        return specs;
    }

    /** The first words, in declaration order. */
    public List<String> families() {
        return List.copyOf(byFamily.keySet());
    }

    /** The forms of a family (or of the family an alias points to); empty when unknown. */
    public List<CommandSpec> family(String word) {
        String f = familyOf(word);
        return f == null ? List.of() : Collections.unmodifiableList(byFamily.get(f));
    }

    /** The family a first word names, through declared and operator aliases; {@code null} when none. */
    public String familyOf(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (byFamily.containsKey(w)) {
            return w;
        }
        String a = overrides.aliases().get(w);
        return a != null ? a : declaredAliases.get(w);
    }

    /** Every alias in force, alias → family. */
    public Map<String, String> aliases() {
        Map<String, String> m = new LinkedHashMap<>(declaredAliases);
        m.putAll(overrides.aliases());
        return m;
    }

    /** Resolves the first words of a command, or {@code null} when the first word names no command. */
    public Lookup lookup(List<CommandLine.Token> tokens) {
        if (tokens.isEmpty() || tokens.get(0).quoted() || tokens.get(0).quotedReason()) {
            return null;
        }
        String family = familyOf(tokens.get(0).text());
        if (family == null) {
            return null;
        }
        List<CommandSpec> forms = byFamily.get(family);
        if (tokens.size() > 1 && !tokens.get(1).quoted() && !tokens.get(1).quotedReason()) {
            String second = tokens.get(1).text();
            for (CommandSpec s : forms) {
                if (!s.sub().isEmpty() && s.sub().equalsIgnoreCase(second)) {
                    return new Lookup(family, s, tokens.subList(2, tokens.size()));
                }
            }
        }
        for (CommandSpec s : forms) {
            if (s.sub().isEmpty()) {
                return new Lookup(family, s, tokens.subList(1, tokens.size()));
            }
        }
        return new Lookup(family, null, tokens.subList(1, tokens.size()));
    }

    /** Who may run a form now (its declaration, or an operator's {@code level.} line). */
    public Privilege privilege(CommandSpec s) {
        Map<String, Privilege> levels = overrides.levels();
        Privilege p = levels.get(s.family() + "." + s.sub());
        if (p == null) {
            p = levels.get(s.family());
        }
        return p != null ? p : s.privilege();
    }

    /** The least privilege among a family's forms: who may at least be told its usage. */
    public Privilege familyPrivilege(String family) {
        Privilege min = Privilege.OWNER;
        for (CommandSpec s : byFamily.getOrDefault(family, List.of())) {
            Privilege p = privilege(s);
            if (p.ordinal() < min.ordinal()) {
                min = p;
            }
        }
        return min;
    }

    /** Reads {@code alias.} and {@code level.} lines from a UTF-8 properties file and applies them. */
    public OverrideResult readOverrides(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return applyOverrides(p);
    }

    /** Replaces the operators' aliases and levels by those of {@code p}; returns what was applied and refused. */
    public OverrideResult applyOverrides(Properties p) {
        Map<String, String> aliases = new HashMap<>();
        Map<String, Privilege> levels = new HashMap<>();
        List<Refusal> errors = new ArrayList<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            String value = p.getProperty(key).strip().toLowerCase(Locale.ROOT);
            String k = key.strip().toLowerCase(Locale.ROOT);
            if (k.startsWith("alias.")) {
                String alias = k.substring(6);
                if (!alias.matches("[a-z0-9_-]{1,20}")) {
                    errors.add(new Refusal(key, "cmd.readcmds.why.word", alias, "not a valid command word"));
                } else if (byFamily.containsKey(alias)) {
                    errors.add(new Refusal(key, "cmd.readcmds.why.command", alias, alias + " is already a command"));
                } else if (!byFamily.containsKey(value)) {
                    errors.add(new Refusal(key, "cmd.readcmds.why.nocommand", value, "no command " + value));
                } else {
                    aliases.put(alias, value);
                }
            } else if (k.startsWith("level.")) {
                String target = k.substring(6);
                Privilege level = Privilege.fromKey(value);
                List<CommandSpec> affected = formsFor(target);
                if (level == null) {
                    errors.add(new Refusal(key, "cmd.readcmds.why.level", value,
                            "level must be anyone, operator or owner"));
                } else if (affected.isEmpty()) {
                    errors.add(new Refusal(key, "cmd.readcmds.why.nocommand", target.replace('.', ' '),
                            "no command " + target.replace('.', ' ')));
                } else if (level == ANYONE && affected.stream().anyMatch(CommandSpec::writes)) {
                    errors.add(new Refusal(key, "cmd.readcmds.why.writes", target.replace('.', ' '),
                            "a command that changes something cannot be opened to anyone"));
                } else {
                    levels.put(target, level);
                }
            } else {
                errors.add(new Refusal(key, "cmd.readcmds.why.line", key,
                        "only alias.<word> and level.<command> lines are read"));
            }
        }
        overrides = new Overrides(Map.copyOf(aliases), Map.copyOf(levels));
        return new OverrideResult(aliases.size(), levels.size(), errors);
    }

    private List<CommandSpec> formsFor(String target) {
        int dot = target.indexOf('.');
        String family = dot < 0 ? target : target.substring(0, dot);
        String sub = dot < 0 ? null : target.substring(dot + 1);
        List<CommandSpec> out = new ArrayList<>();
        for (CommandSpec s : byFamily.getOrDefault(family, List.of())) {
            if (sub == null || s.sub().equals(sub)) {
                out.add(s);
            }
        }
        return out;
    }
}
