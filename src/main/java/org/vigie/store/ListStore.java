package org.vigie.store;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.BufferedInputStream;
import java.io.OutputStream;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;
import org.vigie.lists.WordMatcher;

/**
 * The lists' record: H2 is the truth, {@link Lists} the copy that the hot path reads.
 *
 * <p>Every change is written with its audit row in one transaction, committed, and only then applied to memory: an
 * operator is told "added" only once the change would survive a crash, and the hot path never sees a change that
 * was rolled back. Writes are serialised here (one writer for {@link Lists}); reads go to memory.
 *
 * <p>A start reads the lists from a snapshot ({@link #saveSnapshot}, table {@code list_snapshot}) and replays the audit
 * rows written after it. This is sound because every change of {@code list_entry} has an audit row, except the
 * deletion of entries already expired (the sweep, the removal of an expired entry), which a snapshot leaves out anyway.
 * A new way of changing {@code list_entry} must keep that so.
 */
public final class ListStore {

    private static final Logger LOG = LoggerFactory.getLogger(ListStore.class);
    static final int MAX_ITEM = 512;
    static final int MAX_REASON = 512;
    private static final String ENTRY_COLUMNS =
            "kind, wiki, item_key, item, adder, reason, added_millis, expires_millis, source";
    private static final String MERGE_ENTRY = "MERGE INTO list_entry(" + ENTRY_COLUMNS + ") KEY(kind, wiki, item_key) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_ENTRY = "SELECT " + ENTRY_COLUMNS + " FROM list_entry";
    private static final String LOAD_ENTRIES = "SELECT kind, wiki, item, adder, reason, added_millis, expires_millis, "
            + "source FROM list_entry";
    private static final int LOAD_CHUNK = 10_000;
    /**
     * Past this many audit rows after a snapshot, reading the table is cheaper than replaying them (each row costs a
     * lookup; the whole table of a million rows costs about as much as 30,000 of them).
     */
    static final int MAX_REPLAY = 30_000;
    private static final Map<String, ListKind> KINDS = new HashMap<>();
    private static final Map<String, Entry.Source> SOURCES = new HashMap<>();

    static {
        for (ListKind k : ListKind.values()) {
            KINDS.put(k.command(), k);
        }
        for (Entry.Source src : Entry.Source.values()) {
            SOURCES.put(src.name(), src);
        }
    }

    /**
     * The outcome of {@link #add}.
     *
     * @param entry    the entry as stored (item trimmed, wiki in lower case, adder filled in)
     * @param previous the live entry it replaced, or {@code null} if it is new
     */
    public record AddResult(Entry entry, Entry previous) {
        public boolean isNew() {
            return previous == null;
        }
    }

    /** The outcome of {@link #replaceFromWiki}: entries added, removed, and left alone because an operator owns them. */
    public record RefreshResult(int added, int removed, int operatorKept, int total) {
    }

    /**
     * The outcome of {@link #saveSnapshot}.
     *
     * @param auditId the audit id it is complete up to
     * @param entries the entries written
     * @param bytes   its size
     * @param millis  how long it took, capture and write
     */
    public record SnapshotInfo(long auditId, int entries, long bytes, long millis) {
    }

    private final Database db;
    private final Audit audit;
    private final Lists lists;
    private final Clock clock;
    /** See {@link #loadedThrough()}. */
    private long loadedThrough;
    /** Serialises snapshot writers (the periodic one and the one at stop), so that an older one never lands last. */
    private final Object snapshotLock = new Object();

    public ListStore(Database db, Audit audit, Lists lists, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.lists = lists;
        this.clock = clock;
    }

    /** The in-memory lists this store keeps up to date (what the hot path reads). */
    public Lists lists() {
        return lists;
    }

    public Clock clock() {
        return clock;
    }

    // ------------------------------------------------------------------ validation

