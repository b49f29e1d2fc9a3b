package vn.chibo.query.meeting;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.chibo.events.access.Caller;
import vn.chibo.events.problem.Problem;
import vn.chibo.query.meeting.MeetingViews.CalendarEntry;
import vn.chibo.query.meeting.MeetingViews.MeetingView;
import vn.chibo.query.meeting.MeetingViews.MinutesDiff;
import vn.chibo.query.meeting.MeetingViews.MinutesVersion;
import vn.chibo.query.meeting.MeetingViews.PresenterRotation;
import vn.chibo.query.meeting.MeetingViews.PresenterTurn;
import vn.chibo.query.organisation.ReadScope;
import vn.chibo.query.web.Csv;
import vn.chibo.query.web.QueryRefused;

/** Meetings over HTTP: a cell's calendar, a meeting's page, its minutes' versions and their diff, the presenter rotation. */
@RestController
public class MeetingController {
    private final MeetingQueries queries;
    private final ReadScope scope;
    private final Clock clock;
    private final MinutesPdf pdf;

    public MeetingController(MeetingQueries queries, ReadScope scope, Clock clock, MinutesPdf pdf) {
        this.queries = queries;
        this.scope = scope;
        this.clock = clock;
        this.pdf = pdf;
    }

    @GetMapping(path = "/api/cells/{id}/meetings", produces = "application/json")
    public List<CalendarEntry> calendar(@PathVariable UUID id,
                                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                        Caller caller) {
        scope.requireCell(caller, id);
        LocalDate today = LocalDate.now(clock);
        return queries.calendar(id, from == null ? today.minusYears(1) : from, to == null ? today.plusYears(1) : to);
    }

    @GetMapping(path = "/api/cells/{id}/meetings", produces = Csv.MEDIA_TYPE)
    public String calendarCsv(@PathVariable UUID id,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                              Caller caller) {
        return Csv.of(List.of("id", "kind", "status", "startsAt", "date", "location", "offRegularDay", "noticeDays",
                        "enteredLate", "attendanceRate", "flags", "scoreTotal", "scoreLevel", "minutesFinal", "minutesLate"),
                calendar(id, from, to, caller).stream().<List<?>>map(e -> java.util.Arrays.asList(e.id(), e.kind(), e.status(),
                        e.startsAt(), e.date(), e.location(), e.offRegularDay(), e.noticeDays(), e.enteredLate(),
                        e.attendanceRate(), String.join(" ", e.flags()), e.scoreTotal(), e.scoreLevel(), e.minutesFinal(),
                        e.minutesLate())).toList());
    }

    @GetMapping("/api/meetings/{id}")
    public MeetingView meeting(@PathVariable UUID id, Caller caller) {
        scope.requireUnit(caller, queries.cellOf(id));
        return queries.meeting(id);
    }

    @GetMapping(path = "/api/meetings/{id}/minutes/versions", produces = "application/json")
    public List<MinutesVersion> versions(@PathVariable UUID id, Caller caller) {
        scope.requireUnit(caller, queries.cellOf(id));
        return queries.versions(id);
    }

    /** The versions as a spreadsheet: which sections each changed and why, without the sections' text. */
    @GetMapping(path = "/api/meetings/{id}/minutes/versions", produces = Csv.MEDIA_TYPE)
    public String versionsCsv(@PathVariable UUID id, Caller caller) {
        return Csv.of(List.of("version", "kind", "finalised", "reason", "changed", "actor", "recordedAt"),
                versions(id, caller).stream().<List<?>>map(v -> Arrays.asList(v.version(), v.kind(), v.finalised(), v.reason(),
                        v.changed() == null ? null : String.join("; ", v.changed()), v.actor(), v.recordedAt())).toList());
    }

    @GetMapping("/api/meetings/{id}/minutes/diff")
    public MinutesDiff diff(@PathVariable UUID id, @RequestParam int from, @RequestParam int to, Caller caller) {
        scope.requireUnit(caller, queries.cellOf(id));
        return queries.diff(id, from, to);
    }

    /** The finalised minutes as a document to print, sign and file. */
    @GetMapping(path = "/api/meetings/{id}/minutes.pdf", produces = "application/pdf")
    public ResponseEntity<byte[]> minutesPdf(@PathVariable UUID id, Caller caller) {
        UUID cellId = queries.cellOf(id);
        scope.requireUnit(caller, cellId);
        MeetingView meeting = queries.meeting(id);
        if (meeting.minutes() == null || !meeting.minutes().finalised()) {
            throw new QueryRefused(Problem.MINUTES_NOT_FINAL,
                    "Biên bản chưa hoàn thành; chỉ in được biên bản đã có chủ trì và thư ký ký. (Minutes not final yet.)", null);
        }
        byte[] pdf = this.pdf.render(meeting, queries.parentNameOf(cellId));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("bien-ban-" + meeting.date() + ".pdf").build().toString())
                .contentType(MediaType.APPLICATION_PDF).body(pdf);
    }

    @GetMapping("/api/cells/{id}/presenter/next")
    public PresenterRotation nextPresenter(@PathVariable UUID id, Caller caller) {
        scope.requireCell(caller, id);
        List<PresenterTurn> order = queries.presenterTurns(id, LocalDate.now(clock));
        return new PresenterRotation(order.isEmpty() ? null : order.get(0), order);
    }
}
