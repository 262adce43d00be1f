package org.vigie.patrol;

/**
 * The few facts about user names that the patrol needs, by character scanning (no regex, no allocation unless a
 * prefix is actually stripped). Kept private to the patrol on purpose: the lists have their own rules for storage.
 */
final class UserNames {

    private UserNames() {
    }

    /**
     * A logged-out editor: an IPv4 or IPv6 address, or a temporary account ({@code ~2025-12345-67}). One rule for the
     * whole bot: the lists' {@link org.vigie.lists.Names#isAnonymous} (a temporary account is {@code ~}, a four-digit
     * year and a hyphen, so {@code ~20a5-1} is a registered name).
     */
    static boolean isAnonymous(String name) {
        return org.vigie.lists.Names.isAnonymous(name);
    }

    /**
     * An IPv4 or IPv6 address; with {@code allowRange}, a CIDR suffix ({@code /29}) is accepted as well, as in block
     * targets. Shape only (IPv6 groups of at most four hex digits, at most one {@code ::}); good enough to tell an
     * address from an account name, which can contain neither {@code :} nor only digits and dots.
     */
    static boolean isIp(String s, boolean allowRange) {
        int end = s.length();
        if (allowRange) {
            int slash = s.lastIndexOf('/');
            if (slash > 0) {
                if (!allDigits(s, slash + 1, end) || end - slash - 1 > 3) {
                    return false;
                }
                end = slash;
            }
        }
        return isIpv4(s, 0, end) || isIpv6(s, 0, end);
    }

    private static boolean allDigits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv4(String s, int from, int to) {
        int groups = 0;
        int value = 0;
        int digits = 0;
        for (int i = from; i <= to; i++) {
            char c = i == to ? '.' : s.charAt(i);
            if (c == '.') {
                if (digits == 0 || value > 255) {
                    return false;
                }
                groups++;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else {
                return false;
            }
        }
        return groups == 4;
    }

    static boolean isIpv6(String s, int from, int to) {
        int colons = 0;
        int hex = 0;
        boolean doubleColon = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colons++;
                if (i > from && s.charAt(i - 1) == ':') {
                    if (doubleColon) {
                        return false;
                    }
                    doubleColon = true;
                }
                hex = 0;
            } else if (isHex(c)) {
                if (++hex > 4) {
                    return false;
                }
            } else if (c == '.') {
                // an embedded IPv4 tail (::ffff:1.2.3.4): it must run from the last colon to the end
                int lastColon = s.lastIndexOf(':', to - 1);
                return colons >= 2 && lastColon >= from && i > lastColon && isIpv4(s, lastColon + 1, to);
            } else {
                return false;
            }
        }
        return colons >= 2 && colons <= 7 && (doubleColon || colons == 7);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * The user part of a log target written with its (localized) namespace: {@code User:Foo}, {@code Utilisateur:Foo},
     * {@code User:2001:db8::1} give {@code Foo}, {@code Foo}, {@code 2001:db8::1}. A bare name or address comes back
     * unchanged. User names cannot contain {@code :}, so everything up to the first colon is a namespace, unless the
     * whole target is an IPv6 address or range.
     */
    static String stripNamespace(String target) {
        if (target == null) {
            return null;
        }
        int colon = target.indexOf(':');
        if (colon <= 0 || isIp(target, true)) {
            return target;
        }
        return target.substring(colon + 1).strip();
    }

    /**
     * A page title without its namespace prefix, for looking up files and pages that an operator may have listed
     * without their prefix; {@code null} when the title has no colon.
     */
    static String withoutPrefix(String title) {
        int colon = title.indexOf(':');
        return colon <= 0 || colon == title.length() - 1 ? null : title.substring(colon + 1);
    }
}
