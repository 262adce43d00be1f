package org.vigie.lists;

import java.util.Locale;

/**
 * Measures loading a large list into memory: {@code n} blacklist entries built as the store builds them from rows
 * (distinct names, a few shared reasons and adders), put one by one, then one lookup per entry. Prints one line.
 * A benchmark for the {@code bench} command, not a test: it reads the system clock and asks for a garbage collection.
 */
public final class ListsLoadBench {

    /** The figures of one run. */
    public record Result(int entries, long loadMillis, long heapBytes, long lookupNanosPerCall) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "lists load: %,d entries in %,d ms, %,d MB of heap (%d bytes/entry), "
                            + "lookup %d ns", entries, loadMillis, heapBytes >> 20, heapBytes / Math.max(1, entries),
                    lookupNanosPerCall);
        }
    }

    private ListsLoadBench() {
    }

    public static Result run(int n) {
        String[] reasons = {"vandalisme répété", "spam", "insultes", "faux nez", ""};
        String[] adders = {"Alice (alice)", "Bob (bob)", "auto", "seed"};
        long now = System.currentTimeMillis();
        long before = usedHeap();
        long t0 = System.nanoTime();
        Lists lists = new Lists();
        for (int i = 0; i < n; i++) {
            // A fresh String per row, as JDBC gives them; wiki, reason and adder shared as the store shares them.
            String item = (i % 10 == 0 ? "vandale " : "Utilisateur") + Integer.toString(i, 36);
            String wiki = i % 4 == 0 ? Entry.GLOBAL : "fr.wikipedia";
            lists.put(new Entry(ListKind.BL, wiki, item, adders[i & 3], reasons[i % 5], now - i,
                    i % 3 == 0 ? Entry.NEVER : now + 86_400_000L, Entry.Source.OPERATOR));
        }
        long loadMillis = (System.nanoTime() - t0) / 1_000_000;
        long heap = usedHeap() - before;

        int hits = 0;
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String item = (i % 10 == 0 ? "Vandale " : "Utilisateur") + Integer.toString(i, 36);
            if (lists.find(ListKind.BL, "fr.wikipedia", item, now) != null) {
                hits++;
            }
        }
        long lookup = n == 0 ? 0 : (System.nanoTime() - t1) / n;
        if (hits != n || lists.size() != n) {
            throw new IllegalStateException("lost entries: " + hits + " found of " + n);
        }
        return new Result(n, loadMillis, heap, lookup);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.println(run(n));
    }
}
