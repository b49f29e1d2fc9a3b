package vn.chibo.query.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.chibo.query.testing.MigratedReadModel;


/**
 * A deployment that already holds ratings keeps every line of its members' rating histories when V4 moves each
 * rating's first version onto the rating's own row: the rows written before V4 are migrated, not left behind.
 */
class FirstRatingMigrationTest {
    private final UUID binh = UUID.randomUUID();
    private final UUID an = UUID.randomUUID();
    private final UUID cell = UUID.randomUUID();
    private final Instant rated = Instant.parse("2026-09-05T02:00:00Z");
    private final Instant revised = Instant.parse("2026-10-06T03:30:00Z");
    /** A fresh database whose read models are as V3 left them. */
    @AutoClose
    private final MigratedReadModel readModel = new MigratedReadModel(MigrationVersion.fromVersion("3"));
    private final JdbcClient jdbc = readModel.jdbc();

    @Test
    void each_first_rating_moves_onto_its_row_and_the_revisions_stay() {
        rating(binh, "2026-09", "EXCELLENT", 92, 1, 3);
        rating(binh, "2026-10", "GOOD", 81, 0, 2);
        history(binh, 1, "2026-09", "RATED", "GOOD", 80, null, null, null, "cb-tanphuoc-1", rated);
        history(binh, 2, "2026-10", "RATED", "GOOD", 81, null, null, null, "cb-tanphuoc-1", rated.plusSeconds(60));
        history(binh, 3, "2026-09", "REVISED", "EXCELLENT", 92, "GOOD", 80, "Bổ sung thành tích", "cb-tanphuoc-2", revised);
        // another member, the same period and sequence number: each row must take its own member's history
        rating(an, "2026-09", "COMPLETED", null, 0, 1);
        history(an, 1, "2026-09", "RATED", "COMPLETED", null, null, null, null, null, rated.plusSeconds(120));

        readModel.migrate();

        assertThat(ratings(binh)).containsExactly(
                "(2026-09,1,GOOD,80,cb-tanphuoc-1,\"05/09/2026 09:00\",EXCELLENT,92,1,3)",
                "(2026-10,2,GOOD,81,cb-tanphuoc-1,\"05/09/2026 09:01\",GOOD,81,0,2)");
        assertThat(ratings(an)).containsExactly("(2026-09,1,COMPLETED,,,\"05/09/2026 09:02\",COMPLETED,,0,1)");
        assertThat(jdbc.sql("""
                        SELECT (member_id = ?, seq, period, rating, score, previous_rating, previous_score, reason, actor,
                            to_char(recorded_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI'))::text
                        FROM read_model.rating_revision ORDER BY member_id, seq""")
                .param(binh).query(String.class).list())
                .containsExactly("(t,3,2026-09,EXCELLENT,92,GOOD,80,\"Bổ sung thành tích\",cb-tanphuoc-2,\"06/10/2026 10:30\")");
        assertThat(jdbc.sql("SELECT to_regclass('read_model.rating_history') IS NULL").query(Boolean.class).single()).isTrue();
    }

    @Test
    void a_first_rating_without_its_rating_row_stops_the_migration_instead_of_being_lost() {
        history(binh, 1, "2026-09", "RATED", "GOOD", 80, null, null, null, "cb-tanphuoc-1", rated);

        assertThatThrownBy(() -> readModel.migrate())
                .hasStackTraceContaining("rebuild the read models from the log");
        assertThat(jdbc.sql("SELECT count(*) FROM read_model.rating_history WHERE change = 'RATED'").query(Long.class).single())
                .isOne();
    }

    /** A member's rating rows, each as PostgreSQL writes a row (an empty field is a NULL). */
    private List<String> ratings(UUID member) {
        return jdbc.sql("""
                        SELECT (period, rated_seq, rated_rating, rated_score, rated_by,
                            to_char(rated_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI'), rating, score, revisions,
                            last_seq)::text
                        FROM read_model.rating WHERE member_id = ? ORDER BY period""")
                .param(member).query(String.class).list();
    }

    private void rating(UUID member, String period, String rating, Integer score, int revisions, long lastSeq) {
        jdbc.sql("""
                        INSERT INTO read_model.rating (member_id, period, kind, year, cell_id, rating, score, revisions,
                            rule_set_version, last_seq)
                        VALUES (?, ?, 'MONTH', 2026, ?, ?, ?, ?, 1, ?)""")
                .params(Arrays.asList(member, period, cell, rating, score, revisions, lastSeq)).update();
    }

    private void history(UUID member, long seq, String period, String change, String rating, Integer score,
                         String previousRating, Integer previousScore, String reason, String actor, Instant at) {
        jdbc.sql("""
                        INSERT INTO read_model.rating_history (member_id, seq, period, change, rating, score, previous_rating,
                            previous_score, reason, actor, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Arrays.asList(member, seq, period, change, rating, score, previousRating, previousScore,
                        reason, actor, Timestamp.from(at))).update();
    }
}
