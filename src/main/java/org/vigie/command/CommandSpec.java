package org.vigie.command;

import java.util.Locale;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.vigie.i18n.Templates;
import org.vigie.lists.ListKind;

/**
 * The declaration of one command form ({@code bl add}, {@code status}, {@code config <item> <value>}): the single
 * place that drives its parsing, access check, throttling, in-IRC help and HELP.md.
 *
 * @param family    the first word ({@code bl}, {@code config}, {@code status})
 * @param sub       the second word ({@code add}), or {@code ""} for the family's default form
 * @param aliases   other first words for the whole family (declared on any of its forms)
 * @param params    positional parameters as shown in the syntax: {@code <user>} required, {@code [cmd]} optional;
 *                  the last one takes the rest of the line
 * @param options   the named options accepted
 * @param privilege who may run it (changeable with {@code config readcmds})
 * @param writes    whether it changes state; such a command can never be opened to {@link Privilege#ANYONE}
 * @param rate      its weight in the flood budget
 * @param helpKey   the message key of its one-line help ({@code {list}} and {@code {expiry}} are filled for list commands)
 * @param example   an example of use, without the bot's nick
 * @param kind      the list a list command works on, {@code null} for other commands
 * @param action    what it does
 */
public record CommandSpec(String family, String sub, List<String> aliases, List<String> params, Set<Opt> options,
                          Privilege privilege, boolean writes, RateClass rate, String helpKey, String example,
                          ListKind kind, Action action) {

    /** The body of a command, run on the command thread. */
    @FunctionalInterface
    public interface Action {
        void run(Invocation inv) throws PortException, UsageException;
    }

    public CommandSpec {
        aliases = List.copyOf(aliases);
        params = List.copyOf(params);
        options = options.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(options));
    }

    /** {@code bl add}, or the family alone for a default form. */
    public String name() {
        return sub.isEmpty() ? family : family + " " + sub;
    }

    public int minArgs() {
        int n = 0;
        for (String p : params) {
            if (p.startsWith("<")) {
                n++;
            }
        }
        return n;
    }

    public int maxArgs() {
        return params.size();
    }

    /** {@code bl add <user> [x=hours] [r=reason] [p=wiki]}. */
    public String syntax() {
        StringBuilder sb = new StringBuilder(name());
        for (String p : params) {
            sb.append(' ').append(p);
        }
        for (Opt o : Opt.values()) {
            if (options.contains(o)) {
                sb.append(" [").append(o.syntax()).append(']');
            }
        }
        return sb.toString();
    }

    /**
     * The syntax in the bot's language: each word of a placeholder ({@code <user>}, {@code [x=hours]}) said through
     * {@code help.param.<word>} when the messages have it ({@code <utilisateur> [x=heures]}); HELP.md keeps
     * {@link #syntax()}.
     */
    public String syntax(Templates t) {
        StringBuilder sb = new StringBuilder(name());
        for (String p : params) {
            sb.append(' ').append(p.charAt(0)).append(words(t, p.substring(1, p.length() - 1)))
                    .append(p.charAt(p.length() - 1));
        }
        for (Opt o : Opt.values()) {
            if (options.contains(o)) {
                String s = o.syntax();
                int eq = s.indexOf('=');
                sb.append(" [").append(s, 0, eq + 1).append(words(t, s.substring(eq + 1))).append(']');
            }
        }
        return sb.toString();
    }

    private static String words(Templates t, String inner) {
        String[] parts = inner.split("\\|", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append('|');
            }
            String part = parts[i];
            int colon = part.indexOf(':');
            if (colon > 0 && part.substring(colon + 1).equals(part.substring(colon + 1).toUpperCase(Locale.ROOT))) {
                // a typed prefix and a word in capitals (hook:NAME): the prefix is typed as is, the word is said
                String word = part.substring(colon + 1).toLowerCase(Locale.ROOT);
                String key = "help.param." + word;
                sb.append(part, 0, colon + 1)
                        .append((t != null && t.has(key) ? t.render(key) : word).toUpperCase(Locale.ROOT));
                continue;
            }
            String key = "help.param." + part;
            sb.append(t != null && t.has(key) ? t.render(key) : part);
        }
        return sb.toString();
    }

    /** The example with its sample words ({@code {sample.trusted}}) said in the bot's language. */
    public String example(Templates t) {
        if (example.indexOf('{') < 0) {
            return example;
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < example.length()) {
            int open = example.indexOf("{sample.", i);
            int close = open < 0 ? -1 : example.indexOf('}', open);
            if (close < 0) {
                sb.append(example, i, example.length());
                break;
            }
            sb.append(example, i, open).append(t.render("help." + example.substring(open + 1, close)));
            i = close + 1;
        }
        return sb.toString();
    }

    public static Builder of(String family, String sub) {
        return new Builder(family, sub);
    }

    /** Reads like the declaration it is: {@code of("bl", "add").params("<user>").options(X, R, P)...}. */
    public static final class Builder {
        private final String family;
        private final String sub;
        private final List<String> aliases = new ArrayList<>();
        private final List<String> params = new ArrayList<>();
        private final Set<Opt> options = EnumSet.noneOf(Opt.class);
        private Privilege privilege = Privilege.OPERATOR;
        private boolean writes;
        private RateClass rate = RateClass.LIGHT;
        private String helpKey;
        private String example = "";
        private ListKind kind;

        private Builder(String family, String sub) {
            this.family = family;
            this.sub = sub;
        }

        public Builder aliases(String... a) {
            aliases.addAll(List.of(a));
            return this;
        }

        public Builder params(String... p) {
            params.addAll(List.of(p));
            return this;
        }

        public Builder options(Opt... o) {
            options.addAll(List.of(o));
            return this;
        }

        public Builder privilege(Privilege p) {
            privilege = p;
            return this;
        }

        public Builder writes() {
            writes = true;
            return this;
        }

        public Builder rate(RateClass r) {
            rate = r;
            return this;
        }

        public Builder help(String key) {
            helpKey = key;
            return this;
        }

        public Builder example(String e) {
            example = e;
            return this;
        }

        public Builder kind(ListKind k) {
            kind = k;
            return this;
        }

        public CommandSpec does(Action action) {
            String key = helpKey != null ? helpKey
                    : "help.cmd." + family + (sub.isEmpty() ? "" : "." + sub);
            return new CommandSpec(family, sub, aliases, params, options, privilege, writes, rate, key, example, kind,
                    action);
        }
    }
}
