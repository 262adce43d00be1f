package org.vigie.command;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vigie.i18n.Templates;
import org.vigie.config.ConfigItem;
import org.vigie.lists.ListKind;
import org.vigie.patrol.Event;

/** Every message key the command layer uses exists in English and in French. */
class MessagesTest {

    private static final Pattern KEY = Pattern.compile("\"((?:cmd|help)\\.[a-z0-9.]*[a-z0-9])\"");

    @Test
    void everyKeyNamedInTheSourceExistsInEveryLanguage() throws IOException {
        TreeSet<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/vigie/command"))) {
            for (Path f : files.toList()) {
                Matcher m = KEY.matcher(Files.readString(f));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        for (CommandSpec s : Commands.standard().all()) {
            keys.add(s.helpKey());
        }
        for (Event e : Event.values()) {
            keys.add("help.event." + e.key());
        }
        for (ConfigItem i : ConfigItem.values()) {
            keys.add("config.item." + i.key());
        }
        for (ListKind k : ListKind.values()) {
            keys.add("cmd.listname." + k.command());
        }
        for (Privilege p : Privilege.values()) {
            keys.add("help.level." + p.key());
        }
        for (BotPort.ApiState a : BotPort.ApiState.values()) {
            keys.add("cmd.api." + a.name().toLowerCase(java.util.Locale.ROOT));
        }
        for (String flag : List.of("cmds", "cmdsq", "noadmin", "nowhite", "nobot")) {
            keys.add("help.flag." + flag);
        }
        for (String lang : List.of("en", "fr")) {
            var props = new java.util.Properties();
            try (var r = Files.newBufferedReader(Path.of("messages", lang + ".properties"))) {
                props.load(r);
            }
            List<String> missing = new ArrayList<>();
            for (String k : keys) {
                // a count's key names its two forms (Text.count): cmd.count.lines.one and cmd.count.lines.other
                boolean counted = props.containsKey(k + ".one") && props.containsKey(k + ".other");
                if (!props.containsKey(k) && !counted) {
                    missing.add(k);
                }
            }
            assertTrue(missing.isEmpty(), lang + " lacks " + missing);
        }
        assertTrue(Templates.load(Path.of("messages"), "fr").has("cmd.list.added"));
    }
}
