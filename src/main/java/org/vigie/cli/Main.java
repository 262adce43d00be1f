package org.vigie.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vigie.FatalErrors;
import org.vigie.bench.BehaviourBench;
import org.vigie.bench.Bench;
import org.vigie.bench.IrcBench;
import org.vigie.bench.IrcHops;
import org.vigie.bench.StreamBench;
import org.vigie.command.HelpMd;
import org.vigie.config.BotConfig;

/**
 * The jar's entry: reads {@code --config FILE} and the mode, and hands over to the mode's class ({@code cli}, {@code bench}).
 * The command line: {@code run} (default), {@code replay FILE}, {@code bench}, {@code import DIR}, {@code export DIR},
 * {@code report}, {@code help-md}. Every mode takes {@code --config FILE}.
 */
public final class Main {

    public static final String USAGE = String.join("\n",
            "usage: java -jar vigie.jar [--config FILE] [run]",
            "       java -jar vigie.jar replay FILE [--wiki fr.wikipedia] [--lists DIR] [--plain] [--json] [--all]",
            "       java -jar vigie.jar " + Bench.USAGE,
            "       java -jar vigie.jar " + StreamBench.USAGE,
            "       java -jar vigie.jar " + IrcBench.USAGE,
            "       java -jar vigie.jar " + IrcHops.USAGE,
            "       java -jar vigie.jar " + Quality.USAGE,
            "       java -jar vigie.jar bench-behaviour [--editors N]",
            "       java -jar vigie.jar [--config FILE] import DIR | export DIR",
            "       java -jar vigie.jar [--config FILE] report [--since 24h] [--json]",
            "       java -jar vigie.jar help-md");

    private Main() {
    }

    public static void main(String[] argv) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        FatalErrors.install(Thread.currentThread(), err);
        System.exit(run(argv, out, err));
    }

    public static int run(String[] argv, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>(List.of(argv));
        String config = null;
        int c = args.indexOf("--config");
        if (c >= 0) {
            if (c + 1 >= args.size()) {
                err.println("--config needs a file\n" + USAGE);
                return 2;
            }
            config = args.get(c + 1);
            args.remove(c + 1);
            args.remove(c);
        }
        String mode = args.isEmpty() ? "run" : args.remove(0);
        try {
            return switch (mode) {
                case "run" -> RunMode.run(config, args, out, err);
                case "replay" -> new Replay(out).args(args).run();
                case "bench" -> new Bench(out, Main.class.getName()).args(args).run();
                case "bench-stream" -> new StreamBench(out).args(args).run();
                case "bench-irc" -> new IrcBench(out).args(args).run();
                case "bench-hops" -> new IrcHops(out).run(args);
                case "quality" -> new Quality(out).args(args, false).quality();
                case "fit-score" -> new Quality(out).args(args, true).fit();
                case "bench-behaviour" -> BehaviourBench.run(args, out);
                case "import", "export" -> ListFiles.run(mode, config, args, out, err);
                case "report" -> ReportMode.run(config, args, out, err);
                case "help-md" -> {
                    // help-md [OUTPUT] [MESSAGES_DIR]: writes HELP.md (or prints it with "-")
                    if (!args.isEmpty() && args.get(0).equals("-")) {
                        out.print(HelpMd.render(Path.of(args.size() > 1 ? args.get(1) : "messages")));
                    } else {
                        HelpMd.main(args.toArray(new String[0]));
                    }
                    yield 0;
                }
                case "-h", "--help", "help" -> {
                    out.println(USAGE);
                    yield 0;
                }
                default -> {
                    err.println("unknown mode: " + mode + "\n" + USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException | BotConfig.ConfigException e) {
            err.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println(mode + " failed: " + e);
            return 1;
        }
    }
}
