package org.vigie.feed;

/**
 * Everything a wiki's own wording decides when reading its feed, compiled once: its log texts, its namespace
 * names and its automatic edit summaries. Immutable; a new wording replaces the whole object.
 */
public final class WikiTexts {

    private final String language;
    private final LogText logText;
    private final Namespaces namespaces;
    private final SummaryText summaries;

    WikiTexts(String language, LogText logText, Namespaces namespaces, SummaryText summaries) {
        this.language = language;
        this.logText = logText;
        this.namespaces = namespaces;
        this.summaries = summaries;
    }

    /** The language of the shipped defaults behind this wording ({@code en}, {@code fr}). */
    public String language() {
        return language;
    }

    public LogText logText() {
        return logText;
    }

    public Namespaces namespaces() {
        return namespaces;
    }

    SummaryText summaries() {
        return summaries;
    }
}
