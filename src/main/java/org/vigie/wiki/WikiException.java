package org.vigie.wiki;

/**
 * A call to a wiki's API failed for good (after the allowed retries). The message is one line, meant for logs and for
 * {@code status}: {@code fr.wikipedia: HTTP 503 after 4 attempts}.
 */
public final class WikiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String wiki;

    public WikiException(String wiki, String message) {
        super(wiki + ": " + message);
        this.wiki = wiki;
    }

    public WikiException(String wiki, String message, Throwable cause) {
        super(wiki + ": " + message, cause);
        this.wiki = wiki;
    }

    public String wiki() {
        return wiki;
    }
}
