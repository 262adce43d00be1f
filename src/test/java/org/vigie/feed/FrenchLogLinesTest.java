package org.vigie.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * frwiki log lines as MediaWiki writes them: legacy messages stay English (fr.json has no translation), but the
 * expiry words, the block flags and the colon separator are French. The reference bot expects {@code ": "} and loses
 * every one of these lines that carries a reason.
 */
class FrenchLogLinesTest {

    private static final String NNBSP = "\u202F";
    private final RcLineParser parser = new RcLineParser(LogTexts.withDefaults());

    private RcEvent frwiki(String type, String action, String user, String target, String text) {
        RcEvent e = parser.parse("fr.wikipedia", RcLineWriter.log("Spécial:Log/" + type, action, user, target, text));
        assertEquals(RcEvent.Kind.LOG, e.kind());
        assertEquals("Spécial:Log/" + type, e.title());
        assertEquals(-1, e.namespace());
        assertEquals(type, e.logType());
        assertEquals(action, e.logAction());
        assertEquals(user, e.user());
        assertTrue(e.log().matched(), "a known wording: " + text);
        return e;
    }

    @Test
    void blockWithFrenchColonSeparatorIsParsed() {
        LogAction log = frwiki("block", "block", "Admin Exemple", "Utilisateur:203.0.113.7",
                "blocked [[Utilisateur:203.0.113.7]] with an expiration time of 2 heures (création de compte "
                        + "interdite, ne peut modifier sa propre page de discussion)" + NNBSP + ": Vandalisme répété"
                        + " : voir [[Discussion utilisateur:203.0.113.7]]").log();
        assertEquals("Utilisateur:203.0.113.7", log.target());
        assertEquals("2 heures", log.expiry());
        assertEquals(7200, log.expirySeconds());
        assertEquals(List.of("nocreate", "nousertalk"), log.flags());
        assertEquals("Vandalisme répété : voir [[Discussion utilisateur:203.0.113.7]]", log.reason());
    }

