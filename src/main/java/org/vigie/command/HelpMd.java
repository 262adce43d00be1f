package org.vigie.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vigie.i18n.Templates;

/** Writes HELP.md from {@link Help#markdown}: {@code java -jar vigie.jar help-md [OUTPUT] [MESSAGES_DIR]}. */
public final class HelpMd {

    private HelpMd() {
    }

    /** The Markdown, with English messages from {@code messagesDir} (or the jar's copy when the folder is absent). */
    public static String render(Path messagesDir) throws IOException {
        Templates en = Files.isDirectory(messagesDir) ? Templates.load(messagesDir, "en") : Templates.loadResource("en");
        return Help.markdown(Commands.standard(), en);
    }

    public static void write(Path out, Path messagesDir) throws IOException {
        Files.writeString(out, render(messagesDir), StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "HELP.md");
        Path messages = Path.of(args.length > 1 ? args[1] : "messages");
        write(out, messages);
        System.out.println("wrote " + out.toAbsolutePath());
    }
}
