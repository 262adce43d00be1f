package org.vigie.patrol;

/**
 * The common part of the detectors shipped with Vigie: a fixed name and a fixed set of events. Subclasses keep a
 * public no-argument constructor, as {@link java.util.ServiceLoader} requires.
 */
abstract class BuiltInDetector implements Detector {

    private final String name;
    private final long events;

    BuiltInDetector(String name, long events) {
        this.name = name;
        this.events = events;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final long events() {
        return events;
    }
}
