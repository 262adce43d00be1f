package org.vigie.store;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;

/**
 * The lists written as one binary document, so that a start reads one stream instead of a million rows.
 *
 * <p>Layout (big-endian; {@code varint}: 7 bits a byte, low bits first; {@code str}: varint byte length, then UTF-8):
 * <pre>
 *   int magic "VGLS", int format
 *   byte n, n × str        list names, by command ({@code bl}); an entry refers to its list by position
 *   byte n, n × str        sources ({@code OPERATOR}…), the same way
 *   varint n, n × str      shared strings: wikis, adders, reasons (they repeat a lot)
 *   varint count
 *   count × entry:  byte list, byte source | 0x80 when it expires, varint wiki, str item, varint adder,
 *                   varint reason, long added, [long expires]
 *   long CRC-32 of every byte before it
 * </pre>
 * Names rather than enum positions are stored so that reordering an enum cannot silently change a list; a name this
 * version does not know makes the whole snapshot unreadable (the caller then reads the table).
 *
 * <p>Reading is a hand-rolled buffered parser: a million entries are about 40 MB, and byte-at-a-time reads through
 * {@code DataInputStream} cost more than the parsing.
 */
final class ListSnapshot {

    static final int MAGIC = 0x56474C53;   // "VGLS"
    static final int FORMAT = 1;
    /** Longer strings are refused on both sides: stored items and reasons are far shorter. */
    static final int MAX_STRING_BYTES = 16_384;
    private static final int EXPIRES = 0x80;

    /** A snapshot that cannot be trusted: bad magic, unknown format or name, out-of-range reference, bad checksum. */
    static final class UnreadableException extends IOException {
        UnreadableException(String message) {
            super(message);
        }
    }

    private ListSnapshot() {
    }

    // ------------------------------------------------------------------ writing

