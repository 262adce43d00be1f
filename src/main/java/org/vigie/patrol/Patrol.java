package org.vigie.patrol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.vigie.config.Settings;
import org.vigie.feed.LogAction;
import org.vigie.feed.RcEvent;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.ListView;
import org.vigie.lists.WordMatch;

/**
 * Checks one change against the lists and the size heuristics: classifies the editor, raises the events, and asks
 * for automatic list entries.
 *
 * <p>Pure and single-threaded: one patrol thread calls {@link #check} in feed order. It reads the lists through
 * {@link ListView} (memory), the settings through one snapshot per change, and time only through {@code nowMillis}.
 * A change that raises nothing and asks no entry costs lookups only and returns {@code null} without allocating;
 * everything else (reasons, entries, wording) is built only when there is something to say.
 *
 * <p>Events are facts about the change, not about who may see them: an admin's deletion still raises {@code delete};
 * destinations drop such alerts with their {@code -admin}, {@code -white} and {@code -bot} filters. The exceptions are
 * {@code black} and {@code grey}, which follow the editor's class, and {@code cnvp} pages, which silence everything
 * (events and automatic entries: a revert in a sandbox says nothing about its author).
 *
 * <p>Editor classes, first match wins: admin (the wiki's or the global {@code al} list), bot ({@code bot} list or the
 * {@code B} flag), white, black, grey, anonymous (IPv4, IPv6, temporary account {@code ~2…}), user. The blacklist thus
 * outranks the greylist, which the reference bots got the other way round.
 */
public final class Patrol {

    private static final int NS_TEMPLATE = 10;
    private static final int NS_CATEGORY = 14;
    // Used only when the feed gave no namespace number: canonical names and the French ones.
    private static final String[] TEMPLATE_PREFIXES = {"Template:", "Modèle:"};
    private static final String[] CATEGORY_PREFIXES = {"Category:", "Catégorie:"};

    private final ListView lists;
    private final Supplier<Settings> settings;
    private final BlockConflicts conflicts;
    private final AutoList auto;

    /** A patrol whose automatic entries carry the built-in English reasons ({@link AutoList#english()}). */
    public Patrol(ListView lists, Supplier<Settings> settings, BlockConflicts conflicts) {
        this(lists, settings, conflicts, AutoList.english());
    }

    public Patrol(ListView lists, Supplier<Settings> settings, BlockConflicts conflicts, AutoList auto) {
        this.lists = lists;
        this.settings = settings;
        this.conflicts = conflicts;
        this.auto = auto;
    }

    /** The class of an editor on a wiki, in the classification order. */
    public EditorClass classify(String wiki, String user, boolean botFlag, long nowMillis) {
        if (user == null || user.isEmpty()) {
            return EditorClass.USER;
        }
        if (lists.find(ListKind.AL, wiki, user, nowMillis) != null) {
            return EditorClass.ADMIN;
        }
        if (botFlag || lists.find(ListKind.BOT, wiki, user, nowMillis) != null) {
            return EditorClass.BOT;
        }
        if (lists.find(ListKind.WL, wiki, user, nowMillis) != null) {
            return EditorClass.WHITE;
        }
        if (lists.find(ListKind.BL, wiki, user, nowMillis) != null) {
            return EditorClass.BLACK;
        }
        if (lists.find(ListKind.GL, wiki, user, nowMillis) != null) {
            return EditorClass.GREY;
        }
        return UserNames.isAnonymous(user) ? EditorClass.ANON : EditorClass.USER;
    }

