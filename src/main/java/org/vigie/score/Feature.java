package org.vigie.score;

import java.util.Locale;

/**
 * What the score looks at in one change: facts the feed gives (no network), each a yes/no. A change's features are a
 * {@code long} bit set on the hot path; their weights are data ({@code score.properties}, {@link ScoreWeights}).
 *
 * <p>The keys are the names used in {@code score.properties} ({@code weight.ip=1.7}), in {@code replay --json}
 * ({@code "reasons": ["ip", "burst"]}) and in the messages ({@code score.reason.ip}).
 */
public enum Feature {
    /** A logged-out editor (IP address). */
    IP,
    /** A temporary account ({@code ~2025-…}). */
    TEMP,
    /** The editor is greylisted. */
    GREY,
    /** The editor is blacklisted. */
    BLACK,
    /** The editor's account was created today (seen in the feed). */
    NEWACCOUNT,
    /** The editor was reverted earlier today (a revert seen in the feed before this change). */
    REVERTEDTODAY,
    /** The editor's first change seen today. */
    FIRSTSEEN,
    /** The editor is a bot (flag or list). */
    BOT,
    /** The change is itself a rollback or an undo (reverters are mostly patrollers). */
    REVERTER,
    /** A new page. */
    NEWPAGE,
    /** An edit removing 500 bytes or more. */
    BIGREMOVAL,
    /** An edit removing 50 to 499 bytes. */
    REMOVAL,
    /** An edit adding 500 bytes or more. */
    BIGADDITION,
    /** An edit adding 50 to 499 bytes. */
    ADDITION,
    /** An edit of at most 5 bytes either way. */
    TINY,
    /** MediaWiki's own summary says the page was blanked. */
    BLANKING,
    /** MediaWiki's own summary says the content was replaced. */
    REPLACED,
    /** A removal of 200 bytes or more with (almost) no summary of the editor's own. */
    TERSEREMOVAL,
    /** No summary at all. */
    NOSUMMARY,
    /** Only the section marker {@code /* … *}{@code /}, nothing of the editor's own. */
    SECTIONONLY,
    /** A summary in capitals. */
    SHOUTING,
    /** A summary with one letter repeated six times or more. */
    REPEATED,
    /** A watched word in the summary ({@code bes}). */
    BADWORDS,
    /** The article namespace. */
    MAIN,
    /** A user page. */
    USERPAGE,
    /** A talk page. */
    TALK,
    /** A watched page ({@code cvp}). */
    WATCHEDPAGE,
    /** The page was reverted in the last hour (before this change). */
    PAGEREVERTED,
    /** Flag {@code M}. */
    MINOR,
    /** Flag {@code !}. */
    UNPATROLLED,
    /** The editor is making many changes quickly ({@code burst}). */
    BURST;

    static final Feature[] ALL = values();

    public long bit() {
        return 1L << ordinal();
    }

    /** The name in {@code score.properties}, JSON and messages. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The feature of a key, or {@code null}. */
    public static Feature fromKey(String key) {
        for (Feature f : ALL) {
            if (f.key().equalsIgnoreCase(key)) {
                return f;
            }
        }
        return null;
    }
}
