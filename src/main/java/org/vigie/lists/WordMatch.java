package org.vigie.lists;

/**
 * A hit of a word list.
 *
 * @param entry   the list entry (its item is the word or {@code /regex/})
 * @param matched the part of the text that matched
 */
public record WordMatch(Entry entry, String matched) {
}
