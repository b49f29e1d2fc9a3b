package vn.chibo.events.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** A reused id told from a concurrent change by the key PostgreSQL names, whatever the language of its message. */
class TakenStreamsTest {
    private static Exception appendFailed(String detail, String state) {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 1 was aborted", state, new int[0]);
        batch.setNextException(new SQLException("ERROR: duplicate key value violates unique constraint "
                + "\"domain_event_entry_aggregate_identifier_sequence_number_key\"\n  " + detail, state));
        return new RuntimeException("An event for aggregate [x] at sequence [4] was already inserted", batch);
    }

    @Test
    void a_taken_first_event_is_a_taken_id_and_a_later_one_a_concurrent_change() {
        String id = "0f6b0c8e-3b1a-4c57-9a43-3f1f4b7f2c11";
        assertThat(TakenStreams.isFirstEventTaken(appendFailed(
                "Detail: Key (aggregate_identifier, sequence_number)=(" + id + ", 0) already exists.", "23505"))).isTrue();
        assertThat(TakenStreams.isFirstEventTaken(appendFailed(
                "Chi tiết: Khóa (aggregate_identifier, sequence_number)=(" + id + ", 0) đã tồn tại.", "23505")))
                .as("the server's language").isTrue();
        assertThat(TakenStreams.isFirstEventTaken(appendFailed(
                "Detail: Key (aggregate_identifier, sequence_number)=(" + id + ", 10) already exists.", "23505"))).isFalse();
        assertThat(TakenStreams.isFirstEventTaken(appendFailed(
                "Detail: Key (aggregate_identifier, sequence_number)=(" + id + ", 0) already exists.", "40001")))
                .as("not a unique violation").isFalse();
        assertThat(TakenStreams.isFirstEventTaken(new RuntimeException("no cause"))).isFalse();
    }
}
