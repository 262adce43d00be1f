package org.vigie.hook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A webhook: its name (used as {@code hook:NAME} in {@code dest add}), its URL and its format. The URL is a secret (who
 * holds it may post in the room): it is stored, and shown only as {@link #redactedUrl()}; {@link #toString()} never
 * shows it either, so that a log line built from a hook cannot leak it.
 */
public record Hook(String name, String url, HookFormat format) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    public Hook {
        name = checkName(name);
        checkUrl(url);
        if (format == null) {
            throw new IllegalArgumentException("format expected");
        }
    }

    /** A hook's name in lower case, or an exception when it is not one ({@code [a-z0-9][a-z0-9_-]{0,31}}). */
    public static String checkName(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("bad hook name");
        }
        return n;
    }

    /** Whether a name is a valid hook name. */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name.strip().toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * Checks a webhook URL: absolute, https (http only to a loopback address), a host, no user-info, no control or
     * space character. The message of the exception never contains the URL.
     */
    public static void checkUrl(String url) {
        if (url == null || url.length() > 2048 || url.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("bad webhook address");
        }
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad webhook address");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        String host = u.getHost();
        if (host == null || u.getRawUserInfo() != null) {
            throw new IllegalArgumentException("bad webhook address");
        }
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                || host.equals("::1");
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new IllegalArgumentException("webhook address must be https");
        }
    }

    /** The host and the last four characters, for replies and logs: {@code discord.com …Xy9z}. */
    public String redactedUrl() {
        return redact(url);
    }

    /** As {@link #redactedUrl()}, for any URL. */
    public static String redact(String url) {
        String host;
        try {
            host = new URI(url).getHost();
        } catch (URISyntaxException | RuntimeException e) {
            host = null;
        }
        String tail = url.length() <= 12 ? "" : url.substring(url.length() - 4);
        return (host == null ? "?" : host) + " …" + tail;
    }

    /** The destination target of this hook: {@code hook:NAME}. */
    public String target() {
        return org.vigie.alert.Destination.hookTarget(name);
    }

    @Override
    public String toString() {
        return "Hook[" + name + ", " + redactedUrl() + ", " + format.key() + "]";
    }
}
