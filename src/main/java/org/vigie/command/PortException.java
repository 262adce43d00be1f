package org.vigie.command;

/**
 * An operation of the {@link BotPort} refused or failed; the message is a short reason shown to the operator
 * ({@code "the database is read-only"}, {@code "no plugin named foo"}). Never carries a secret.
 */
public class PortException extends Exception {

    private static final long serialVersionUID = 1L;

    public PortException(String reason) {
        super(reason);
    }

    public PortException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
