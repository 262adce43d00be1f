package org.vigie.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;

class ListSnapshotTest {

    private static final long T0 = 1_750_000_000_000L;
    private static final long HOUR = 3_600_000L;

    /** One entry of every list, global and per wiki, every source, with and without expiry, Unicode everywhere. */
    static List<Entry> sample() {
        List<Entry> out = new ArrayList<>();
        Entry.Source[] sources = Entry.Source.values();
        int i = 0;
        for (ListKind k : ListKind.values()) {
            String item = switch (k.itemType()) {
                case USER -> "Utilisateur Éloïse " + i;
                case PAGE -> "Page:Ça va 日本 " + i;
                case WORD -> i % 2 == 0 ? "/h[a4]ck[e3]r\\d{2,}/" : "grоssièreté";   // Cyrillic о: a real trick
                case ACCOUNT -> "compte" + i;
            };
            out.add(new Entry(k, Entry.GLOBAL, item, "Alice (alice)", "vandalisme répété — 🚫 " + i, T0 - i,
                    Entry.NEVER, sources[i % sources.length]));
            out.add(new Entry(k, "fr.wikipedia", item, "auto", "", T0, T0 + (i + 1) * HOUR, Entry.Source.AUTO));
            i++;
        }
        return out;
    }

    private static byte[] bytes(List<Entry> entries) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ListSnapshot.write(b, entries);
        return b.toByteArray();
    }

    private static List<Entry> read(byte[] b, long now) throws IOException {
        List<Entry> out = new ArrayList<>();
        ListSnapshot.read(new ByteArrayInputStream(b), now, out::add);
        return out;
    }

    @Test
    void everyFieldOfEveryListSurvivesTheRoundTrip() throws IOException {
        List<Entry> in = sample();
        assertEquals(in, read(bytes(in), T0));
    }

    @Test
    void entriesExpiredWhenReadAreLeftOutButCounted() throws IOException {
        List<Entry> in = sample();
        List<Entry> got = new ArrayList<>();
        int count = ListSnapshot.read(new ByteArrayInputStream(bytes(in)), T0 + 3 * HOUR, got::add);
        assertEquals(in.size(), count);
        List<Entry> live = new ArrayList<>(in);
        live.removeIf(e -> e.expiredAt(T0 + 3 * HOUR));
        assertEquals(live, got);
        assertEquals(2 * ListKind.values().length - 3, got.size(), "all but the per-wiki ones of 1, 2 and 3 hours");
    }

    @Test
    void repeatedStringsAreStoredOnce() throws IOException {
        List<Entry> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(new Entry(ListKind.BL, "fr.wikipedia", "U" + i, "Alice (alice)", "un motif assez long pour compter",
                    T0, Entry.NEVER, Entry.Source.OPERATOR));
        }
        int size = bytes(many).length;
        assertTrue(size < 1000 * 20, "about 16 bytes an entry, got " + size);
        List<Entry> back = read(bytes(many), T0);
        assertEquals(many, back);
        assertTrue(back.get(0).reason() == back.get(999).reason(), "one String for a repeated reason");
    }

    @Test
    void anEmptySnapshotIsValid() throws IOException {
        assertEquals(List.of(), read(bytes(List.of()), T0));
    }

    @Test
    void everyTruncationIsDetected() throws IOException {
        byte[] whole = bytes(sample());
        for (int n = 0; n < whole.length; n++) {
            byte[] cut = Arrays.copyOf(whole, n);
            IOException ex = assertThrows(IOException.class, () -> read(cut, T0), "cut at " + n);
            assertTrue(ex instanceof EOFException || ex instanceof ListSnapshot.UnreadableException, ex.toString());
        }
    }

    @Test
    void everyFlippedByteIsDetected() throws IOException {
        byte[] whole = bytes(sample());
        for (int n = 0; n < whole.length; n++) {
            byte[] bad = whole.clone();
            bad[n] ^= 0x20;
            assertThrows(IOException.class, () -> read(bad, T0), "byte " + n + " flipped");
        }
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        byte[] whole = bytes(sample());
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertThrows(ListSnapshot.UnreadableException.class, () -> read(longer, T0));
    }

    @Test
    void anotherFormatOrMagicIsRefusedWithItsReason() throws IOException {
        byte[] whole = bytes(sample());
        byte[] format = whole.clone();
        format[7] = 2;
        assertTrue(assertThrows(ListSnapshot.UnreadableException.class, () -> read(format, T0)).getMessage()
                .contains("format 2"));
        byte[] magic = whole.clone();
        magic[0] = 'X';
        assertTrue(assertThrows(ListSnapshot.UnreadableException.class, () -> read(magic, T0)).getMessage()
                .contains("not a list snapshot"));
    }

    @Test
    void aListThisVersionDoesNotKnowMakesTheSnapshotUnreadable() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(ListSnapshot.MAGIC);
        d.writeInt(ListSnapshot.FORMAT);
        d.writeByte(1);
        byte[] name = "xyz".getBytes(StandardCharsets.UTF_8);
        d.writeByte(name.length);
        d.write(name);
        d.flush();
        String why = assertThrows(ListSnapshot.UnreadableException.class, () -> read(b.toByteArray(), T0)).getMessage();
        assertTrue(why.contains("unknown list xyz"), why);
    }

    @Test
    void aStringTooLongToBeAnItemIsNotWritten() {
        Entry huge = new Entry(ListKind.BL, "*", "x".repeat(ListSnapshot.MAX_STRING_BYTES + 1), "a", "", T0,
                Entry.NEVER, Entry.Source.OPERATOR);
        assertThrows(IOException.class, () -> bytes(List.of(huge)));
    }
}
