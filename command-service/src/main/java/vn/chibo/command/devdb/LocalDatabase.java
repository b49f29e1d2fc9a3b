package vn.chibo.command.devdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * For the one-command start on a machine with nothing but Java and Maven: when no {@code CHIBO_DB_URL} is
 * configured, start a real PostgreSQL 17 (zonky embedded binaries) on {@code CHIBO_EMBEDDED_DB_PORT} (54329)
 * with its data kept under {@code CHIBO_DATA_DIR} (default {@code .chibo/pgdata}), and point this service at
 * it. The query-service's defaults point at the same port. A real deployment sets CHIBO_DB_URL and never
 * reaches this code.
 */
public final class LocalDatabase {
    private static final Logger log = LoggerFactory.getLogger(LocalDatabase.class);
    public static final String DATABASE = "chibo";

    private LocalDatabase() {
    }

    public static void startIfNoneConfigured() {
        if (System.getenv("CHIBO_DB_URL") != null || System.getProperty("spring.datasource.url") != null) {
            return;
        }
        Path dataDir = Path.of(env("CHIBO_DATA_DIR", ".chibo/pgdata")).toAbsolutePath();
        int port = Integer.parseInt(env("CHIBO_EMBEDDED_DB_PORT", "54329"));
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // a checkpoint makes the next change of every page write the whole page into the WAL again: a
                    // replay of a province's year then wrote 1.7 times the WAL and took a fifth longer (issue 7)
                    .setServerConfig("max_wal_size", "8GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    .start();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + DATABASE);
                }
            }
            System.setProperty("spring.datasource.url", "jdbc:postgresql://localhost:" + port + "/" + DATABASE);
            System.setProperty("spring.datasource.username", "postgres");
            System.setProperty("spring.datasource.password", "postgres");
            log.info("Embedded PostgreSQL on port {} with data in {}", port, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + DATABASE, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
