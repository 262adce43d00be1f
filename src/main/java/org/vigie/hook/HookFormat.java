package org.vigie.hook;

import java.util.Locale;

/** The body a webhook expects. */
public enum HookFormat {
    /** Discord's execute-webhook body: {@code content} (2,000 characters at most) and up to 10 {@code embeds}. */
    DISCORD,
    /** Slack's incoming webhook body ({@code text}, {@code blocks}); also read by Mattermost and Rocket.Chat. */
    SLACK,
    /** The replay's JSON object, one alert a request, for anything else. */
    JSON;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format for a name, or {@code null}. */
    public static HookFormat fromKey(String s) {
        for (HookFormat f : values()) {
            if (f.key().equalsIgnoreCase(s.strip())) {
                return f;
            }
        }
        return null;
    }
}
