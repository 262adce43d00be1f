package org.vigie.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.alert.Destination;
import org.vigie.alert.Priority;
import org.vigie.command.BotPort.ReportSchedule;
import org.vigie.command.Caller;
import org.vigie.command.PortException;
import org.vigie.feed.Feed;
import org.vigie.feed.FeedStats;
import org.vigie.hook.Hooks;
import org.vigie.i18n.Templates;
import org.vigie.irc.IrcConnection;
import org.vigie.report.Report;
import org.vigie.report.Reports;
import org.vigie.store.StoreException;

/** The daily reports: their schedule for the commands, the minute's tick that stores the activity and sends those due. */
public final class ReportService {

    private static final Logger LOG = LoggerFactory.getLogger(ReportService.class);

    private final Reports reports;
    private final Hooks hooks;
    private final Templates templates;
    private final Live live;
    private final Clock clock;
    private long reconnectsSeen;

    public ReportService(Reports reports, Hooks hooks, Templates templates, Live live, Clock clock) {
        this.reports = reports;
        this.hooks = hooks;
        this.templates = templates;
        this.live = live;
        this.clock = clock;
    }

    public List<ReportSchedule> reports() {
        List<ReportSchedule> out = new ArrayList<>();
        for (Reports.Schedule s : reports.schedules()) {
            out.add(new ReportSchedule(s.target(), s.time()));
        }
        return out;
    }

    public String reportZone() {
        return reports.zone().getId();
    }

    public ReportSchedule reportAdd(String target, String time, Caller by) throws PortException {
        if (Destination.isHook(target) && hooks.get(Destination.hookName(target)) == null) {
            throw new PortException(templates.render("dest.nohook", "name", Destination.hookName(target)));
        }
        try {
            Reports.Schedule s = reports.add(target, Reports.time(time));
            return new ReportSchedule(s.target(), s.time());
        } catch (StoreException e) {
            throw new PortException(e.getMessage(), e);
        }
    }

    public boolean reportDel(String target, Caller by) throws PortException {
        try {
            return reports.remove(target);
        } catch (StoreException e) {
            throw new PortException(e.getMessage(), e);
        }
    }

    public List<String> reportNow() throws PortException {
        try {
            return reports.last(24, clock.millis()).ircLines(templates);
        } catch (StoreException e) {
            throw new PortException(e.getMessage(), e);
        }
    }

    public void reportSend(String target, Caller by) throws PortException {
        try {
            if (!send(target)) {
                throw new PortException(Destination.isHook(target)
                        ? templates.render("dest.nohook", "name", Destination.hookName(target))
                        : templates.render("port.nonetwork"));
            }
        } catch (StoreException e) {
            throw new PortException(e.getMessage(), e);
        }
    }

    /** Sends the report of the last 24 h: the short form to a channel, the rich form to a webhook. */
    boolean send(String target) {
        Report r = reports.last(24, clock.millis());
        if (Destination.isHook(target)) {
            return hooks.post(Destination.hookName(target), templates.render("report.title", "hours", 24),
                    r.richText(templates), r.json(new ObjectMapper()));
        }
        IrcConnection network = live.network();
        if (network == null) {
            return false;
        }
        for (String line : r.ircLines(templates)) {
            network.outbox().send(Priority.REPLY, target, line);
        }
        return true;
    }

    /** Once a minute: the activity to the store (with the feed's reconnections and silence), then the reports due. */
    public void tick() {
        try {
            long now = clock.millis();
            long reconnects = 0;
            long silent = 0;
            Feed feed = live.feed();
            if (feed != null) {
                FeedStats s = feed.stats();
                reconnects = Math.max(0, s.reconnects() - reconnectsSeen);
                reconnectsSeen = s.reconnects();
                silent = !s.connected() || now - s.lastLineMillis() > 60_000 ? 1 : 0;
            }
            reports.flush(reconnects, silent, now);
            for (Reports.Schedule due : reports.due(now)) {
                send(due.target());
            }
        } catch (RuntimeException e) {
            LOG.warn("reports: {}", e.toString());
        }
    }

    /** At stop: the last minute's activity stored. */
    public void flush() {
        try {
            reports.flush(0, 0, clock.millis());
        } catch (RuntimeException e) {
            LOG.warn("reports: last minute not stored: {}", e.toString());
        }
    }
}
