package org.vigie.command;

/**
 * A command was malformed. The processor answers with the command's usage line, preceded by the reason when
 * there is one. {@code reasonKey} is a message key, {@code args} its name/value pairs.
 */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reasonKey;
    private final transient Object[] args;

    public UsageException(String reasonKey, Object... args) {
        super(reasonKey);
        this.reasonKey = reasonKey;
        this.args = args.clone();
    }

    /** The message key of the reason, or {@code null} for a plain usage line. */
    public String reasonKey() {
        return reasonKey;
    }

    public Object[] args() {
        return args.clone();
    }
}
