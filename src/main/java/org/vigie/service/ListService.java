package org.vigie.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.vigie.command.BotPort.AuditRecord;
import org.vigie.command.Caller;
import org.vigie.command.PortException;
import org.vigie.config.ConfigItem;
import org.vigie.config.Settings;
import org.vigie.i18n.Templates;
import org.vigie.lists.Entry;
import org.vigie.lists.ListKind;
import org.vigie.lists.Lists;
import org.vigie.lists.WordMatch;
import org.vigie.store.Actor;
import org.vigie.store.AuditRow;
import org.vigie.store.ConfigStore;
import org.vigie.store.ListStore;
import org.vigie.store.StoreException;

/**
 * The lists and the settings, for the commands: each change returns only after its commit, so that a reply never
 * announces what a crash would lose.
 */
public final class ListService {

    private final ListStore store;
    private final Lists lists;
    private final ConfigStore configStore;
    private final AtomicReference<Settings> settings;
    private final String pseudonym;
    private final Templates templates;
    private final Clock clock;

    /**
     * @param settings  the settings in force, read by the patrol on every change
     * @param pseudonym bot.properties' {@code irc.pseudonym}, used while none is stored
     */
    public ListService(ListStore store, Lists lists, ConfigStore configStore, AtomicReference<Settings> settings,
                       String pseudonym, Templates templates, Clock clock) {
        this.store = store;
        this.lists = lists;
        this.configStore = configStore;
        this.settings = settings;
        this.pseudonym = pseudonym;
        this.templates = templates;
        this.clock = clock;
    }

    /** The stored settings, with bot.properties' pseudonym when none is stored (at start and at every reload). */
    public static Settings stored(ConfigStore configStore, String pseudonym) {
        Settings s = Settings.of(configStore.loadSettings());
        if (s.pseudonym().isEmpty() && !pseudonym.isEmpty()) {
            s = s.with(ConfigItem.PSEUDONYM, pseudonym);
        }
        return s;
    }

    /** The stored settings again (another instance changed them); never over a config command's newer value. */
    public void reloadSettings() {
        synchronized (settings) {        // as a config command does: never overwrite its newer value
            settings.set(stored(configStore, pseudonym));
        }
    }

    static Actor actor(Caller c) {
        return new Actor(c.nick(), c.account(), c.host());
    }

    public Optional<Entry> find(ListKind kind, String wiki, String item) {
        return Optional.ofNullable(store.find(kind, wiki, item));
    }

    public List<Entry> entriesFor(String item) {
        return store.entriesFor(item);
    }

    public List<Entry> operators() {
        return store.entries(ListKind.ACLO);
    }

    public Entry add(Entry entry, Caller by) throws PortException {
        try {
            return store.add(entry, actor(by)).entry();
        } catch (IllegalArgumentException e) {
            throw new PortException(e.getMessage(), e);
        } catch (StoreException e) {
            throw Failures.notStored(templates, e);
        }
    }

    public Optional<Entry> remove(ListKind kind, String wiki, String item, Caller by) throws PortException {
        try {
            return Optional.ofNullable(store.remove(kind, wiki, item, actor(by)));
        } catch (IllegalArgumentException e) {
            throw new PortException(e.getMessage(), e);
        } catch (StoreException e) {
            throw Failures.notStored(templates, e);
        }
    }

    public Optional<WordMatch> testWord(ListKind kind, String wiki, String text) {
        return Optional.ofNullable(lists.findWord(kind, wiki, text, clock.millis()));
    }

    public List<AuditRecord> history(String item, int limit) {
        List<AuditRecord> out = new ArrayList<>();
        for (AuditRow r : store.history(item, limit)) {
            out.add(new AuditRecord(r.atMillis(), r.account() == null ? r.nick() : r.nick() + " (" + r.account() + ")",
                    r.action().name().toLowerCase(Locale.ROOT), ListKind.fromCommand(r.area()), r.wiki(),
                    r.item(), r.details()));
        }
        return out;
    }

    public Settings settings() {
        return settings.get();
    }

    public Settings setConfig(ConfigItem item, String value, Caller by) throws PortException {
        synchronized (settings) {
            try {
                Settings next = settings.get().with(item, value);
                configStore.saveSetting(item, next.get(item), actor(by));
                settings.set(next);
                return next;
            } catch (IllegalArgumentException e) {
                throw new PortException(e.getMessage(), e);
            } catch (StoreException e) {
                throw Failures.notStored(templates, e);
            }
        }
    }
}
