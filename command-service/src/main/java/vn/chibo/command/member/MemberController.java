package vn.chibo.command.member;

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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import vn.chibo.command.member.MemberCommands.EnrolMember;
import vn.chibo.command.member.MemberCommands.ExemptMember;
import vn.chibo.command.member.MemberCommands.ReceiveTransfer;
import vn.chibo.command.member.MemberCommands.RecordResidenceFeedback;
import vn.chibo.command.member.MemberCommands.TransferTemporarily;
import vn.chibo.command.member.MemberCommands.TransferMember;
import vn.chibo.command.rules.MemberRegister;
import vn.chibo.events.problem.Problem;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.command.security.Scope;
import vn.chibo.command.web.CommandSender;
import vn.chibo.command.web.WriteResult;
import vn.chibo.events.access.Caller;
import vn.chibo.events.organisation.MemberStatus;

/** Members over HTTP: enrolment into a cell, transfer to another cell, exemption from meetings. */
@RestController
public class MemberController {

    public record Enrolment(UUID id,
                            @Size(max = 40) @Pattern(regexp = "[0-9A-Za-z.\\-/ ]*", message = "chỉ chữ, số, '.', '-', '/'") String cardNumber,
                            @NotBlank @Size(max = 200) String fullName,
                            @NotNull LocalDate birthDate,
                            @NotNull LocalDate joinedPartyOn,
                            @NotNull MemberStatus status,
                            LocalDate memberSince) {
    }

    /** {@code kind} PERMANENT (default) or TEMPORARY; a temporary transfer needs {@code until}. */
    public record Transfer(@NotNull UUID toCellId, @NotNull LocalDate effectiveOn, @NotBlank @Size(max = 2000) String reason,
                           TransferKind kind, LocalDate until) {
    }

    public enum TransferKind { PERMANENT, TEMPORARY }

    public record Receipt(@NotNull LocalDate receivedOn) {
    }

    public record ResidenceFeedback(@NotNull LocalDate receivedOn, @NotBlank @Size(max = 300) String fromUnit,
                                    @NotBlank @Size(max = 300) String assessment, @NotBlank @Size(max = 5000) String content) {
    }

    public record Exemption(@NotNull LocalDate from, LocalDate to, @NotBlank @Size(max = 2000) String reason) {
    }

    private final CommandSender sender;
    private final Scope scope;
    private final MemberRegister register;

    public MemberController(CommandSender sender, Scope scope, MemberRegister register) {
        this.sender = sender;
        this.scope = scope;
        this.register = register;
    }

    @PostMapping("/api/cells/{cellId}/members")
    public ResponseEntity<WriteResult> enrol(@PathVariable UUID cellId, @Valid @RequestBody Enrolment body, Caller caller,
                                             HttpServletRequest request) {
        scope.requireCellWrite(caller, cellId);
        UUID id = body.id() == null ? UUID.randomUUID() : body.id();
        EnrolMember command = new EnrolMember(id, cellId, body.cardNumber(), body.fullName(), body.birthDate(),
                body.joinedPartyOn(), body.status(), body.memberSince());
        return sender.send(command, id, cellId, caller, request, HttpStatus.CREATED);
    }

    @PostMapping("/api/members/{memberId}/transfer")
    public ResponseEntity<WriteResult> transfer(@PathVariable UUID memberId, @Valid @RequestBody Transfer body, Caller caller,
                                HttpServletRequest request) {
        UUID cellId = cellOf(memberId);
        scope.requireCellWrite(caller, cellId);
        if (body.kind() == TransferKind.TEMPORARY) {
            if (body.until() == null) {
                throw new RuleBroken(Problem.MISSING_FIELD, "Chuyển tạm thời cần ngày kết thúc 'until'. (A temporary transfer needs until.)", "until");
            }
            return sender.send(new TransferTemporarily(memberId, body.toCellId(), body.effectiveOn(), body.until(), body.reason()),
                    memberId, cellId, caller, request, HttpStatus.OK);
        }
        TransferMember command = new TransferMember(memberId, body.toCellId(), body.effectiveOn(), body.reason(),
                CommandSender.expectedVersion(request));
        return sender.send(command, memberId, cellId, caller, request, HttpStatus.OK);
    }

    /** Tiếp nhận sinh hoạt: the new cell confirms it received the transferred member. */
    @PostMapping("/api/members/{memberId}/transfer/receipt")
    public ResponseEntity<WriteResult> receive(@PathVariable UUID memberId, @Valid @RequestBody Receipt body, Caller caller, HttpServletRequest request) {
        UUID cellId = cellOf(memberId);
        scope.requireCellWrite(caller, cellId);
        return sender.send(new ReceiveTransfer(memberId, body.receivedOn()), memberId, cellId, caller, request, HttpStatus.OK);
    }

    @PostMapping("/api/members/{memberId}/exemptions")
    public ResponseEntity<WriteResult> exempt(@PathVariable UUID memberId, @Valid @RequestBody Exemption body, Caller caller,
                                              HttpServletRequest request) {
        UUID cellId = cellOf(memberId);
        scope.requireCellWrite(caller, cellId);
        ExemptMember command = new ExemptMember(memberId, body.from(), body.to(), body.reason(),
                CommandSender.expectedVersion(request));
        return sender.send(command, memberId, cellId, caller, request, HttpStatus.CREATED);
    }

    @PostMapping("/api/members/{memberId}/residence-feedback")
    public ResponseEntity<WriteResult> residenceFeedback(@PathVariable UUID memberId, @Valid @RequestBody ResidenceFeedback body,
                                                         Caller caller, HttpServletRequest request) {
        UUID cellId = cellOf(memberId);
        scope.requireCellWrite(caller, cellId);
        return sender.send(new RecordResidenceFeedback(memberId, body.receivedOn(),
                body.fromUnit(), body.assessment(), body.content()), memberId, cellId, caller, request, HttpStatus.CREATED);
    }

    private UUID cellOf(UUID memberId) {
        return register.cellOf(memberId).orElseThrow(() -> new RuleBroken(Problem.NOT_FOUND,
                "Không tìm thấy đảng viên " + memberId + ". (Unknown member.)", "memberId"));
    }
}
