package org.vigie.score;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labels of the measurement: whose edits a summary says were reverted, in the wikis' own wording (rollback,
 * undo, Huggle, Twinkle, STiki, ClueBot NG; English, French, German, Italian, Spanish, Portuguese, Polish, Russian,
 * Turkish, Chinese, Dutch, Japanese…). Offline only ({@code quality}, {@code fit-score}): it uses regular expressions
 * and is never on the hot path, and the score never reads it — the score's own "reverted earlier" comes from the
 * feed parser's reading of MediaWiki's messages, and only from reverts before the change scored.
 *
 * <p>The reverted user is the first contributions link ({@code [[Special:Contributions/X|X]]},
 * {@code [[Especial:Contribuciones/X]]}…) of a summary that says it reverts; a summary that names the version
 * restored rather than the edits undone ("Reverted to revision N by X") names no one.
 */
public final class RevertSummaries {

    private static final List<String> PHRASES = List.of(
            // English: rollback, undo, Twinkle, Huggle, STiki, ClueBot NG
            "Reverted edits by", "edit by [[", "edits by [[", "Undid revision", "Reverting possible vandalism by",
            // French
            "Révocation des modifications de", "Annulation des modifications", "Annulation de la modification",
            // German
            "zurückgesetzt", "rückgängig gemacht",
            // Italian
            "Annullate le modifiche di", "Annullata la modifica",
            // Spanish
            "Revertidos los cambios de", "Deshecha la edición",
            // Portuguese
            "Desfeita(s) uma ou mais edições de", "Desfeita a edição", "revertidas", "Revertidas",
            // Polish
            "Wycofano edycje użytkownika", "Anulowanie wersji", "Wycofano ostatni",
            // Russian
            "Откат правок", "откат]] правок", "отмена", "Отмена правки",
            // Turkish
            "tarafından yapılan değişiklikler geri alınarak", "geri alındı",
            // Chinese
            "取消", "回退", "撤销", "撤銷",
            // Dutch
            "ongedaan gemaakt", "Wijzigingen door",
            // Japanese
            "の版を", "巻き戻し",
            // Swedish
            "Återställde redigeringar av",
            // Catalan
            "Revertides les edicions de", "Rv. edic. de",
            // XLinkBot (English)
            "Reverting link addition");
    private static final List<String> RESTORED = List.of("Reverted to revision", "回退到", "Restauration",
            // Japanese: "…による ID:N の版へ差し戻し" names the version restored
            "差し戻し");
    private static final Pattern CONTRIBS_LINK = Pattern.compile("\\[\\[[^\\]|/]*:[^\\]|/]*/([^\\]|]+)");
    private static final Pattern EDITS_BY = Pattern.compile("edits? by ([^\\[\\]:(]+?)(?::| \\(| to |$)");

    private RevertSummaries() {
    }

    /** The user a summary says was reverted, or {@code null}. */
    public static String revertedUser(String summary) {
        if (summary == null || summary.isEmpty()) {
            return null;
        }
        boolean says = summary.startsWith("Reverted ");
        for (String p : PHRASES) {
            if (summary.contains(p)) {
                says = true;
                break;
            }
        }
        if (!says) {
            return null;
        }
        for (String r : RESTORED) {
            if (summary.contains(r)) {
                return null;
            }
        }
        Matcher m = CONTRIBS_LINK.matcher(summary);
        if (m.find()) {
            return m.group(1).strip().replace('_', ' ');
        }
        if (summary.startsWith("Reverted")) {
            Matcher b = EDITS_BY.matcher(summary);
            if (b.find()) {
                return b.group(1).strip();
            }
        }
        return null;
    }
}
