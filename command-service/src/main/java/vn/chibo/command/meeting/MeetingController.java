package vn.chibo.command.meeting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import vn.chibo.command.meeting.MeetingCommands.AmendMinutes;
import vn.chibo.command.meeting.MeetingCommands.CancelMeeting;
import vn.chibo.command.meeting.MeetingCommands.DraftMinutes;
import vn.chibo.command.meeting.MeetingCommands.FinaliseMinutes;
import vn.chibo.command.meeting.MeetingCommands.RecordAttendance;
import vn.chibo.command.meeting.MeetingCommands.RecordVote;
import vn.chibo.command.meeting.MeetingCommands.RescheduleMeeting;
import vn.chibo.command.meeting.MeetingCommands.ScheduleMeeting;
import vn.chibo.command.meeting.MeetingCommands.ScoreMeeting;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.command.security.Scope;
import vn.chibo.command.web.CommandSender;
import vn.chibo.command.web.WriteResult;
import vn.chibo.events.access.Caller;
import vn.chibo.events.meeting.Absence;
import vn.chibo.events.meeting.MeetingKind;
import vn.chibo.events.meeting.MinutesSections;
import vn.chibo.events.problem.Problem;

/** A cell's meetings over HTTP: schedule, reschedule, cancel, attendance, votes, score, minutes. */
@RestController
public class MeetingController {

    public record NewMeeting(UUID id, @NotNull MeetingKind kind, @NotNull Instant startsAt,
                             @NotBlank @Size(max = 500) String location, @Size(max = 1000) String topic,
                             List<@NotBlank @Size(max = 1000) String> agenda, @NotNull UUID chairId,
                             @NotNull UUID recorderId, UUID presenterId, @Size(max = 2000) String presenterReason,
                             @Size(max = 2000) String reason, Instant announcedAt, Boolean combinedSession) {
    }

    public record Reschedule(@NotNull Instant startsAt, @NotBlank @Size(max = 2000) String reason) {
    }

    public record Cancellation(@NotBlank @Size(max = 2000) String reason) {
    }

    public record AbsenceBody(@NotNull UUID memberId, @NotBlank @Size(max = 1000) String reason, @NotNull Boolean excused) {
    }

    public record Attendance(@NotNull List<@NotNull UUID> present, @NotNull List<@Valid @NotNull AbsenceBody> absent,
                             @NotNull Instant startedAt, @NotNull Instant endedAt) {
    }

    public record Vote(UUID id, @NotBlank @Size(max = 1000) String subject, @NotNull Integer inFavour,
                       @NotNull Integer against, @NotNull Integer abstain) {
    }

    public record Score(@NotNull Map<String, Integer> criteria) {
    }

    public record Draft(@NotNull MinutesSections sections) {
    }

    public record Signatures(@NotNull UUID chairId, @NotNull UUID recorderId) {
    }

    public record Amendment(@NotNull MinutesSections sections, @NotBlank @Size(max = 2000) String reason) {
    }

    private final CommandSender sender;
    private final Scope scope;
    private final MeetingDirectory meetings;

    public MeetingController(CommandSender sender, Scope scope, MeetingDirectory meetings) {
        this.sender = sender;
        this.scope = scope;
        this.meetings = meetings;
    }

    @PostMapping("/api/cells/{cellId}/meetings")
    public ResponseEntity<WriteResult> schedule(@PathVariable UUID cellId, @Valid @RequestBody NewMeeting body, Caller caller,
                                                HttpServletRequest request) {
        scope.requireCellWrite(caller, cellId);
        UUID id = body.id() == null ? UUID.randomUUID() : body.id();
        ScheduleMeeting command = new ScheduleMeeting(id, cellId, body.kind(), body.startsAt(), body.location().strip(),
                body.topic(), body.agenda(), body.chairId(), body.recorderId(), body.presenterId(), body.presenterReason(),
                body.reason(), body.announcedAt(), Boolean.TRUE.equals(body.combinedSession()));
        return sender.send(command, id, cellId, caller, request, HttpStatus.CREATED);
    }

