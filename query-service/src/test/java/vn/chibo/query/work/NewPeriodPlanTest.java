package vn.chibo.query.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.chibo.query.testing.MigratedReadModel;

/**
 * A cell's ratings page of the period being rated, while the table's statistics were gathered before the period had a
 * row (issue 7, V13): read through the index of the period and the cell, not by filtering the whole period's ratings.
 */
class NewPeriodPlanTest {
    private static final int CELLS = 200;
    private static final int MEMBERS_PER_CELL = 25;

    @AutoClose
    private final MigratedReadModel readModel = new MigratedReadModel();
    private final JdbcClient jdbc = readModel.jdbc();

    @Test
    void the_ratings_of_a_period_the_statistics_do_not_know_are_read_by_period_and_cell() {
        rate("2024-01");
        rate("2024-02");
        jdbc.sql("ANALYZE read_model.rating").update();
        // the next month's sheets come in after the table was analysed
        rate("2024-03");
        UUID cell = jdbc.sql("SELECT md5('cell 7')::uuid").query(UUID.class).single();

        String plan = readModel.plan(WorkQueries.CELL_RATINGS, cell, "2024-03");
        List<UUID> rated = jdbc.sql(WorkQueries.CELL_RATINGS).params(cell, "2024-03").query((row, n) -> row.getObject(1, UUID.class)).list();

        assertThat(plan).as("the plan of the page").contains("rating_period_cell").doesNotContain("rating_pkey");
        assertThat(rated).hasSize(MEMBERS_PER_CELL).doesNotHaveDuplicates();
        assertThat(periodStatistics(jdbc)).as("statistics of the period column").isZero();
    }

    @Test
    void the_statistics_of_the_period_gathered_before_the_migration_are_dropped() {
        try (MigratedReadModel before = new MigratedReadModel(MigrationVersion.fromVersion("12"))) {
            rate(before.jdbc(), "2024-01");
            before.jdbc().sql("ANALYZE read_model.rating").update();
            assertThat(periodStatistics(before.jdbc())).as("before V13").isOne();

            before.migrate();

            assertThat(periodStatistics(before.jdbc())).as("after V13").isZero();
            before.jdbc().sql("ANALYZE read_model.rating").update();
            assertThat(periodStatistics(before.jdbc())).as("analysed after V13").isZero();
        }
    }

    private static long periodStatistics(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM pg_stats WHERE schemaname = 'read_model' AND tablename = 'rating' AND attname = 'period'")
                .query(Long.class).single();
    }

    private void rate(String period) {
        rate(jdbc, period);
    }

    /** Every member of every cell rated for {@code period}, as a month's sheets leave the table. */
    private static void rate(JdbcClient jdbc, String period) {
        jdbc.sql("""
                INSERT INTO read_model.rating (member_id, period, kind, year, cell_id, rating, rule_set_version, last_seq,
                    rated_seq, rated_rating, rated_at)
                SELECT md5('member ' || m)::uuid, ?, 'MONTH', 2024, md5('cell ' || (m / ?))::uuid,
                       CASE WHEN m % 7 = 0 THEN 'EXCELLENT' ELSE 'GOOD' END, 1, 1, 1, 'GOOD', now()
                FROM generate_series(0, ? - 1) m""")
                .params(period, MEMBERS_PER_CELL, CELLS * MEMBERS_PER_CELL).update();
    }
}
