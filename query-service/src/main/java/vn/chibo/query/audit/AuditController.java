package vn.chibo.query.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.chibo.events.access.Caller;
import vn.chibo.events.access.Role;
import vn.chibo.events.problem.Problem;
import vn.chibo.query.audit.AuditViews.History;
import vn.chibo.query.audit.AuditViews.Log;
import vn.chibo.query.audit.AuditViews.StateAsOf;
import vn.chibo.query.audit.AuditViews.Verification;
import vn.chibo.query.organisation.ReadScope;
import vn.chibo.query.web.Csv;
import vn.chibo.query.web.QueryRefused;

/**
 * Kiểm tra, giám sát: who changed a record, when, why and what it looked like then; the change log of a scope with
 * the refused attempts; and proof that nothing stored was altered. For inspectors (AUDITOR), the department and
 * committees, each within their scope.
 */
@RestController
public class AuditController {
    private static final String MEMBER = AuditQueries.TYPES.get("member");

    private final AuditQueries queries;
    private final ReadScope scope;
    private final JdbcClient jdbc;

    public AuditController(AuditQueries queries, ReadScope scope, JdbcClient jdbc) {
        this.queries = queries;
        this.scope = scope;
        this.jdbc = jdbc;
    }

    @GetMapping(path = "/api/audit/{aggregateType}/{id}/history", produces = "application/json")
    public History history(@PathVariable String aggregateType, @PathVariable UUID id, Caller caller) {
        String type = requireRecord(aggregateType, id, caller);
        return queries.history(aggregateType, type, id.toString());
    }

    /** The history as a spreadsheet: a line per change with its metadata and summary, without the JSON of its data. */
    @GetMapping(path = "/api/audit/{aggregateType}/{id}/history", produces = Csv.MEDIA_TYPE)
    public String historyCsv(@PathVariable String aggregateType, @PathVariable UUID id, Caller caller) {
        return Csv.of(List.of("sequence", "at", "eventType", "actor", "actorRole", "cellId", "reason", "summary",
                        "correlationId", "causationId", "idempotencyKey", "clientTime", "serverTime"),
                history(aggregateType, id, caller).changes().stream().<List<?>>map(c -> Arrays.asList(c.sequence(), c.at(),
                        c.eventType(), c.actor(), c.actorRole(), c.cellId(), c.reason(), c.summary(), c.correlationId(),
                        c.causationId(), c.idempotencyKey(), c.clientTime(), c.serverTime())).toList());
    }

    @GetMapping("/api/audit/{aggregateType}/{id}/state")
    public StateAsOf state(@PathVariable String aggregateType, @PathVariable UUID id, @RequestParam String asOf, Caller caller) {
        String type = requireRecord(aggregateType, id, caller);
        return queries.stateAsOf(aggregateType, type, id.toString(), instant(asOf, "asOf"));
    }

    @GetMapping(path = "/api/audit/log", produces = "application/json")
    public Log log(@RequestParam(required = false) UUID unit, @RequestParam(required = false) String actor,
                   @RequestParam(required = false) String type, @RequestParam(required = false) String from,
                   @RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page,
                   @RequestParam(defaultValue = "50") int size, Caller caller) {
        requireAuditor(caller);
        UUID within = unit == null ? caller.unitId() : unit;
        scope.requireUnit(caller, within);
        String path = jdbc.sql("SELECT path FROM read_model.org_unit WHERE id = ?").param(within).query(String.class).single();
        boolean wholeProvince = path.chars().filter(c -> c == '/').count() == 2;
        return queries.log(wholeProvince ? null : path, blank(actor), blank(type), from == null ? null : instant(from, "from"),
                to == null ? null : instant(to, "to"), Math.max(page, 0), Math.min(Math.max(size, 1), 500));
    }

    @GetMapping(path = "/api/audit/log", produces = Csv.MEDIA_TYPE)
    public String logCsv(@RequestParam(required = false) UUID unit, @RequestParam(required = false) String actor,
                         @RequestParam(required = false) String type, @RequestParam(required = false) String from,
                         @RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page,
                         @RequestParam(defaultValue = "500") int size, Caller caller) {
        return Csv.of(List.of("source", "at", "actor", "actorRole", "aggregateType", "eventType", "recordId", "cellId", "status",
                        "problem", "summary"),
                log(unit, actor, type, from, to, page, size, caller).entries().stream().<List<?>>map(e -> Arrays.asList(e.source(),
                        e.at(), e.actor(), e.actorRole(), e.aggregateType(), e.eventType(), e.recordId(), e.cellId(), e.status(),
                        e.problem(), e.summary())).toList());
    }

    @GetMapping("/api/audit/verify")
    public Verification verify(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Caller caller) {
        if (caller.role() != Role.PROVINCE && caller.role() != Role.AUDITOR) {
            throw forbidden();
        }
        // the chain of the whole province: its counts and its broken records are the province's, not a committee's
        scope.requireUnit(caller, province());
        return queries.verify(from == null ? null : instant(from, "from"), to == null ? null : instant(to, "to"));
    }

    /** Returns the event-store type of the record after checking it exists and lies in the caller's scope. */
    private String requireRecord(String aggregateType, UUID id, Caller caller) {
        requireAuditor(caller);
        String type = AuditQueries.TYPES.get(aggregateType);
        if (type == null) {
            throw new QueryRefused(Problem.NOT_FOUND, "Không có loại hồ sơ '" + aggregateType + "'; các loại: "
                    + AuditQueries.TYPES.keySet() + ". (Unknown record type.)", "aggregateType");
        }
        String unit = queries.unitOf(type, id.toString());
        if (unit == null) {
            throw QueryRefused.notFound("hồ sơ", id);
        }
        if (MEMBER.equals(type)) {
            // a member moves: the record is audited where the member belongs now, not where its first event was written
            scope.requireMember(caller, id);
        } else if (unit.isEmpty()) {
            scope.requireUnit(caller, province());
        } else {
            scope.requireUnit(caller, UUID.fromString(unit));
        }
        return type;
    }

    private UUID province() {
        return jdbc.sql("SELECT id FROM read_model.org_unit WHERE parent_id IS NULL LIMIT 1").query(UUID.class).single();
    }

    private static void requireAuditor(Caller caller) {
        if (caller.role() == Role.CELL) {
            throw forbidden();
        }
    }

    private static QueryRefused forbidden() {
        return new QueryRefused(Problem.OUT_OF_SCOPE, "Chỉ Ủy ban Kiểm tra, Ban Tổ chức và cấp ủy cấp trên xem được nhật ký. "
                + "(Audit is for inspectors, the department and committees.)", null);
    }

    private static Instant instant(String text, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new QueryRefused(Problem.INVALID_VALUE, "'" + text + "' không phải thời điểm ISO-8601, ví dụ 2026-11-24T08:00:00Z. "
                    + "(ISO-8601 instant expected.)", field);
        }
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
