package vn.chibo.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.chibo.query.testing.MigratedReadModel;

/**
 * A committee's compliance page of the month being written, while the table's statistics were gathered before the
 * month had a row (issue 7, V14): each of the committee's cells' row of the month found by the cell and the month, not
 * by walking the province's rows of the month.
 */
class NewMonthPlanTest {
    private static final int COMMITTEES = 400;
    private static final int CELLS_PER_COMMITTEE = 20;
    private static final String ROOT = "/10000000-0000-4000-8000-000000000000/";

    @AutoClose
    private final MigratedReadModel readModel = new MigratedReadModel();
    private final JdbcClient jdbc = readModel.jdbc();

    @Test
    void a_committees_month_the_statistics_do_not_know_is_read_from_its_cells() {
        jdbc.sql("""
                INSERT INTO read_model.dash_unit (id, name, kind, parent_id, path)
                SELECT md5('committee ' || k)::uuid, 'Đảng ủy ' || k, 'COMMITTEE', NULL, ? || md5('committee ' || k)::uuid || '/'
                FROM generate_series(0, ? - 1) k""").params(ROOT, COMMITTEES).update();
        jdbc.sql("""
                INSERT INTO read_model.dash_unit (id, name, kind, parent_id, path)
                SELECT md5('cell ' || c)::uuid, 'Chi bộ ' || c, 'CELL', k.id, k.path || md5('cell ' || c)::uuid || '/'
                FROM generate_series(0, ? - 1) c JOIN read_model.dash_unit k ON k.id = md5('committee ' || (c / ?))::uuid""")
                .params(COMMITTEES * CELLS_PER_COMMITTEE, CELLS_PER_COMMITTEE).update();
        open(LocalDate.of(2024, 1, 1));
        open(LocalDate.of(2024, 2, 1));
        jdbc.sql("ANALYZE read_model.cell_month").update();
        jdbc.sql("ANALYZE read_model.dash_unit").update();
        // the next month's records come in after the table was analysed
        open(LocalDate.of(2024, 3, 1));
        String committee = ROOT + jdbc.sql("SELECT md5('committee 3')::uuid").query(UUID.class).single() + "/";
        String query = DashboardQueries.recordsQuery(true, false);

        Map<String, Object> params = Map.of("month", LocalDate.of(2024, 3, 1), "path", committee);

        String plan = String.join("\n", jdbc.sql("EXPLAIN " + query).params(params).query(String.class).list());
        List<UUID> cells = jdbc.sql(query).params(params).query((row, n) -> row.getObject(1, UUID.class)).list();

        assertThat(plan).as("the plan of the page: the committee's units first, then each one's row of the month by both columns")
                .containsPattern("Nested Loop[^\\n]*\\n\\s+->\\s+[^\\n]*on dash_unit u")
                .containsPattern("Index Cond: \\(\\((cell_id = u\\.id\\) AND \\(month = |month = [^\\n]*\\) AND \\(cell_id = u\\.id)")
                .doesNotContain("Filter: (cell_id");
        assertThat(cells).hasSize(CELLS_PER_COMMITTEE).doesNotHaveDuplicates();
        // the province's rows changed since its page was kept are read again by cell
        String[] changed = cells.subList(0, 3).stream().map(UUID::toString).toArray(String[]::new);
        assertThat(jdbc.sql(DashboardQueries.recordsQuery(false, true))
                .params(Map.of("month", LocalDate.of(2024, 3, 1), "cells", changed))
                .query((row, n) -> row.getObject(1, UUID.class)).list())
                .containsExactlyInAnyOrderElementsOf(cells.subList(0, 3));
    }

    /** Every cell's row of {@code month}. */
    private void open(LocalDate month) {
        jdbc.sql("INSERT INTO read_model.cell_month (cell_id, month, members) SELECT id, ?, 25 FROM read_model.dash_unit WHERE kind = 'CELL'")
                .param(month).update();
    }
}
