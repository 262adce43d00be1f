package org.vigie.lists;

import java.util.Locale;

/**
 * The operators' lists. The command name of each is its lower-case name ({@code bl add Foo}).
 */
public enum ListKind {
    WL("whitelist", ItemType.USER),
    BL("blacklist", ItemType.USER),
    /** Greylist: filled automatically only (rollbacks, bnu hits); operators may only delete and show. */
    GL("greylist", ItemType.USER),
    AL("admin list", ItemType.USER),
    BOT("bot list", ItemType.USER),
    /** Watched pages. */
    CVP("watchlist", ItemType.PAGE),
    /** Pages never to report, whatever happens on them. */
    CNVP("ignored pages", ItemType.PAGE),
    /** Watched images (uploads). */
    CVI("watched images", ItemType.PAGE),
    /** Watched words in new user names. */
    BNU("BNU list", ItemType.WORD),
    /** Watched words in new page titles. */
    BNA("BNA list", ItemType.WORD),
    /** Watched words in move destinations (page-move vandalism). */
    WHEELS("wheels list", ItemType.WORD),
    /** Bad edit summaries. */
    BES("BES list", ItemType.WORD),
    /** Access list of operators: IRC services accounts or hostmasks, not wiki users. */
    ACLO("operator list", ItemType.ACCOUNT);

    /** How an item of a list is compared. */
    public enum ItemType {
        /** A MediaWiki user name: first letter case-insensitive, spaces and underscores equal. */
        USER,
        /** A MediaWiki title: same case rules as a user name. */
        PAGE,
        /** A case-insensitive substring, or {@code /regex/}. */
        WORD,
        /** An IRC services account (case-insensitive) or a {@code nick!user@host} mask. */
        ACCOUNT
    }

    private final String label;
    private final ItemType itemType;

    ListKind(String label, ItemType itemType) {
        this.label = label;
        this.itemType = itemType;
    }

    /** The name used in commands and in the {@code lists/} seed files: {@code bl}, {@code cvp}. */
    public String command() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The English label of the list, used only where no message exists. */
    public String label() {
        return label;
    }

    public ItemType itemType() {
        return itemType;
    }

    public boolean isWordList() {
        return itemType == ItemType.WORD;
    }

    /** The kind for a command name, or {@code null}. */
    public static ListKind fromCommand(String name) {
        for (ListKind k : values()) {
            if (k.command().equalsIgnoreCase(name)) {
                return k;
            }
        }
        return null;
    }
}
