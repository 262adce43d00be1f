package org.vigie.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux's {@code /proc} says about a process: resident memory and CPU time. -1 where it cannot be read. */
public final class ProcStat {

    /** Clock ticks per second of {@code /proc/PID/stat}: 100 on every Linux this runs on (USER_HZ). */
    private static final double TICKS = 100.0;

    private ProcStat() {
    }

    /** {@code VmRSS} (or another field such as {@code VmHWM}) of {@code /proc/self/status}, in kB. */
    public static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith(field + ":")) {
                    String v = line.substring(field.length() + 1).trim();
                    return Long.parseLong(v.substring(0, v.indexOf(' ')));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** User + system CPU seconds of process {@code pid}, from {@code /proc/PID/stat}. */
    public static double cpuSeconds(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is field 3, utime 14, stime 15 → indexes 11 and 12 here
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
