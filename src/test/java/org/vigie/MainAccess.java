package org.vigie;

import java.io.PrintStream;

/** {@link Main#run} for tests in other packages. */
public final class MainAccess {

    private MainAccess() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Main.run(args, out, err);
    }
}
