package org.vigie.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigie.alert.Destination;
import org.vigie.command.BotPort.HookInfo;
import org.vigie.command.Caller;
import org.vigie.command.PortException;
import org.vigie.hook.Hook;
import org.vigie.hook.HookFormat;
import org.vigie.hook.HookStats;
import org.vigie.hook.Hooks;
import org.vigie.i18n.Templates;
import org.vigie.store.StoreException;

/** The webhooks for the commands: list, add, delete (with their destination), test. Never an address in clear. */
public final class HookService {

    private final Hooks hooks;
    private final DestinationService destinations;
    private final Templates templates;

    public HookService(Hooks hooks, DestinationService destinations, Templates templates) {
        this.hooks = hooks;
        this.destinations = destinations;
        this.templates = templates;
    }

    private static HookInfo info(HookStats h) {
        return new HookInfo(h.name(), h.format().key(), h.redactedUrl(), h.queued(), h.sent(), h.retried(),
                h.dropped(), h.oldestMillis());
    }

    public List<HookInfo> hooks() {
        List<HookInfo> out = new ArrayList<>();
        for (HookStats h : hooks.stats()) {
            out.add(info(h));
        }
        return out;
    }

    public HookInfo hookAdd(String name, String url, String format, Caller by) throws PortException {
        HookFormat f = HookFormat.fromKey(format);
        Hook h;
        try {
            h = new Hook(name, url, f == null ? HookFormat.JSON : f);
        } catch (IllegalArgumentException e) {
            throw new PortException(templates.render("hook.badurl"), e);
        }
        try {
            hooks.add(h, ListService.actor(by));
        } catch (StoreException e) {
            throw new PortException(e.getMessage(), e);
        }
        return hooks().stream().filter(i -> i.name().equals(h.name())).findFirst()
                .orElse(new HookInfo(h.name(), h.format().key(), h.redactedUrl(), 0, 0, 0, Map.of(), 0));
    }

    public boolean hookDel(String name, Caller by) throws PortException {
        if (hooks.get(name) == null) {
            return false;
        }
        destinations.removeHook(Destination.hookTarget(name), by);
        try {
            return hooks.delete(name, ListService.actor(by));
        } catch (StoreException e) {
            throw new PortException(e.getMessage(), e);
        }
    }

    public int hookTest(String name, Caller by) throws PortException {
        try {
            return hooks.test(name, templates.render("hook.test.text", "nick", by.nick()));
        } catch (IllegalArgumentException e) {
            throw new PortException(templates.render("dest.nohook", "name", name), e);
        } catch (IOException e) {
            throw new PortException(templates.render("hook.noanswer", "why", e.getMessage()), e);
        }
    }
}