    /**
     * Checks one change.
     *
     * @return the verdict, or {@code null} when the change raised no event and asks no automatic entry
     */
    public Verdict check(RcEvent e, long nowMillis) {
        String wiki = e.wiki();
        String user = e.user();
        LogAction log = e.log();
        String type = log == null ? null : log.type();
        boolean userTarget = "block".equals(type) || "newusers".equals(type);
        String page = e.isLog() ? (userTarget ? null : log.target()) : e.title();
        if (page != null && lists.find(ListKind.CNVP, wiki, page, nowMillis) != null) {
            return null;
        }
        Settings s = settings.get();
        EditorClass cls = classify(wiki, user, e.bot(), nowMillis);

        long ev = 0;
        if (cls == EditorClass.BLACK) {
            ev |= Event.BLACK.bit();
        } else if (cls == EditorClass.GREY) {
            ev |= Event.GREY.bit();
        }
        Entry cvp = page == null ? null : lists.find(ListKind.CVP, wiki, page, nowMillis);
        String cvpPage = page;
        Entry cvi = null;
        WordMatch bnu = null;
        WordMatch bna = null;
        WordMatch bes = null;
        WordMatch wheels = null;
        String target = null;
        BlockConflicts.Conflict conflict = null;
        Entry auto1 = null;

        if (!e.isLog()) {
            if (UserNames.isAnonymous(user)) {
                ev |= Event.IP.bit();
                if (inNamespace(e, NS_TEMPLATE, TEMPLATE_PREFIXES)) {
                    ev |= Event.IPTMP.bit();
                }
                if (inNamespace(e, NS_CATEGORY, CATEGORY_PREFIXES)) {
                    ev |= Event.IPCAT.bit();
                }
            }
            String summary = e.summary();
            if (summary != null && !summary.isEmpty()) {
                bes = lists.findWord(ListKind.BES, wiki, summary, nowMillis);
            }
            int delta = e.sizeDelta();
            if (e.kind() == RcEvent.Kind.NEW) {
                if (e.title() != null) {
                    bna = lists.findWord(ListKind.BNA, wiki, e.title(), nowMillis);
                    if (bna == null && s.bnuBnaSame()) {
                        bna = lists.findWord(ListKind.BNU, wiki, e.title(), nowMillis);
                    }
                }
                if (e.hasSize()) {
                    if (delta >= s.bignew()) {
                        ev |= Event.BIGNEW.bit();
                    }
                    if (delta <= s.tinynew()) {
                        ev |= Event.TINYNEW.bit();
                    }
                }
            } else if (e.hasSize()) {
                if (delta <= -s.bigremove()) {
                    ev |= Event.BIGREMOVE.bit();
                }
                if (delta >= s.bigedit()) {
                    ev |= Event.BIGEDIT.bit();
                }
            }
            if (cls == EditorClass.ADMIN && e.revertedUser() != null
                    && (e.revert() == RcEvent.SummaryKind.ROLLBACK || e.revert() == RcEvent.SummaryKind.UNDO)) {
                EditorClass reverted = classify(wiki, e.revertedUser(), false, nowMillis);
                auto1 = auto.afterRevert(e, cls, reverted, s, nowMillis);
            }
        } else if (type != null) {
            switch (type) {
                case "block" -> {
                    ev |= Event.BLOCK.bit();
                    target = UserNames.stripNamespace(log.target());
                    if (target != null && !target.isEmpty()) {
                        String action = log.action();
                        if ("block".equals(action) || "reblock".equals(action) || "unblock".equals(action)) {
                            conflict = conflicts.observe(wiki, target, user, action, nowMillis,
                                    s.blockConflictMillis());
                        }
                        if ("block".equals(action) || "reblock".equals(action)) {
                            EditorClass targetClass = classify(wiki, target, false, nowMillis);
                            auto1 = auto.afterBlock(e, target, targetClass, s, nowMillis);
                        }
                    }
                }
                case "delete" -> {
                    ev |= Event.DELETE.bit();
                    target = log.target();
                }
                case "protect" -> {
                    ev |= Event.PROTECT.bit();
                    target = log.target();
                }
                case "move" -> {
                    ev |= Event.MOVE.bit();
                    target = log.target();
                    String dest = log.destination();
                    if (dest != null) {
                        wheels = lists.findWord(ListKind.WHEELS, wiki, dest, nowMillis);
                        if (cvp == null) {
                            cvp = lists.find(ListKind.CVP, wiki, dest, nowMillis);
                            cvpPage = dest;
                        }
                    }
                }
                case "upload" -> {
                    ev |= Event.UPLOAD.bit();
                    target = log.target();
                    if (target != null) {
                        cvi = lists.find(ListKind.CVI, wiki, target, nowMillis);
                        if (cvi == null) {
                            // operators often list a file without its localized "File:" prefix
                            String bare = UserNames.withoutPrefix(target);
                            cvi = bare == null ? null : lists.find(ListKind.CVI, wiki, bare, nowMillis);
                        }
                    }
                }
                case "newusers" -> {
                    String action = log.action();
                    if ("create".equals(action) || "create2".equals(action) || "byemail".equals(action)
                            || "autocreate".equals(action)) {
                        ev |= Event.NEWUSER.bit();
                        boolean byOther = "create2".equals(action) || "byemail".equals(action);
                        target = byOther && log.target() != null ? UserNames.stripNamespace(log.target()) : user;
                        if (target != null && !target.isEmpty()) {
                            bnu = lists.findWord(ListKind.BNU, wiki, target, nowMillis);
                            if (bnu == null && s.bnuBnaSame()) {
                                bnu = lists.findWord(ListKind.BNA, wiki, target, nowMillis);
                            }
                            if (bnu != null) {
                                EditorClass accountClass = target.equals(user) ? cls
                                        : classify(wiki, target, false, nowMillis);
                                auto1 = auto.afterBnu(wiki, target, accountClass, bnu, s, nowMillis);
                            }
                        }
                    }
                }
                default -> {
                    // other log types raise only black, grey and cvp
                }
            }
        }
        if (bnu != null) {
            ev |= Event.BNU.bit();
        }
        if (bna != null) {
            ev |= Event.BNA.bit();
        }
        if (bes != null) {
            ev |= Event.BES.bit();
        }
        if (wheels != null) {
            ev |= Event.WHEELER.bit();
        }
        if (cvi != null) {
            ev |= Event.CVI.bit();
        }
        if (cvp != null) {
            ev |= Event.CVP.bit();
        }
        if (conflict != null) {
            ev |= Event.BLOCKCONFLICT.bit();
        }
        if (ev == 0 && auto1 == null) {
            return null;
        }

        List<Verdict.Reason> reasons = new ArrayList<>(Long.bitCount(ev));
        for (Event x : Event.values()) {
            if ((ev & x.bit()) == 0) {
                continue;
            }
            reasons.add(switch (x) {
                case IP -> new Verdict.Reason(x, null, user);
                case IPTMP, IPCAT -> new Verdict.Reason(x, null, e.title());
                case BLACK -> new Verdict.Reason(x, lists.find(ListKind.BL, wiki, user, nowMillis), user);
                case GREY -> new Verdict.Reason(x, lists.find(ListKind.GL, wiki, user, nowMillis), user);
                case NEWUSER, BLOCK, DELETE, MOVE, UPLOAD, PROTECT -> new Verdict.Reason(x, null, target);
                case BNU -> new Verdict.Reason(x, bnu.entry(), bnu.matched());
                case BNA -> new Verdict.Reason(x, bna.entry(), bna.matched());
                case BES -> new Verdict.Reason(x, bes.entry(), bes.matched());
                case WHEELER -> new Verdict.Reason(x, wheels.entry(), wheels.matched());
                case CVI -> new Verdict.Reason(x, cvi, target);
                case CVP -> new Verdict.Reason(x, cvp, cvpPage);
                case BIGREMOVE, BIGNEW, TINYNEW, BIGEDIT -> new Verdict.Reason(x, null,
                        Integer.toString(e.sizeDelta()));
                case BLOCKCONFLICT -> new Verdict.Reason(x, null, conflict.firstAdmin());
            });
        }
        List<Entry> entries = auto1 == null ? List.of() : List.of(auto1);
        return new Verdict(e, cls, ev, Collections.unmodifiableList(reasons), entries);
    }

    private static boolean inNamespace(RcEvent e, int ns, String[] prefixes) {
        if (e.namespace() != RcEvent.NS_UNKNOWN) {
            return e.namespace() == ns;
        }
        String title = e.title();
        if (title == null) {
            return false;
        }
        for (String p : prefixes) {
            if (title.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
