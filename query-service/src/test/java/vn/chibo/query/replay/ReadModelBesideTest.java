package vn.chibo.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import vn.chibo.command.testing.TestDatabase;

/**
 * The read models a replay builds beside the served ones: the same tables, columns, checks, keys, indexes (by name),
 * storage settings and statistics targets, the tokens' rows; the indexes no projection's write reads built at the end; one swap that
 * serves the new tables under the old names, and drops the old ones.
 */
class ReadModelBesideTest {
    private static final String NEXT = ReadModelBeside.NEXT;
    private static final String SELF = "4242@this-node";
    private static final List<String> DEFERRED = List.of("dash_task_done_on", "dash_task_open_due",
            "notebook_result_member", "rating_member", "rating_period_cell", "task_cell_status", "task_member");

    private TestDatabase.Database database;
    /** A connection per use: the indexes and analyses at the end run on two at once. */
    private DriverManagerDataSource dataSource;
    private JdbcClient jdbc;
    private ReadModelBeside beside;

    @BeforeEach
    void migrated() {
        database = TestDatabase.fresh();
        Flyway.configure()
                .dataSource(database.url(), database.username(), database.password())
                .schemas("read_model").createSchemas(true)
                .locations("classpath:db/migration/read_model")
                .load().migrate();
        dataSource = new DriverManagerDataSource(database.url(), database.username(), database.password());
        jdbc = JdbcClient.create(dataSource);
        beside = new ReadModelBeside(jdbc, dataSource, new SpringTransactionManager(new DataSourceTransactionManager(dataSource)), SELF);
    }

