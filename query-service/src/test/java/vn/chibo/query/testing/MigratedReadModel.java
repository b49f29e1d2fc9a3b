package vn.chibo.query.testing;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import vn.chibo.command.testing.TestDatabase;

/** A database of its own with the read side's migrations applied, and one connection to it: no service around it. */
public final class MigratedReadModel implements AutoCloseable {
    private final SingleConnectionDataSource dataSource;
    private final JdbcClient jdbc;

    public MigratedReadModel() {
        TestDatabase.Database database = TestDatabase.fresh();
        Flyway.configure()
                .dataSource(database.url(), database.username(), database.password())
                .schemas("read_model").createSchemas(true)
                .locations("classpath:db/migration/read_model")
                .load().migrate();
        dataSource = new SingleConnectionDataSource(database.url(), database.username(), database.password(), true);
        jdbc = JdbcClient.create(dataSource);
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
