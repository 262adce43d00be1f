package org.vigie.patrol;

import java.util.Locale;

/**
 * Why a {@code plugin load|unload|reload} was refused. The message is a complete English sentence; {@link #problem()}
 * and {@link #subject()} let the command layer word it from the message files instead ({@code plugin.<problem>}).
 */
public final class PluginException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The closed set of refusals. */
    public enum Problem {
        /** No detector and no jar of that name. */
        UNKNOWN,
        /** The detector (or every detector of the jar) is already loaded. */
        ALREADY_LOADED,
        /** The detector is known but not loaded. */
        NOT_LOADED,
        /** The jar declares no {@code org.vigie.patrol.Detector} service. */
        NO_SERVICE,
        /** The jar cannot be read, or a provider in it cannot be instantiated. */
        BAD_JAR,
        /** A detector whose {@code events()} claims no event. */
        CLAIMS_NOTHING,
        /** A detector whose name operators could not type. */
        BAD_NAME,
        /** A detector whose name another loaded or known detector already has. */
        DUPLICATE_NAME;

        /** The message key: {@code plugin.unknown}, {@code plugin.already_loaded}… */
        public String key() {
            return "plugin." + name().toLowerCase(Locale.ROOT);
        }
    }

    private final Problem problem;
    private final String subject;

    public PluginException(Problem problem, String subject, String message) {
        super(message);
        this.problem = problem;
        this.subject = subject;
    }

    public PluginException(Problem problem, String subject, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
        this.subject = subject;
    }

    public Problem problem() {
        return problem;
    }

    /** The detector name or jar file the refusal is about. */
    public String subject() {
        return subject;
    }
}
