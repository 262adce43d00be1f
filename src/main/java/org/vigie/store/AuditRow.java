package org.vigie.store;

/**
 * One row of the audit trail.
 *
 * @param id        increasing id (instances sharing a database follow each other's changes by it)
 * @param atMillis  when (epoch milliseconds)
 * @param nick      who (or what, for an automatic change)
 * @param account   the services account, or {@code null}
 * @param action    what was done
 * @param area      a list command ({@code bl}), {@code config} or {@code dest}
 * @param wiki      the wiki of a list change, or {@code null}
 * @param item      the item as written, the config item or the channel; {@code null} for a summary row
 * @param itemKey   the normalised item of a list change, or {@code null}
 * @param details   the reason, the value, the destination spec or a summary; may be {@code null}
 * @param expiresMillis the expiry given with an addition, or {@code null}
 */
public record AuditRow(long id, long atMillis, String nick, String account, Audit.Action action, String area,
                       String wiki, String item, String itemKey, String details, Long expiresMillis) {
}
