package vn.chibo.query.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import vn.chibo.command.testing.TestDatabase;

/**
 * The indexes a replay builds at its end: each listed one is a secondary index of the read models, dropped with its
 * statement kept, and built again as it was, at the replay's end or, when the replay was cut short, at the service's
 * next start (the Flyway callback).
 */
class DeferredIndexesTest {
    private TestDatabase.Database database;
    private SingleConnectionDataSource dataSource;
    private JdbcClient jdbc;
    private DeferredIndexes deferred;

    @BeforeEach
    void migrated() {
        database = TestDatabase.fresh();
        migrate();
        dataSource = new SingleConnectionDataSource(database.url(), database.username(), database.password(), true);
        jdbc = JdbcClient.create(dataSource);
        deferred = new DeferredIndexes(jdbc, new SpringTransactionManager(new DataSourceTransactionManager(dataSource)));
    }

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    /** What the query-service does when it starts. */
    private void migrate() {
        Flyway.configure()
                .dataSource(database.url(), database.username(), database.password())
                .schemas("read_model").createSchemas(true)
                .locations("classpath:db/migration/read_model")
                .load().migrate();
    }

    private List<String> listed() {
        return jdbc.sql("SELECT index_name FROM read_model.rebuild_deferred_index ORDER BY index_name").query(String.class).list();
    }

    /** Each listed index that exists, by name, as PostgreSQL would create it. */
    private Map<String, String> indexes() {
        Map<String, String> indexes = new TreeMap<>();
        jdbc.sql("""
                        SELECT i.indexname, i.indexdef FROM pg_indexes i
                        JOIN read_model.rebuild_deferred_index d ON d.index_name = i.indexname
                        WHERE i.schemaname = 'read_model'""")
                .query((row, n) -> indexes.put(row.getString(1), row.getString(2))).list();
        return indexes;
    }

    private List<String> definitionsKept() {
        return jdbc.sql("SELECT definition FROM read_model.rebuild_deferred_index WHERE definition IS NOT NULL ORDER BY index_name")
                .query(String.class).list();
    }

    @Test
    void every_index_listed_is_a_secondary_index_of_the_read_models() {
        assertThat(listed()).containsExactly("dash_task_done_on", "dash_task_open_due",
                "notebook_result_member", "rating_member", "rating_period_cell", "task_cell_status", "task_member");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM read_model.rebuild_deferred_index d
                        JOIN pg_class c ON c.relname = d.index_name AND c.relnamespace = 'read_model'::regnamespace
                        JOIN pg_index i ON i.indexrelid = c.oid
                        WHERE NOT i.indisunique AND NOT i.indisprimary""").query(Long.class).single())
                .as("no unique index: dropping one would let a duplicate in").isEqualTo(7L);
    }

    @Test
    void the_indexes_are_dropped_with_their_statements_kept_and_built_again_as_they_were() {
        Map<String, String> before = indexes();
        assertThat(before).hasSize(7);
        assertThat(definitionsKept()).isEmpty();

        List<DeferredIndexes.Dropped> dropped = deferred.drop();

        assertThat(dropped).extracting(DeferredIndexes.Dropped::name).containsExactlyInAnyOrderElementsOf(before.keySet());
        assertThat(indexes()).isEmpty();
        assertThat(definitionsKept()).hasSize(7)
                .allSatisfy(statement -> assertThat(statement).matches("CREATE INDEX \\w+ ON read_model\\.\\w+ USING btree .*"));
        assertThat(deferred.drop()).as("dropped already").isEmpty();
        jdbc.sql("INSERT INTO read_model.notebook_result (check_id, member_id, cell_id, checked_on, ok) "
                + "VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), DATE '2026-11-20', TRUE)").update();

        assertThat(deferred.build()).isEqualTo(7);

        assertThat(indexes()).isEqualTo(before);
        assertThat(definitionsKept()).isEmpty();
        assertThat(deferred.build()).as("nothing left to build").isZero();
    }

    @Test
    void an_index_whose_build_fails_stays_dropped_with_its_statement_and_the_others_are_built() {
        Map<String, String> before = indexes();
        deferred.drop();
        String statement = jdbc.sql("SELECT definition FROM read_model.rebuild_deferred_index WHERE index_name = 'task_member'")
                .query(String.class).single();
        jdbc.sql("UPDATE read_model.rebuild_deferred_index SET definition = ? WHERE index_name = 'task_member'")
                .param(statement.replace("read_model.task ", "read_model.no_such_table ")).update();

        assertThat(deferred.build()).isEqualTo(6);

        assertThat(deferred.pending()).isOne();
        Map<String, String> allButOne = new TreeMap<>(before);
        allButOne.remove("task_member");
        assertThat(indexes()).isEqualTo(allButOne);
        jdbc.sql("UPDATE read_model.rebuild_deferred_index SET definition = ? WHERE index_name = 'task_member'")
                .param(statement).update();

        assertThat(deferred.build()).as("tried again").isOne();
        assertThat(deferred.pending()).isZero();
        assertThat(indexes()).isEqualTo(before);
    }

    @Test
    void a_replay_cut_short_has_its_indexes_built_at_the_next_start() {
        Map<String, String> before = indexes();
        deferred.drop();
        assertThat(indexes()).isEmpty();

        migrate();

        assertThat(indexes()).isEqualTo(before);
        assertThat(definitionsKept()).isEmpty();
    }
}
