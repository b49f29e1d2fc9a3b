package vn.chibo.query.organisation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import vn.chibo.events.access.Caller;
import vn.chibo.query.organisation.OrganisationViews.CellView;
import vn.chibo.query.organisation.OrganisationViews.MemberRow;
import vn.chibo.query.organisation.OrganisationViews.MemberView;
import vn.chibo.query.organisation.OrganisationViews.OrgUnitView;
import vn.chibo.query.web.Csv;
import vn.chibo.query.work.WorkQueries;
import vn.chibo.query.work.WorkViews.MemberWork;

/** The organisation over HTTP: units with their children, cells, a cell's members, a member's page. */
@RestController
public class OrganisationController {
    private final OrganisationQueries queries;
    private final ReadScope scope;
    private final Clock clock;
    private final WorkQueries work;

    public OrganisationController(OrganisationQueries queries, ReadScope scope, Clock clock, WorkQueries work) {
        this.queries = queries;
        this.scope = scope;
        this.clock = clock;
        this.work = work;
    }

    public record Me(String username, String role, String unitId, String fullName) {
    }

    @GetMapping("/api/me")
    public Me me(Caller caller) {
        return new Me(caller.username(), caller.role().name(), caller.unitId().toString(), caller.fullName());
    }

    @GetMapping("/api/org-units/{id}")
    public OrgUnitView unit(@PathVariable UUID id, Caller caller) {
        scope.requireUnit(caller, id);
        return queries.unit(id);
    }

    @GetMapping("/api/cells/{id}")
    public CellView cell(@PathVariable UUID id, Caller caller) {
        scope.requireCell(caller, id);
        return queries.cell(id, LocalDate.now(clock));
    }

    @GetMapping(path = "/api/cells/{id}/members", produces = "application/json")
    public List<MemberRow> members(@PathVariable UUID id,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                   Caller caller) {
        scope.requireCell(caller, id);
        return queries.members(id, on == null ? LocalDate.now(clock) : on);
    }

    @GetMapping(path = "/api/cells/{id}/members", produces = Csv.MEDIA_TYPE)
    public String membersCsv(@PathVariable UUID id,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                             Caller caller) {
        List<MemberRow> rows = members(id, on, caller);
        return Csv.of(List.of("id", "cardNumber", "fullName", "birthDate", "joinedPartyOn", "status", "memberSince", "exempt",
                        "temporarilyAway"),
                rows.stream().<List<?>>map(r -> List.of(r.id(), nullable(r.cardNumber()), r.fullName(), r.birthDate(),
                        r.joinedPartyOn(), r.status(), r.memberSince(), r.exempt(), r.temporarilyAway())).toList());
    }

    /** The member's page: who, where over time, and their work (ratings, tasks, notebook checks, residence feedback). */
    public record MemberPage(@JsonUnwrapped MemberView member, @JsonUnwrapped MemberWork work) {
    }

    @GetMapping("/api/members/{id}")
    public MemberPage member(@PathVariable UUID id, Caller caller) {
        scope.requireMember(caller, id);
        return new MemberPage(queries.member(id), work.memberWork(id, LocalDate.now(clock)));
    }

    private static Object nullable(Object value) {
        return value == null ? "" : value;
    }
}
