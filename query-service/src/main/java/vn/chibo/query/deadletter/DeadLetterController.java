package vn.chibo.query.deadletter;

import java.util.List;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import vn.chibo.events.access.Caller;
import vn.chibo.events.access.Role;
import vn.chibo.events.problem.Problem;
import vn.chibo.query.eventstore.SqlProjection;
import vn.chibo.query.replay.Replays;
import vn.chibo.query.web.QueryRefused;

/**
 * Events a projection could not apply (DESIGN §7): visible to the department, and retried on request once the
 * cause is fixed. A retried sequence that fails again stays in the queue.
 */
@RestController
public class DeadLetterController {
    public record DeadLetter(String processingGroup, String sequence, long index, String eventType,
                             String aggregateIdentifier, Long sequenceNumber, String enqueuedAt, String cause) {
    }

    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;
    private final Replays replays;

    public DeadLetterController(JdbcClient jdbc, EventProcessingConfiguration processing, Replays replays) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.replays = replays;
    }

    @GetMapping("/api/admin/dead-letters")
    public List<DeadLetter> list(Caller caller) {
        requireProvince(caller);
        return jdbc.sql("""
                SELECT processing_group, sequence_identifier, sequence_index, payload_type, aggregate_identifier,
                       sequence_number, enqueued_at, coalesce(cause_type, '') || ': ' || coalesce(cause_message, '')
                FROM read_model.dead_letter_entry ORDER BY enqueued_at, sequence_index""")
                .query((rs, n) -> new DeadLetter(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), (Long) rs.getObject(6), rs.getString(7), rs.getString(8)))
                .list();
    }

    /** Retries every dead-lettered sequence of one projection; answers how many sequences were cleared. */
    @PostMapping("/api/admin/dead-letters/{processingGroup}/retry")
    public Map<String, Object> retry(@PathVariable String processingGroup, Caller caller) {
        requireProvince(caller);
        // a replay empties the queues and applies their events itself; a retry beside it could apply a letter into
        // tables being emptied, or deadlock with the emptying of its queue
        if (replays.readModelsPartial()) {
            throw new QueryRefused(Problem.REPLAY_RUNNING, "Đang dựng lại dữ liệu đọc; thử lại các sự kiện lỗi sau khi xong. "
                    + "(A replay is running; retry dead letters once it is over.)", null);
        }
        var processor = processing.sequencedDeadLetterProcessor(processingGroup)
                .orElseThrow(() -> QueryRefused.notFound("hàng đợi sự kiện lỗi của", processingGroup));
        // each sequence once, by its first letter, in the log's order (a unit's parent before it): Axon's processAny()
        // stops at the first sequence that fails again, which left every later one in the queue though its cause was
        // gone. The log's order, not the time a letter was queued: that is kept to the millisecond, and a parent and
        // its child that failed in one batch were often queued within the same one
        List<String> firstLetters = jdbc.sql("""
                SELECT f.event_identifier FROM (
                    SELECT DISTINCT ON (sequence_identifier) event_identifier, enqueued_at
                    FROM read_model.dead_letter_entry WHERE processing_group = ?
                    ORDER BY sequence_identifier, sequence_index) f
                LEFT JOIN event_store.domain_event_entry e ON e.event_identifier = f.event_identifier
                ORDER BY e.global_index NULLS LAST, f.enqueued_at""").param(processingGroup).query(String.class).list();
        int cleared = 0;
        for (String first : firstLetters) {
            SqlProjection.beCareful(processingGroup);
            if (processor.process(letter -> letter.message().getIdentifier().equals(first))) {
                cleared++;
            }
        }
        long remaining = jdbc.sql("SELECT count(*) FROM read_model.dead_letter_entry WHERE processing_group = ?")
                .param(processingGroup).query(Long.class).single();
        return Map.of("processingGroup", processingGroup, "cleared", cleared, "remaining", remaining);
    }

    private static void requireProvince(Caller caller) {
        if (caller.role() != Role.PROVINCE) {
            throw new QueryRefused(Problem.OUT_OF_SCOPE,
                    "Chỉ Ban Tổ chức Tỉnh ủy xem và xử lý sự kiện lỗi. (Province only.)", null);
        }
    }
}
