package org.vigie.command;

/** The named options a command may accept, written {@code x=}, {@code r=}, {@code p=}, in any order. */
public enum Opt {
    /** Expiry in hours, decimals allowed; {@code x=0} or absent means the list's default. */
    X("x=hours"),
    /** Reason: runs to the end of the line or to the next {@code x=} / {@code p=} word; {@code r="..."} to quote. */
    R("r=reason"),
    /** The wiki: {@code fr.wikipedia}, {@code frwiki} or {@code fr.wikipedia.org}; absent means global. */
    P("p=wiki");

    private final String syntax;

    Opt(String syntax) {
        this.syntax = syntax;
    }

    /** How the option is shown in a syntax line, without brackets. */
    public String syntax() {
        return syntax;
    }

    public char letter() {
        return Character.toLowerCase(name().charAt(0));
    }
}
