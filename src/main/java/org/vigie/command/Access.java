package org.vigie.command;

import java.util.List;
import java.util.Locale;
import org.vigie.lists.Entry;

/**
 * Who may run what. An operator is a channel operator of the control channel, or matches an entry of the operator
 * list ({@code aclo}): either a services account (compared case-insensitively with the caller's account) or an
 * explicit {@code nick!user@host} mask with {@code *} and {@code ?} (matched against the caller's full mask).
 * A bare nick is never trusted, so a stranger who takes an operator's nick gains nothing.
 */
public final class Access {

    private Access() {
    }

    public static boolean allows(Privilege p, Caller c, BotPort port, long nowMillis) {
        return switch (p) {
            case ANYONE -> true;
            case OPERATOR -> isOperator(c, port.operators(), nowMillis);
            case OWNER -> isOwner(c, port.owners());
        };
    }

    public static boolean isOperator(Caller c, List<Entry> operators, long nowMillis) {
        if (c.controlOp()) {
            return true;
        }
        for (Entry e : operators) {
            if (!e.expiredAt(nowMillis) && matches(e.item(), c)) {
                return true;
            }
        }
        return false;
    }

    /** An owner matches one of the configured owners; with none configured, control-channel operators are owners. */
    public static boolean isOwner(Caller c, List<String> owners) {
        if (owners.isEmpty()) {
            return c.controlOp();
        }
        for (String o : owners) {
            if (matches(o, c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an operator-list item (account or mask) designates the caller. */
    public static boolean matches(String item, Caller c) {
        if (isMask(item)) {
            return glob(item, c.mask());
        }
        return c.account() != null && c.account().equalsIgnoreCase(item);
    }

    /** A {@code nick!user@host} pattern, as opposed to an account name. */
    public static boolean isMask(String item) {
        int bang = item.indexOf('!');
        int at = item.indexOf('@');
        return bang > 0 && at > bang + 1 && at < item.length() - 1 && item.indexOf('!', bang + 1) < 0
                && item.indexOf('@', at + 1) < 0 && item.chars().noneMatch(Character::isWhitespace);
    }

    /** A mask too broad to name a person: its host has no character other than wildcards and dots. */
    public static boolean isTooBroad(String mask) {
        String host = mask.substring(mask.indexOf('@') + 1);
        return host.chars().allMatch(ch -> ch == '*' || ch == '?' || ch == '.');
    }

    /** Case-insensitive glob: {@code *} any run, {@code ?} one character. */
    public static boolean glob(String pattern, String text) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String t = text.toLowerCase(Locale.ROOT);
        int pi = 0;
        int ti = 0;
        int star = -1;
        int mark = 0;
        while (ti < t.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == t.charAt(ti))) {
                pi++;
                ti++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = ti;
            } else if (star >= 0) {
                pi = star + 1;
                ti = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
