package org.vigie.report;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vigie.config.KeyValues;

/**
 * The daily reports: their schedule (target → time of day in {@code report.zone}), stored as one value of the bot's
 * state, and the moments they fall due. Also the way from {@link Activity} to {@link ActivityStore}, once a minute.
 */
public final class Reports {

    public static final String KEY = "report.schedules";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** A daily report: to a channel or {@code hook:NAME}, at a time of day. */
    public record Schedule(String target, LocalTime at) {
        public String time() {
            return HH_MM.format(at);
        }
    }

    private final Activity activity;
    private final ActivityStore store;
    private final ZoneId zone;
    private final KeyValues kv;
    private long lastTickMillis;

    public Reports(Activity activity, ActivityStore store, ZoneId zone, KeyValues kv, long startMillis) {
        this.activity = activity;
        this.store = store;
        this.zone = zone;
        this.kv = kv;
        this.lastTickMillis = startMillis;
    }

    public ZoneId zone() {
        return zone;
    }

    public Activity activity() {
        return activity;
    }

    /** A time of day written {@code H:MM} or {@code HH:MM}; {@code null} when it is not one. */
    public static LocalTime time(String s) {
        try {
            return LocalTime.parse(s.strip().length() == 4 ? "0" + s.strip() : s.strip(), HH_MM);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ schedule

    public synchronized List<Schedule> schedules() {
        List<Schedule> out = new ArrayList<>();
        String stored = kv.get(KEY);
        if (stored == null) {
            return out;
        }
        for (String line : stored.split("\n")) {
            int sp = line.lastIndexOf(' ');
            if (sp <= 0) {
                continue;
            }
            LocalTime t = time(line.substring(sp + 1));
            if (t != null) {
                out.add(new Schedule(line.substring(0, sp), t));
            }
        }
        return out;
    }

    private void save(List<Schedule> list) {
        StringBuilder sb = new StringBuilder();
        for (Schedule s : list) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(s.target()).append(' ').append(s.time());
        }
        kv.put(KEY, sb.length() == 0 ? null : sb.toString());
    }

    /** Sets (or moves) the daily report of a target. */
    public synchronized Schedule add(String target, LocalTime at) {
        Map<String, Schedule> m = byKey(schedules());
        Schedule s = new Schedule(target, at);
        m.put(target.toLowerCase(Locale.ROOT), s);
        save(new ArrayList<>(m.values()));
        return s;
    }

    /** Removes the daily report of a target; false when it had none. */
    public synchronized boolean remove(String target) {
        Map<String, Schedule> m = byKey(schedules());
        if (m.remove(target.toLowerCase(Locale.ROOT)) == null) {
            return false;
        }
        save(new ArrayList<>(m.values()));
        return true;
    }

    private static Map<String, Schedule> byKey(List<Schedule> list) {
        Map<String, Schedule> m = new LinkedHashMap<>();
        list.forEach(s -> m.put(s.target().toLowerCase(Locale.ROOT), s));
        return m;
    }

    /**
     * The reports that fell due since the previous call (each at most once a day: its time of day passed between the
     * two calls). The first call counts from the start, so a restart after 08:00 does not send the 08:00 report again.
     */
    public synchronized List<Schedule> due(long nowMillis) {
        List<Schedule> out = new ArrayList<>();
        ZonedDateTime now = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(nowMillis), zone);
        for (Schedule s : schedules()) {
            ZonedDateTime at = now.with(s.at()).withSecond(0).withNano(0);
            if (at.isAfter(now)) {
                at = at.minusDays(1);
            }
            long atMillis = at.toInstant().toEpochMilli();
            if (atMillis > lastTickMillis && atMillis <= nowMillis) {
                out.add(s);
            }
        }
        lastTickMillis = nowMillis;
        return out;
    }

    // ------------------------------------------------------------------ figures

    /** Stores what the engine saw since the last flush, and the feed's figures of that minute. */
    public synchronized void flush(long reconnects, long silentMinutes, long nowMillis) {
        store.add(activity.drain(), reconnects, silentMinutes, nowMillis);
    }

    /** The report of the last {@code hours} hours, after a flush. */
    public Report last(long hours, long nowMillis) {
        flush(0, 0, nowMillis);
        return Report.build(store, nowMillis - hours * ActivityStore.HOUR, nowMillis);
    }
}
