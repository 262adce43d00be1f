package org.vigie.patrol;

import org.vigie.feed.RcEvent;

/**
 * {@code anonymous}: edits by logged-out editors (IPv4, IPv6, temporary accounts) raise {@code ip}; on a template
 * also {@code iptmp}, on a category also {@code ipcat}. A listed address still raises {@code ip}: the event is about
 * the edit, the class about the editor.
 */
public final class AnonymousDetector extends BuiltInDetector {

    public static final String NAME = "anonymous";
    private static final long EVENTS = Detector.bits(Event.IP, Event.IPTMP, Event.IPCAT);

    private static final int NS_TEMPLATE = 10;
    private static final int NS_CATEGORY = 14;
    // Used only when the feed gave no namespace number: canonical names and the French ones.
    private static final String[] TEMPLATE_PREFIXES = {"Template:", "Modèle:"};
    private static final String[] CATEGORY_PREFIXES = {"Category:", "Catégorie:"};

    public AnonymousDetector() {
        super(NAME, EVENTS);
    }

    @Override
    public void inspect(RcEvent e, Context ctx, Findings out) {
        if (e.isLog() || !ctx.editorAnonymous()) {
            return;
        }
        out.raise(Event.IP, null, e.user());
        if (inNamespace(e, NS_TEMPLATE, TEMPLATE_PREFIXES)) {
            out.raise(Event.IPTMP, null, e.title());
        }
        if (inNamespace(e, NS_CATEGORY, CATEGORY_PREFIXES)) {
            out.raise(Event.IPCAT, null, e.title());
        }
    }

    private static boolean inNamespace(RcEvent e, int ns, String[] prefixes) {
        if (e.namespace() != RcEvent.NS_UNKNOWN) {
            return e.namespace() == ns;
        }
        String title = e.title();
        if (title == null) {
            return false;
        }
        for (String p : prefixes) {
            if (title.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
