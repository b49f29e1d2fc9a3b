package vn.chibo.query.testing;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import vn.chibo.command.testing.TestDatabase;

/** A database of its own with the read side's migrations applied, and one connection to it: no service around it. */
public final class MigratedReadModel implements AutoCloseable {
    private final TestDatabase.Database database;
    private final SingleConnectionDataSource dataSource;
    private final JdbcClient jdbc;

    /** Migrated to the latest version. */
    public MigratedReadModel() {
        this(MigrationVersion.LATEST);
    }

    /** Migrated up to {@code version}; {@link #migrate()} takes it to the latest. */
    public MigratedReadModel(MigrationVersion version) {
        database = TestDatabase.fresh();
        migrate(version);
        dataSource = new SingleConnectionDataSource(database.url(), database.username(), database.password(), true);
        jdbc = JdbcClient.create(dataSource);
    }

    public void migrate() {
        migrate(MigrationVersion.LATEST);
    }

    private void migrate(MigrationVersion version) {
        Flyway.configure()
                .dataSource(database.url(), database.username(), database.password())
                .schemas("read_model").createSchemas(true)
                .locations("classpath:db/migration/read_model")
                .target(version)
                .load().migrate();
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** The plan PostgreSQL makes for {@code sql} with these parameters, one line a row. */
    public String plan(String sql, Object... params) {
        return String.join("\n", jdbc.sql("EXPLAIN " + sql).params(params).query(String.class).list());
    }

    @Override
    public void close() {
        dataSource.destroy();
    }
}