    @PostMapping("/api/meetings/{id}/reschedule")
    public ResponseEntity<WriteResult> reschedule(@PathVariable UUID id, @Valid @RequestBody Reschedule body, Caller caller, HttpServletRequest request) {
        UUID cellId = cellOf(id, caller);
        return sender.send(new RescheduleMeeting(id, body.startsAt(), body.reason(), CommandSender.expectedVersion(request)),
                id, cellId, caller, request, HttpStatus.OK);
    }

    @PostMapping("/api/meetings/{id}/cancel")
    public ResponseEntity<WriteResult> cancel(@PathVariable UUID id, @Valid @RequestBody Cancellation body, Caller caller, HttpServletRequest request) {
        UUID cellId = cellOf(id, caller);
        return sender.send(new CancelMeeting(id, body.reason(), CommandSender.expectedVersion(request)),
                id, cellId, caller, request, HttpStatus.OK);
    }

    @PutMapping("/api/meetings/{id}/attendance")
    public ResponseEntity<WriteResult> attendance(@PathVariable UUID id, @Valid @RequestBody Attendance body, Caller caller, HttpServletRequest request) {
        UUID cellId = cellOf(id, caller);
        List<Absence> absent = body.absent().stream().map(a -> new Absence(a.memberId(), a.reason().strip(), a.excused())).toList();
        return sender.send(new RecordAttendance(id, body.present(), absent, body.startedAt(), body.endedAt(),
                CommandSender.expectedVersion(request)), id, cellId, caller, request, HttpStatus.OK);
    }

    @PostMapping("/api/meetings/{id}/votes")
    public ResponseEntity<WriteResult> vote(@PathVariable UUID id, @Valid @RequestBody Vote body, Caller caller, HttpServletRequest request) {
        UUID cellId = cellOf(id, caller);
        UUID voteId = body.id() == null ? UUID.randomUUID() : body.id();
        return sender.send(new RecordVote(id, voteId, body.subject(), body.inFavour(), body.against(), body.abstain()),
                id, voteId, cellId, caller, request, HttpStatus.CREATED);
    }

    @PutMapping("/api/meetings/{id}/score")
    public ResponseEntity<WriteResult> score(@PathVariable UUID id, @Valid @RequestBody Score body, Caller caller, HttpServletRequest request) {
        UUID cellId = cellOf(id, caller);
        return sender.send(new ScoreMeeting(id, body.criteria(), CommandSender.expectedVersion(request)),
                id, cellId, caller, request, HttpStatus.OK);
    }

    @PutMapping("/api/meetings/{id}/minutes")
    public ResponseEntity<WriteResult> draft(@PathVariable UUID id, @Valid @RequestBody Draft body, Caller caller, HttpServletRequest request) {
        UUID cellId = cellOf(id, caller);
        return sender.send(new DraftMinutes(id, body.sections(), CommandSender.expectedVersion(request)),
                id, cellId, caller, request, HttpStatus.OK);
    }

    @PostMapping("/api/meetings/{id}/minutes/finalize")
    public ResponseEntity<WriteResult> finalise(@PathVariable UUID id, @Valid @RequestBody Signatures body, Caller caller, HttpServletRequest request) {
        UUID cellId = cellOf(id, caller);
        return sender.send(new FinaliseMinutes(id, body.chairId(), body.recorderId(), CommandSender.expectedVersion(request)),
                id, cellId, caller, request, HttpStatus.OK);
    }

    @PostMapping("/api/meetings/{id}/minutes/amendments")
    public ResponseEntity<WriteResult> amend(@PathVariable UUID id, @Valid @RequestBody Amendment body, Caller caller,
                                             HttpServletRequest request) {
        UUID cellId = cellOf(id, caller);
        return sender.send(new AmendMinutes(id, body.sections(), body.reason(), CommandSender.expectedVersion(request)),
                id, cellId, caller, request, HttpStatus.CREATED);
    }

    private UUID cellOf(UUID meetingId, Caller caller) {
        UUID cellId = meetings.cellOf(meetingId).orElseThrow(() -> new RuleBroken(Problem.NOT_FOUND,
                "Không tìm thấy buổi sinh hoạt " + meetingId + ". (Unknown meeting.)", "id"));
        scope.requireCellWrite(caller, cellId);
        return cellId;
    }
}