    /**
     * Checks an entry and returns it in stored form: item and reason trimmed, control characters of the reason
     * replaced by spaces, wiki in lower case ({@code ""} becomes global), adder filled from the actor when blank,
     * added time from the clock when 0.
     *
     * @throws IllegalArgumentException with a one-line reason: empty item, control characters, too long, invalid
     *                                  expression, already expired
     */
    public Entry validate(Entry e, Actor who) {
        if (e == null || e.kind() == null || e.item() == null) {
            throw new IllegalArgumentException("no item");
        }
        String item = e.item().strip();
        if (item.isEmpty()) {
            throw new IllegalArgumentException("empty item");
        }
        for (int i = 0; i < item.length(); i++) {
            if (Character.isISOControl(item.charAt(i))) {
                throw new IllegalArgumentException("control character in item");
            }
        }
        if (item.length() > MAX_ITEM) {
            throw new IllegalArgumentException("item longer than " + MAX_ITEM + " characters");
        }
        if (Lists.key(e.kind(), item).isEmpty()) {
            throw new IllegalArgumentException("empty item");
        }
        if (e.kind().isWordList()) {
            WordMatcher.validate(item);
        }
        String wiki = normaliseWiki(e.wiki());
        long now = clock.millis();
        if (e.expiredAt(now)) {
            throw new IllegalArgumentException("already expired");
        }
        String adder = e.adder() == null || e.adder().isBlank() ? who.label() : e.adder().strip();
        long added = e.addedMillis() > 0 ? e.addedMillis() : now;
        Entry.Source source = e.source() == null ? Entry.Source.OPERATOR : e.source();
        return new Entry(e.kind(), wiki, item, cut(adder, 256), cleanReason(e.reason()), added, e.expiresMillis(),
                source);
    }