    /** Writes the entries (the caller chooses which: typically the live ones). Does not close {@code out}. */
    static void write(OutputStream out, Collection<Entry> entries) throws IOException {
        Map<String, Integer> refs = new HashMap<>();
        List<String> shared = new ArrayList<>();
        for (Entry e : entries) {
            ref(refs, shared, e.wiki());
            ref(refs, shared, e.adder());
            ref(refs, shared, e.reason());
        }
        CRC32 crc = new CRC32();
        DataOutputStream d = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(out, crc), 1 << 16));
        d.writeInt(MAGIC);
        d.writeInt(FORMAT);
        d.writeByte(ListKind.values().length);
        for (ListKind k : ListKind.values()) {
            string(d, k.command());
        }
        d.writeByte(Entry.Source.values().length);
        for (Entry.Source s : Entry.Source.values()) {
            string(d, s.name());
        }
        varint(d, shared.size());
        for (String s : shared) {
            string(d, s);
        }
        varint(d, entries.size());
        for (Entry e : entries) {
            boolean expires = e.expiresMillis() != Entry.NEVER;
            d.writeByte(e.kind().ordinal());
            d.writeByte(e.source().ordinal() | (expires ? EXPIRES : 0));
            varint(d, refs.get(e.wiki()));
            string(d, e.item());
            varint(d, refs.get(e.adder()));
            varint(d, refs.get(e.reason()));
            d.writeLong(e.addedMillis());
            if (expires) {
                d.writeLong(e.expiresMillis());
            }
        }
        d.flush();  // every byte so far has gone through the checksum
        d.writeLong(crc.getValue());
        d.flush();
    }

    private static void ref(Map<String, Integer> refs, List<String> shared, String s) {
        if (!refs.containsKey(s)) {
            refs.put(s, shared.size());
            shared.add(s);
        }
    }

    private static void string(DataOutputStream d, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_STRING_BYTES) {
            throw new IOException("string of " + b.length + " bytes in a snapshot");
        }
        varint(d, b.length);
        d.write(b);
    }

    private static void varint(DataOutputStream d, int v) throws IOException {
        while ((v & ~0x7F) != 0) {
            d.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        d.writeByte(v);
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads a snapshot and hands every entry live at {@code nowMillis} to {@code sink}, in the order written. The sink
     * may have received entries when this throws: the caller discards them.
     *
     * @return the number of entries in the snapshot (expired ones included)
     * @throws UnreadableException for a snapshot that is not one, or not one this version can read
     * @throws EOFException        for a truncated one
     */
    static int read(InputStream in, long nowMillis, Consumer<Entry> sink) throws IOException {
        Input r = new Input(in);
        if (r.int32() != MAGIC) {
            throw new UnreadableException("not a list snapshot");
        }
        int format = r.int32();
        if (format != FORMAT) {
            throw new UnreadableException("snapshot format " + format + ", this version reads " + FORMAT);
        }
        ListKind[] kinds = new ListKind[r.u8()];
        for (int i = 0; i < kinds.length; i++) {
            String name = r.string();
            kinds[i] = ListKind.fromCommand(name);
            if (kinds[i] == null) {
                throw new UnreadableException("unknown list " + name + " in the snapshot");
            }
        }
        Entry.Source[] sources = new Entry.Source[r.u8()];
        for (int i = 0; i < sources.length; i++) {
            String name = r.string();
            sources[i] = sourceOf(name);
        }
        int sharedCount = r.varint();
        String[] shared = new String[Math.min(sharedCount, 1 << 16)];
        for (int i = 0; i < sharedCount; i++) {
            if (i == shared.length) {
                shared = java.util.Arrays.copyOf(shared, Math.min(sharedCount, shared.length * 2));
            }
            shared[i] = r.string();
        }
        int count = r.varint();
        for (int i = 0; i < count; i++) {
            ListKind kind = pick(kinds, r.u8(), "list");
            int flags = r.u8();
            Entry.Source source = pick(sources, flags & ~EXPIRES, "source");
            String wiki = pick(shared, r.varint(), "string");
            String item = r.string();
            String adder = pick(shared, r.varint(), "string");
            String reason = pick(shared, r.varint(), "string");
            long added = r.int64();
            long expires = (flags & EXPIRES) != 0 ? r.int64() : Entry.NEVER;
            if (expires == Entry.NEVER || expires > nowMillis) {
                sink.accept(new Entry(kind, wiki, item, adder, reason, added, expires, source));
            }
        }
        long computed = r.checksum();
        if (r.int64() != computed) {
            throw new UnreadableException("snapshot checksum mismatch");
        }
        if (r.more()) {
            throw new UnreadableException("bytes after the end of the snapshot");
        }
        return count;
    }

    private static Entry.Source sourceOf(String name) throws UnreadableException {
        for (Entry.Source s : Entry.Source.values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new UnreadableException("unknown source " + name + " in the snapshot");
    }

    private static <T> T pick(T[] table, int i, String what) throws UnreadableException {
        if (i < 0 || i >= table.length || table[i] == null) {
            throw new UnreadableException(what + " reference " + i + " out of range");
        }
        return table[i];
    }

    /** A buffered reader of the layout above that keeps a CRC-32 of the bytes consumed. */
    private static final class Input {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private final CRC32 crc = new CRC32();
        private int pos;
        private int limit;
        /** Start of the consumed bytes not yet in the checksum. */
        private int summed;

        Input(InputStream in) {
            this.in = in;
        }

        /** Makes {@code n} bytes available at {@code pos} (n ≤ the buffer's size). */
        private void need(int n) throws IOException {
            if (limit - pos >= n) {
                return;
            }
            crc.update(buf, summed, pos - summed);
            int left = limit - pos;
            System.arraycopy(buf, pos, buf, 0, left);
            pos = 0;
            summed = 0;
            limit = left;
            while (limit < n) {
                int got = in.read(buf, limit, buf.length - limit);
                if (got < 0) {
                    throw new EOFException("snapshot truncated");
                }
                limit += got;
            }
        }

        int u8() throws IOException {
            need(1);
            return buf[pos++] & 0xFF;
        }

        int int32() throws IOException {
            need(4);
            int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8
                    | buf[pos + 3] & 0xFF;
            pos += 4;
            return v;
        }

        long int64() throws IOException {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | buf[pos + i] & 0xFF;
            }
            pos += 8;
            return v;
        }

        int varint() throws IOException {
            int v = 0;
            for (int shift = 0; shift < 32; shift += 7) {
                int b = u8();
                v |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (v < 0) {
                        break;
                    }
                    return v;
                }
            }
            throw new UnreadableException("bad number in the snapshot");
        }

        String string() throws IOException {
            int n = varint();
            if (n > MAX_STRING_BYTES) {
                throw new UnreadableException("string of " + n + " bytes in the snapshot");
            }
            need(n);
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        /** The CRC-32 of every byte consumed so far. */
        long checksum() {
            crc.update(buf, summed, pos - summed);
            summed = pos;
            return crc.getValue();
        }

        boolean more() throws IOException {
            return pos < limit || in.read() >= 0;
        }
    }
}
