package vn.chibo.command.member;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import vn.chibo.command.member.MemberCommands.EnrolMember;
import vn.chibo.command.member.MemberCommands.ExemptMember;
import vn.chibo.command.member.MemberCommands.TransferMember;
import vn.chibo.command.rules.MemberRegister;
import vn.chibo.command.rules.OrgTree;
import vn.chibo.events.problem.Problem;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.events.organisation.MemberEnrolled;
import vn.chibo.events.organisation.MemberExempted;
import vn.chibo.events.organisation.MemberTransferred;
import vn.chibo.events.organisation.OrgUnitKind;

/**
 * A party member (đảng viên) and the cell they belong to. A member is in exactly one cell at a time: the
 * membership moves only by a transfer, which closes the old one on its date and opens the new one.
 */
@Aggregate
public class Member {
    @AggregateIdentifier
    private UUID memberId;
    private UUID cellId;
    private LocalDate memberSince;

    protected Member() {
    }

    @CommandHandler
    public Member(EnrolMember cmd, OrgTree tree, MemberRegister register, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        requireCell(tree, cmd.cellId(), "cellId");
        LocalDate since = cmd.memberSince() == null ? today : cmd.memberSince();
        if (since.isAfter(today)) {
            throw new RuleBroken(Problem.DATE_IN_FUTURE,
                    "Ngày bắt đầu sinh hoạt tại chi bộ chưa tới. (memberSince lies in the future.)", "memberSince");
        }
        if (cmd.joinedPartyOn().isAfter(since)) {
            throw new RuleBroken(Problem.MEMBERSHIP_DATES,
                    "Ngày sinh hoạt tại chi bộ không thể trước ngày vào Đảng. (memberSince is before joinedPartyOn.)",
                    "memberSince");
        }
        if (!cmd.birthDate().isBefore(cmd.joinedPartyOn())) {
            throw new RuleBroken(Problem.MEMBERSHIP_DATES,
                    "Ngày sinh phải trước ngày vào Đảng. (birthDate must be before joinedPartyOn.)", "birthDate");
        }
        String card = cmd.cardNumber() == null || cmd.cardNumber().isBlank() ? null : cmd.cardNumber().strip();
        if (card != null) {
            register.memberWithCard(card).ifPresent(other -> {
                throw new RuleBroken(Problem.MEMBER_ELSEWHERE,
                        "Số thẻ " + card + " đã thuộc đảng viên " + other + "; hãy chuyển sinh hoạt thay vì nhập mới. "
                                + "(This card number is already registered; transfer the member instead.)",
                        "cardNumber");
            });
        }
        apply(new MemberEnrolled(cmd.memberId(), cmd.cellId(), card, cmd.fullName().strip(), cmd.birthDate(),
                cmd.joinedPartyOn(), cmd.status(), since));
    }

    @CommandHandler
    public void handle(TransferMember cmd, OrgTree tree, Clock clock) {
        requireCell(tree, cmd.toCellId(), "toCellId");
        if (cmd.toCellId().equals(cellId)) {
            throw new RuleBroken(Problem.SAME_CELL, "Đảng viên đã sinh hoạt tại chi bộ này. (Already in this cell.)", "toCellId");
        }
        if (cmd.effectiveOn().isAfter(LocalDate.now(clock))) {
            throw new RuleBroken(Problem.DATE_IN_FUTURE,
                    "Ngày chuyển sinh hoạt chưa tới; hãy ghi nhận khi việc chuyển đã diễn ra. (effectiveOn lies in the future.)",
                    "effectiveOn");
        }
        if (!cmd.effectiveOn().isAfter(memberSince)) {
            throw new RuleBroken(Problem.MEMBERSHIP_DATES,
                    "Ngày chuyển phải sau ngày bắt đầu sinh hoạt tại chi bộ hiện tại (" + memberSince + "). "
                            + "(effectiveOn must be after the current membership began.)", "effectiveOn");
        }
        apply(new MemberTransferred(memberId, cellId, cmd.toCellId(), cmd.effectiveOn(), cmd.reason().strip()));
    }

    @CommandHandler
    public void handle(ExemptMember cmd) {
        if (cmd.to() != null && cmd.to().isBefore(cmd.from())) {
            throw new RuleBroken(Problem.EXEMPTION_PERIOD,
                    "Ngày kết thúc miễn sinh hoạt trước ngày bắt đầu. (to is before from.)", "to");
        }
        if (cmd.from().isBefore(memberSince)) {
            throw new RuleBroken(Problem.EXEMPTION_PERIOD,
                    "Miễn sinh hoạt không thể bắt đầu trước ngày sinh hoạt tại chi bộ (" + memberSince + "). "
                            + "(from is before the membership began.)", "from");
        }
        apply(new MemberExempted(memberId, cellId, cmd.from(), cmd.to(), cmd.reason().strip()));
    }

    private static void requireCell(OrgTree tree, UUID unitId, String field) {
        OrgUnitKind kind = tree.kindOf(unitId).orElseThrow(() -> new RuleBroken(Problem.NOT_FOUND,
                "Không tìm thấy chi bộ " + unitId + ". (Unknown cell.)", field));
        if (kind != OrgUnitKind.CELL) {
            throw new RuleBroken(Problem.NOT_A_CELL, "Đơn vị " + unitId + " không phải chi bộ. (Not a cell.)", field);
        }
    }

    @EventSourcingHandler
    void on(MemberEnrolled e) {
        memberId = e.memberId();
        cellId = e.cellId();
        memberSince = e.memberSince();
    }

    @EventSourcingHandler
    void on(MemberTransferred e) {
        cellId = e.toCellId();
        memberSince = e.effectiveOn();
    }
}
