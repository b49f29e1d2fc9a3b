package vn.chibo.query.audit;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The shapes the audit answers with. */
public final class AuditViews {
    private AuditViews() {
    }

    /** One change of a record: what, when, who, why, from which request, and the record after it. */
    public record Change(long sequence, long globalIndex, String eventType, String at, String actor, String actorRole,
                         String cellId, String correlationId, String causationId, String clientTime, String serverTime,
                         String idempotencyKey, String reason, String summary, JsonNode data, JsonNode stateAfter) {
    }

    public record History(String aggregateType, String id, List<Change> changes) {
    }

    public record StateAsOf(String aggregateType, String id, String asOf, long version, JsonNode state) {
    }

    /** One line of the change log: an accepted change (EVENT) or a refused attempt (REFUSED). */
    public record LogEntry(String source, String at, String actor, String actorRole, String aggregateType, String eventType,
                           String recordId, String cellId, Integer status, String problem, String summary) {
    }

    public record Log(int page, int size, long total, List<LogEntry> entries) {
    }

    public record BrokenLink(long globalIndex, String aggregateIdentifier, long sequenceNumber, String at, String why) {
    }

    public record Verification(long checked, boolean intact, BrokenLink firstBroken) {
    }
}