    @Test
    void every_index_built_at_the_end_is_a_secondary_index_of_the_read_models() {
        assertThat(jdbc.sql("SELECT index_name FROM read_model.rebuild_deferred_index ORDER BY index_name")
                .query(String.class).list()).containsExactlyElementsOf(DEFERRED);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM read_model.rebuild_deferred_index d
                        JOIN pg_class c ON c.relname = d.index_name AND c.relnamespace = 'read_model'::regnamespace
                        JOIN pg_index i ON i.indexrelid = c.oid
                        WHERE NOT i.indisunique AND NOT i.indisprimary""").query(Long.class).single())
                .as("no unique index: without it, a duplicate would get in until the end").isEqualTo(7L);
    }

    @Test
    void the_tables_beside_are_the_served_ones_empty_without_the_indexes_built_at_the_end_until_the_end() {
        jdbc.sql("INSERT INTO read_model.token_entry (processor_name, segment, owner, timestamp) VALUES ('work', 0, 'node-1', 'now')")
                .update();
        jdbc.sql("INSERT INTO read_model.notebook_result (check_id, member_id, cell_id, checked_on, ok) "
                + "VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), DATE '2026-11-20', TRUE)").update();
        Map<String, String> served = shape("read_model");
        assertThat(served).containsKeys("table task", "table token_entry", "table dead_letter_entry",
                "index task_member", "constraint rating_pkey", "options meeting");
        assertThat(served.get("options meeting")).isEqualTo("fillfactor=50");
        assertThat(served.get("table rating")).contains("period character varying(10) not null statistics 0");

        beside.prepare();

        Map<String, String> allButDeferred = new TreeMap<>(served);
        DEFERRED.forEach(name -> allButDeferred.remove("index " + name));
        assertThat(shape(NEXT)).isEqualTo(withoutAutovacuum(allButDeferred));
        assertThat(beside.deferredToBuild()).isEqualTo(7);
        assertThat(count(NEXT + ".notebook_result")).isZero();
        assertThat(jdbc.sql("SELECT processor_name || '/' || segment || '/' || coalesce(owner, '-') FROM " + NEXT + ".token_entry")
                .query(String.class).list()).as("the segments, unclaimed").containsExactly("work/0/-");

        beside.finish(() -> false);

        assertThat(shape(NEXT)).isEqualTo(withoutAutovacuum(served));
        assertThat(shape(NEXT).get("options meeting")).isEqualTo("fillfactor=50,autovacuum_enabled=false");
        assertThat(beside.deferredToBuild()).isZero();
        // never analysed (nor vacuumed) is -1; analysed, an empty table counts 0 rows
        assertThat(jdbc.sql("SELECT relname FROM pg_class WHERE relnamespace = ?::regnamespace AND relkind = 'r' AND reltuples < 0")
                .param(NEXT).query(String.class).list()).as("tables left without statistics").isEmpty();
    }

    @Test
    void a_finish_told_the_service_stops_begins_no_table_and_says_so() {
        beside.prepare();

        assertThatThrownBy(() -> beside.finish(() -> true)).hasMessageContaining("The service stops");

        assertThat(beside.deferredToBuild()).isEqualTo(7);
        assertThat(jdbc.sql("SELECT count(*) FROM pg_class WHERE relnamespace = ?::regnamespace AND relkind = 'r' AND reltuples >= 0")
                .param(NEXT).query(Long.class).single()).as("tables analysed").isZero();
    }

    @Test
    void a_table_that_cannot_be_finished_fails_the_finish_with_its_cause() {
        beside.prepare();
        jdbc.sql("ALTER TABLE " + NEXT + ".task DROP COLUMN member_id").update();

        assertThatThrownBy(() -> beside.finish(() -> false)).hasStackTraceContaining("member_id");

        assertThat(beside.deferredToBuild()).as("task_member not built").isPositive();
    }

    @Test
    void the_swap_serves_the_tables_built_beside_under_the_same_names_and_drops_the_old_ones() {
        jdbc.sql("INSERT INTO read_model.rule_set (version, effective_from, rules, meeting_score) VALUES (2, DATE '2026-01-01', '{}', '{}')")
                .update();
        // a served table's own autovacuum settings come back with it, not the defaults
        jdbc.sql("ALTER TABLE read_model.task SET (autovacuum_enabled = false, autovacuum_vacuum_scale_factor = 0.01)").update();
        Map<String, String> served = shape("read_model");
        assertThat(served.get("options task")).isEqualTo("autovacuum_enabled=false,autovacuum_vacuum_scale_factor=0.01");
        Map<String, Long> oidsBefore = oids();
        beside.prepare();
        jdbc.sql("INSERT INTO " + NEXT + ".rule_set (version, effective_from, rules, meeting_score) "
                + "VALUES (1, DATE '2025-07-01', '{}', '{}'), (2, DATE '2026-01-01', '{}', '{}')").update();
        beside.finish(() -> false);
        assertThat(jdbc.sql("SELECT count(*) FROM pg_stats WHERE schemaname = ? AND tablename = 'rule_set'").param(NEXT)
                .query(Long.class).single()).as("the statistics of a filled table, for the pages' plans").isPositive();

        beside.swap(() -> false);
        assertThat(schemas()).as("the old tables, until dropped apart").contains("read_model_old");
        beside.dropOld();

        assertThat(shape("read_model")).isEqualTo(served);
        assertThat(jdbc.sql("SELECT effective_from::text FROM read_model.rule_set ORDER BY 1").query(String.class).list())
                .containsExactly("2025-07-01", "2026-01-01");
        Map<String, Long> oidsAfter = oids();
        assertThat(oidsAfter.keySet()).isEqualTo(oidsBefore.keySet());
        oidsAfter.forEach((table, oid) -> assertThat(oid).as(table + ": a new table").isNotEqualTo(oidsBefore.get(table)));
        assertThat(schemas()).as("the tables beside moved in, the old ones dropped").doesNotContain(NEXT, "read_model_old");
        assertThat(jdbc.sql("SELECT count(*) FROM read_model.flyway_schema_history").query(Long.class).single())
                .as("Flyway's history stays").isPositive();
    }

    @Test
    void a_swap_after_the_served_tables_changed_is_refused_and_changes_nothing() {
        beside.prepare();
        beside.finish(() -> false);
        jdbc.sql("CREATE TABLE read_model.made_meanwhile (id INT)").update();
        Map<String, Long> oidsBefore = oids();

        assertThatThrownBy(() -> beside.swap(() -> false)).hasMessageContaining("changed during the replay");

        assertThat(oids()).isEqualTo(oidsBefore);
        beside.discard();
        assertThat(schemas()).doesNotContain(NEXT);
    }

    @Test
    void a_query_that_holds_a_served_table_longer_than_the_swap_waits_makes_it_try_again_and_then_give_up_unchanged()
            throws Exception {
        ReadModelBeside patient = new ReadModelBeside(jdbc, dataSource,
                new SpringTransactionManager(new DataSourceTransactionManager(dataSource)), SELF, Duration.ofMillis(100),
                Duration.ofSeconds(1));
        patient.prepare();
        patient.finish(() -> false);
        Map<String, Long> oidsBefore = oids();
        try (Connection export = DriverManager.getConnection(database.url(), database.username(), database.password())) {
            export.setAutoCommit(false);
            export.createStatement().execute("SELECT count(*) FROM read_model.task");

            // each try waits 100 ms for the lock, well within the patience of a second: it tried again
            assertThatThrownBy(() -> patient.swap(() -> false)).hasMessageContaining("could not be swapped")
                    .hasMessageMatching("(?s).*\\(([2-9]|\\d{2,}) tries\\).*");

            assertThat(oids()).isEqualTo(oidsBefore);
            assertThat(schemas()).as("built beside, still there").contains(NEXT);
            export.commit();
        }

        patient.swap(() -> false);

        assertThat(oids().get("task")).isNotEqualTo(oidsBefore.get("task"));
    }

    /**
     * An autovacuum of a served table holds it for as long as its vacuum takes (here minutes: a cost delay on every
     * page), and PostgreSQL cancels one only for a lock waited on past {@code deadlock_timeout}: tries of 100 ms would
     * give up at the end of the patience. The autovacuum launcher is made to look every second while the test runs
     * (a setting of the whole server, reset after it: so not on a server of {@code CHIBO_TEST_DB_URL}). The worker is
     * also looked for as a role that is not shown its {@code backend_type}, as a service's own role may not be.
     */
    @Test
    void an_autovacuum_that_holds_a_served_table_is_cancelled_by_a_try_that_waits_past_the_deadlock_timeout()
            throws Exception {
        Assumptions.assumeTrue(System.getenv("CHIBO_TEST_DB_URL") == null,
                "the autovacuum launcher's setting is the whole server's: not changed on a server of CHIBO_TEST_DB_URL");
        Assumptions.assumeTrue(jdbc.sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").query(Boolean.class).single(),
                "the test's database user must be able to make the autovacuum launcher look every second");
        ReadModelBeside patient = new ReadModelBeside(jdbc, dataSource,
                new SpringTransactionManager(new DataSourceTransactionManager(dataSource)), SELF, Duration.ofMillis(100),
                Duration.ofSeconds(10));
        jdbc.sql("""
                CREATE TABLE read_model.vacuumed (id INT PRIMARY KEY, filler TEXT) WITH (autovacuum_vacuum_threshold = 0,
                    autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_cost_delay = 100, autovacuum_vacuum_cost_limit = 1)""")
                .update();
        jdbc.sql("INSERT INTO read_model.vacuumed SELECT i, repeat('x', 200) FROM generate_series(1, 20000) i").update();
        jdbc.sql("DELETE FROM read_model.vacuumed").update();
        patient.prepare();
        patient.finish(() -> false);
        Map<String, Long> oidsBefore = oids();
        try {
            jdbc.sql("ALTER SYSTEM SET autovacuum_naptime = 1").update();
            jdbc.sql("SELECT pg_reload_conf()").query().singleRow();
            long lookUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!autovacuumOn("read_model.vacuumed") && System.nanoTime() < lookUntil) {
                Thread.sleep(100);
            }
            assertThat(autovacuumOn("read_model.vacuumed")).as("an autovacuum of the served table under way").isTrue();
            assertThat(vacuumsSeenByAnUnprivilegedRole()).contains("read_model.vacuumed");

            patient.swap(() -> false);
        } finally {
            jdbc.sql("ALTER SYSTEM RESET autovacuum_naptime").update();
            jdbc.sql("SELECT pg_reload_conf()").query().singleRow();
        }

        // within the patience, where the vacuum would have taken minutes
        assertThat(oids().get("vacuumed")).as("swapped").isNotEqualTo(oidsBefore.get("vacuumed"));
        patient.dropOld();
        assertThat(schemas()).doesNotContain("read_model_old");
    }

    /** What {@link ReadModelBeside#vacuumsHolding()} finds as a role not shown the workers' {@code backend_type}. */
    private List<String> vacuumsSeenByAnUnprivilegedRole() throws Exception {
        String role = "chibo_test_unprivileged";
        jdbc.sql("DROP ROLE IF EXISTS " + role).update();
        jdbc.sql("CREATE ROLE " + role + " NOLOGIN").update();
        try (Connection connection = DriverManager.getConnection(database.url(), database.username(), database.password())) {
            connection.createStatement().execute("SET ROLE " + role);
            SingleConnectionDataSource unprivileged = new SingleConnectionDataSource(connection, true);
            JdbcClient asRole = JdbcClient.create(unprivileged);
            assertThat(asRole.sql("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")
                    .query(Long.class).single()).as("no worker shown as one to this role").isZero();
            return new ReadModelBeside(asRole, unprivileged,
                    new SpringTransactionManager(new DataSourceTransactionManager(unprivileged)), SELF).vacuumsHolding()
                    .stream().map(vacuumed -> vacuumed.schema() + "." + vacuumed.table()).toList();
        } finally {
            jdbc.sql("DROP ROLE " + role).update();
        }
    }

    private boolean autovacuumOn(String table) {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' "
                + "AND datname = current_database() AND query LIKE ?").param("%" + table + "%").query(Long.class).single() > 0;
    }

    @Test
    void a_claim_of_another_instance_on_a_projection_is_seen_and_refuses_the_swap() {
        jdbc.sql("INSERT INTO read_model.token_entry (processor_name, segment, owner) VALUES ('work', 0, ?), ('dashboard', 0, NULL)")
                .param(SELF).update();
        assertThat(beside.projectedElsewhere()).as("its own claims, and none").isFalse();
        beside.prepare();
        beside.finish(() -> false);
        jdbc.sql("UPDATE read_model.token_entry SET owner = '777@another-node' WHERE processor_name = 'dashboard'").update();
        assertThat(beside.projectedElsewhere()).isTrue();
        Map<String, Long> oidsBefore = oids();

        assertThatThrownBy(() -> beside.swap(() -> false)).hasMessageContaining("Another instance");

        assertThat(oids()).isEqualTo(oidsBefore);
    }

    @Test
    void a_read_side_with_what_the_clone_cannot_copy_is_refused_before_anything_is_built() {
        jdbc.sql("CREATE SEQUENCE read_model.made_by_a_migration").update();

        assertThatThrownBy(beside::prepare).hasMessageContaining("made_by_a_migration (S)");

        assertThat(schemas()).doesNotContain(NEXT);
    }

    @Test
    void one_instance_at_a_time_holds_the_lease_and_a_start_leaves_what_the_holder_builds() {
        DriverManagerDataSource connections = new DriverManagerDataSource(database.url(), database.username(), database.password());
        SpringTransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(connections));
        ReadModelBeside one = new ReadModelBeside(JdbcClient.create(connections), connections, transactions, "1@one");
        ReadModelBeside other = new ReadModelBeside(JdbcClient.create(connections), connections, transactions, "2@other");

        assertThat(one.lease()).isTrue();
        try {
            one.prepare();
            assertThat(other.lease()).as("held by the first").isFalse();
            other.discardUnlessLeased();
            assertThat(schemas()).as("what the holder builds stays").contains(NEXT);
        } finally {
            one.unlease();
        }
        other.discardUnlessLeased();
        assertThat(schemas()).doesNotContain(NEXT);
        assertThat(other.lease()).as("given back").isTrue();
        other.unlease();
    }

    /**
     * A shape with every table's autovacuum off, as the tables beside are until the swap: the setting goes last, as
     * PostgreSQL puts an option set again.
     */
    private static Map<String, String> withoutAutovacuum(Map<String, String> shape) {
        Map<String, String> off = new TreeMap<>(shape);
        shape.keySet().stream().filter(key -> key.startsWith("table ")).map(key -> "options " + key.substring("table ".length()))
                .forEach(key -> off.merge(key, "autovacuum_enabled=false", (settings, disabled) -> Stream.concat(
                        Stream.of(settings.split(",")).filter(setting -> !setting.startsWith("autovacuum_enabled=")),
                        Stream.of(disabled)).collect(Collectors.joining(","))));
        return off;
    }

    /** Every table's columns (statistics targets too), every constraint, index and storage setting of a schema, its name left out. */
    private Map<String, String> shape(String schema) {
        Map<String, String> shape = new TreeMap<>();
        jdbc.sql("""
                        SELECT c.relname, string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                               || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                               || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
                               || CASE WHEN a.attstattarget >= 0 THEN ' statistics ' || a.attstattarget ELSE '' END, ', ' ORDER BY a.attnum),
                               array_to_string(c.reloptions, ',')
                          FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                          LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
                         WHERE c.relnamespace = ?::regnamespace AND c.relkind = 'r'
                           AND c.relname NOT IN ('flyway_schema_history', 'rebuild_deferred_index')
                         GROUP BY c.relname, c.reloptions""")
                .param(schema).query((row, n) -> {
                    shape.put("table " + row.getString(1), row.getString(2));
                    if (row.getString(3) != null && !row.getString(3).isEmpty()) {
                        shape.put("options " + row.getString(1), row.getString(3));
                    }
                    return null;
                }).list();
        jdbc.sql("""
                        SELECT conname, conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint
                         WHERE connamespace = ?::regnamespace
                           AND conrelid::regclass::text NOT LIKE '%flyway_schema_history' AND conrelid::regclass::text NOT LIKE '%rebuild_deferred_index'""")
                .param(schema).query((row, n) -> shape.put("constraint " + row.getString(1),
                        row.getString(2).replaceFirst("^.*\\.", "") + " " + row.getString(3))).list();
        jdbc.sql("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = ? AND tablename NOT IN ('flyway_schema_history', 'rebuild_deferred_index')")
                .param(schema).query((row, n) -> shape.put("index " + row.getString(1),
                        row.getString(2).replace(" ON " + schema + ".", " ON "))).list();
        return shape;
    }

    private Map<String, Long> oids() {
        Map<String, Long> oids = new TreeMap<>();
        jdbc.sql("SELECT relname, oid::bigint FROM pg_class WHERE relnamespace = 'read_model'::regnamespace AND relkind = 'r' "
                        + "AND relname NOT IN ('flyway_schema_history', 'rebuild_deferred_index')")
                .query((row, n) -> oids.put(row.getString(1), row.getLong(2))).list();
        return oids;
    }

    private List<String> schemas() {
        return jdbc.sql("SELECT nspname FROM pg_namespace").query(String.class).list();
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
