package org.vigie.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** One key for a page whatever name its namespace is written with (issue 9, point 7). */
class PageNamesTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "File:Drapeau.png            | File:Drapeau.png",
        "Image:Drapeau.png           | File:Drapeau.png",
        "Fichier:Drapeau.png         | File:Drapeau.png",
        "fichier:drapeau.png         | File:Drapeau.png",
        "image_talk:Drapeau.png      | File talk:Drapeau.png",
        "Utilisateur:Cible           | User:Cible",
        "Utilisatrice:Cible          | User:Cible",
        "User:Cible                  | User:Cible",
        "Discussion utilisateur:Cible| User talk:Cible",
        "Wikipédia:Bac à sable       | Project:Bac à sable",
        "WP:Bac à sable              | Project:Bac à sable",
        "Modèle:Infobox              | Template:Infobox",
        "Bestand:Vlag.png            | File:Vlag.png",
        "Overleg gebruiker:Doel      | User talk:Doel",
        "קובץ:דגל.png                | File:דגל.png",
        "Portail:Paris               | Portail:Paris",
        "Star Wars: Episode IV       | Star Wars: Episode IV",
        "Tour Eiffel                 | Tour Eiffel",
    })
    void everySpellingOfABuiltInNamespaceGivesItsCanonicalName(String typed, String key) {
        assertEquals(key, Lists.key(ListKind.CVP, typed));
        assertEquals(key, Lists.key(ListKind.CVP, key), "a key is its own key");
    }

    @Test
    void aTitleFromTheFeedIsFoundUnderItsCanonicalKeyWithoutBuildingIt() {
        Lists lists = new Lists();
        lists.put(new Entry(ListKind.CVI, Entry.GLOBAL, "Image:Drapeau.png", "op", "", 0, Entry.NEVER,
                Entry.Source.OPERATOR));
        lists.put(new Entry(ListKind.CVP, "fr.wiktionary", "Template:chat", "op", "", 0, Entry.NEVER,
                Entry.Source.OPERATOR));
        ListView feed = lists.reader();
        assertNotNull(feed.find(ListKind.CVI, "fr.wikipedia", "Fichier:Drapeau.png", 1));
        assertNotNull(feed.find(ListKind.CVI, "nl.wikipedia", "Bestand:Drapeau.png", 1));
        assertNotNull(feed.find(ListKind.CVI, "en.wikipedia", "File:Drapeau.png", 1));
        assertNull(feed.find(ListKind.CVI, "fr.wikipedia", "Fichier:Drapeau.jpg", 1));
        // on a wiki whose titles keep their first letter, the namespace's title still compares as MediaWiki's first
        // letter rule says (the lists always upper-case it)
        assertNotNull(feed.find(ListKind.CVP, "fr.wiktionary", "Modèle:chat", 1));
        assertNotNull(feed.find(ListKind.CVP, "fr.wiktionary", "Template:Chat", 1));
    }
}
