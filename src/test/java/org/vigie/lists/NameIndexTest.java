package org.vigie.lists;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class NameIndexTest {

    private static Entry entry(String name) {
        return new Entry(ListKind.BL, Entry.GLOBAL, name, "Op", "", 1, Entry.NEVER, Entry.Source.OPERATOR);
    }

    @Test
    void everyNameAddedIsFoundHoweverManyShareTheFiltersBits() {
        NameIndex index = new NameIndex();
        Entry[] added = new Entry[300_000];    // more names than a sparse filter holds: bits are shared
        for (int i = 0; i < added.length; i++) {
            added[i] = entry("Nom" + i);
            index.put(added[i].item(), added[i]);
        }
        for (int i = 0; i < added.length; i++) {
            assertSame(added[i], index.get("Nom" + i));
        }
        assertNull(index.get("Absent"));
    }

    @Test
    void aRemovedOrClearedNameIsGoneAndCanComeBack() {
        NameIndex index = new NameIndex();
        Entry a = entry("Alpha");
        index.put("Alpha", a);
        assertSame(a, index.remove("Alpha", ListKind.BL, Entry.GLOBAL));
        assertNull(index.get("Alpha"));
        index.put("Alpha", a);
        assertSame(a, index.get("Alpha"));
        index.clear();
        assertNull(index.get("Alpha"));
        index.put("Alpha", a);
        assertSame(a, index.get("Alpha"));
    }
}
