package vn.chibo.command.orgunit;

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

import vn.chibo.command.orgunit.OrgUnitCommands.ChangeCellSettings;
import vn.chibo.command.orgunit.OrgUnitCommands.RegisterOrgUnit;
import vn.chibo.events.problem.Problem;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.command.security.Scope;
import vn.chibo.command.web.CommandSender;
import vn.chibo.command.web.WriteResult;
import vn.chibo.events.access.Caller;
import vn.chibo.events.organisation.OrgUnitKind;

/** The organisation tree over HTTP: committees and cells under the province; a cell's settings. */
@RestController
public class OrgUnitController {

    public record NewOrgUnit(UUID id, @NotBlank @Size(max = 300) String name, @NotNull OrgUnitKind kind,
                             @NotNull UUID parentId, Integer regularDay) {
    }

    public record CellSettings(@NotNull Integer regularDay) {
    }

    private final CommandSender sender;
    private final Scope scope;

    public OrgUnitController(CommandSender sender, Scope scope) {
        this.sender = sender;
        this.scope = scope;
    }

    @PostMapping("/api/org-units")
    public ResponseEntity<WriteResult> register(@Valid @RequestBody NewOrgUnit body, Caller caller, HttpServletRequest request) {
        if (body.kind() == OrgUnitKind.PROVINCE) {
            throw new RuleBroken(Problem.INVALID_VALUE,
                    "Chỉ tạo được Đảng bộ (COMMITTEE) hoặc Chi bộ (CELL). (kind must be COMMITTEE or CELL.)", "kind");
        }
        scope.requireTreeWrite(caller, body.parentId());
        UUID id = body.id() == null ? UUID.randomUUID() : body.id();
        RegisterOrgUnit command = new RegisterOrgUnit(id, body.name(), body.kind(), body.parentId(), body.regularDay());
        UUID cellId = body.kind() == OrgUnitKind.CELL ? id : null;
        return sender.send(command, id, cellId, caller, request, HttpStatus.CREATED);
    }

    @PutMapping("/api/cells/{cellId}/settings")
    public ResponseEntity<WriteResult> settings(@PathVariable UUID cellId, @Valid @RequestBody CellSettings body, Caller caller,
                                HttpServletRequest request) {
        scope.requireCellWrite(caller, cellId);
        ChangeCellSettings command = new ChangeCellSettings(cellId, body.regularDay(), CommandSender.expectedVersion(request));
        return sender.send(command, cellId, cellId, caller, request, HttpStatus.OK);
    }
}
