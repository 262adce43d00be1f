package org.vigie.score;

import org.vigie.config.ConfigItem;
import org.vigie.config.Settings;
import org.vigie.feed.RcEvent;

/**
 * Scores one change from what the feed gives: the editor's class, the size, the summary, the page, and the behaviour
 * across changes ({@link Behaviour}). Pure and single-threaded (the patrol thread): no regex, no allocation, no clock
 * but the {@code now} it is given. The weights can be swapped from another thread ({@code config readscore}).
 *
 * <p>{@link #observe} runs on every change (the behaviour windows); {@link #score()} only when the score is needed
 * (a verdict is built, or {@code suspect} is on). The results are in the public fields, valid until the next change.
 */
public final class Scorer {

    private volatile ScoreWeights weights;
    private final Behaviour behaviour = new Behaviour();
    private Settings limitsOf;
    private Behaviour.Limits limits = Behaviour.Limits.DEFAULTS;
    private int suspect;

    /** The features of the last change scored ({@link #score()}). */
    public long features;
    /** The score of the last change scored, 0–100 ({@code -1} for a log entry, which is not scored). */
    public int value;
    /** The two strongest reasons of the last change scored, packed (see {@link ScoreWeights#strongest}). */
    public int reasons;
    /** The behaviour events of the last change ({@link Behaviour#BURST}…). */
    public int behaviourEvents;
    /** The count that goes with a burst or a brigade. */
    public int count;

    public Scorer(ScoreWeights weights) {
        this.weights = weights;
    }

    public ScoreWeights weights() {
        return weights;
    }

