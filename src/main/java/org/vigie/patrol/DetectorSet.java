package org.vigie.patrol;

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
    public static final DetectorSet EMPTY = new DetectorSet(new Detector[0], new long[0], new String[0]);

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    final Detector[] detectors;
    final long[] masks;
    // read once, so that the patrol never calls a plugin's code to name it after a failure
    final String[] names;
    private final long events;

    private DetectorSet(Detector[] detectors, long[] masks, String[] names) {
        this.detectors = detectors;
        this.masks = masks;
        this.names = names;
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
        String[] names = new String[ds.length];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ds.length; i++) {
            String problem = problem(ds[i]);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            names[i] = ds[i].name();
            if (!seen.add(names[i])) {
                throw new IllegalArgumentException("two detectors are named " + names[i]);
            }
            masks[i] = ds[i].events() & allEvents();
        }
        return new DetectorSet(ds, masks, names);
    }

    /** A set whose detectors were validated already, with the names and masks read when they were loaded. */
    static DetectorSet ofValidated(List<Detector> detectors, List<Long> masks, List<String> names) {
        long[] m = new long[masks.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = masks.get(i) & allEvents();
        }
        return new DetectorSet(detectors.toArray(new Detector[0]), m, names.toArray(new String[0]));
    }

    public static DetectorSet of(Detector... detectors) {
        return of(Arrays.asList(detectors));
    }

    /**
     * New instances of the built-in detectors, in the order of their service file
     * ({@code META-INF/services/org.vigie.patrol.Detector}): that file is the one list of the built-ins and of their
     * running order, read here as {@link Plugins} reads it.
     */
    public static DetectorSet builtIns() {
        List<Detector> out = new java.util.ArrayList<>();
        for (Detector d : java.util.ServiceLoader.load(Detector.class, Detector.class.getClassLoader())) {
            out.add(d);
        }
        return of(out);
    }

    /** Why a detector cannot be loaded, or {@code null} when it can. */
    static String problem(Detector d) {
        String name = d.name();
        if (!validName(name)) {
            return "detector " + d.getClass().getName() + " has an invalid name '" + name
                    + "' (a-z, 0-9, - and _, at most 32 characters)";
        }
        if ((d.events() & allEvents()) == 0) {
            return "detector " + name + " claims no event (its events() is " + d.events() + ")";
        }
        return null;
    }

    /** Whether operators can type this name: a-z, 0-9, {@code -} and {@code _}, at most 32 characters. */
    static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
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
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return detectors[i];
            }
        }
        return null;
    }

    public List<String> names() {
        return List.of(names);
    }

    public int size() {
        return detectors.length;
    }
}
