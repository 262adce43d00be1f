package org.vigie.patrol;

import java.util.Properties;
import org.vigie.i18n.Templates;
import org.vigie.config.Settings;
import org.vigie.feed.LogAction;
import org.vigie.feed.RcEvent;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.WordMatch;

/**
 * The automatic list rules: which change puts whom on the greylist or the blacklist, for how long, and why.
 * Called by {@link Patrol} only when a rule's trigger is present, so the wording (from the {@code auto.*} messages)
 * is rendered only for entries actually made.
 *
 * <p>Rules:
 * <ul>
 *   <li>a rollback or undo made by an admin greylists the reverted user for {@code glonrollback} minutes;</li>
 *   <li>a {@code bnu} hit greylists the new account for {@code glonbnu} minutes;</li>
 *   <li>a timed block or reblock blacklists its target for {@code blockblacklist} × the block length; a length that
 *       could not be read gives {@code blockblacklistdefault} hours; an indefinite block gives no entry (the
 *       reference bots do the same: the account is already stopped, and a permanent list entry would outlive an
 *       unblock).</li>
 * </ul>
 * White, admin and bot users are never listed automatically. A setting of 0 turns its rule off. Entries go on the
 * wiki where the change happened.
 */
public final class AutoList {

    /** The adder of every automatic entry. */
    public static final String ADDER = "auto";

    private final Templates templates;

    public AutoList(Templates templates) {
        this.templates = templates;
    }

    /**
     * English wording built in, for callers that have no message files at hand (tests, benchmarks); identical to the
     * {@code auto.*} keys of {@code messages/en.properties} (a test keeps them equal).
     */
    public static AutoList english() {
        Properties p = new Properties();
        p.setProperty("auto.rollback", "rollback by {admin} on [[{title}]]");
        p.setProperty("auto.undo", "undo by {admin} on [[{title}]]");
        p.setProperty("auto.bnu", "bnu: {word}");
        p.setProperty("auto.block", "blocked by {admin} for {expiry}");
        p.setProperty("auto.block.unknown", "blocked by {admin} (unreadable length: {expiry})");
        return new AutoList(Templates.fromProperties("en", p, p));
    }

    /** Whether a user of this class may be listed by a rule. */
    public static boolean listable(EditorClass c) {
        return c != EditorClass.ADMIN && c != EditorClass.WHITE && c != EditorClass.BOT;
    }

    /**
     * The greylist entry for the user reverted by a rollback or undo, or {@code null}.
     *
     * @param reverter      the class of the editor who reverted (must be an admin)
     * @param revertedClass the class of the reverted user
     */
    public Entry afterRevert(RcEvent e, EditorClass reverter, EditorClass revertedClass, Settings s, long nowMillis) {
        if (reverter != EditorClass.ADMIN || e.revertedUser() == null || e.revertedUser().isEmpty()
                || !listable(revertedClass) || s.glOnRollbackMillis() <= 0) {
            return null;
        }
        if (e.revert() != RcEvent.SummaryKind.ROLLBACK && e.revert() != RcEvent.SummaryKind.UNDO) {
            return null;
        }
        String key = e.revert() == RcEvent.SummaryKind.ROLLBACK ? "auto.rollback" : "auto.undo";
        String reason = templates.render(key, "admin", e.user(), "title", e.title());
        return entry(ListKind.GL, e.wiki(), e.revertedUser(), reason, nowMillis, s.glOnRollbackMillis());
    }

    /** The greylist entry for a new account whose name hit a watched word, or {@code null}. */
    public Entry afterBnu(String wiki, String account, EditorClass accountClass, WordMatch hit, Settings s,
                          long nowMillis) {
        if (hit == null || account == null || account.isEmpty() || !listable(accountClass)
                || s.glOnBnuMillis() <= 0) {
            return null;
        }
        String reason = templates.render("auto.bnu", "word", hit.entry().item(), "matched", hit.matched());
        return entry(ListKind.GL, wiki, account, reason, nowMillis, s.glOnBnuMillis());
    }

    /**
     * The blacklist entry for the target of a block or reblock, or {@code null}.
     *
     * @param target      the blocked user or address, namespace prefix removed
     * @param targetClass its class
     */
    public Entry afterBlock(RcEvent e, String target, EditorClass targetClass, Settings s, long nowMillis) {
        LogAction log = e.log();
        if (log == null || !log.isBlock() || target == null || target.isEmpty() || !listable(targetClass)) {
            return null;
        }
        if (!"block".equals(log.action()) && !"reblock".equals(log.action())) {
            return null;
        }
        long seconds = log.expirySeconds();
        long millis;
        String reason;
        if (seconds == LogAction.INDEFINITE) {
            return null;
        } else if (seconds > 0) {
            double factor = s.blockBlacklistFactor();
            double ms = factor * seconds * 1000.0;
            millis = ms >= Long.MAX_VALUE / 2.0 ? Long.MAX_VALUE / 2 : (long) ms;
            reason = templates.render("auto.block", "admin", e.user(), "expiry", expiryText(log, seconds));
        } else {
            millis = s.blockBlacklistDefaultMillis();
            reason = templates.render("auto.block.unknown", "admin", e.user(), "expiry",
                    log.expiry() == null ? "?" : log.expiry());
        }
        if (millis <= 0) {
            return null;
        }
        return entry(ListKind.BL, e.wiki(), target, reason, nowMillis, millis);
    }

    private static String expiryText(LogAction log, long seconds) {
        if (log.expiry() != null && !log.expiry().isBlank()) {
            return log.expiry();
        }
        return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds + " s";
    }

    private static Entry entry(ListKind kind, String wiki, String item, String reason, long nowMillis, long millis) {
        long expires = nowMillis > Entry.NEVER - millis ? Entry.NEVER - 1 : nowMillis + millis;
        return new Entry(kind, wiki, item, ADDER, reason, nowMillis, expires, Entry.Source.AUTO);
    }
}
