package vn.chibo.command.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The real PostgreSQL the tests use, chosen once per JVM in this order: the server of {@code CHIBO_TEST_DB_URL}
 * (with CHIBO_TEST_DB_USER / CHIBO_TEST_DB_PASSWORD; the user needs CREATEDB); Testcontainers
 * {@code postgres:17} when a Docker engine answers; otherwise an embedded PostgreSQL 17 (zonky). Each test class
 * asks for {@link #fresh()} and gets a database of its own, so no test depends on another's data or order.
 */
public final class TestDatabase {
    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

    /** Where to connect for one fresh database. */
    public record Database(String url, String username, String password) {
    }

    private record Server(String adminUrl, String username, String password) {
        String urlOf(String database) {
            int slash = adminUrl.lastIndexOf('/');
            int query = adminUrl.indexOf('?', slash);
            return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
        }
    }

    private static Server server;

    private TestDatabase() {
    }

    public static synchronized Database fresh() {
        if (server == null) {
            server = start();
        }
        String name = "chibo_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(server.adminUrl(), server.username(), server.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a test database on " + server.adminUrl(), e);
        }
        return new Database(server.urlOf(name), server.username(), server.password());
    }

    /**
     * A fresh database with the event store's tables and the demo accounts, as the command-service's migrations make
     * them: for tests that read or write the store without starting a command-service.
     */
    public static Database freshEventStore() {
        Database database = fresh();
        Flyway.configure()
                .dataSource(database.url(), database.username(), database.password())
                .schemas("event_store").createSchemas(true)
                .locations("classpath:db/migration/event_store", "classpath:db/demo")
                .load().migrate();
        return database;
    }

    private static Server start() {
        String url = System.getenv("CHIBO_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            log.info("Tests use the PostgreSQL of CHIBO_TEST_DB_URL");
            return new Server(url, env("CHIBO_TEST_DB_USER", "postgres"), env("CHIBO_TEST_DB_PASSWORD", "postgres"));
        }
        if (dockerAnswers()) {
            log.info("Tests use Testcontainers postgres:17");
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17");
            container.start();
            return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        log.info("No Docker engine: tests use an embedded PostgreSQL");
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            return new Server(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
