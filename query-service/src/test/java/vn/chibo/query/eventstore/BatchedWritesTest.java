package vn.chibo.query.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

import vn.chibo.command.testing.TestDatabase;
import vn.chibo.query.eventstore.BatchedWrites.Write;

/** A projection's kept writes reach PostgreSQL with the same effect as if each had been sent at once. */
class BatchedWritesTest {
    private static final TestDatabase.Database database = TestDatabase.fresh();
    private Connection connection;

    @BeforeEach
    void tables() throws SQLException {
        connection = DriverManager.getConnection(database.url(), database.username(), database.password());
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS task, history");
            statement.execute("CREATE TABLE task (id int PRIMARY KEY, status text NOT NULL, last_seq int NOT NULL)");
            statement.execute("CREATE TABLE history (id int, seq int, note text, PRIMARY KEY (id, seq))");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void writes_to_one_table_keep_their_order_and_runs_of_one_statement_go_as_one_batch() throws SQLException {
        BatchedWrites writes = new BatchedWrites();
        String insert = "INSERT INTO task (id, status, last_seq) VALUES (?, 'OPEN', ?) ON CONFLICT DO NOTHING";
        String done = "UPDATE task SET status = 'DONE', last_seq = ? WHERE id = ?";
        String history = "INSERT INTO history (id, seq, note) VALUES (?, ?, ?)";
        writes.add(insert, null, new Object[]{1, 1});
        writes.add(history, null, new Object[]{1, 1, "giao việc"});
        writes.add(insert, null, new Object[]{2, 2});
        writes.add(done, null, new Object[]{3, 1});
        writes.add(history, null, new Object[]{1, 3, null});
        writes.add(insert, null, new Object[]{1, 9});
        writes.add(done, null, new Object[]{4, 2});
        assertThat(writes.isEmpty()).isFalse();

        writes.flush(connection);

        assertThat(rows("SELECT id || ':' || status || ':' || last_seq FROM task ORDER BY id"))
                .as("each update came after its row's insert; the repeated insert changed nothing")
                .containsExactly("1:DONE:3", "2:DONE:4");
        assertThat(rows("SELECT id || ':' || seq || ':' || coalesce(note, '-') FROM history ORDER BY seq"))
                .containsExactly("1:1:giao việc", "1:3:-");
        assertThat(writes.isEmpty()).as("sent writes are forgotten").isTrue();
        writes.flush(connection);
        assertThat(rows("SELECT count(*)::text FROM history")).containsExactly("2");
    }

    @Test
    void one_tables_writes_can_go_alone_and_the_others_stay_kept() throws SQLException {
        BatchedWrites writes = new BatchedWrites();
        writes.add("INSERT INTO task (id, status, last_seq) VALUES (?, 'OPEN', ?)", 1, new Object[]{1, 1});
        writes.add("INSERT INTO history (id, seq, note) VALUES (?, ?, ?)", 1, new Object[]{1, 1, "triệu tập"});
        writes.add("UPDATE task SET status = 'DONE', last_seq = ? WHERE id = ?", 1, new Object[]{2, 1});

        writes.flush(connection, "task");

        assertThat(rows("SELECT id || ':' || status || ':' || last_seq FROM task")).containsExactly("1:DONE:2");
        assertThat(rows("SELECT count(*)::text FROM history")).as("another table's write stays kept").containsExactly("0");
        assertThat(writes.isEmpty()).isFalse();
        writes.flush(connection, "task");
        writes.flush(connection);
        assertThat(rows("SELECT id || ':' || seq || ':' || note FROM history")).containsExactly("1:1:triệu tập");
        assertThat(writes.isEmpty()).isTrue();
    }

    @Test
    void writes_that_name_their_rows_keep_their_order_only_among_those_rows_and_go_by_statement() throws SQLException {
        String insert = "INSERT INTO task (id, status, last_seq) VALUES (?, 'OPEN', ?)";
        String done = "UPDATE task SET status = 'DONE', last_seq = ? WHERE id = ?";
        String reopen = "UPDATE task SET status = 'OPEN', last_seq = ? WHERE id = ?";
        String cancelOpen = "UPDATE task SET status = 'CANCELLED' WHERE status = 'OPEN'";
        Map<String, String> names = Map.of(insert, "insert", done, "done", reopen, "reopen", cancelOpen, "cancel-open");
        BatchedWrites writes = new BatchedWrites();
        // tasks assigned and completed in turn, as 32 clients send them
        writes.add(insert, 1, new Object[]{1, 1});
        writes.add(done, 1, new Object[]{2, 1});
        writes.add(insert, 2, new Object[]{2, 3});
        writes.add(done, 2, new Object[]{4, 2});
        writes.add(reopen, 1, new Object[]{5, 1});
        writes.add(insert, 3, new Object[]{3, 6});
        // a write of any row: everything before it goes first, everything after it after it
        writes.add(cancelOpen, null, new Object[0]);
        writes.add(insert, 4, new Object[]{4, 7});
        writes.add(done, 1, new Object[]{8, 1});
        writes.add(done, 1, new Object[]{9, 1});
        writes.add(done, 4, new Object[]{10, 4});

        assertThat(writes.plan().stream().map(run -> names.get(run.get(0).sql()) + " "
                + run.stream().map(write -> String.valueOf(write.row())).collect(Collectors.joining(","))))
                .containsExactly("insert 1,2,3", "done 1,2", "reopen 1", "cancel-open null", "insert 4", "done 1,1", "done 4");

        writes.flush(connection);

        assertThat(rows("SELECT id || ':' || status || ':' || last_seq FROM task ORDER BY id"))
                .as("the same rows as each write sent at once, in the order written")
                .containsExactly("1:DONE:9", "2:DONE:4", "3:CANCELLED:6", "4:DONE:10");
    }

    private static final String ASSIGN = "INSERT INTO task (id, status, last_seq) VALUES (?, 'OPEN', ?) ON CONFLICT DO NOTHING";
    private static final String ASSIGN_DONE = "INSERT INTO task (id, status, last_seq) VALUES (?, 'DONE', ?) "
            + "ON CONFLICT (id) DO UPDATE SET status = 'DONE', last_seq = EXCLUDED.last_seq WHERE task.last_seq < EXCLUDED.last_seq";
    private static final String DONE = "UPDATE task SET status = 'DONE', last_seq = ? WHERE id = ? AND last_seq < ?";

    /** A completion as a projection writes it: folded into its task's kept insert, or an update of its own. */
    private static void complete(BatchedWrites writes, int task, int seq) {
        if (!writes.fold(task, ASSIGN, ASSIGN_DONE, params -> new Object[]{params[0], seq})) {
            writes.add(DONE, task, new Object[]{seq, task, seq});
        }
    }

    @Test
    void a_change_folded_into_its_rows_kept_insert_is_written_once_with_the_effect_of_both() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO task (id, status, last_seq) VALUES (3, 'OPEN', 1), (4, 'DONE', 9)");
        }
        Map<String, String> names = Map.of(ASSIGN, "assign", ASSIGN_DONE, "assign-done", DONE, "done",
                "DELETE FROM task WHERE status = 'CANCELLED'", "purge");
        BatchedWrites writes = new BatchedWrites();
        for (int task = 1; task <= CopyRows.FROM_ROWS + 2; task++) {
            writes.add(ASSIGN, task, new Object[]{task, 1});
        }
        for (int task = 1; task <= CopyRows.FROM_ROWS + 2; task++) {
            complete(writes, task, 2);
        }
        // 3 and 4 were there already (an event applied again): 3 is completed, 4 is at a later state and stays
        writes.add(ASSIGN, 500, new Object[]{500, 1});
        complete(writes, 500, 2);
        complete(writes, 500, 3);
        writes.add(ASSIGN, 600, new Object[]{600, 1});
        writes.add("DELETE FROM task WHERE status = 'CANCELLED'", null, new Object[0]);
        complete(writes, 600, 2);
        complete(writes, 700, 2);

