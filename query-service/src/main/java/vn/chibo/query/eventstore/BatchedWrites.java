package vn.chibo.query.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * A batch's writes, kept until the projection reads or the batch commits, then sent together: the same statement
 * for many rows as one JDBC batch (a cell's sheet of 25 ratings: one round trip instead of 25, issue 7). Writes to
 * different tables may be sent in another order, so a write kept here must read no table but its own. Within a table,
 * a write that names the rows it changes ({@code row}: a task's id, a member and period) keeps its place only among
 * the writes of those rows, so a batch that assigns and completes tasks in turn sends its inserts as one batch and its
 * updates as another (it was one round trip per write: most of a replay's time in PostgreSQL). A write that names no
 * rows keeps its place among all the table's writes. A long run of one INSERT goes as a COPY ({@link CopyRows}).
 */
final class BatchedWrites {
    private static final Pattern TABLE = Pattern.compile(
            "^\\s*(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+([\\w.]+)", Pattern.CASE_INSENSITIVE);

    /** {@code row}: the rows it changes, or null when that is not known. */
    record Write(String sql, Object row, Object[] params) {
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

    /**
     * Keeps a write that changes only the rows named by {@code row} (null: any row): within its table, the same value
     * for every statement that changes those rows, and equal values for the same rows. {@code params} is kept as given.
     */
    void add(String sql, Object row, Object[] params) {
        byTable.computeIfAbsent(table(sql), table -> new ArrayList<>()).add(new Write(sql, row, params));
    }

    /**
     * Folds a change of {@code row} into the insert of that row still kept: when the last write kept for {@code row}
     * is {@code insert}, with no write of any row after it in its table, it becomes {@code folded} with the parameters
     * {@code amend} makes of its own, and this answers true; otherwise nothing changes and the caller keeps its own
     * write. {@code folded} must have the effect of {@code insert} followed by that write whether the row is there
     * already or not (an upsert): a task completed a few events after it was assigned is then written once, as done,
     * instead of inserted and updated (most tasks in a replay's page, issue 7).
     */
    boolean fold(Object row, String insert, String folded, UnaryOperator<Object[]> amend) {
        if (!table(folded).equals(table(insert))) {
            throw new IllegalArgumentException("A fold must write the insert's table: " + folded);
        }
        List<Write> writes = byTable.get(table(insert));
        if (row == null || writes == null) {
            return false;
        }
        for (int i = writes.size() - 1; i >= 0; i--) {
            Write write = writes.get(i);
            if (write.row() == null) {
                return false;
            }
            if (write.row().equals(row)) {
                if (!write.sql().equals(insert)) {
                    return false;
                }
                writes.set(i, new Write(folded, row, amend.apply(write.params())));
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return byTable.isEmpty();
    }

    /** Sends every write kept, table by table in the order they were first written to, and forgets them. */
    void flush(Connection connection) throws SQLException {
        try {
            for (List<Write> writes : byTable.values()) {
                send(connection, writes);
            }
        } finally {
            byTable.clear();
        }
    }

    /**
     * Sends the writes kept for {@code table} only, and forgets them; the other tables' stay kept. Enough before a
     * statement that reads no other table, since writes to different tables may go in any order.
     */
    void flush(Connection connection, String table) throws SQLException {
        List<Write> writes = byTable.remove(table);
        if (writes != null) {
            send(connection, writes);
        }
    }

    /** One table's writes, run by run. */
    private static void send(Connection connection, List<Write> writes) throws SQLException {
        for (List<Write> run : runs(writes)) {
            sendRun(connection, run);
        }
    }

    /** The runs {@link #flush} would send now, table by table (tests). */
    List<List<Write>> plan() {
        return byTable.values().stream().flatMap(writes -> runs(writes).stream()).toList();
    }

    /**
     * One table's writes as runs of one statement each, in an order with the same effect as theirs. Each write gets a
     * level: a write of named rows goes one level after the last write of the same rows; a write of any row goes after
     * every write before it, and every write after it goes after it. Writes of one level change different rows, so
     * they may go in any order: by statement. A write that repeats the statement of the write just before it, for the
     * same rows or any row, joins its run.
     */
    private static List<List<Write>> runs(List<Write> writes) {
        List<Map<String, List<Write>>> levels = new ArrayList<>();
        Map<Object, Integer> nextLevel = new HashMap<>();
        int floor = 0;
        int previousLevel = -1;
        Write previous = null;
        for (Write write : writes) {
            int level;
            if (previous != null && previous.sql().equals(write.sql()) && Objects.equals(previous.row(), write.row())) {
                level = previousLevel;
            } else if (write.row() == null) {
                level = levels.size();
            } else {
                level = Math.max(floor, nextLevel.getOrDefault(write.row(), 0));
            }
            if (write.row() == null) {
                floor = level + 1;
            } else {
                nextLevel.put(write.row(), level + 1);
            }
            while (levels.size() <= level) {
                levels.add(new LinkedHashMap<>());
            }
            levels.get(level).computeIfAbsent(write.sql(), sql -> new ArrayList<>()).add(write);
            previous = write;
            previousLevel = level;
        }
        List<List<Write>> runs = new ArrayList<>();
        levels.forEach(level -> runs.addAll(level.values()));
        return runs;
    }

    private static void sendRun(Connection connection, List<Write> run) throws SQLException {
        if (run.size() >= CopyRows.FROM_ROWS) {
            CopyRows copy = CopyRows.of(run.get(0).sql());
            if (copy != null && copy.copy(connection, run)) {
                return;
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(run.get(0).sql())) {
            for (Write write : run) {
                for (int i = 0; i < write.params().length; i++) {
                    bind(statement, i + 1, write.params()[i]);
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

    /**
     * One parameter, as Spring's {@code StatementCreatorUtils} binds a value of unknown SQL type for PostgreSQL (a
     * null as {@code Types.NULL}, a string as a string, the rest through the driver's {@code setObject}), without its
     * checks for other databases and its trace logging asked for each parameter: that was a fifth of a projection's
     * CPU in a replay (issue 7). Values of other kinds (a {@code java.util.Date}, a {@code Calendar}) go through it.
     */
    static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof UUID || value instanceof Integer || value instanceof Long
                || value instanceof Boolean || value instanceof Double || value instanceof Timestamp
                || value instanceof java.sql.Date || value instanceof LocalDate) {
            statement.setObject(index, value);
        } else {
            StatementCreatorUtils.setParameterValue(statement, index, SqlTypeValue.TYPE_UNKNOWN, value);
        }
    }
}
