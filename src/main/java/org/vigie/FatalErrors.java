package org.vigie;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * What the JVM does when an error nobody catches ends a thread. Left to itself it prints the trace and ends that
 * thread only: after an {@link OutOfMemoryError} at the start (lists too big for {@code -Xmx}) the main thread is gone
 * but the IRC, web and timer threads keep the JVM alive, so Vigie is a silent process that systemd will never restart;
 * after one in the feed reader the bot runs on without its feed. Installed first thing in {@code main}: an uncaught error
 * of the JVM itself ({@link VirtualMachineError}: out of memory, internal error, stack overflow) in any thread, or any
 * uncaught throwable in the main thread, ends the process with status {@value #STATUS} after one line saying why
 * (the orderly stop runs; if it does not finish within {@value #HALT_SECONDS} s the process is halted). Other threads'
 * exceptions keep the JVM's default: their trace on standard error.
 */
public final class FatalErrors {

    /** The exit status of such an end (1 and 2 are the command line's own failures). */
    public static final int STATUS = 3;
    static final int HALT_SECONDS = 10;

    private FatalErrors() {
    }

    /** Installs the handler for every thread; {@code main} is the thread whose uncaught throwable ends the process too. */
    public static void install(Thread main, PrintStream err) {
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (!(e instanceof VirtualMachineError) && t != main) {
                err.print("Exception in thread \"" + t.getName() + "\" ");
                e.printStackTrace(err);
                return;
            }
            try {
                err.println(line(t, e));
                e.printStackTrace(err);
            } catch (Throwable ignored) {
                // out of memory even for the message: the status still says it
            }
            end();
        });
    }

    /** The one line: the thread, the error and, for memory, what to do. */
    static String line(Thread t, Throwable e) {
        String hint = e instanceof OutOfMemoryError
                ? " (give the JVM more -Xmx: about 300 MB more per million list entries, see README)" : "";
        return "vigie: stopping on " + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + " in thread \"" + t.getName() + "\"" + hint + "; exit status " + STATUS;
    }

    private static void end() {
        Thread halt = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(HALT_SECONDS);
            } catch (InterruptedException ignored) {
                // halt now
            }
            Runtime.getRuntime().halt(STATUS);
        }, "fatal-halt");
        halt.setDaemon(true);
        // System.exit runs the shutdown hooks (the orderly stop) and blocks its thread for good: run it from a thread
        // of its own so that a handler called from a shutdown hook's thread cannot deadlock on it
        Thread exit = new Thread(() -> System.exit(STATUS), "fatal-exit");
        try {
            halt.start();
            exit.start();
        } catch (Throwable noThread) {
            Runtime.getRuntime().halt(STATUS);
        }
    }
}
