package vn.chibo.command.task;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import vn.chibo.command.meeting.MeetingDirectory;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.command.security.Scope;
import vn.chibo.command.task.TaskCommands.AssignTask;
import vn.chibo.command.task.TaskCommands.CancelTask;
import vn.chibo.command.task.TaskCommands.CompleteTask;
import vn.chibo.command.task.TaskCommands.ReopenTask;
import vn.chibo.command.web.CommandSender;
import vn.chibo.command.web.WriteResult;
import vn.chibo.events.access.Caller;
import vn.chibo.events.problem.Problem;

/** Tasks over HTTP: assign to a member, complete, reopen, cancel. */
@RestController
public class TaskController {

    public record NewTask(UUID id, @NotNull UUID memberId, @NotBlank @Size(max = 1000) String title, @NotNull LocalDate dueOn,
                          UUID meetingId, LocalDate assignedOn) {
    }

    public record Note(@Size(max = 2000) String note) {
    }

    public record Reason(@NotBlank @Size(max = 2000) String reason) {
    }

    private final CommandSender sender;
    private final Scope scope;
    private final TaskDirectory tasks;
    private final MeetingDirectory meetings;

    public TaskController(CommandSender sender, Scope scope, TaskDirectory tasks, MeetingDirectory meetings) {
        this.sender = sender;
        this.scope = scope;
        this.tasks = tasks;
        this.meetings = meetings;
    }

    @PostMapping("/api/cells/{cellId}/tasks")
    public ResponseEntity<WriteResult> assign(@PathVariable UUID cellId, @Valid @RequestBody NewTask body, Caller caller,
                                              HttpServletRequest request) {
        scope.requireCellWrite(caller, cellId);
        // a task given at a meeting names one of its own cell's: another cell's would show on that cell's pages
        if (body.meetingId() != null && !meetings.cellOf(body.meetingId()).map(cellId::equals).orElse(false)) {
            throw new RuleBroken(Problem.NOT_FOUND, "Không tìm thấy buổi sinh hoạt " + body.meetingId() + " của chi bộ này. "
                    + "(No such meeting in this cell.)", "meetingId");
        }
        UUID id = body.id() == null ? UUID.randomUUID() : body.id();
        return sender.send(
                new AssignTask(id, cellId, body.memberId(), body.title(), body.dueOn(), body.meetingId(), body.assignedOn()), id, cellId, caller,
                request, HttpStatus.CREATED);
    }

    @PostMapping("/api/tasks/{id}/complete")
    public ResponseEntity<WriteResult> complete(@PathVariable UUID id, @Valid @RequestBody(required = false) Note body, Caller caller,
                                HttpServletRequest request) {
        UUID cellId = cellOf(id, caller);
        return sender.send(new CompleteTask(id, body == null ? null : body.note(), CommandSender.expectedVersion(request)),
                id, cellId, caller, request, HttpStatus.OK);
    }

    @PostMapping("/api/tasks/{id}/reopen")
    public ResponseEntity<WriteResult> reopen(@PathVariable UUID id, @Valid @RequestBody Reason body, Caller caller, HttpServletRequest request) {
        UUID cellId = cellOf(id, caller);
        return sender.send(new ReopenTask(id, body.reason(), CommandSender.expectedVersion(request)), id, cellId, caller,
                request, HttpStatus.OK);
    }

    @PostMapping("/api/tasks/{id}/cancel")
    public ResponseEntity<WriteResult> cancel(@PathVariable UUID id, @Valid @RequestBody Reason body, Caller caller, HttpServletRequest request) {
        UUID cellId = cellOf(id, caller);
        return sender.send(new CancelTask(id, body.reason(), CommandSender.expectedVersion(request)), id, cellId, caller,
                request, HttpStatus.OK);
    }

    private UUID cellOf(UUID taskId, Caller caller) {
        UUID cellId = tasks.cellOf(taskId).orElseThrow(() -> new RuleBroken(Problem.NOT_FOUND,
                "Không tìm thấy nhiệm vụ " + taskId + ". (Unknown task.)", "id"));
        scope.requireCellWrite(caller, cellId);
        return cellId;
    }
}
