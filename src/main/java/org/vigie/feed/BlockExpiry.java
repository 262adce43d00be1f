package org.vigie.feed;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a block's expiry as a wiki writes it into its log: an {@code ipboptions} label ({@code 2 heures}), a word for
 * "forever" ({@code indefinite}, {@code infini}, {@code indéfiniment}), or a duration as MediaWiki's
 * {@code formatDuration} writes it ({@code 31 hours}, {@code 1 jour et 7 heures}), English or French units.
 *
 * <p>An absolute date ({@code 11:18, June 29, 2018}) gives {@link LogAction#UNKNOWN}: its length depends on when the
 * block was made, which this pure reader does not know; a caller holding the event's time may compute it.
 * Months count 30 days and years 365 days, as a patrol bot only needs the order of magnitude.
 */
final class BlockExpiry {

    private static final long MINUTE = 60, HOUR = 3600, DAY = 86_400, WEEK = 7 * DAY, MONTH = 30 * DAY, YEAR = 365 * DAY;

    private static final Map<String, Long> UNITS = units();

    /** Words meaning "no expiry", in English and French, whatever the wiki's messages say. */
    static final Set<String> INDEFINITE_WORDS = Set.of("infinite", "indefinite", "infinity", "never", "permanent",
            "indéfiniment", "infini", "indéfini", "illimité", "jamais");

    private final Map<String, Long> labels;
    private final Set<String> indefinite;

    /**
     * @param ipboptions  the wiki's {@code ipboptions} messages ({@code label:value,label:value}), any may be null
     * @param indefinite  further words meaning "no expiry" ({@code infiniteblock}, {@code protect-expiry-indefinite})
     */
    BlockExpiry(Iterable<String> ipboptions, Iterable<String> indefinite) {
        Set<String> inf = new HashSet<>(INDEFINITE_WORDS);
        for (String w : indefinite) {
            if (w != null && !w.isBlank()) {
                inf.add(key(w));
            }
        }
        Map<String, Long> lab = new HashMap<>();
        for (String options : ipboptions) {
            if (options == null) {
                continue;
            }
            for (String option : options.split(",")) {
                int colon = option.lastIndexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String label = key(option.substring(0, colon));
                String value = key(option.substring(colon + 1));
                if (inf.contains(value)) {
                    inf.add(label);
                } else {
                    long s = duration(value);
                    if (s > 0) {
                        lab.putIfAbsent(label, s);
                    }
                }
            }
        }
        this.labels = Map.copyOf(lab);
        this.indefinite = Set.copyOf(inf);
    }

    /** Seconds, {@link LogAction#INDEFINITE}, or {@link LogAction#UNKNOWN}. */
    long seconds(String expiry) {
        if (expiry == null || expiry.isBlank()) {
            return LogAction.UNKNOWN;
        }
        String k = key(expiry);
        if (indefinite.contains(k)) {
            return LogAction.INDEFINITE;
        }
        Long l = labels.get(k);
        if (l != null) {
            return l;
        }
        long d = duration(k);
        return d > 0 ? d : LogAction.UNKNOWN;
    }

    /** A normalised key: lower case, no-break spaces as spaces, trimmed. */
    static String key(String s) {
        return s.replace('\u00A0', ' ').replace('\u202F', ' ').trim().toLowerCase(Locale.ROOT);
    }

    /** {@code 31 hours}, {@code 1 day, 7 hours}, {@code 1 jour et 7 heures} → seconds; 0 when not a duration. */
    static long duration(String s) {
        long total = 0;
        int i = 0;
        int n = s.length();
        boolean any = false;
        while (i < n) {
            i = skipSeparators(s, i);
            if (i >= n) {
                break;
            }
            int numStart = i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == numStart || i - numStart > 9) {
                return 0;
            }
            long number = Long.parseLong(s, numStart, i, 10);
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            int unitStart = i;
            while (i < n && Character.isLetter(s.charAt(i))) {
                i++;
            }
            Long unit = UNITS.get(s.substring(unitStart, i).toLowerCase(Locale.ROOT));
            if (unit == null) {
                return 0;
            }
            total += number * unit;
            any = true;
        }
        return any ? total : 0;
    }

    private static int skipSeparators(String s, int i) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (isSpace(c) || c == ',') {
                i++;
            } else if (s.startsWith("and ", i)) {
                i += 4;
            } else if (s.startsWith("et ", i)) {
                i += 3;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\u00A0' || c == '\u202F';
    }

    private static Map<String, Long> units() {
        Map<String, Long> m = new HashMap<>();
        for (String u : new String[] {"second", "seconds", "sec", "secs", "seconde", "secondes"}) {
            m.put(u, 1L);
        }
        for (String u : new String[] {"minute", "minutes", "min", "mins"}) {
            m.put(u, MINUTE);
        }
        for (String u : new String[] {"hour", "hours", "heure", "heures", "h"}) {
            m.put(u, HOUR);
        }
        for (String u : new String[] {"day", "days", "jour", "jours"}) {
            m.put(u, DAY);
        }
        for (String u : new String[] {"week", "weeks", "semaine", "semaines"}) {
            m.put(u, WEEK);
        }
        for (String u : new String[] {"month", "months", "mois"}) {
            m.put(u, MONTH);
        }
        for (String u : new String[] {"year", "years", "an", "ans", "année", "années"}) {
            m.put(u, YEAR);
        }
        for (String u : new String[] {"decade", "decades", "décennie", "décennies"}) {
            m.put(u, 10 * YEAR);
        }
        for (String u : new String[] {"century", "centuries", "siècle", "siècles"}) {
            m.put(u, 100 * YEAR);
        }
        for (String u : new String[] {"millennium", "millennia", "millénaire", "millénaires"}) {
            m.put(u, 1000 * YEAR);
        }
        return Map.copyOf(m);
    }
}