    /** Swaps the weights ({@code config readscore}); the next change uses them. */
    public void weights(ScoreWeights w) {
        this.weights = w;
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    /**
     * The score at which a change raises {@code suspect}, whatever else it raised: the {@code suspect} config item;
     * when it is 0 (the default) no change raises it (101).
     */
    public int suspectThreshold() {
        return suspect > 0 ? suspect : 101;
    }

    // the last change observed, scored on demand
    private RcEvent last;
    private boolean lastAnonymous;
    private long lastFlags;
    private boolean scored;

    /**
     * Looks at one change: runs the behaviour windows (every change must pass through them, in feed order) and keeps
     * what the score needs; the score itself is computed only when asked ({@link #score()}): most changes raise
     * nothing and are never scored.
     *
     * @param anonymous   logged out (IP or temporary account)
     * @param grey        greylisted
     * @param black       blacklisted
     * @param bot         a bot (flag or list)
     * @param badWords    a {@code bes} word matched its summary
     * @param watchedPage its page is on {@code cvp}
     */
    public void observe(RcEvent e, boolean anonymous, boolean grey, boolean black, boolean bot, boolean badWords,
                        boolean watchedPage, long nowMillis, Settings s) {
        observe(e, anonymous, grey, black, bot, false, badWords, watchedPage, nowMillis, s);
    }

    /**
     * As above; {@code admin}: the editor is an administrator. Bots' and admins' own behaviour is not remembered
     * (they raise no behaviour event), only what their reverts say of others.
     */
    public void observe(RcEvent e, boolean anonymous, boolean grey, boolean black, boolean bot, boolean admin,
                        boolean badWords, boolean watchedPage, long nowMillis, Settings s) {
        if (s != limitsOf) {
            readLimits(s);
        }
        behaviour.observe(e, anonymous, bot || admin, nowMillis, limits);
        behaviourEvents = behaviour.events;
        count = behaviour.count;
        last = e;
        lastAnonymous = anonymous;
        long f = behaviour.features;
        if (grey) {
            f |= Feature.GREY.bit();
        }
        if (black) {
            f |= Feature.BLACK.bit();
        }
        if (bot) {
            f |= Feature.BOT.bit();
        }
        if (badWords) {
            f |= Feature.BADWORDS.bit();
        }
        if (watchedPage) {
            f |= Feature.WATCHEDPAGE.bit();
        }
        lastFlags = f;
        scored = false;
    }

    /** {@link #observe} then {@link #score()}: the whole score of one change at once. */
    public void score(RcEvent e, boolean anonymous, boolean grey, boolean black, boolean bot, boolean badWords,
                      boolean watchedPage, long nowMillis, Settings s) {
        observe(e, anonymous, grey, black, bot, badWords, watchedPage, nowMillis, s);
        score();
    }

    /**
     * The score of the last change observed (computed once): fills {@link #features}, {@link #value} and
     * {@link #reasons}, and returns the value ({@code -1} for a log entry).
     */
    public int score() {
        if (scored) {
            return value;
        }
        scored = true;
        RcEvent e = last;
        if (e == null || e.isLog()) {
            features = 0;
            value = -1;
            reasons = 0;
            return value;
        }
        long f = features(e, seen());
        ScoreWeights w = weights;
        features = f;
        value = w.score(f);
        reasons = w.strongest(f);
        return value;
    }

    /**
     * What the patrol saw of the last change that the change itself does not say: the editor's class and behaviour,
     * the list hits, the page's recent reverts (read now, before any later change). With the change, all that
     * {@link #features(RcEvent, long)} needs.
     */
    public long seen() {
        long f = lastFlags;
        if (last != null && !last.isLog() && behaviour.pageReverted(last)) {
            f |= Feature.PAGEREVERTED.bit();
        }
        if (lastAnonymous) {
            String u = last.user();
            f |= u != null && !u.isEmpty() && u.charAt(0) == '~' ? Feature.TEMP.bit() : Feature.IP.bit();
        }
        return f;
    }

    /** The features of an edit: what the patrol saw ({@link #seen()}) and what the change says. Pure. */
    static long features(RcEvent e, long seen) {
        long f = seen;
        if (e.minor()) {
            f |= Feature.MINOR.bit();
        }
        if (e.unpatrolled()) {
            f |= Feature.UNPATROLLED.bit();
        }
        RcEvent.SummaryKind k = e.revert();
        if (k == RcEvent.SummaryKind.ROLLBACK || k == RcEvent.SummaryKind.UNDO) {
            f |= Feature.REVERTER.bit();
        } else if (k == RcEvent.SummaryKind.BLANK) {
            f |= Feature.BLANKING.bit();
        } else if (k == RcEvent.SummaryKind.REPLACE) {
            f |= Feature.REPLACED.bit();
        }
        int ns = e.namespace();
        if (ns == 0) {
            f |= Feature.MAIN.bit();
        } else if (ns == 2) {
            f |= Feature.USERPAGE.bit();
        } else if (ns > 0 && (ns & 1) == 1) {
            f |= Feature.TALK.bit();
        }
        boolean isNew = e.kind() == RcEvent.Kind.NEW;
        if (isNew) {
            f |= Feature.NEWPAGE.bit();
        }
        int d = e.sizeDelta();
        if (e.hasSize() && !isNew) {
            if (d <= -500) {
                f |= Feature.BIGREMOVAL.bit();
            } else if (d <= -50) {
                f |= Feature.REMOVAL.bit();
            } else if (d >= 500) {
                f |= Feature.BIGADDITION.bit();
            } else if (d >= 50) {
                f |= Feature.ADDITION.bit();
            } else if (d >= -5 && d <= 5) {
                f |= Feature.TINY.bit();
            }
        }
        return f | summaryFeatures(e.summary(), e.hasSize() && d <= -200);
    }

    /** How many characters of a summary's own words are read for capitals and repeated letters. */
    static final int SUMMARY_SCAN = 80;

    /** What the summary says, by one scan of (at most {@value #SUMMARY_SCAN} of) its characters. */
    static long summaryFeatures(String summary, boolean bigRemoval) {
        if (summary == null || summary.isEmpty()) {
            return Feature.NOSUMMARY.bit() | (bigRemoval ? Feature.TERSEREMOVAL.bit() : 0);
        }
        int n = summary.length();
        int from = 0;
        // the section marker MediaWiki writes: /* Section */ then the editor's own words
        if (n >= 4 && summary.charAt(0) == '/' && summary.charAt(1) == '*') {
            int close = summary.indexOf("*/", 2);
            if (close > 0) {
                from = close + 2;
            }
        }
        // the editor's own words are read up to SUMMARY_SCAN characters: enough to see capitals or a repeated letter
        int end = Math.min(n, from + SUMMARY_SCAN);
        int own = n - end;
        int letters = 0;
        int upper = 0;
        int run = 0;
        char prev = 0;
        boolean repeated = false;
        for (int i = from; i < end; i++) {
            char c = summary.charAt(i);
            if (c != ' ') {
                own++;
            }
            boolean letter;
            boolean up;
            if (c < 128) {
                // ASCII, most summaries: no table lookups
                int lower = c | 0x20;
                letter = lower >= 'a' && lower <= 'z';
                up = c <= 'Z';
            } else {
                letter = Character.isLetter(c);
                up = letter && Character.isUpperCase(c);
            }
            if (letter) {
                letters++;
                if (up) {
                    upper++;
                }
                run = c == prev ? run + 1 : 1;
                prev = c;
                if (run >= 6) {
                    repeated = true;
                }
            } else {
                run = 0;
                prev = 0;
            }
        }
        long f = 0;
        if (from > 0 && own == 0) {
            f |= Feature.SECTIONONLY.bit();
        }
        if (bigRemoval && own < 5) {
            f |= Feature.TERSEREMOVAL.bit();
        }
        if (letters >= 8 && upper * 10 >= letters * 7) {
            f |= Feature.SHOUTING.bit();
        }
        if (repeated) {
            f |= Feature.REPEATED.bit();
        }
        return f;
    }

    private void readLimits(Settings s) {
        limits = new Behaviour.Limits(i(s, ConfigItem.BURSTEDITS), i(s, ConfigItem.BURSTCREATIONS),
                i(s, ConfigItem.BURSTOTHERS), i(s, ConfigItem.BURSTSECONDS), i(s, ConfigItem.BRIGADEEDITORS),
                i(s, ConfigItem.BRIGADEMINUTES) * 60, i(s, ConfigItem.EDITWARREVERTS),
                i(s, ConfigItem.EDITWARMINUTES) * 60);
        suspect = i(s, ConfigItem.SUSPECT);
        limitsOf = s;
    }

    private static int i(Settings s, ConfigItem item) {
        return Integer.parseInt(s.get(item));
    }
}
