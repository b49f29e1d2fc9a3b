package vn.chibo.command.notebook;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import vn.chibo.command.notebook.NotebookCheck.CheckNotebooks;
import vn.chibo.command.security.Scope;
import vn.chibo.command.web.CommandSender;
import vn.chibo.command.web.WriteResult;
import vn.chibo.events.access.Caller;
import vn.chibo.events.notebook.NotebookResult;

/** Notebook checks over HTTP: a dated check with a result per member. */
@RestController
public class NotebookController {

    public record Result(@NotNull UUID memberId, @NotNull Boolean ok, @Size(max = 2000) String note) {
    }

    public record Check(UUID id, @NotNull LocalDate checkedOn, @NotEmpty List<@Valid @NotNull Result> results) {
    }

    private final CommandSender sender;
    private final Scope scope;

    public NotebookController(CommandSender sender, Scope scope) {
        this.sender = sender;
        this.scope = scope;
    }

    @PostMapping("/api/cells/{cellId}/notebook-checks")
    public ResponseEntity<WriteResult> check(@PathVariable UUID cellId, @Valid @RequestBody Check body, Caller caller,
                                             HttpServletRequest request) {
        scope.requireCellWrite(caller, cellId);
        UUID id = body.id() == null ? UUID.randomUUID() : body.id();
        List<NotebookResult> results = body.results().stream()
                .map(r -> new NotebookResult(r.memberId(), r.ok(), r.note() == null || r.note().isBlank() ? null : r.note().strip()))
                .toList();
        return sender.send(new CheckNotebooks(id, cellId, body.checkedOn(), results),
                id, cellId, caller, request, HttpStatus.CREATED);
    }
}
