package org.vigie.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.command.PortException;
import org.vigie.i18n.Templates;
import org.vigie.store.StoreException;

/** How the services say that the database refused a change. */
final class Failures {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    /**
     * A change the database refused, said as "not stored: the disk is full" (or read-only, or the database's own words):
     * never an acknowledgement, and a reason the operator can act on rather than H2's "database has been closed".
     */
    static PortException notStored(Templates templates, StoreException e) {
        String reason = switch (e.reason()) {
            case DISK_FULL -> templates.render("store.reason.full");
            case READ_ONLY -> templates.render("store.reason.readonly");
            case OTHER -> templates.render("store.reason.other", "detail", e.detail());
        };
        LOG.warn("change not stored: {} ({})", e.detail(), e.reason());
        return new PortException(templates.render("store.notstored", "reason", reason), e);
    }
}
