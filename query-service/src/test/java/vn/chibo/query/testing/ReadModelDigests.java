package vn.chibo.query.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every read model table of {@code read_model}, each as its row count and a digest of its rows in a stable order: two
 * digests are equal when the tables hold the same rows (a replay against the read models projected live).
 */
public final class ReadModelDigests {
    /** Tables of the read side that are not read models. */
    private static final List<String> NOT_READ_MODELS = List.of("token_entry", "dead_letter_entry", "flyway_schema_history");

    private ReadModelDigests() {
    }

    public static Map<String, String> of(Connection db) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'read_model'")) {
            while (rows.next()) {
                if (!NOT_READ_MODELS.contains(rows.getString(1))) {
                    tables.add(rows.getString(1));
                }
            }
        }
        Map<String, String> digests = new TreeMap<>();
        for (String table : tables) {
            try (Statement statement = db.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, '|' "
                         + "ORDER BY t::text), '')) FROM read_model." + table + " t")) {
                rows.next();
                digests.put(table, rows.getString(1));
            }
        }
        assertThat(digests).containsKeys("member", "rating", "task", "meeting", "cell_month", "org_unit", "dash_task");
        return digests;
    }
}
