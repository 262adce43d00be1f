package org.vigie.source;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketOption;
import jdk.net.ExtendedSocketOptions;

/**
 * Linux's {@code TCP_QUICKACK} on a socket: "acknowledge what has been received now", which the kernel forgets after a
 * while (it is not a lasting mode), so a reader re-arms it after each read. Where the JDK or the system lacks it, a
 * no-op.
 */
final class QuickAck {

    private static final SocketOption<Boolean> OPTION = ExtendedSocketOptions.TCP_QUICKACK;

    private QuickAck() {
    }

    /** Whether this socket takes the option (Linux; plain or TLS over plain). */
    static boolean supported(Socket s) {
        try {
            return s.supportedOptions().contains(OPTION);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Sends the pending acknowledgement now. Returns false when the socket refused, so the caller stops asking. */
    static boolean arm(Socket s) {
        try {
            s.setOption(OPTION, Boolean.TRUE);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
