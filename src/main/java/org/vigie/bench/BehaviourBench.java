package org.vigie.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.vigie.feed.RcEvent;
import org.vigie.score.Behaviour;

/**
 * {@code bench-behaviour [--editors N]}: the memory of the behaviour windows for N distinct editors (default a
 * million), each making one edit on one of N/10 pages within the day, measured as heap used after a full GC before
 * and after; and the time per change.
 */
public final class BehaviourBench {

    private BehaviourBench() {
    }

    public static int run(List<String> args, PrintStream out) {
        int editors = 1_000_000;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--editors") && i + 1 < args.size()) {
                editors = Integer.parseInt(args.get(++i));
            } else {
                throw new IllegalArgumentException("usage: bench-behaviour [--editors N]");
            }
        }
        // the changes are built first, so that only the windows' own state is measured
        RcEvent[] changes = new RcEvent[editors];
        int pages = Math.max(1, editors / 10);
        for (int i = 0; i < editors; i++) {
            String user = (i & 1) == 0 ? "10." + (i >> 16 & 255) + '.' + (i >> 8 & 255) + '.' + (i & 255)
                    : "Utilisateur " + i;
            changes[i] = new RcEvent("fr.wikipedia", RcEvent.Kind.EDIT, "Page " + (i % pages), 0, user, false, false,
                    false, 12, i, i - 1, 0, "", "", null, RcEvent.SummaryKind.NONE, null, false);
        }
        long before = heapAfterGc();
        Behaviour b = new Behaviour();
        long start = 1_441_065_600_000L;
        long t0 = System.nanoTime();
        for (int i = 0; i < editors; i++) {
            // the whole day: 86,400 s spread over the editors, in order
            b.observe(changes[i], (i & 1) == 0, start + (long) i * 86_000_000L / editors, Behaviour.Limits.DEFAULTS);
        }
        long ns = System.nanoTime() - t0;
        long after = heapAfterGc();
        out.printf("behaviour windows: %,d editors and %,d pages remembered (%,d slots): heap +%,d MB after GC "
                        + "(%,d bytes an editor); %.0f ns a change (first pass, tables growing)%n", b.editors(),
                b.pages(), b.slots(), (after - before) >> 20, editors == 0 ? 0 : (after - before) / editors,
                (double) ns / Math.max(1, editors));
        java.lang.ref.Reference.reachabilityFence(b);
        java.lang.ref.Reference.reachabilityFence(changes);
        return 0;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
