package org.vigie.command;

import java.util.List;

/**
 * The arguments of one command after parsing.
 *
 * @param words  the positional arguments; the last one the command declares takes the rest of the line, spaces included
 * @param hours  the {@code x=} value in hours, {@code 0} when absent or {@code x=0} (the list's default)
 * @param reason the {@code r=} value, {@code null} when absent
 * @param wiki   the {@code p=} wiki (feed name or {@link Wikis#GLOBAL}), {@code null} when absent
 */
public record Args(List<String> words, double hours, String reason, String wiki) {

    public Args {
        words = List.copyOf(words);
    }

    public int size() {
        return words.size();
    }

    public String word(int i) {
        return words.get(i);
    }

    /** The i-th word, or {@code null} when the command was given fewer. */
    public String wordOrNull(int i) {
        return i < words.size() ? words.get(i) : null;
    }

    /** The {@code p=} scope, global when absent. */
    public String scope() {
        return wiki == null ? Wikis.GLOBAL : wiki;
    }
}
