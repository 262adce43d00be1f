package org.vigie.lists;

/**
 * One item on one list.
 *
 * @param kind      the list
 * @param wiki      the wiki it applies to ({@code fr.wikipedia}) or {@link #GLOBAL}
 * @param item      the item as the operator wrote it (user name, title, word, {@code /regex/}, account or mask)
 * @param adder     who added it: an operator's nick (and account, as {@code nick (account)}), or {@code auto}, {@code wiki}
 * @param reason    why, or {@code ""}
 * @param addedMillis when it was added (epoch milliseconds)
 * @param expiresMillis when it stops matching (epoch milliseconds), {@link #NEVER} for never
 * @param source    who manages it: an operator, an automatic rule, or a refresh from the wiki
 */
public record Entry(ListKind kind, String wiki, String item, String adder, String reason, long addedMillis,
                    long expiresMillis, Source source) {

    public static final String GLOBAL = "*";
    public static final long NEVER = Long.MAX_VALUE;

    public enum Source { OPERATOR, AUTO, WIKI }

    public boolean isGlobal() {
        return GLOBAL.equals(wiki);
    }

    public boolean expiredAt(long nowMillis) {
        return expiresMillis != NEVER && nowMillis >= expiresMillis;
    }
}