    /** A wiki name in stored form: lower case, without {@code .org}; blank or {@code *} is global. */
    public static String normaliseWiki(String wiki) {
        if (wiki == null || wiki.isBlank() || wiki.strip().equals(Entry.GLOBAL)) {
            return Entry.GLOBAL;
        }
        String w = wiki.strip().toLowerCase(Locale.ROOT);
        if (w.endsWith(".org")) {
            w = w.substring(0, w.length() - 4);
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_')) {
                throw new IllegalArgumentException("invalid wiki name " + wiki);
            }
        }
        if (w.length() > 64) {
            throw new IllegalArgumentException("invalid wiki name " + wiki);
        }
        return w;
    }

    private static String cleanReason(String reason) {
        if (reason == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(reason.length());
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return cut(b.toString().strip(), MAX_REASON);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    // ------------------------------------------------------------------ changes

    /**
     * Adds an entry, or replaces the entry of the same item on the same list and wiki. Committed with its audit row
     * before memory changes.
     *
     * @throws IllegalArgumentException when the entry is refused (see {@link #validate}); nothing is written
     * @throws StoreException           when the database fails; nothing is changed
     */
    public synchronized AddResult add(Entry e, Actor who) {
        Entry entry = validate(e, who);
        String key = Lists.key(entry.kind(), entry.item());
        long now = clock.millis();
        Entry previous = db.transaction(c -> {
            Entry old = select(c, entry.kind(), entry.wiki(), key);
            merge(c, entry, key);
            String details = entry.reason() + (old == null || old.expiredAt(now) ? "" : " (replaces: " + old.reason() + ")");
            audit.record(c, who, Audit.Action.ADD, entry.kind().command(), entry.wiki(), entry.item(), key,
                    details, entry.expiresMillis());
            return old == null || old.expiredAt(now) ? null : old;
        });
        lists.put(entry);
        return new AddResult(entry, previous);
    }

    /**
     * Adds many entries of one kind in one transaction with one summary audit row (seed imports). Entries must come
     * from {@link #validate}.
     *
     * @return how many were written
     */
    public synchronized int addAll(ListKind kind, Collection<Entry> entries, Actor who, String summary) {
        if (entries.isEmpty()) {
            return 0;
        }
        for (Entry e : entries) {
            if (e.kind() != kind) {
                throw new IllegalArgumentException("entry of " + e.kind().command() + " in a batch of " + kind.command());
            }
        }
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(MERGE_ENTRY)) {
                for (Entry e : entries) {
                    bind(p, e, Lists.key(e.kind(), e.item()));
                    p.addBatch();
                }
                p.executeBatch();
            }
            audit.record(c, who, Audit.Action.IMPORT, kind.command(), null, null, null,
                    entries.size() + " entries" + (summary == null ? "" : ", " + summary), null);
            return null;
        });
        lists.putAll(entries);
        return entries.size();
    }

    /**
     * Removes the entry of that item (written in any equivalent form) from exactly that wiki ({@code *} for global).
     *
     * @return the removed entry, or {@code null} when there was no live entry (nothing is audited then)
     */
    public synchronized Entry remove(ListKind kind, String wiki, String item, Actor who) {
        if (item == null || item.isBlank()) {
            return null;
        }
        String w = normaliseWiki(wiki);
        String key = Lists.key(kind, item.strip());
        long now = clock.millis();
        Entry removed = db.transaction(c -> {
            Entry old = select(c, kind, w, key);
            if (old == null) {
                return null;
            }
            try (PreparedStatement p = c.prepareStatement(
                    "DELETE FROM list_entry WHERE kind = ? AND wiki = ? AND item_key = ?")) {
                p.setString(1, kind.command());
                p.setString(2, w);
                p.setString(3, key);
                p.executeUpdate();
            }
            if (old.expiredAt(now)) {
                return null;
            }
            audit.record(c, who, Audit.Action.DEL, kind.command(), w, old.item(), key, old.reason(), null);
            return old;
        });
        lists.remove(kind, w, key);
        return removed;
    }

    /**
     * Replaces the entries that came from the wiki ({@link Entry.Source#WIKI}) of one list on one wiki by a new set of
     * users: those who lost the right leave, new ones arrive. Entries added by operators or rules are never touched
     * (a user already on the list that way is not added again). One summary audit row, only when something changed.
     * With {@link Entry#GLOBAL} for the wiki, the global groups held on Meta (valid on every wiki).
     */
    public synchronized RefreshResult replaceFromWiki(ListKind kind, String wiki, Set<String> users, Actor who) {
        String w = normaliseWiki(wiki);
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String u : users) {
            if (u == null || u.isBlank() || u.length() > MAX_ITEM || u.chars().anyMatch(Character::isISOControl)) {
                continue;
            }
            String item = u.strip();
            String k = Lists.key(kind, item);
            if (!k.isEmpty()) {
                wanted.putIfAbsent(k, item);
            }
        }
        long now = clock.millis();
        List<Entry> added = new ArrayList<>();
        List<String> removedKeys = new ArrayList<>();
        int[] kept = {0};
        db.transaction(c -> {
            Set<String> fromWiki = new HashSet<>();
            Set<String> others = new HashSet<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT item_key, source FROM list_entry WHERE kind = ? AND wiki = ?")) {
                p.setString(1, kind.command());
                p.setString(2, w);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        (Entry.Source.WIKI.name().equals(rs.getString(2)) ? fromWiki : others).add(rs.getString(1));
                    }
                }
            }
            for (String k : fromWiki) {
                if (!wanted.containsKey(k)) {
                    removedKeys.add(k);
                }
            }
            for (Map.Entry<String, String> u : wanted.entrySet()) {
                if (others.contains(u.getKey())) {
                    kept[0]++;
                } else if (!fromWiki.contains(u.getKey())) {
                    added.add(new Entry(kind, w, u.getValue(), "wiki", "", now, Entry.NEVER, Entry.Source.WIKI));
                }
            }
            if (added.isEmpty() && removedKeys.isEmpty()) {
                return null;
            }
            try (PreparedStatement p = c.prepareStatement(
                    "DELETE FROM list_entry WHERE kind = ? AND wiki = ? AND item_key = ? AND source = ?")) {
                for (String k : removedKeys) {
                    p.setString(1, kind.command());
                    p.setString(2, w);
                    p.setString(3, k);
                    p.setString(4, Entry.Source.WIKI.name());
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement(MERGE_ENTRY)) {
                for (Entry e : added) {
                    bind(p, e, Lists.key(kind, e.item()));
                    p.addBatch();
                }
                p.executeBatch();
            }
            audit.record(c, who, Audit.Action.REFRESH, kind.command(), w, null, null,
                    "+" + added.size() + " -" + removedKeys.size() + ", " + wanted.size() + " on the wiki", null);
            return null;
        });
        for (String k : removedKeys) {
            lists.remove(kind, w, k);
        }
        lists.putAll(added);
        return new RefreshResult(added.size(), removedKeys.size(), kept[0], wanted.size());
    }

    /**
     * Deletes the expired rows and drops the expired entries from memory (expired entries stop matching at once
     * anyway; this only frees them). Not audited: nobody changed anything.
     *
     * @return how many entries left memory
     */
    public synchronized int sweep(long nowMillis) {
        db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM list_entry WHERE expires_millis <= ?")) {
                p.setLong(1, nowMillis);
                return p.executeUpdate();
            }
        });
        return lists.sweep(nowMillis);
    }

    // ------------------------------------------------------------------ loading and following other instances

    /**
     * Fills memory from the database (at start): every live entry. From the snapshot when there is one that reads
     * cleanly, followed by the audit rows after it ({@link #apply}); otherwise, or when those rows are too many, from
     * the table ({@link #loadAllFromTable}). Never half of each: a snapshot that fails part way is dropped from memory
     * before the table is read.
     *
     * @return how many entries were loaded
     */
    public synchronized int loadAll() {
        Integer n = loadFromSnapshot();
        int loaded = n != null ? n : loadAllFromTable();
        rekeyPages();
        return loaded;
    }

    /**
     * Brings the stored keys of the page lists in line with {@link Lists#key} after the namespace names changed (a
     * version that keys titles by their canonical namespace, or a wiki that taught new names: {@link
     * org.vigie.lists.PageNames#learn}), in the table and in memory, so that {@code del} finds an entry written with any
     * name of its namespace. Page lists are small; this reads them whole.
     *
     * @return how many rows got a new key
     */
    public synchronized int rekeyPages() {
        int moved = db.transaction(c -> {
            int n = 0;
            List<String[]> stale = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT kind, wiki, item_key, item FROM list_entry WHERE kind IN ('cvp', 'cnvp', 'cvi')");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    ListKind kind = ListKind.fromCommand(rs.getString(1));
                    String key = kind == null ? null : Lists.key(kind, rs.getString(4));
                    if (key != null && !key.isEmpty() && !key.equals(rs.getString(3))) {
                        stale.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), key});
                    }
                }
            }
            for (String[] r : stale) {
                boolean taken;
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT COUNT(*) FROM list_entry WHERE kind = ? AND wiki = ? AND item_key = ?")) {
                    p.setString(1, r[0]);
                    p.setString(2, r[1]);
                    p.setString(3, r[3]);
                    try (ResultSet rs = p.executeQuery()) {
                        taken = rs.next() && rs.getInt(1) > 0;
                    }
                }
                // two spellings of one page on one list: the one already under the new key stays
                try (PreparedStatement p = c.prepareStatement(taken
                        ? "DELETE FROM list_entry WHERE kind = ? AND wiki = ? AND item_key = ?"
                        : "UPDATE list_entry SET item_key = ? WHERE kind = ? AND wiki = ? AND item_key = ?")) {
                    int i = 1;
                    if (!taken) {
                        p.setString(i++, r[3]);
                    }
                    p.setString(i++, r[0]);
                    p.setString(i++, r[1]);
                    p.setString(i, r[2]);
                    n += p.executeUpdate();
                }
            }
            return n;
        });
        lists.rekeyPages();
        if (moved > 0) {
            LOG.info("{} page list entries re-keyed by their namespace's canonical name", moved);
        }
        return moved;
    }

    /**
     * An audit id such that every list change up to it was in memory when the last {@link #loadAll} (or
     * {@link #loadAllFromTable}) ended: where a follower of other instances must start, so that a change another
     * instance commits between the load and the follower's start is not missed (0 before any load). Changes after it
     * may already be in memory too; applying them again ({@link #apply}) reloads them and changes nothing.
     */
    public synchronized long loadedThrough() {
        return loadedThrough;
    }

    /** The snapshot path of {@link #loadAll}: the number of entries, or {@code null} when the table must be read. */
    private Integer loadFromSnapshot() {
        long now = clock.millis();
        try {
            long since = snapshotAuditId();
            if (since < 0) {
                return null;
            }
            long later = audit.countSince(since);
            if (later > MAX_REPLAY) {
                LOG.info("list snapshot skipped: {} audit rows after it, the table is read instead", later);
                return null;
            }
            lists.clear();
            long auditId = db.read(c -> readSnapshot(c, now));
            int replayed = 0;
            for (List<AuditRow> rows = audit.since(auditId); !rows.isEmpty(); rows = audit.since(auditId)) {
                apply(rows);
                replayed += rows.size();
                auditId = rows.get(rows.size() - 1).id();
            }
            loadedThrough = auditId;
            LOG.info("lists read from the snapshot, {} later audit rows replayed", replayed);
            return (int) lists.size();
        } catch (RuntimeException ex) {
            LOG.warn("list snapshot not used, the table is read instead: {}", ex.getMessage());
            lists.clear();
            return null;
        }
    }

    /** Reads the snapshot row into memory; returns its audit id. */
    private long readSnapshot(Connection c, long now) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT audit_id, entries, format, data FROM list_snapshot WHERE id = 1")) {
            if (!rs.next()) {
                throw new StoreException("the snapshot vanished", null);
            }
            if (rs.getInt(3) != ListSnapshot.FORMAT) {
                throw new StoreException("snapshot format " + rs.getInt(3) + ", this version reads "
                        + ListSnapshot.FORMAT, null);
            }
            Filler filler = new Filler();
            int count;
            try (InputStream in = new BufferedInputStream(rs.getBinaryStream(4), 1 << 16)) {
                count = ListSnapshot.read(in, now, filler);
            } catch (IOException ex) {
                throw new StoreException("snapshot unreadable: " + ex.getMessage(), ex);
            }
            if (count != rs.getInt(2)) {
                throw new StoreException("snapshot of " + count + " entries, its row says " + rs.getInt(2), null);
            }
            int refused = filler.finish();
            if (refused > 0) {
                LOG.warn("{} list entries of the snapshot could not be loaded (invalid item)", refused);
            }
            return rs.getLong(1);
        }
    }

    /**
     * Fills memory from the table alone, ignoring any snapshot: every live entry. Rows that memory refuses (an
     * expression that no longer compiles) are skipped and logged.
     *
     * <p>A start with a million entries must stay within seconds, so the read is lean: a streamed full scan (the
     * expiry index would turn it into a million random reads, and almost every row is live anyway, so expiry is
     * checked here), only the columns an entry needs, columns read by index, the list names and repeated strings
     * (wikis, adders, reasons) shared, users and titles put in chunks, word lists compiled once at the end.
     *
     * @return how many entries were loaded
     */
    public synchronized int loadAllFromTable() {
        long now = clock.millis();
        // read before the table: whatever is committed after this id and before the table read is applied again
        long through = audit.latestId();
        lists.clear();
        Filler filler = new Filler();
        db.read(c -> {
            // Stream the rows instead of letting H2 materialise a million-row result first.
            try (Statement s = c.createStatement()) {
                s.execute("SET LAZY_QUERY_EXECUTION TRUE");
            }
            try (Statement p = c.createStatement()) {
                p.setFetchSize(LOAD_CHUNK);
                Map<String, String> shared = new HashMap<>();
                try (ResultSet rs = p.executeQuery(LOAD_ENTRIES)) {
                    while (rs.next()) {
                        ListKind kind = KINDS.get(rs.getString(1));
                        long expires = rs.getLong(7);
                        Entry.Source source = SOURCES.get(rs.getString(8));
                        if (kind == null || (expires != Entry.NEVER && expires <= now)) {
                            continue;   // a list this version does not know, or expired (the sweep deletes it)
                        }
                        if (source == null) {
                            filler.refuse();
                            continue;
                        }
                        filler.accept(new Entry(kind, share(shared, rs.getString(2)), rs.getString(3),
                                share(shared, rs.getString(4)), share(shared, rs.getString(5)), rs.getLong(6), expires,
                                source));
                    }
                }
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("SET LAZY_QUERY_EXECUTION FALSE");
                }
            }
            return null;
        });
        int refused = filler.finish();
        if (refused > 0) {
            LOG.warn("{} list entries could not be loaded (invalid item)", refused);
        }
        loadedThrough = through;
        return filler.read - refused;
    }

    /**
     * Puts entries into memory as a load reads them: users and titles in chunks, word lists all at the end, so that
     * each word list is compiled once.
     */
    private final class Filler implements Consumer<Entry> {
        private final List<Entry> chunk = new ArrayList<>(LOAD_CHUNK);
        private final List<Entry> words = new ArrayList<>();
        private int read;
        private int refused;

        @Override
        public void accept(Entry e) {
            read++;
            if (e.kind().isWordList()) {
                words.add(e);
            } else {
                chunk.add(e);
                if (chunk.size() == LOAD_CHUNK) {
                    flush();
                }
            }
        }

        /** A row read but not loadable (a source this version does not know). */
        void refuse() {
            read++;
            refused++;
        }

        private void flush() {
            refused += lists.putAll(chunk);
            chunk.clear();
        }

        /** Puts what is left; returns how many entries memory refused in all. */
        int finish() {
            flush();
            refused += lists.putAll(words);
            words.clear();
            return refused;
        }
    }

    /**
     * Brings memory up to date with changes recorded in the audit trail, typically made by another instance sharing
     * the database: each touched item is read again from its row; a summary row reloads its whole list. Rows of
     * other areas (config, dest) are ignored here.
     */
    public synchronized void apply(List<AuditRow> rows) {
        Set<String> done = new HashSet<>();
        for (AuditRow r : rows) {
            ListKind kind = ListKind.fromCommand(r.area());
            if (kind == null || !done.add(r.area() + '\n' + r.wiki() + '\n' + r.itemKey())) {
                continue;
            }
            if (r.itemKey() != null && r.wiki() != null) {
                reloadItem(kind, r.wiki(), r.itemKey());
            } else {
                reloadList(kind, r.wiki());
            }
        }
    }

    /**
     * Applies every audit row after that id ({@link #apply}) and returns the newest id seen. For a follower that also
     * catches rows committed out of order, see {@link AuditFollower}.
     */
    public long reloadChangesSince(long auditId) {
        List<AuditRow> rows = audit.since(auditId);
        apply(rows);
        return rows.isEmpty() ? auditId : rows.get(rows.size() - 1).id();
    }

    private void reloadItem(ListKind kind, String wiki, String key) {
        Entry e = db.read(c -> select(c, kind, wiki, key));
        if (e != null && !e.expiredAt(clock.millis())) {
            lists.put(e);
        } else {
            lists.remove(kind, wiki, key);
        }
    }

    /** Reloads one list on one wiki, or on every wiki when {@code wiki} is null. */
    private void reloadList(ListKind kind, String wiki) {
        long now = clock.millis();
        List<Entry> rows = db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(SELECT_ENTRY + " WHERE kind = ? AND expires_millis > ?"
                    + (wiki == null ? "" : " AND wiki = ?"))) {
                p.setString(1, kind.command());
                p.setLong(2, now);
                if (wiki != null) {
                    p.setString(3, wiki);
                }
                return entries(p, new HashMap<>());
            }
        });
        Set<String> wikis = new LinkedHashSet<>();
        if (wiki != null) {
            wikis.add(wiki);
        } else {
            for (Entry e : lists.entries(kind)) {
                wikis.add(e.wiki());
            }
        }
        for (String w : wikis) {
            lists.clear(kind, w);
        }
        lists.putAll(rows);
    }

    /**
     * One poll of a follower, applied under this store's lock: a snapshot taken meanwhile never sees the follower's
     * position ahead of memory.
     *
     * @return the rows polled (config and dest rows included, for the caller)
     */
    public synchronized List<AuditRow> follow(AuditFollower follower) {
        List<AuditRow> rows = follower.poll();
        apply(rows);
        return rows;
    }

    // ------------------------------------------------------------------ snapshot

    /** {@link #saveSnapshot(LongSupplier)} with a fixed audit id. */
    public SnapshotInfo saveSnapshot(long upToAuditId) {
        return saveSnapshot(() -> upToAuditId);
    }

    /**
     * Writes every live entry in memory as the snapshot that the next {@link #loadAll} starts from, replacing the
     * previous one, in one transaction.
     *
     * <p>{@code upTo} is asked under this store's lock, while the entries are captured: it must be an audit id such
     * that every list change with an id up to it is in memory ({@link AuditFollower#safePosition} when other instances
     * share the database, else {@link Audit#latestId}). Changes of this instance are applied to memory under that lock
     * and get higher ids than any id seen before, so the capture may be written after the lock is released: commands
     * and automatic entries wait for the capture (a copy of the entries), not for the write.
     *
     * @throws StoreException when it cannot be written; the previous snapshot is kept then
     */
    public SnapshotInfo saveSnapshot(LongSupplier upTo) {
        synchronized (snapshotLock) {
            long t0 = System.nanoTime();
            long auditId;
            long now;
            List<Entry> live = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, lists.size()));
            synchronized (this) {
                auditId = upTo.getAsLong();
                now = clock.millis();
                for (ListKind k : ListKind.values()) {
                    live.addAll(lists.entries(k, now));
                }
            }
            long bytes = db.transaction(c -> {
                Blob blob = c.createBlob();
                Counting counted;
                try (Counting o = new Counting(blob.setBinaryStream(1))) {
                    counted = o;
                    ListSnapshot.write(o, live);
                } catch (IOException ex) {
                    throw new StoreException("snapshot not written: " + ex.getMessage(), ex);
                }
                try (PreparedStatement p = c.prepareStatement("MERGE INTO list_snapshot(id, audit_id, taken_millis, "
                        + "entries, format, data) KEY(id) VALUES (1, ?, ?, ?, ?, ?)")) {
                    p.setLong(1, auditId);
                    p.setLong(2, now);
                    p.setInt(3, live.size());
                    p.setInt(4, ListSnapshot.FORMAT);
                    p.setBlob(5, blob);
                    p.executeUpdate();
                } finally {
                    blob.free();
                }
                return counted.count;
            });
            return new SnapshotInfo(auditId, live.size(), bytes, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** The audit id of the stored snapshot, or -1 when there is none. */
    public long snapshotAuditId() {
        return db.read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT audit_id FROM list_snapshot WHERE id = 1")) {
                return rs.next() ? rs.getLong(1) : -1L;
            }
        });
    }

    /** Counts the bytes written through it. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    // ------------------------------------------------------------------ reads (memory)

    /** The live entry of that item on that list, for that wiki or global, or {@code null}. */
    public Entry find(ListKind kind, String wiki, String item) {
        return lists.find(kind, wiki, item, clock.millis());
    }

    /** Every list this user or page is on, on any wiki (for {@code intel}). */
    public List<Entry> entriesFor(String item) {
        return lists.entriesFor(item, clock.millis());
    }

    /** The audited changes of that item, newest first. */
    public List<AuditRow> history(String item, int max) {
        return audit.history(item, max);
    }

    /** The live entries of one kind, all wikis (exports, the aclo check). */
    public List<Entry> entries(ListKind kind) {
        return lists.entries(kind, clock.millis());
    }

    /** The number of entries in memory. */
    public long size() {
        return lists.size();
    }

    // ------------------------------------------------------------------ rows

    private static Entry select(Connection c, ListKind kind, String wiki, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(SELECT_ENTRY + " WHERE kind = ? AND wiki = ? AND item_key = ?")) {
            p.setString(1, kind.command());
            p.setString(2, wiki);
            p.setString(3, key);
            List<Entry> found = entries(p, new HashMap<>());
            return found.isEmpty() ? null : found.get(0);
        }
    }

    private static void merge(Connection c, Entry e, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(MERGE_ENTRY)) {
            bind(p, e, key);
            p.executeUpdate();
        }
    }

    private static void bind(PreparedStatement p, Entry e, String key) throws SQLException {
        p.setString(1, e.kind().command());
        p.setString(2, e.wiki());
        p.setString(3, key);
        p.setString(4, e.item());
        p.setString(5, e.adder());
        p.setString(6, e.reason());
        p.setLong(7, e.addedMillis());
        p.setLong(8, e.expiresMillis());
        p.setString(9, e.source().name());
    }

    /**
     * Reads entries; {@code shared} collects one instance of each repeated string (wikis, adders, reasons), which
     * keeps a large list lean in memory.
     */
    private static List<Entry> entries(PreparedStatement p, Map<String, String> shared) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                Entry e = entry(rs, shared);
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** The entry of the current row, or {@code null} for a list this version does not know. */
    private static Entry entry(ResultSet rs, Map<String, String> shared) throws SQLException {
        ListKind kind = ListKind.fromCommand(rs.getString(1));
        if (kind == null) {
            return null;
        }
        return new Entry(kind, share(shared, rs.getString(2)), rs.getString(4), share(shared, rs.getString(5)),
                share(shared, rs.getString(6)), rs.getLong(7), rs.getLong(8), Entry.Source.valueOf(rs.getString(9)));
    }

    private static String share(Map<String, String> shared, String s) {
        if (s == null || s.length() > 200) {
            return s;
        }
        if (shared.size() > 100_000) {
            return shared.getOrDefault(s, s);
        }
        String prior = shared.putIfAbsent(s, s);
        return prior == null ? s : prior;
    }
}
