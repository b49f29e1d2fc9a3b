package vn.chibo.command.orgunit;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import vn.chibo.command.support.RecentReads;

/**
 * Which cell each record of one kind (a meeting, a task) belongs to, kept in a table of the write side's own
 * schema. A record never changes cell, so what was read once holds: it is kept an hour, to bound the memory, and
 * a record not yet known is asked again next time. Its several writes (attendance, minutes, votes; a task's
 * progress) each ask this before the command is sent (issue 7); a record this service has just created is known
 * from its creation, which spares the write that follows it (a meeting's attendance, a task's completion) a round
 * trip to PostgreSQL.
 */
public final class CellOfRecord {
    private final RecentReads<UUID, UUID> cells = new RecentReads<>(Duration.ofHours(1), 50_000);
    private final JdbcClient jdbc;
    private final String insert;
    private final String select;

    /** {@code table} in schema {@code event_store}, keyed by {@code idColumn}, with a {@code cell_id} column. */
    public CellOfRecord(JdbcClient jdbc, String table, String idColumn) {
        this.jdbc = jdbc;
        this.insert = "INSERT INTO event_store." + table + " (" + idColumn + ", cell_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
        this.select = "SELECT cell_id FROM event_store." + table + " WHERE " + idColumn + " = ?";
    }

    /** Records the cell of a new record; once the transaction commits, its next writes know it without asking. */
    public void record(UUID recordId, UUID cellId) {
        jdbc.sql(insert).params(recordId, cellId).update();
        cells.keepWhenCommitted(recordId, cellId);
    }

    public Optional<UUID> cellOf(UUID recordId) {
        return Optional.ofNullable(cells.get(recordId, id -> jdbc.sql(select).param(id).query(UUID.class).optional().orElse(null)));
    }
}
