package org.vigie.patrol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An immutable, ordered set of active detectors: what the patrol runs on one change. {@link Plugins} publishes a new set
 * on every change of the registry; the patrol reads one set per change, so an unloaded detector stops at the next change.
 *
 * <p>Each detector's {@link Detector#events()} is read once here and kept as its mask.
 */
public final class DetectorSet {

    /** No detector at all: the patrol then only classifies and applies the automatic rules that need no event. */
    public static final DetectorSet EMPTY = new DetectorSet(new Detector[0], new long[0]);

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    final Detector[] detectors;
    final long[] masks;
    private final long events;

    private DetectorSet(Detector[] detectors, long[] masks) {
        this.detectors = detectors;
        this.masks = masks;
        long all = 0;
        for (long m : masks) {
            all |= m;
        }
        this.events = all;
    }

    /**
     * A set of detectors, in the order given.
     *
     * @throws IllegalArgumentException for an invalid or repeated name, or a detector whose events claim nothing
     */
    public static DetectorSet of(List<? extends Detector> detectors) {
        Detector[] ds = detectors.toArray(new Detector[0]);
        long[] masks = new long[ds.length];
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ds.length; i++) {
            String problem = problem(ds[i]);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            if (!names.add(ds[i].name())) {
                throw new IllegalArgumentException("two detectors are named " + ds[i].name());
            }
            masks[i] = ds[i].events() & allEvents();
        }
        return new DetectorSet(ds, masks);
    }

    public static DetectorSet of(Detector... detectors) {
        return of(Arrays.asList(detectors));
    }

    /** New instances of the built-in detectors, in the order of their service file. */
    public static DetectorSet builtIns() {
        return of(new AnonymousDetector(), new ListsDetector(), new WordsDetector(), new LogsDetector(),
                new SizesDetector(), new BlockConflictDetector());
    }

    /** Why a detector cannot be loaded, or {@code null} when it can. */
    static String problem(Detector d) {
        String name = d.name();
        if (name == null || !NAME.matcher(name).matches()) {
            return "detector " + d.getClass().getName() + " has an invalid name '" + name
                    + "' (a-z, 0-9, - and _, at most 32 characters)";
        }
        if ((d.events() & allEvents()) == 0) {
            return "detector " + name + " claims no event (its events() is " + d.events() + ")";
        }
        return null;
    }

    /** Every event bit. */
    static long allEvents() {
        return (1L << Event.values().length) - 1;
    }

    /** A name as an operator typed it, in the form detector names have. */
    static String normalise(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }

    /** The detectors, in running order. */
    public List<Detector> detectors() {
        return List.of(detectors);
    }

    /** The union of the detectors' events. */
    public long events() {
        return events;
    }

    /** The detector of that name, or {@code null}. */
    public Detector find(String name) {
        for (Detector d : detectors) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    public List<String> names() {
        List<String> out = new ArrayList<>(detectors.length);
        for (Detector d : detectors) {
            out.add(d.name());
        }
        return out;
    }

    public int size() {
        return detectors.length;
    }
}
