package vn.chibo.simulator;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How fast one core of this machine is, measured in the same run as the figures (issue 7): a fixed piece of work in
 * Java (SHA-256 over a 64 KB buffer, on one thread) and one in PostgreSQL (the MD5 of 400,000 numbers in a single
 * query: no table, no disk, no commit; the projections may still be catching up with the last round beside it). The raw insert limit is mostly round trips and commits; these two are CPU
 * alone, so a machine whose cores are slower, or shared with a busier neighbour, shows here even when its raw insert
 * rate does not. Each is the median of several short runs after a warm-up: a single run after a JVM's start measured
 * its JIT (1,085 MB/s against 1,475 at the end of the same bench).
 * <p>
 * Beside them, the time of one load from memory that no cache holds: a walk of a random cycle through 32 MB, each
 * step's address read by the step before (as a service follows references through its heap). SHA-256 runs in
 * the core's registers and first cache; the services and PostgreSQL also wait on memory. On this virtual machine on
 * 08/12/2026 the bench read 154-185 ns a load (a program alike read 13.8 ns in 1 MB and 272 ns in 128 MB).
 */
final class CpuReference {
    private static final int BUFFER = 64 * 1024;
    private static final long WARM_NANOS = 500_000_000L;
    private static final long SLICE_NANOS = 200_000_000L;
    private static final int SLICES = 5;
    private static final int POSTGRES_RUNS = 3;
    private static final int CHASED_INTS = 8 * 1024 * 1024;
    private static final int STEPS_BETWEEN_CLOCKS = 10_000;
    private static final int POSTGRES_ROWS = 400_000;
    /**
     * The series in the select list, not in FROM: a function in FROM keeps its rows in a store first, and 400,000
     * of them pass the default {@code work_mem} (4 MB), so the work would also write and read a temporary file.
     */
    private static final String POSTGRES_WORK =
            "SELECT sum(length(md5(i::text))) FROM (SELECT generate_series(1, " + POSTGRES_ROWS + ") AS i) numbers";

    /** Where the digests go. */
    private static volatile byte lastDigests;

    private CpuReference() {
    }

    /**
     * MB of SHA-256 a second on one thread: the median of {@value #SLICES} slices of 200 ms, after 500 ms of the same
     * work not timed.
     */
    static double javaShaMegabytesPerSecond() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            return -1;
        }
        byte[] buffer = new byte[BUFFER];
        Arrays.fill(buffer, (byte) 7);
        hashFor(sha, buffer, WARM_NANOS);
        List<Double> slices = new ArrayList<>();
        for (int slice = 0; slice < SLICES; slice++) {
            long start = System.nanoTime();
            long blocks = hashFor(sha, buffer, SLICE_NANOS);
            slices.add(blocks * (double) BUFFER / 1e6 / ((System.nanoTime() - start) / 1e9));
        }
        return Bench.round(Bench.median(slices));
    }

    /**
     * Nanoseconds of one load from a random place in 32 MB: the median of {@value #SLICES} slices of 200 ms, after
     * 500 ms not timed. The cycle is made once for the JVM.
     */
    static double memoryLoadNanos() {
        int[] next = Cycle.NEXT;
        int at = 0;
        long warm = System.nanoTime() + WARM_NANOS;
        while (System.nanoTime() < warm) {
            at = walk(next, at);
        }
        List<Double> slices = new ArrayList<>();
        for (int slice = 0; slice < SLICES; slice++) {
            long start = System.nanoTime();
            long end = start + SLICE_NANOS;
            long steps = 0;
            while (System.nanoTime() < end) {
                at = walk(next, at);
                steps += STEPS_BETWEEN_CLOCKS;
            }
            slices.add((System.nanoTime() - start) / (double) steps);
        }
        lastDigests = (byte) at;
        return Bench.round(Bench.median(slices));
    }

    private static int walk(int[] next, int from) {
        int at = from;
        for (int step = 0; step < STEPS_BETWEEN_CLOCKS; step++) {
            at = next[at];
        }
        return at;
    }

    /** The cycle the memory reference walks, made when first walked. */
    private static final class Cycle {
        static final int[] NEXT = cycle(CHASED_INTS, new SplittableRandom(2026));
    }

    /**
     * One random cycle through every index of {@code size}: {@code next[i]} is the index after {@code i} (Sattolo's
     * shuffle), so a walk visits all of them before it comes back and never settles into a loop a cache could hold.
     */
    static int[] cycle(int size, SplittableRandom random) {
        int[] next = new int[size];
        for (int i = 0; i < size; i++) {
            next[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int swap = next[i];
            next[i] = next[j];
            next[j] = swap;
        }
        return next;
    }

    /** Hashes {@code buffer} over and over for about {@code nanos}; answers how many times. */
    private static long hashFor(MessageDigest sha, byte[] buffer, long nanos) {
        long end = System.nanoTime() + nanos;
        long blocks = 0;
        byte sink = 0;
        while (System.nanoTime() < end) {
            sha.update(buffer);
            sink ^= sha.digest()[0];
            blocks++;
        }
        // the digests are used, so the work cannot be left out
        lastDigests = sink;
        return blocks;
    }

    /**
     * Rows a second of a CPU-only query in one PostgreSQL backend: the median of {@value #POSTGRES_RUNS} runs after
     * one not timed (which may also load the function's code and the backend's caches).
     */
    static double postgresRowsPerSecond(String url, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            List<Double> runs = new ArrayList<>();
            for (int run = 0; run <= POSTGRES_RUNS; run++) {
                long start = System.nanoTime();
                try (ResultSet rs = statement.executeQuery(POSTGRES_WORK)) {
                    rs.next();
                    if (rs.getLong(1) != 32L * POSTGRES_ROWS) {
                        throw new IllegalStateException("the reference query answered " + rs.getLong(1));
                    }
                }
                if (run > 0) {
                    runs.add(POSTGRES_ROWS / ((System.nanoTime() - start) / 1e9));
                }
            }
            return Bench.round(Bench.median(runs));
        }
    }
}