    @ParameterizedTest(name = "separator {0}")
    @ValueSource(strings = {"\u202F: ", "\u00A0: ", " : ", ": ", "\u202F:\u00A0"})
    void everyFrenchColonSeparatorKeepsTheReason(String separator) {
        LogAction log = frwiki("block", "block", "Admin", "Utilisateur:Vandale",
                "blocked [[Utilisateur:Vandale]] with an expiration time of indéfiniment (envoi de courriel interdit)"
                        + separator + "Faux-nez").log();
        assertEquals("Utilisateur:Vandale", log.target());
        assertEquals(LogAction.INDEFINITE, log.expirySeconds());
        assertEquals(List.of("noemail"), log.flags());
        assertEquals("Faux-nez", log.reason());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2 heures           | 7200
            1 jour             | 86400
            3 jours            | 259200
            1 semaine          | 604800
            2 semaines         | 1209600
            1 mois             | 2592000
            3 mois             | 7776000
            1 an               | 31536000
            1 jour et 7 heures | 111600
            31 heures          | 111600
            indéfiniment       | -1
            infini             | -1
            """)
    void frenchExpiryWordsGiveTheirLength(String expiry, long seconds) {
        LogAction log = frwiki("block", "reblock", "Admin", "Utilisateur:X",
                "changed block settings for [[Utilisateur:X]] with an expiration time of " + expiry + " "
                        + NNBSP + ": motif").log();
        assertEquals(expiry, log.expiry());
        assertEquals(seconds, log.expirySeconds());
        assertEquals(List.of(), log.flags());
        assertEquals("motif", log.reason());
    }

    @Test
    void allFrenchBlockFlagsAreNormalised() {
        LogAction log = frwiki("block", "block", "Admin", "Utilisateur:198.51.100.0/24",
                "blocked [[Utilisateur:198.51.100.0/24]] with an expiration time of 1 an (utilisateurs anonymes "
                        + "seulement, création de compte interdite, blocage automatique désactivé, envoi de courriel "
                        + "interdit, ne peut modifier sa propre page de discussion)").log();
        assertEquals(List.of("anononly", "nocreate", "noautoblock", "noemail", "nousertalk"), log.flags());
        assertEquals("", log.reason(), "no reason given");
    }

    @Test
    void unblockWithoutLinkAndFrenchSeparator() {
        LogAction log = frwiki("block", "unblock", "Admin", "Utilisateur:X",
                "unblocked Utilisateur:X" + NNBSP + ": erreur de cible").log();
        assertEquals("Utilisateur:X", log.target());
        assertEquals("erreur de cible", log.reason());
    }

    @Test
    void deleteWithFrenchColonSeparatorIsParsed() {
        LogAction log = frwiki("delete", "delete", "Admin", "Discussion utilisateur:Test 🦊",
                "deleted \"[[Discussion utilisateur:Test 🦊]]\"" + NNBSP + ": Page de test, [[WP:SI|suppression "
                        + "immédiate]]").log();
        assertEquals("Discussion utilisateur:Test 🦊", log.target());
        assertEquals("Page de test, [[WP:SI|suppression immédiate]]", log.reason());
    }

    @Test
    void moveWithFrenchColonSeparatorIsParsed() {
        LogAction log = frwiki("move", "move", "Éditeur", "Château de Versailles",
                "moved [[Château de Versailles]] to [[Château de Versailles (palais)]]" + NNBSP
                        + ": homonymie").log();
        assertEquals("Château de Versailles", log.target());
        assertEquals("Château de Versailles (palais)", log.destination());
        assertEquals("homonymie", log.reason());
    }

    @Test
    void moveOverRedirectWithFrenchColonSeparatorIsParsed() {
        LogAction log = frwiki("move", "move_redir", "Éditeur", "Brouillon:A",
                "moved [[Brouillon:A]] to [[A]] over redirect" + NNBSP + ": publication").log();
        assertEquals("Brouillon:A", log.target());
        assertEquals("A", log.destination());
        assertEquals("publication", log.reason());
    }

    @Test
    void uploadWithFrenchColonSeparatorIsParsed() {
        LogAction log = frwiki("upload", "upload", "Photographe", "Fichier:Été à Nîmes.jpg",
                "uploaded \"[[Fichier:Été à Nîmes.jpg]]\"" + NNBSP + ": == Description ==").log();
        assertEquals("Fichier:Été à Nîmes.jpg", log.target());
        assertEquals("== Description ==", log.reason());
    }

    @Test
    void protectWithFrenchDescriptionInsideTheLinkGivesTheBareTitle() {
        String desc = "\u200E[modifier" + NNBSP + "=" + NNBSP + "autoconfirmed] (infini)\u200E[renommer" + NNBSP + "="
                + NNBSP + "sysop] (expire le 12:00, 1 janvier 2030 (UTC))";
        LogAction log = frwiki("protect", "protect", "Admin", "Jean Dupont",
                "protected \"[[Jean Dupont " + desc + "]]\"" + NNBSP + ": Vandalisme").log();
        assertEquals("Jean Dupont", log.target());
        assertEquals("Vandalisme", log.reason());
    }

    @Test
    void create2WithFrenchColonSeparatorIsParsed() {
        LogAction log = frwiki("newusers", "create2", "Parrain", "Utilisateur:Nouvelle Recrue",
                "created new account Utilisateur:Nouvelle Recrue" + NNBSP + ": atelier").log();
        assertEquals("Utilisateur:Nouvelle Recrue", log.target());
        assertEquals("atelier", log.reason());
    }

    @Test
    void selfCreatedAccountsHaveTheFrenchUserPageAsTarget() {
        LogAction log = frwiki("newusers", "create", "Nouvelle Recrue", null, "New user account").log();
        assertEquals("Utilisateur:Nouvelle Recrue", log.target());
    }

    @Test
    void unknownFrenchLogTypeKeepsTypeActionAndRecolouredTarget() {
        RcEvent e = parser.parse("fr.wikipedia", RcLineWriter.log("Spécial:Log/abusefilter", "hit", "Anonyme",
                "Paris", "Anonyme a déclenché le [[Spécial:Filtre antiabus/1|filtre 1]] en effectuant l’action "
                        + "« edit » sur [[Paris]]. Actions prises : Avertir"));
        assertEquals("abusefilter", e.logType());
        assertEquals("Paris", e.log().target());
        assertNull(e.log().expiry());
        assertEquals(false, e.log().matched());
    }
}
