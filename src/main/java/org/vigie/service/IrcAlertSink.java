package org.vigie.service;

import org.vigie.alert.Alert;
import org.vigie.alert.AlertFormatter;
import org.vigie.alert.AlertSink;
import org.vigie.irc.IrcConnection;
import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;

/**
 * The sink of the destinations that are IRC channels: the alert to the outbox of the network connection (none
 * before it is started, none to a channel the bot was kicked from). One editor's repeated alerts are coalesced per
 * channel (issue 13.4), except those that say something new about the editor's behaviour: these fire once per
 * window, never a flood.
 */
public final class IrcAlertSink implements AlertSink {

    /** burst, brigade, editwar, reverted: alerts that are not coalesced with the editor's others. */
    private static final long BEHAVIOUR_NEWS = Event.BURST.bit() | Event.BRIGADE.bit() | Event.EDITWAR.bit()
            | Event.REVERTED.bit();

    private final Live live;

    public IrcAlertSink(Live live) {
        this.live = live;
    }

    @Override
    public void send(Alert alert, Verdict verdict) {
        IrcConnection network = live.network();
        if (network != null && !network.isKicked(alert.channel())) {
            String user = verdict.change().user();
            if ((verdict.events() & BEHAVIOUR_NEWS) != 0) {
                user = null;
            }
            network.outbox().sendAlert(alert.priority(), alert.channel(), alert.text(),
                    user == null ? null : verdict.change().wiki() + "|" + user,
                    user == null ? null : AlertFormatter.bounded(user, AlertFormatter.NAME_MAX));
        }
    }
}
