package org.vigie.alert;

import java.util.EnumMap;
import java.util.Map;
import org.vigie.patrol.Verdict;

/**
 * Routes each alert to the sink of its destination's target kind ({@link Destination.TargetKind}): one sink per kind,
 * fixed at start. The cost per alert is one prefix test on the target name; nothing at all for a change that raises
 * no alert.
 */
public final class Sinks implements AlertSink {

    private final AlertSink irc;
    private final AlertSink hooks;

    private Sinks(AlertSink irc, AlertSink hooks) {
        this.irc = irc;
        this.hooks = hooks;
    }

    /** One sink per kind; a kind left out drops its alerts. */
    public static Sinks of(Map<Destination.TargetKind, AlertSink> byKind) {
        Map<Destination.TargetKind, AlertSink> m = new EnumMap<>(Destination.TargetKind.class);
        m.putAll(byKind);
        return new Sinks(m.getOrDefault(Destination.TargetKind.IRC, AlertSink.NONE),
                m.getOrDefault(Destination.TargetKind.HOOK, AlertSink.NONE));
    }

    @Override
    public void send(Alert alert, Verdict verdict) {
        (Destination.isHook(alert.channel()) ? hooks : irc).send(alert, verdict);
    }
}
