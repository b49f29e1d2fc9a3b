package vn.chibo.simulator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The machine's raw limit, measured in the same run as the figures it is compared with: plain JDBC inserts of
 * rows shaped like the event store's (same columns, same unique indexes, payload and metadata of the average size
 * of the events already stored) into a scratch table {@code bench.raw_event}, one row per transaction or in
 * batches, from N connections at once. No pool, no framework; the scratch table is dropped afterwards.
 */
final class RawInserts implements AutoCloseable {
    private static final String INSERT = """
            INSERT INTO bench.raw_event (event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp,
                                         aggregate_identifier, sequence_number, type)
            VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?)""";

    private final String url;
    private final String user;
    private final String password;
    private final int payloadBytes;
    private final int metadataBytes;

    RawInserts(String url, String user, String password) throws SQLException {
        this.url = url;
        this.user = user;
        this.password = password;
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            int[] sizes = {400, 400};
            try (ResultSet rs = statement.executeQuery("""
                    SELECT coalesce(avg(octet_length(payload)), 400), coalesce(avg(octet_length(meta_data)), 400)
                    FROM event_store.domain_event_entry""")) {
                if (rs.next()) {
                    sizes = new int[]{(int) rs.getDouble(1), (int) rs.getDouble(2)};
                }
            }
            payloadBytes = sizes[0];
            metadataBytes = sizes[1];
            statement.execute("CREATE SCHEMA IF NOT EXISTS bench");
            statement.execute("DROP TABLE IF EXISTS bench.raw_event");
            statement.execute("""
                    CREATE TABLE bench.raw_event (
                        global_index BIGSERIAL NOT NULL, event_identifier VARCHAR(255) NOT NULL, meta_data BYTEA,
                        payload BYTEA NOT NULL, payload_revision VARCHAR(255), payload_type VARCHAR(255) NOT NULL,
                        time_stamp VARCHAR(255) NOT NULL, aggregate_identifier VARCHAR(255) NOT NULL,
                        sequence_number BIGINT NOT NULL, type VARCHAR(255), PRIMARY KEY (global_index),
                        UNIQUE (aggregate_identifier, sequence_number), UNIQUE (event_identifier))""");
        }
    }

    int payloadBytes() {
        return payloadBytes;
    }

    int metadataBytes() {
        return metadataBytes;
    }

    /** Rows per second, each row in its own transaction (autocommit), from {@code concurrency} connections. */
    double oneRowPerTransaction(int concurrency, int rows) throws Exception {
        return insert(concurrency, rows, 1);
    }

    /** Rows per second, {@code batchSize} rows per JDBC batch and transaction, from {@code concurrency} connections. */
    double batched(int concurrency, int rows, int batchSize) throws Exception {
        return insert(concurrency, rows, batchSize);
    }

    private double insert(int concurrency, int rows, int batchSize) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger left = new AtomicInteger(rows);
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Connection connection = connect();
            connection.setAutoCommit(batchSize == 1);
            connections.add(connection);
        }
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Connection connection : connections) {
                futures.add(pool.submit(() -> {
                    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                        while (true) {
                            int take = Math.min(batchSize, left.getAndAdd(-batchSize));
                            if (take <= 0) {
                                return null;
                            }
                            String aggregate = UUID.randomUUID().toString();
                            for (int i = 0; i < take; i++) {
                                bind(insert, aggregate, i);
                                if (batchSize == 1) {
                                    insert.executeUpdate();
                                } else {
                                    insert.addBatch();
                                }
                            }
                            if (batchSize > 1) {
                                insert.executeBatch();
                                connection.commit();
                            }
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private void bind(PreparedStatement insert, String aggregate, int sequence) throws SQLException {
        byte[] metadata = new byte[metadataBytes];
        byte[] payload = new byte[payloadBytes];
        ThreadLocalRandom.current().nextBytes(payload);
        insert.setString(1, UUID.randomUUID().toString());
        insert.setBytes(2, metadata);
        insert.setBytes(3, payload);
        insert.setString(4, "vn.chibo.events.bench.RawEvent");
        insert.setString(5, Instant.now().toString());
        insert.setString(6, aggregate);
        insert.setLong(7, sequence);
        insert.setString(8, "Bench");
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench.raw_event");
        }
    }
}
