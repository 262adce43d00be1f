package org.vigie.feed;

import java.util.List;

/**
 * The structured content of a log entry.
 *
 * @param type        log type: {@code block}, {@code delete}, {@code move}, {@code protect}, {@code upload},
 *                    {@code newusers}, {@code abusefilter}…
 * @param action      log action: {@code block}, {@code reblock}, {@code move_redir}, {@code create2}…
 * @param target      the page or user acted upon, as written in the text (namespace prefix kept, e.g.
 *                    {@code User:1.2.3.4}); for create2/byemail the created account with its prefix;
 *                    {@code null} when the text did not match a known wording
 * @param destination the new title of a move; {@code null} otherwise
 * @param expiry      a block's expiry as written ({@code 31 hours}, {@code indéfiniment}, {@code 11:18, June 29, 2018});
 *                    {@code null} otherwise
 * @param expirySeconds a block's length in seconds when it could be read; {@link #INDEFINITE} for an indefinite block;
 *                    {@link #UNKNOWN} when absent or unreadable
 * @param flags       a block's flags normalised to MediaWiki's keys ({@code nocreate}, {@code anononly},
 *                    {@code noautoblock}, {@code noemail}, {@code nousertalk}…); empty otherwise
 * @param reason      the reason given after the colon separator, or {@code ""}
 * @param matched     the text matched one of the wiki's known wordings (false: type/action are from the line's
 *                    title and flags field only)
 */
public record LogAction(
        String type,
        String action,
        String target,
        String destination,
        String expiry,
        long expirySeconds,
        List<String> flags,
        String reason,
        boolean matched) {

    public static final long INDEFINITE = -1;
    public static final long UNKNOWN = -2;

    public boolean isBlock() {
        return "block".equals(type);
    }
}
