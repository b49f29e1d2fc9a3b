package vn.chibo.query.replay;

import java.util.List;

import org.axonframework.common.transaction.TransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The read models' indexes that a replay builds once, at its end, from the whole table, instead of inserting each row's
 * key as the row comes (listed in {@code read_model.rebuild_deferred_index}, migration V8). None of them is read by a
 * projection's writes, and in a year's log their keys come in random order: 2.4 million tasks, 2.6 million ratings.
 * <p>
 * While an index is dropped its {@code CREATE INDEX} statement is kept in the same table, written in the same
 * transaction as the drop. A replay cut short leaves it there, and the next start builds the index before anything
 * else (the Flyway callback {@code beforeMigrate.sql}).
 */
final class DeferredIndexes {
    private static final Logger log = LoggerFactory.getLogger(DeferredIndexes.class);

    /** An index dropped, and the statement that builds it again. */
    record Dropped(String name, String definition) {
    }

    /** Memory for sorting an index's keys: with PostgreSQL's default of 64 MB the task indexes sort on disk. */
    private static final String SORT_MEMORY = "256MB";

    private final JdbcClient jdbc;
    private final TransactionManager transactions;

    DeferredIndexes(JdbcClient jdbc, TransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Drops every listed index that exists, keeping its statement, in one transaction: call it once the tables are
     * empty, or the rebuild's writes would still pay for them. An index that is already dropped stays so.
     */
    List<Dropped> drop() {
        return transactions.fetchInTransaction(() -> {
            // the statements name the table with its schema, whatever the search path of the connection that builds it
            jdbc.sql("SELECT set_config('search_path', 'pg_catalog', true)").query().singleRow();
            List<Dropped> dropped = jdbc.sql("""
                            UPDATE read_model.rebuild_deferred_index
                               SET definition = pg_get_indexdef(to_regclass('read_model.' || quote_ident(index_name)))
                             WHERE definition IS NULL AND to_regclass('read_model.' || quote_ident(index_name)) IS NOT NULL
                            RETURNING index_name, definition""")
                    .query((row, n) -> new Dropped(row.getString(1), row.getString(2))).list();
            for (Dropped index : dropped) {
                jdbc.sql("DROP INDEX read_model." + quoted(index.name())).update();
            }
            return dropped;
        });
    }

    /**
     * Builds every index that is dropped, each in a transaction of its own; how many it built. An index whose build
     * fails stays dropped, with its statement kept, and the others are built all the same: {@link #pending()} says
     * how many are left.
     */
    int build() {
        int built = 0;
        for (Dropped index : dropped()) {
            try {
                transactions.executeInTransaction(() -> {
                    jdbc.sql("SELECT set_config('maintenance_work_mem', '" + SORT_MEMORY + "', true)").query().singleRow();
                    jdbc.sql(index.definition().replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX IF NOT EXISTS ")).update();
                    jdbc.sql("UPDATE read_model.rebuild_deferred_index SET definition = NULL WHERE index_name = ?")
                            .param(index.name()).update();
                });
                built++;
            } catch (RuntimeException e) {
                log.warn("Building the index {} after a replay failed; it is tried again later", index.name(), e);
            }
        }
        return built;
    }

    /** How many of the listed indexes are dropped now. */
    int pending() {
        return jdbc.sql("SELECT count(*) FROM read_model.rebuild_deferred_index WHERE definition IS NOT NULL")
                .query(Integer.class).single();
    }

    private List<Dropped> dropped() {
        return jdbc.sql(
                        "SELECT index_name, definition FROM read_model.rebuild_deferred_index WHERE definition IS NOT NULL ORDER BY index_name")
                .query((row, n) -> new Dropped(row.getString(1), row.getString(2))).list();
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
