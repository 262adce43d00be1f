package org.vigie.command;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.vigie.i18n.Templates;

/**
 * The answers to one command, routed by what they are:
 * <ul>
 * <li>an <b>acknowledgement</b> says that a change was made ({@code Added: Foo to blacklist});</li>
 * <li>an <b>answer</b> is what the operator asked for ({@code status}, {@code bl show}, help);</li>
 * <li>an <b>error</b> is a usage line, a refusal or a failure.</li>
 * </ul>
 * In a private message and in a {@code cmds} channel all three are said there. In a {@code cmdsq} channel nothing is
 * said in the channel: acknowledgements are dropped, answers and errors go to the caller by NOTICE. For {@code nhelp}
 * everything goes by NOTICE. When the channel is quiet and the command was addressed by pseudonym, nothing at all is
 * sent (checked at each line, so {@code speak} is answered and {@code quiet} is not).
 */
public final class Out {

    public enum Routing { SAY, NOTICE, SILENT_CHANNEL }

    private final Reply reply;
    private final Templates t;
    private final Routing routing;
    private final BooleanSupplier muted;

    public Out(Reply reply, Templates t, Routing routing, BooleanSupplier muted) {
        this.reply = reply;
        this.t = t;
        this.routing = routing;
        this.muted = muted;
    }

    /** The same destination, but every line by NOTICE ({@code nhelp}). */
    public Out byNotice() {
        return new Out(reply, t, Routing.NOTICE, muted);
    }

    public Templates templates() {
        return t;
    }

    public void ack(String key, Object... args) {
        send(false, t.render(key, args));
    }

    public void answer(String key, Object... args) {
        send(true, t.render(key, args));
    }

    public void error(String key, Object... args) {
        send(true, t.render(key, args));
    }

    public void answerLine(String text) {
        send(true, text);
    }

    public void answerLines(List<String> lines) {
        for (String l : lines) {
            send(true, l);
        }
    }

    private void send(boolean wanted, String text) {
        if (muted.getAsBoolean()) {
            return;
        }
        String line = Text.oneLine(text);
        switch (routing) {
            case SAY -> reply.say(line);
            case NOTICE -> reply.notice(line);
            case SILENT_CHANNEL -> {
                if (wanted) {
                    reply.notice(line);
                }
            }
        }
    }
}
