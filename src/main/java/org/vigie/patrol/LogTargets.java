package org.vigie.patrol;

import org.vigie.feed.LogAction;
import org.vigie.feed.RcEvent;

/** Who or what a log entry is about, as the detectors and the automatic rules both need it. */
final class LogTargets {

    private LogTargets() {
    }

    /** A block-log entry's target without its namespace ({@code User:Foo} → {@code Foo}), or {@code null}. */
    static String blockTarget(LogAction log) {
        return UserNames.stripNamespace(log.target());
    }

    static boolean isAccountCreation(LogAction log) {
        if (log == null || !"newusers".equals(log.type())) {
            return false;
        }
        String a = log.action();
        return "create".equals(a) || "create2".equals(a) || "byemail".equals(a) || "autocreate".equals(a);
    }

    /**
     * The account a {@code newusers} entry created: the target when someone else created it ({@code create2},
     * {@code byemail}), the performer otherwise; {@code null} when the change creates no account.
     */
    static String newAccount(RcEvent e) {
        LogAction log = e.log();
        if (!isAccountCreation(log)) {
            return null;
        }
        boolean byOther = "create2".equals(log.action()) || "byemail".equals(log.action());
        return byOther && log.target() != null ? UserNames.stripNamespace(log.target()) : e.user();
    }

    static boolean isBlockAction(String action) {
        return "block".equals(action) || "reblock".equals(action);
    }
}
