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

/**
 * How fast one core of this machine is, measured in the same run as the figures (issue 7): a fixed piece of work in
 * Java (SHA-256 over a 64 KB buffer, on one thread) and one in PostgreSQL (the MD5 of 400,000 numbers in a single
 * query: no table, no disk, no commit). The raw insert limit is mostly round trips and commits; these two are CPU
 * alone, so a machine whose cores are slower, or shared with a busier neighbour, shows here even when its raw insert
 * rate does not. Each is the median of several short runs after a warm-up: a single run after a JVM's start measured
 * its JIT (1,085 MB/s against 1,475 at the end of the same bench).
 */
final class CpuReference {
    private static final int BUFFER = 64 * 1024;
    private static final long WARM_NANOS = 500_000_000L;
    private static final long SLICE_NANOS = 200_000_000L;
    private static final int SLICES = 5;
    private static final int POSTGRES_RUNS = 3;
    private static final int POSTGRES_ROWS = 400_000;
    private static final String POSTGRES_WORK =
            "SELECT sum(length(md5(i::text))) FROM generate_series(1, " + POSTGRES_ROWS + ") i";

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
