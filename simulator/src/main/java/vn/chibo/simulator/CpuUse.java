package vn.chibo.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a round, read from Linux's {@code /proc}: the CPU time of the command-service,
 * the query-service, PostgreSQL (every process named {@code postgres}, with the backends that ended meanwhile, which
 * their parent has reaped) and this simulator, each per event written; the rest of the machine's busy time ("other");
 * how busy the machine's cores were; and the share of their time the hypervisor gave to other guests (steal).
 * <p>
 * Without it a round's rate could not tell a command grown dearer (more CPU a command, in which process) from a
 * machine that had less to give (cores stolen by neighbours, or busy with something else): issue 7's rates halved
 * between two machines of one kind at an unchanged raw insert limit, and nothing measured then said why.
 */
final class CpuUse {
    private static final double MICROS_PER_TICK = JitActivity.MILLIS_PER_TICK * 1000;

    /** The machine's ticks summed over its cores, from the first line of {@code /proc/stat}. */
    record MachineTicks(long busy, long idle, long steal) {
        long total() {
            return busy + idle + steal;
        }
    }

    /** Ticks of the machine and of each part at one instant; a part that could not be read is -1. */
    record Reading(MachineTicks machine, long commandService, long queryService, long postgres, long simulator) {
    }

    private CpuUse() {
    }

    /** The machine's and the parts' ticks now; null without {@code /proc}. */
    static Reading read(long commandPid, long queryPid) {
        MachineTicks machine = machine(read(Path.of("/proc/stat")));
        if (machine == null) {
            return null;
        }
        return new Reading(machine, processTicks(commandPid), processTicks(queryPid), postgresTicks(),
                processTicks(ProcessHandle.current().pid()));
    }

    /**
     * Between two readings: the machine's busy and stolen shares in percent, and each part's microseconds of CPU per
     * event ({@code events} written in the interval); an empty map when a reading is missing or nothing was written.
     * "other" is the machine's busy time that none of the parts used (the kernel's own work, other processes, and
     * parts not found).
     */
    static Map<String, Double> split(Reading before, Reading after, long events) {
        Map<String, Double> split = new LinkedHashMap<>();
        if (before == null || after == null || events <= 0) {
            return split;
        }
        long total = after.machine().total() - before.machine().total();
        if (total <= 0) {
            return split;
        }
        long busy = after.machine().busy() - before.machine().busy();
        split.put("machineBusyPercent", Bench.round(100.0 * busy / total));
        split.put("stealPercent", Bench.round(100.0 * (after.machine().steal() - before.machine().steal()) / total));
        long parts = 0;
        parts += put(split, "commandServiceUs", before.commandService(), after.commandService(), events);
        parts += put(split, "queryServiceUs", before.queryService(), after.queryService(), events);
        parts += put(split, "postgresUs", before.postgres(), after.postgres(), events);
        parts += put(split, "simulatorUs", before.simulator(), after.simulator(), events);
        split.put("otherUs", Bench.round(Math.max(0, busy - parts) * MICROS_PER_TICK / events));
        split.put("machineUs", Bench.round(busy * MICROS_PER_TICK / events));
        return split;
    }

    /** Puts a part's µs per event (-1 when it could not be read) and answers the ticks it used. */
    private static long put(Map<String, Double> split, String key, long before, long after, long events) {
        if (before < 0 || after < 0) {
            split.put(key, -1.0);
            return 0;
        }
        long used = Math.max(0, after - before);
        split.put(key, Bench.round(used * MICROS_PER_TICK / events));
        return used;
    }

    /**
     * The aggregate line of {@code /proc/stat}: user nice system idle iowait irq softirq steal (guest time is inside
     * user already). Busy is user, nice, system, irq and softirq; idle is idle and iowait.
     */
    static MachineTicks machine(String procStat) {
        if (procStat == null || !procStat.startsWith("cpu ")) {
            return null;
        }
        String[] f = procStat.lines().findFirst().orElse("").trim().split("\\s+");
        long user = Long.parseLong(f[1]);
        long nice = Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]);
        long iowait = f.length > 5 ? Long.parseLong(f[5]) : 0;
        long irq = f.length > 6 ? Long.parseLong(f[6]) : 0;
        long softirq = f.length > 7 ? Long.parseLong(f[7]) : 0;
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        return new MachineTicks(user + nice + system + irq + softirq, idle + iowait, steal);
    }

    /** A process's own CPU ticks (all its threads); -1 when there is no such process. */
    private static long processTicks(long pid) {
        String stat = pid <= 0 ? null : read(Path.of("/proc", Long.toString(pid), "stat"));
        return stat == null ? -1 : JitActivity.cpuTicks(stat);
    }

    /**
     * Every {@code postgres} process's own ticks and those of its children that ended and were reaped (a backend's
     * CPU stays counted in its postmaster after the connection closes); -1 when none is found, as when the database
     * runs on another machine.
     */
    private static long postgresTicks() {
        long ticks = 0;
        boolean found = false;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String name = read(process.resolve("comm"));
                String stat = name == null || !name.strip().equals("postgres") ? null : read(process.resolve("stat"));
                if (stat != null) {
                    ticks += ownAndReapedTicks(stat);
                    found = true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return found ? ticks : -1;
    }

    /** utime + stime + cutime + cstime of a {@code stat} line (fields 14-17 of stat(5)). */
    static long ownAndReapedTicks(String stat) {
        String[] fields = JitActivity.statFields(stat);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /** A file's text, or null when it cannot be read (the process ended, or no {@code /proc}). */
    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
