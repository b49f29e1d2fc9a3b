package vn.chibo.query.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import vn.chibo.events.EventMetadata;
import vn.chibo.query.audit.AuditViews.BrokenLink;
import vn.chibo.query.audit.AuditViews.Change;
import vn.chibo.query.audit.AuditViews.History;
import vn.chibo.query.audit.AuditViews.Log;
import vn.chibo.query.audit.AuditViews.LogEntry;
import vn.chibo.query.audit.AuditViews.StateAsOf;
import vn.chibo.query.audit.AuditViews.Verification;

/**
 * The audit reads the event store itself (never a copy that could drift): a record's history with its metadata,
 * the record as it stood at any instant, the change log with the refused attempts, and the hash chain.
 */
@Component
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class AuditQueries {
    /** Aggregate types as the URLs name them (kebab case) and as the event store does. */
    static final Map<String, String> TYPES = Map.of("org-unit", "OrgUnit", "member", "Member", "meeting", "Meeting",
            "task", "Task", "rule-set", "RuleBook", "notebook-check", "NotebookCheck");

    private record Stored(long globalIndex, long sequence, String payloadType, String at, JsonNode payload, JsonNode meta) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public AuditQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    private List<Stored> stream(String type, String id) {
        return jdbc.sql("""
                SELECT global_index, sequence_number, payload_type, time_stamp, convert_from(payload, 'UTF8'),
                       convert_from(coalesce(meta_data, '{}'::bytea), 'UTF8')
                FROM event_store.domain_event_entry WHERE aggregate_identifier = ? AND type = ? ORDER BY sequence_number""")
                .params(id, type)
                .query((rs, n) -> new Stored(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), tree(rs.getString(5)),
                        tree(rs.getString(6))))
                .list();
    }

    /** The cell (or unit) a record belongs to, for scope checks: the first cellId of its metadata, or the unit itself. */
    public String unitOf(String type, String id) {
        List<Stored> events = stream(type, id);
        if (events.isEmpty()) {
            return null;
        }
        if ("OrgUnit".equals(type)) {
            return id;
        }
        return events.stream().map(e -> e.meta().path(EventMetadata.CELL_ID).asText(null))
                .filter(java.util.Objects::nonNull).findFirst().orElse("");
    }

    public History history(String kebab, String type, String id) {
        StateFold fold = new StateFold();
        List<Change> changes = new ArrayList<>();
        for (Stored e : stream(type, id)) {
            String eventType = simpleName(e.payloadType());
            fold.apply(eventType, e.payload());
            JsonNode m = e.meta();
            changes.add(new Change(e.sequence(), e.globalIndex(), eventType, e.at(), text(m, EventMetadata.ACTOR),
                    text(m, EventMetadata.ACTOR_ROLE), text(m, EventMetadata.CELL_ID), text(m, EventMetadata.CORRELATION_ID),
                    text(m, EventMetadata.CAUSATION_ID), text(m, EventMetadata.CLIENT_TIME), text(m, EventMetadata.SERVER_TIME),
                    text(m, EventMetadata.IDEMPOTENCY_KEY), e.payload().path("reason").asText(null),
                    ChangeSummary.of(eventType, e.payload(), text(m, EventMetadata.ACTOR)), e.payload(), fold.snapshot()));
        }
        return new History(kebab, id, changes);
    }

    /** The record rebuilt from its events up to {@code asOf}; version -1 when it did not exist yet. */
    public StateAsOf stateAsOf(String kebab, String type, String id, Instant asOf) {
        StateFold fold = new StateFold();
        long version = -1;
        for (Stored e : stream(type, id)) {
            if (Instant.parse(e.at()).isAfter(asOf)) {
                break;
            }
            fold.apply(simpleName(e.payloadType()), e.payload());
            version = e.sequence();
        }
        return new StateAsOf(kebab, id, asOf.toString(), version, fold.snapshot());
    }

    /**
     * Accepted changes and refused attempts, newest first. {@code unitPath} limits to records of cells in that
     * subtree (and the units themselves); the other filters are optional.
     */
    public Log log(String unitPath, String actor, String type, Instant from, Instant to, int page, int size) {
        String where = """
                FROM (
                  SELECT 'EVENT' AS source, e.time_stamp::timestamptz AS at, m ->> 'actor' AS actor, m ->> 'actorRole' AS role,
                         e.type AS aggregate_type, substring(e.payload_type from '[^.]+$') AS event_type, e.aggregate_identifier AS record,
                         coalesce(m ->> 'cellId', CASE WHEN e.type = 'OrgUnit' THEN e.aggregate_identifier END) AS cell,
                         NULL::int AS status, NULL AS problem, convert_from(e.payload, 'UTF8') AS payload
                  FROM (SELECT *, convert_from(coalesce(meta_data, '{}'::bytea), 'UTF8')::jsonb AS m
                        FROM event_store.domain_event_entry) e
                  UNION ALL
                  SELECT 'REFUSED', a.at, a.actor, a.actor_role, NULL, a.method || ' ' || a.path, NULL, a.unit_id::text, a.status,
                         a.problem, a.detail
                  FROM event_store.access_log a) x
                WHERE (CAST(:unitPath AS text) IS NULL
                       OR x.cell IN (SELECT id::text FROM read_model.org_unit WHERE path LIKE CAST(:unitPath AS text) || '%'))
                  AND (CAST(:actor AS text) IS NULL OR x.actor = CAST(:actor AS text))
                  AND (CAST(:type AS text) IS NULL OR x.aggregate_type = CAST(:type AS text)
                       OR x.event_type = CAST(:type AS text) OR x.source = CAST(:type AS text))
                  AND (CAST(:from AS timestamptz) IS NULL OR x.at >= CAST(:from AS timestamptz))
                  AND (CAST(:to AS timestamptz) IS NULL OR x.at <= CAST(:to AS timestamptz))""";
        var totalQuery = jdbc.sql("SELECT count(*) " + where);
        var pageQuery = jdbc.sql("SELECT x.* " + where + " ORDER BY x.at DESC LIMIT :size OFFSET :offset");
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("unitPath", unitPath);
        params.put("actor", actor);
        params.put("type", type == null ? null : TYPES.getOrDefault(type, type));
        params.put("from", from == null ? null : java.sql.Timestamp.from(from));
        params.put("to", to == null ? null : java.sql.Timestamp.from(to));
        long total = totalQuery.params(params).query(Long.class).single();
        params.put("size", size);
        params.put("offset", (long) page * size);
        List<LogEntry> entries = pageQuery.params(params)
                .query((rs, n) -> {
                    String source = rs.getString(1);
                    String eventType = rs.getString(6);
                    String summary = "EVENT".equals(source)
                            ? ChangeSummary.of(eventType, tree(rs.getString(11)), rs.getString(3)) : rs.getString(11);
                    String aggregateType = rs.getString(5);
                    return new LogEntry(source, rs.getTimestamp(2).toInstant().toString(), rs.getString(3), rs.getString(4),
                            aggregateType == null ? null : kebab(aggregateType), eventType, rs.getString(7), rs.getString(8),
                            (Integer) rs.getObject(9), rs.getString(10), summary);
                })
                .list();
        return new Log(page, size, total, entries);
    }

    /**
     * Recomputes the hash chain of every event in the range (by the time it was stored) and names the first link
     * that does not hold: a stored event whose content or predecessor no longer matches its hash.
     */
    public Verification verify(Instant from, Instant to) {
        record Link(long globalIndex, String aggregate, long sequence, String at, boolean chained, boolean linked, boolean hashed) {
        }
        List<Link> links = jdbc.sql("""
                SELECT e.global_index, e.aggregate_identifier, e.sequence_number, e.time_stamp,
                       c.global_index IS NOT NULL,
                       (e.sequence_number = 0 AND c.previous_hash IS NULL) OR (p.hash IS NOT NULL AND c.previous_hash = p.hash),
                       c.hash = sha256(coalesce(c.previous_hash, ''::bytea) || event_store.event_content(e))
                FROM event_store.domain_event_entry e
                LEFT JOIN event_store.event_chain c ON c.global_index = e.global_index
                LEFT JOIN event_store.event_chain p ON p.aggregate_identifier = e.aggregate_identifier
                     AND p.sequence_number = e.sequence_number - 1
                WHERE (?::timestamptz IS NULL OR e.time_stamp::timestamptz >= ?::timestamptz)
                  AND (?::timestamptz IS NULL OR e.time_stamp::timestamptz <= ?::timestamptz)
                ORDER BY e.global_index""")
                .params(ts(from), ts(from), ts(to), ts(to))
                .query((rs, n) -> new Link(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5),
                        rs.getBoolean(6), rs.getBoolean(7)))
                .list();
        for (Link link : links) {
            String why = !link.chained() ? "sự kiện không có trong chuỗi băm (not in the chain)"
                    : !link.linked() ? "liên kết với sự kiện trước không khớp (previous link broken)"
                    : !link.hashed() ? "nội dung đã bị thay đổi (content does not match its hash)" : null;
            if (why != null) {
                return new Verification(links.size(), false,
                        new BrokenLink(link.globalIndex(), link.aggregate(), link.sequence(), link.at(), why));
            }
        }
        return new Verification(links.size(), true, null);
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return instant == null ? null : java.sql.Timestamp.from(instant);
    }

    static String kebab(String type) {
        return TYPES.entrySet().stream().filter(e -> e.getValue().equals(type)).map(Map.Entry::getKey).findFirst().orElse(type);
    }

    private static String simpleName(String payloadType) {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asText(null);
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? MissingNode.getInstance() : json.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

}
