package org.vigie.patrol;

import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.config.KeyValues;

/**
 * What an operator unloaded stays unloaded across a restart, until it is loaded again: the designations of the
 * plugins unloaded by hand, one a line under one key of the bot's stored configuration.
 */
public final class PluginState {

    private static final Logger LOG = LoggerFactory.getLogger(PluginState.class);

    /** The key under which the plugins an operator unloaded are kept, one designation a line. */
    public static final String KEY = "plugins.unloaded";

    private final Plugins plugins;
    private final KeyValues memory;

    /** @param memory where what an operator unloaded is kept (the bot's stored state) */
    public PluginState(Plugins plugins, KeyValues memory) {
        this.plugins = plugins;
        this.memory = memory;
    }

    public Plugins plugins() {
        return plugins;
    }

    /** {@code load}, {@code unload} or {@code reload} one plugin, and remember what an operator unloaded. */
    public void apply(String op, String name) throws PluginException {
        // asked before the operation: unloading a jar forgets its detectors
        String designation = plugins.designation(name);
        switch (op) {
            case "load" -> plugins.load(name);
            case "unload" -> plugins.unload(name);
            default -> plugins.reload(name);
        }
        if (designation != null) {
            remember(designation, op.equals("unload"));
        }
    }

    /** The designations of the plugins an operator unloaded and did not load again, in the order they were unloaded. */
    private Set<String> unloaded() {
        Set<String> out = new LinkedHashSet<>();
        String stored = memory.get(KEY);
        if (stored != null) {
            for (String n : stored.split("\n")) {
                if (!n.isBlank()) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** Adds or removes one designation of the stored set. A failure to store is only logged: the operation stands. */
    private synchronized void remember(String designation, boolean unloaded) {
        if (designation.indexOf('\n') >= 0) {
            return;
        }
        try {
            Set<String> names = unloaded();
            boolean changed = unloaded ? names.add(designation) : names.remove(designation);
            if (changed) {
                memory.put(KEY, names.isEmpty() ? null : String.join("\n", names));
            }
        } catch (RuntimeException e) {
            LOG.warn("the plugins' state could not be stored: {}", e.getMessage());
        }
    }

    /** At start: what an operator unloaded stays unloaded across a restart. */
    public void keepUnloaded() {
        Set<String> names;
        try {
            names = unloaded();
        } catch (RuntimeException e) {
            LOG.warn("the plugins' stored state could not be read: {}", e.getMessage());
            return;
        }
        for (String n : names) {
            try {
                plugins.unload(n);
                LOG.info("plugin {} left unloaded, as an operator left it (plugin load {} to bring it back)", n, n);
            } catch (PluginException e) {
                if (e.problem() == PluginException.Problem.UNKNOWN) {
                    LOG.info("plugin {} was unloaded by an operator and is gone: forgotten", n);
                    remember(n, false);
                }
            }
        }
    }
}
