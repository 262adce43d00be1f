package org.vigie.service;

import java.util.Map;
import org.vigie.patrol.Event;

/** The engine's counters, as the status command and the web pages read them. */
public interface EngineFigures {

    /** Changes run through the patrol since start. */
    long changes();

    /** Alerts handed to their sinks since start. */
    long alertsSent();

    /** Changes dropped because the engine's queue was full. */
    long dropped();

    /** Changes waiting for the engine thread. */
    int queueDepth();

    /** Changes that raised this event since start, routed or not. */
    long eventCount(Event e);

    /** Alerts sent in the last hour, by event. */
    Map<String, Long> alertsLastHour();

    /** Alerts held back as repeats since start, per channel. */
    default Map<String, Long> repeatsHeld() {
        return Map.of();
    }
}
