package vn.chibo.query.work;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.chibo.events.access.Caller;
import vn.chibo.events.problem.Problem;
import vn.chibo.events.rating.RatingPeriod;
import vn.chibo.query.organisation.ReadScope;
import vn.chibo.query.web.Csv;
import vn.chibo.query.web.QueryRefused;
import vn.chibo.query.work.WorkViews.CellRatings;
import vn.chibo.query.work.WorkViews.TaskRow;

/** A cell's ratings for a period and its tasks over HTTP (JSON and CSV). */
@RestController
public class WorkController {
    private final WorkQueries queries;
    private final ReadScope scope;
    private final Clock clock;

    public WorkController(WorkQueries queries, ReadScope scope, Clock clock) {
        this.queries = queries;
        this.scope = scope;
        this.clock = clock;
    }

    @GetMapping(path = "/api/cells/{id}/ratings", produces = "application/json")
    public CellRatings ratings(@PathVariable UUID id, @RequestParam String period, Caller caller) {
        scope.requireCell(caller, id);
        try {
            return queries.cellRatings(id, RatingPeriod.parse(period), LocalDate.now(clock));
        } catch (IllegalArgumentException e) {
            throw new QueryRefused(Problem.INVALID_VALUE, "Kỳ '" + period + "' không hợp lệ; dùng 2026-10, 2026-Q4 hoặc 2026. "
                    + "(Invalid period.)", "period");
        }
    }

    @GetMapping(path = "/api/cells/{id}/ratings", produces = Csv.MEDIA_TYPE)
    public String ratingsCsv(@PathVariable UUID id, @RequestParam String period, Caller caller) {
        return Csv.of(List.of("memberId", "fullName", "rating", "ratingLabel", "score", "note", "revisions"),
                ratings(id, period, caller).ratings().stream().<List<?>>map(r -> Arrays.asList(r.memberId(), r.fullName(),
                        r.rating(), r.ratingLabel(), r.score(), r.note(), r.revisions())).toList());
    }

    @GetMapping(path = "/api/cells/{id}/tasks", produces = "application/json")
    public List<TaskRow> tasks(@PathVariable UUID id, @RequestParam(required = false) String status, Caller caller) {
        scope.requireCell(caller, id);
        if (status != null && !status.isEmpty() && !WorkQueries.TASK_FILTERS.containsKey(status.toLowerCase(Locale.ROOT))) {
            throw new QueryRefused(Problem.INVALID_VALUE, "Trạng thái '" + status + "' không hợp lệ; dùng open, overdue, done "
                    + "hoặc cancelled, hoặc bỏ trống để xem mọi việc. (Unknown task status.)", "status");
        }
        return queries.tasks(id, status, LocalDate.now(clock));
    }

    @GetMapping(path = "/api/cells/{id}/tasks", produces = Csv.MEDIA_TYPE)
    public String tasksCsv(@PathVariable UUID id, @RequestParam(required = false) String status, Caller caller) {
        return Csv.of(List.of("id", "memberId", "fullName", "title", "assignedOn", "dueOn", "status", "overdue", "completedOn", "late"),
                tasks(id, status, caller).stream().<List<?>>map(t -> Arrays.asList(t.id(), t.memberId(), t.fullName(), t.title(),
                        t.assignedOn(), t.dueOn(), t.status(), t.overdue(), t.completedOn(), t.late())).toList());
    }
}