        assertThat(writes.plan().stream().map(run -> names.get(run.get(0).sql()) + " x" + run.size()))
                .as("a completion after its task's insert folds into it; one after another write of the row, or after a "
                        + "write of any row, or of a task not kept, goes as its update")
                .containsExactly("assign-done x" + (CopyRows.FROM_ROWS + 3), "assign x1", "done x1", "purge x1", "done x2");

        writes.flush(connection);

        assertThat(rows("SELECT status || ':' || last_seq || ':' || count(*) FROM task GROUP BY status, last_seq ORDER BY 1"))
                .containsExactly("DONE:2:" + (CopyRows.FROM_ROWS + 2), "DONE:3:1", "DONE:9:1");
        assertThat(rows("SELECT id || ':' || status || ':' || last_seq FROM task WHERE id IN (3, 4, 500, 600) ORDER BY id"))
                .containsExactly("3:DONE:2", "4:DONE:9", "500:DONE:3", "600:DONE:2");
        assertThatThrownBy(() -> writes.fold(1, ASSIGN, "INSERT INTO history (id, seq, note) VALUES (?, ?, ?)", p -> p))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_failing_write_fails_the_flush_and_is_forgotten() {
        BatchedWrites writes = new BatchedWrites();
        writes.add("INSERT INTO task (id, status, last_seq) VALUES (?, ?, ?)", null, new Object[]{1, null, 1});
        assertThatThrownBy(() -> writes.flush(connection)).isInstanceOf(SQLException.class);
        assertThat(writes.isEmpty()).isTrue();
    }

