package org.vigie.patrol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.ListView;
import org.vigie.lists.WordMatch;

/**
 * A small but real in-memory {@link ListView} for tests: map-based, with MediaWiki's name rules for user and page
 * lists, global entries under {@link Entry#GLOBAL}, expiry at lookup, and word lists as case-insensitive substrings
 * or {@code /regex/}. It stands in for the real {@code lists.Lists}, which is built elsewhere.
 */
public final class MemoryLists implements ListView {

    private record Key(ListKind kind, String wiki, String item) {
    }

    private final Map<Key, Entry> entries = new HashMap<>();
    private final Map<ListKind, List<Entry>> words = new HashMap<>();
    private final Map<Entry, Pattern> patterns = new HashMap<>();

    /** Adds (or replaces) an entry that never expires, added by {@code Op}. */
    public MemoryLists add(ListKind kind, String wiki, String item, String reason) {
        return add(new Entry(kind, wiki, item, "Op", reason, 0L, Entry.NEVER, Entry.Source.OPERATOR));
    }

    public MemoryLists add(Entry e) {
        if (e.kind().isWordList()) {
            List<Entry> l = words.computeIfAbsent(e.kind(), k -> new ArrayList<>());
            l.removeIf(x -> x.wiki().equals(e.wiki()) && x.item().equals(e.item()));
            l.add(e);
            String item = e.item();
            Pattern p = item.length() > 2 && item.startsWith("/") && item.endsWith("/")
                    ? Pattern.compile(item.substring(1, item.length() - 1), Pattern.CASE_INSENSITIVE)
                    : Pattern.compile(Pattern.quote(item), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            patterns.put(e, p);
        } else {
            entries.put(new Key(e.kind(), e.wiki(), normalise(e.kind(), e.item())), e);
        }
        return this;
    }

    @Override
    public Entry find(ListKind kind, String wiki, String item, long nowMillis) {
        String n = normalise(kind, item);
        Entry e = entries.get(new Key(kind, wiki, n));
        if (e == null || e.expiredAt(nowMillis)) {
            e = entries.get(new Key(kind, Entry.GLOBAL, n));
        }
        return e == null || e.expiredAt(nowMillis) ? null : e;
    }

    @Override
    public WordMatch findWord(ListKind kind, String wiki, String text, long nowMillis) {
        for (Entry e : words.getOrDefault(kind, List.of())) {
            if (e.expiredAt(nowMillis) || !(e.isGlobal() || e.wiki().equals(wiki))) {
                continue;
            }
            Matcher m = patterns.get(e).matcher(text);
            if (m.find()) {
                return new WordMatch(e, m.group());
            }
        }
        return null;
    }

    private static String normalise(ListKind kind, String item) {
        if (kind.itemType() == ListKind.ItemType.ACCOUNT) {
            return item.toLowerCase(Locale.ROOT);
        }
        String s = item.replace('_', ' ').strip();
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toUpperCase(first))
                .append(s, Character.charCount(first), s.length()).toString();
    }
}
