package org.vigie.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NameTableTest {

    @Test
    void namesCompareAsMediaWikiComparesThemAndARangeIsReadInPlace() {
        Map<String, Integer> names = new LinkedHashMap<>();
        names.put("Utilisateur", 2);
        names.put("Discussion_utilisateur", 3);
        names.put("Спецтема", 99);
        NameTable<Integer> t = new NameTable<>(names);
        assertEquals(2, t.get("utilisateur", 0, 11));
        assertEquals(3, t.get("DISCUSSION UTILISATEUR", 0, 22));
        assertEquals(3, t.get("Discussion_Utilisateur", 0, 22));
        assertEquals(99, t.get("спецтема", 0, 8));
        String title = "Discussion utilisateur:Cible";
        assertEquals(3, t.get(title, 0, title.indexOf(':')));
        assertEquals(2, t.get("xUtilisateur:", 1, 12), "a range inside a longer string");
        assertNull(t.get(title, 0, title.length()), "the whole title is no name");
        assertNull(t.get("Utilisateu", 0, 10));
        assertNull(t.get("", 0, 0));
    }

    @Test
    void ofTwoNamesThatFoldAlikeTheFirstIsKept() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("File", "first");
        names.put("FILE", "second");
        names.put("Image", "File");
        NameTable<String> t = new NameTable<>(names);
        assertEquals(2, t.size());
        assertEquals("first", t.get("file", 0, 4));
        assertEquals("File", t.get("image", 0, 5));
        assertEquals("user talk", NameTable.fold("User_Talk"));
    }

    @Test
    void aFullTableStillEndsEveryMissedLookup() {
        Map<String, Integer> names = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            names.put("Name" + i, i);
        }
        NameTable<Integer> t = new NameTable<>(names);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, t.get("name" + i, 0, ("name" + i).length()));
        }
        assertNull(t.get("Name1000", 0, 8));
        assertEquals(1000, t.size());
    }
}
