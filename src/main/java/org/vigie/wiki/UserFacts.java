package org.vigie.wiki;

import java.util.List;

/**
 * What a wiki says of one user ({@code list=users&usprop=editcount|groups|registration|blockinfo}), for {@code intel}.
 *
 * @param wiki         {@code fr.wikipedia}
 * @param user         the name as the wiki normalised it
 * @param status       found, missing (no such account) or invalid (an IP address or a malformed name)
 * @param editCount    the edit count; 0 unless found
 * @param registration registration time as ISO-8601 ({@code 2010-01-01T00:00:00Z}); {@code null} when unknown
 *                     (very old accounts) or not found
 * @param groups       the user's groups, implicit ones included ({@code *}, {@code user}, {@code autoconfirmed})
 * @param block        the current block, or {@code null}
 * @param fetchedMillis when the facts were fetched
 */
public record UserFacts(String wiki, String user, Status status, long editCount, String registration,
                        List<String> groups, Block block, long fetchedMillis) {

    public enum Status { FOUND, MISSING, INVALID }

    /**
     * A block as {@code blockinfo} gives it.
     *
     * @param by      the blocking admin
     * @param reason  the reason given
     * @param expiry  {@code infinite} or an ISO-8601 time
     * @param partial a partial block (some pages or namespaces only)
     */
    public record Block(String by, String reason, String expiry, boolean partial) {
    }

    public UserFacts {
        groups = List.copyOf(groups);
    }

    public boolean found() {
        return status == Status.FOUND;
    }

    public boolean blocked() {
        return block != null;
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }
}
