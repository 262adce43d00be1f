package org.vigie;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** {@link Vigie#settleHeap}: one collection of the whole heap (the collector with the most pools, the last of equals) has run. */
class SettleHeapTest {

    @Test
    void aCollectionOfTheWholeHeapRuns() {
        GarbageCollectorMXBean full = null;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (full == null || gc.getMemoryPoolNames().length >= full.getMemoryPoolNames().length) {
                full = gc;
            }
        }
        long before = full.getCollectionCount();
        Vigie.settleHeap();
        assertTrue(full.getCollectionCount() > before, full.getName() + " ran");
    }
}
