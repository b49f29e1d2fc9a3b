package vn.chibo.query.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * A batch's writes, kept until the projection reads or the batch commits, then sent together: each run of the same
 * statement on a table as one JDBC batch (a cell's sheet of 25 ratings: one round trip instead of 25, issue 7).
 * Writes to one table keep their order; writes to different tables may be sent in another order, so a write kept
 * here must read no table but its own.
 */
final class BatchedWrites {
    private static final Pattern TABLE = Pattern.compile(
            "^\\s*(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+([\\w.]+)", Pattern.CASE_INSENSITIVE);

    private record Write(String sql, Object[] params) {
    }

    /** Each statement's table, found once (projections send the same few statements for every event). */
    private static final Map<String, String> TABLES = new ConcurrentHashMap<>();

    private final Map<String, List<Write>> byTable = new LinkedHashMap<>();

    /** The table a write changes: INSERT INTO, UPDATE or DELETE FROM it, nothing else. */
    static String table(String sql) {
        return TABLES.computeIfAbsent(sql, BatchedWrites::parseTable);
    }

    private static String parseTable(String sql) {
        Matcher matcher = TABLE.matcher(sql);
        if (!matcher.find()) {
            throw new IllegalArgumentException("Not a write to one table: " + sql);
        }
        return matcher.group(1).toLowerCase();
    }

    /** Keeps a write; {@code params} is kept as given (a varargs array of its own). */
    void add(String sql, Object[] params) {
        byTable.computeIfAbsent(table(sql), table -> new ArrayList<>()).add(new Write(sql, params));
    }

    boolean isEmpty() {
        return byTable.isEmpty();
    }

    /** Sends every write kept, table by table in the order they were first written to, and forgets them. */
    void flush(Connection connection) throws SQLException {
        try {
            for (List<Write> writes : byTable.values()) {
                int start = 0;
                while (start < writes.size()) {
                    int end = start + 1;
                    while (end < writes.size() && writes.get(end).sql().equals(writes.get(start).sql())) {
                        end++;
                    }
                    send(connection, writes.subList(start, end));
                    start = end;
                }
            }
        } finally {
            byTable.clear();
        }
    }

    private static void send(Connection connection, List<Write> run) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(run.get(0).sql())) {
            for (Write write : run) {
                for (int i = 0; i < write.params().length; i++) {
                    StatementCreatorUtils.setParameterValue(statement, i + 1, SqlTypeValue.TYPE_UNKNOWN, write.params()[i]);
                }
                if (run.size() == 1) {
                    statement.executeUpdate();
                    return;
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
