package vn.chibo.simulator;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * How fast one core of this machine is, measured in the same run as the figures (issue 7): a fixed piece of work in
 * Java (SHA-256 over a 64 KB buffer, on one thread) and one in PostgreSQL (the MD5 of 400,000 numbers in a single
 * query: no table, no disk, no commit). The raw insert limit is mostly round trips and commits; these two are CPU
 * alone, so a machine whose cores are slower, or shared with a busier neighbour, shows here even when its raw insert
 * rate does not.
 */
final class CpuReference {
    private static final int BUFFER = 64 * 1024;
    private static final long WARM_NANOS = 300_000_000L;
    private static final long TIMED_NANOS = 1_000_000_000L;
    private static final int POSTGRES_ROWS = 400_000;
    private static final String POSTGRES_WORK =
            "SELECT sum(length(md5(i::text))) FROM generate_series(1, " + POSTGRES_ROWS + ") i";

    /** Where the digests go. */
    private static volatile byte lastDigests;

    private CpuReference() {
    }

    /** MB of SHA-256 a second on one thread, after {@code WARM_NANOS} of the same work not timed. */
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
        long start = System.nanoTime();
        long blocks = hashFor(sha, buffer, TIMED_NANOS);
        double seconds = (System.nanoTime() - start) / 1e9;
        return Bench.round(blocks * (double) BUFFER / 1e6 / seconds);
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
     * Rows a second of a CPU-only query in one PostgreSQL backend: the faster of two runs (the first may also load
     * the function's code and the backend's caches).
     */
    static double postgresRowsPerSecond(String url, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            long best = Long.MAX_VALUE;
            for (int run = 0; run < 2; run++) {
                long start = System.nanoTime();
                try (ResultSet rs = statement.executeQuery(POSTGRES_WORK)) {
                    rs.next();
                    if (rs.getLong(1) != 32L * POSTGRES_ROWS) {
                        throw new IllegalStateException("the reference query answered " + rs.getLong(1));
                    }
                }
                best = Math.min(best, System.nanoTime() - start);
            }
            return Bench.round(POSTGRES_ROWS / (best / 1e9));
        }
    }
}