    @Test
    void only_a_write_to_one_named_table_can_be_kept() {
        assertThat(BatchedWrites.table("  insert into read_model.rating (a) VALUES (?)")).isEqualTo("read_model.rating");
        assertThat(BatchedWrites.table("UPDATE read_model.task SET x = ?")).isEqualTo("read_model.task");
        assertThat(BatchedWrites.table("DELETE FROM read_model.meeting_member WHERE meeting_id = ?"))
                .isEqualTo("read_model.meeting_member");
        assertThatThrownBy(() -> BatchedWrites.table("SELECT 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchedWrites().add("TRUNCATE read_model.task", null, new Object[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_kind_of_value_is_stored_as_springs_binding_stored_it() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS kinds");
            statement.execute("CREATE TABLE kinds (via text PRIMARY KEY, t text, u uuid, i int, l bigint, b boolean, "
                    + "d double precision, ts timestamptz, dt date, sd date, n text, ni int, old timestamptz)");
        }
        String insert = "INSERT INTO kinds (via, t, u, i, l, b, d, ts, dt, sd, n, ni, old) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        Object[] values = {"Chi bộ Thôn 3 — Đảng viên", UUID.fromString("3f2c9a4e-0b1d-4c6e-9a7f-2d5e8b1c0a93"), 42,
                9_000_000_000L, true, 0.875, Timestamp.from(Instant.parse("2026-12-03T01:30:00.123456Z")),
                LocalDate.of(2026, 12, 3), java.sql.Date.valueOf("2026-02-28"), null, null,
                java.util.Date.from(Instant.parse("2025-07-01T00:00:00Z"))};
        BatchedWrites writes = new BatchedWrites();
        writes.add(insert, null, withFirst("bind", values));
        writes.add(insert, null, withFirst("bind-2", values));
        writes.flush(connection);
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            Object[] spring = withFirst("spring", values);
            for (int i = 0; i < spring.length; i++) {
                StatementCreatorUtils.setParameterValue(statement, i + 1, SqlTypeValue.TYPE_UNKNOWN, spring[i]);
            }
            statement.executeUpdate();
        }

        String columns = "SELECT concat_ws('|', t, u, i, l, b, d, ts AT TIME ZONE 'UTC', dt, sd, coalesce(n, '-'), "
                + "coalesce(ni::text, '-'), old AT TIME ZONE 'UTC') FROM kinds WHERE via = ";
        assertThat(rows(columns + "'bind'")).containsExactly("Chi bộ Thôn 3 — Đảng viên|3f2c9a4e-0b1d-4c6e-9a7f-2d5e8b1c0a93"
                + "|42|9000000000|t|0.875|2026-12-03 01:30:00.123456|2026-12-03|2026-02-28|-|-|2025-07-01 00:00:00");
        assertThat(rows(columns + "'bind-2'")).isEqualTo(rows(columns + "'spring'"));
        assertThat(rows(columns + "'bind'")).isEqualTo(rows(columns + "'spring'"));
    }

    private static final String COPIED = "INSERT INTO copied (via, seq, t, u, i, l, b, d, ts, lt, dt, sd, n, status, flag) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', TRUE) ON CONFLICT DO NOTHING";
    private static final String COPIED_ROWS = "SELECT string_agg(concat_ws('|', seq, t, u, i, l, b, d, ts AT TIME ZONE 'UTC', lt, "
            + "dt, sd, coalesce(n, '-'), status, flag), E'\\n' ORDER BY seq) FROM copied WHERE via = ";

    private void createCopied() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS copied");
            statement.execute("CREATE TABLE copied (via text, seq int, t text, u uuid, i int, l bigint, b boolean, "
                    + "d double precision, ts timestamptz, lt timestamp, dt date, sd date, n varchar(40), "
                    + "status varchar(20) NOT NULL, flag boolean NOT NULL, PRIMARY KEY (via, seq))");
        }
    }

    /** Row {@code seq} of the copy tests: texts COPY must escape, numbers, times with and without a fraction. */
    private static Object[] copiedRow(String via, int seq) {
        String[] texts = {"Chi bộ Thôn 3 — Đảng viên", "tab\there", "line\nbreak\r\nCRLF", "back\\slash \\N", "\\N", "",
                "'quoted' \"double\"", "ký tự đặc biệt: ếữỡ", "cờ 🇻🇳 và \\ xuống\tdòng"};
        double[] numbers = {0.875, 1e-5, 1e20, -0.0, Double.NaN, 1.0 / 3, 42};
        Instant at = Instant.parse("2026-12-03T01:30:00Z").plusSeconds(seq * 3_601L).plusNanos(seq % 3 == 0 ? 0 : seq * 1_000L);
        return new Object[]{via, seq, texts[seq % texts.length], new UUID(seq, -seq), seq % 5 == 0 ? null : seq * 7,
                9_000_000_000L + seq, seq % 2 == 0, numbers[seq % numbers.length], Timestamp.from(at), Timestamp.from(at),
                LocalDate.of(2026, 1, 1).plusDays(seq), java.sql.Date.valueOf(LocalDate.of(2025, 2, 28).plusDays(seq)),
                seq % 4 == 0 ? null : "ghi chú " + seq};
    }

    private static List<Write> copiedRun(String via, int rows) {
        List<Write> run = new ArrayList<>();
        for (int seq = 1; seq <= rows; seq++) {
            run.add(new Write(COPIED, null, copiedRow(via, seq)));
        }
        return run;
    }

    @Test
    void a_long_run_of_one_insert_goes_as_a_copy_that_stores_what_the_inserts_store() throws SQLException {
        createCopied();
        int rows = CopyRows.FROM_ROWS + 72;
        try (PreparedStatement statement = connection.prepareStatement(COPIED)) {
            for (Write write : copiedRun("insert", rows)) {
                for (int i = 0; i < write.params().length; i++) {
                    BatchedWrites.bind(statement, i + 1, write.params()[i]);
                }
                statement.executeUpdate();
            }
        }
        CopyRows copy = CopyRows.of(COPIED);
        assertThat(copy).as("a plain INSERT of parameters and constants can be a COPY").isNotNull();

        assertThat(copy.copy(connection, copiedRun("copy", rows))).as("every row went by COPY").isTrue();
        BatchedWrites writes = new BatchedWrites();
        copiedRun("batch", rows).forEach(write -> writes.add(write.sql(), write.row(), write.params()));
        writes.flush(connection);

        String inserted = rows(COPIED_ROWS + "'insert'").get(0);
        assertThat(rows("SELECT count(*)::text FROM copied WHERE via = 'insert'")).containsExactly(String.valueOf(rows));
        assertThat(inserted).contains("|Chi bộ Thôn 3 — Đảng viên|", "|tab\there|", "|\\N|", "|-|OPEN|t");
        assertThat(rows(COPIED_ROWS + "'copy'")).containsExactly(inserted);
        assertThat(rows(COPIED_ROWS + "'batch'")).containsExactly(inserted);
    }

    @Test
    void a_copy_that_meets_a_row_already_there_leaves_nothing_and_the_run_goes_as_its_inserts() throws SQLException {
        createCopied();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO copied (via, seq, t, status, flag) VALUES ('run', 7, 'đã có', 'DONE', FALSE)");
        }
        List<Write> run = copiedRun("run", CopyRows.FROM_ROWS);

        assertThat(CopyRows.of(COPIED).copy(connection, run)).as("row 7 is there: COPY cannot skip it").isFalse();
        assertThat(rows("SELECT seq || ':' || t FROM copied")).as("the savepoint undid the COPY, not what came before")
                .containsExactly("7:đã có");

        BatchedWrites writes = new BatchedWrites();
        run.forEach(write -> writes.add(write.sql(), write.row(), write.params()));
        writes.flush(connection);
        connection.commit();
        assertThat(rows("SELECT count(*) || ':' || count(*) FILTER (WHERE status = 'OPEN') FROM copied"))
                .containsExactly(CopyRows.FROM_ROWS + ":" + (CopyRows.FROM_ROWS - 1));
        assertThat(rows("SELECT t || ':' || status FROM copied WHERE seq = 7")).as("DO NOTHING kept the row there")
                .containsExactly("đã có:DONE");
    }

    @Test
    void a_run_with_a_value_copy_would_not_store_as_the_insert_does_goes_as_inserts() throws SQLException {
        createCopied();
        CopyRows copy = CopyRows.of(COPIED);
        List<Write> oldDate = copiedRun("date", CopyRows.FROM_ROWS);
        oldDate.get(5).params()[8] = java.util.Date.from(Instant.parse("2025-07-01T00:00:00Z"));
        List<Write> numberAsText = copiedRun("number", CopyRows.FROM_ROWS);
        numberAsText.get(9).params()[2] = 12;
        List<Write> finerThanMicros = copiedRun("nanos", CopyRows.FROM_ROWS);
        finerThanMicros.get(3).params()[8] = Timestamp.from(Instant.parse("2026-12-03T01:30:00.000000500Z"));

        assertThat(copy.copy(connection, oldDate)).isFalse();
        assertThat(copy.copy(connection, numberAsText)).as("an int bound to a text column").isFalse();
        assertThat(copy.copy(connection, finerThanMicros)).isFalse();
        assertThat(rows("SELECT count(*)::text FROM copied")).containsExactly("0");

        BatchedWrites writes = new BatchedWrites();
        oldDate.forEach(write -> writes.add(write.sql(), write.row(), write.params()));
        writes.flush(connection);
        assertThat(rows("SELECT count(*) || ':' || (max(ts) FILTER (WHERE seq = 6) AT TIME ZONE 'UTC') FROM copied"))
                .containsExactly(CopyRows.FROM_ROWS + ":2025-07-01 00:00:00");
    }

    @Test
    void only_a_plain_insert_of_parameters_and_constants_becomes_a_copy() {
        assertThat(CopyRows.of("INSERT INTO read_model.task (id, status, n) VALUES (?, 'OPEN', ?)")).isNotNull();
        assertThat(CopyRows.of("insert into t (a, b)\n values (?, NULL) on conflict (a) do nothing")).isNotNull();
        assertThat(CopyRows.of("INSERT INTO t (a, b) VALUES (?, -3) ON CONFLICT DO NOTHING")).isNotNull();
        assertThat(CopyRows.of("INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT (a) DO UPDATE SET b = excluded.b WHERE t.b < 3"))
                .as("a COPY that succeeds met no conflict").isNotNull();
        assertThat(CopyRows.of("INSERT INTO t (a, b) VALUES (?, ?::jsonb)")).isNull();
        assertThat(CopyRows.of("INSERT INTO t (a, b) VALUES (?, now())")).isNull();
        assertThat(CopyRows.of("INSERT INTO t (a, b) VALUES (?, 'it''s')")).isNull();
        assertThat(CopyRows.of("INSERT INTO t (a) VALUES (?, ?)")).isNull();
        assertThat(CopyRows.of("INSERT INTO t AS x (a) SELECT ?")).isNull();
        assertThat(CopyRows.of("INSERT INTO t (a) VALUES (?) RETURNING a")).isNull();
        assertThat(CopyRows.of("UPDATE t SET a = ?")).isNull();
    }

    private static Object[] withFirst(String first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private List<String> rows(String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
