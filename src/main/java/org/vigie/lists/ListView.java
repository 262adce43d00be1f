package org.vigie.lists;

/**
 * The read side of the lists, as the per-event path sees it: memory only, no SQL, no allocation on a miss.
 * Every lookup consults the wiki's own entries and the global ones ({@link Entry#GLOBAL}); an expired entry
 * never matches, even before the background sweep has removed it.
 */
public interface ListView {

    /**
     * The entry for a user name or a title on a user or page list, or {@code null}.
     * MediaWiki's case rules apply: first letter case-insensitive, the rest exact; {@code _} equals a space.
     */
    Entry find(ListKind kind, String wiki, String item, long nowMillis);

    /**
     * The first entry of a word list ({@code bnu}, {@code bna}, {@code wheels}, {@code bes}) that matches the text,
     * or {@code null}. All the list's words are matched in one pass.
     */
    WordMatch findWord(ListKind kind, String wiki, String text, long nowMillis);
}
