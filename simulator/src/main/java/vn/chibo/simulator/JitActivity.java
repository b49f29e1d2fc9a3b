package vn.chibo.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How busy a service's JIT compiler is, read from Linux's {@code /proc}: the CPU its {@code C1}/{@code C2} compiler
 * threads used between two readings, as a share of the CPU the whole process used. A service on two shared cores
 * spends its first minutes under load compiling (issue 7: up to half of the command-service's CPU, and its
 * commands cost three times the CPU they cost warm), so the benchmark warms up until this share is small.
 */
final class JitActivity {
    /** Linux counts a process's CPU in ticks of {@code 1/USER_HZ} s: 100 a second on its x86 and ARM builds. */
    static final double MILLIS_PER_TICK = 10;

    /** CPU ticks of the process and of each compiler thread alive at the reading. */
    record Reading(long processTicks, Map<Long, Long> compilerTicks) {
    }

    private JitActivity() {
    }

    /** The process's reading, or null when there is no such process or no {@code /proc}. */
    static Reading read(long pid) {
        if (pid <= 0) {
            return null;
        }
        Path process = Path.of("/proc", Long.toString(pid));
        try (Stream<Path> threads = Files.list(process.resolve("task"))) {
            long processTicks = cpuTicks(Files.readString(process.resolve("stat")));
            Map<Long, Long> compilers = new HashMap<>();
            threads.forEach(thread -> {
                try {
                    String name = Files.readString(thread.resolve("comm")).strip();
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        compilers.put(Long.parseLong(thread.getFileName().toString()), cpuTicks(Files.readString(thread.resolve("stat"))));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between listing and reading: its ticks are no longer anyone's
                }
            });
            return new Reading(processTicks, compilers);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Milliseconds of CPU (user and system, all threads) the process used between two readings; -1 when either is missing. */
    static double cpuMillis(Reading before, Reading after) {
        return before == null || after == null ? -1 : (after.processTicks() - before.processTicks()) * MILLIS_PER_TICK;
    }

    /**
     * The compiler threads' share of the process's CPU between two readings, from 0 to 1; -1 when either reading is
     * missing or the process used no CPU. A compiler thread that ended between them (the JVM stops idle ones) is
     * left out, and one started between them counts from zero.
     */
    static double share(Reading before, Reading after) {
        if (before == null || after == null || after.processTicks() <= before.processTicks()) {
            return -1;
        }
        long compiler = 0;
        for (Map.Entry<Long, Long> thread : after.compilerTicks().entrySet()) {
            compiler += Math.max(0, thread.getValue() - before.compilerTicks().getOrDefault(thread.getKey(), 0L));
        }
        return Math.min(1, (double) compiler / (after.processTicks() - before.processTicks()));
    }

    /** utime + stime of a {@code stat} line; fields are counted after the name, which may hold spaces or ')'. */
    static long cpuTicks(String stat) {
        String[] fields = statFields(stat);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * The fields of a {@code stat} line after the name, which may hold spaces or ')': state, field 3 of stat(5), is
     * at 0, so utime (14) and stime (15) are at 11 and 12, cutime (16) and cstime (17) at 13 and 14.
     */
    static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
