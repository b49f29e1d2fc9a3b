package vn.chibo.command.rating;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.axonframework.modelling.command.AggregateNotFoundException;
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
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import vn.chibo.command.audit.AccessLogFilter;
import vn.chibo.command.rating.RatingCommands.RateMember;
import vn.chibo.command.rating.RatingCommands.ReviseRating;
import vn.chibo.command.rules.MemberRegister;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.command.security.Scope;
import vn.chibo.command.web.CommandSender;
import vn.chibo.command.web.WriteResult;
import vn.chibo.events.access.Caller;
import vn.chibo.events.access.Role;
import vn.chibo.events.problem.Problem;
import vn.chibo.events.rating.RatingLevel;
import vn.chibo.events.rating.RatingPeriod;

/**
 * Xếp loại đảng viên over HTTP. A cell submits a whole period at once, in one request and one transaction: every
 * member gets an event of their own, or, when one item is refused, nothing is written and the answer names it.
 */
@RestController
public class RatingController {

    public record Item(@NotNull UUID memberId, @NotNull RatingLevel rating, Integer score, @Size(max = 2000) String note) {
    }

    public record Sheet(@NotEmpty List<@Valid @NotNull Item> ratings) {
    }

    public record Revision(@NotNull RatingLevel rating, Integer score, @NotBlank @Size(max = 2000) String reason) {
    }

    private final CommandSender sender;
    private final Scope scope;
    private final MemberRegister register;

    public RatingController(CommandSender sender, Scope scope, MemberRegister register) {
        this.sender = sender;
        this.scope = scope;
        this.register = register;
    }

    @PutMapping("/api/cells/{cellId}/ratings/{period}")
    public ResponseEntity<WriteResult> rateCell(@PathVariable UUID cellId, @PathVariable String period, @Valid @RequestBody Sheet body,
                                Caller caller, HttpServletRequest request) {
        scope.requireCellWrite(caller, cellId);
        RatingPeriod ratingPeriod = parse(period);
        List<RateMember> commands = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        Map<UUID, UUID> members = register.cellsOf(body.ratings().stream().map(Item::memberId).toList());
        for (int i = 0; i < body.ratings().size(); i++) {
            Item item = body.ratings().get(i);
            if (!seen.add(item.memberId())) {
                throw new RuleBroken(Problem.INVALID_VALUE, "Đảng viên " + item.memberId() + " có hai xếp loại trong cùng yêu cầu. "
                        + "(Listed twice.)", "ratings[" + i + "].memberId");
            }
            if (!members.containsKey(item.memberId())) {
                throw notAMember(i, item.memberId());
            }
            commands.add(new RateMember(item.memberId(), cellId, ratingPeriod, item.rating(), item.score(), item.note()));
        }
        return sender.sendAll(commands, () -> new WriteResult(cellId + "/" + ratingPeriod.code(), commands.size()), cellId,
                caller, request, HttpStatus.OK,
                (i, e) -> itemRefused(i, body.ratings().get(i).memberId(), e));
    }

    @PostMapping("/api/members/{memberId}/ratings/{period}/revisions")
    public ResponseEntity<WriteResult> revise(@PathVariable UUID memberId, @PathVariable String period,
                                              @Valid @RequestBody Revision body, Caller caller, HttpServletRequest request) {
        UUID cellId = register.cellOf(memberId).orElseThrow(() -> new RuleBroken(Problem.NOT_FOUND,
                "Không tìm thấy đảng viên " + memberId + ". (Unknown member.)", "memberId"));
        // a cell revises the periods it rated, though the member has moved since (the aggregate knows which cell that
        // was); the department anywhere in its tree
        UUID byCell = caller.role() == Role.CELL ? caller.unitId() : null;
        if (byCell == null) {
            scope.requireCellWrite(caller, cellId);
        } else {
            // a refusal is kept under the member's cell, whose committee audits the record, not under the asking cell's
            AccessLogFilter.rememberTarget(cellId);
        }
        return sender.send(new ReviseRating(memberId, byCell, parse(period), body.rating(),
                body.score(), body.reason(), CommandSender.expectedVersion(request)), memberId, byCell == null ? cellId : byCell,
                caller, request, HttpStatus.CREATED);
    }

    private static RatingPeriod parse(String period) {
        try {
            return RatingPeriod.parse(period);
        } catch (IllegalArgumentException e) {
            throw new RuleBroken(Problem.INVALID_VALUE, "Kỳ xếp loại '" + period + "' không hợp lệ; dùng tháng 2026-10, quý 2026-Q4 "
                    + "hoặc năm 2026. (A period is 2026-10, 2026-Q4 or 2026.)", "period");
        }
    }

    private static RuleBroken notAMember(int i, UUID memberId) {
        return new RuleBroken(Problem.NOT_A_MEMBER, "Đảng viên " + memberId + " (dòng " + (i + 1) + ") không có trong danh sách "
                + "đảng viên; không xếp loại nào được ghi. (Unknown member; nothing was written.)", "ratings[" + i + "].memberId");
    }

    /** The refusal of item i, naming it; the whole sheet is rolled back. */
    private static RuntimeException itemRefused(int i, UUID memberId, RuntimeException e) {
        if (e instanceof AggregateNotFoundException) {
            return notAMember(i, memberId);
        }
        if (e instanceof RuleBroken rule) {
            String field = "ratings[" + i + "]." + (rule.field() == null ? "memberId" : rule.field());
            return new RuleBroken(rule.problem(), "Dòng " + (i + 1) + ": " + rule.detail() + " Không xếp loại nào được ghi. "
                    + "(Nothing was written.)", field);
        }
        return e;
    }
}
