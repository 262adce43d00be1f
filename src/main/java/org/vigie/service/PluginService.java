package org.vigie.service;

import java.util.ArrayList;
import java.util.List;
import org.vigie.command.BotPort.Plugin;
import org.vigie.command.PortException;
import org.vigie.i18n.Templates;
import org.vigie.patrol.PluginException;
import org.vigie.patrol.PluginState;
import org.vigie.patrol.Plugins;

/**
 * The plugins for the commands: list, load, reload, unload (remembered across restarts by {@link PluginState}). Part
 * of the engine, which the command tests replace.
 */
public class PluginService {

    private final PluginState state;
    private final Templates templates;

    public PluginService(PluginState state, Templates templates) {
        this.state = state;
        this.templates = templates;
    }

    public List<Plugin> plugins() {
        List<Plugin> out = new ArrayList<>();
        for (Plugins.Info i : state.plugins().list()) {
            out.add(new Plugin(i.name(), i.loaded()));
        }
        return out;
    }

    /** {@code load}, {@code unload} or {@code reload}; a refusal said in the operator's language. */
    public void apply(String op, String name) throws PortException {
        try {
            state.apply(op, name);
        } catch (PluginException e) {
            throw new PortException(templates.render(e.problem().key(), "name", e.subject()), e);
        }
    }
}
