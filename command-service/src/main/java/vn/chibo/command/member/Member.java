package vn.chibo.command.member;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import vn.chibo.command.member.MemberCommands.EnrolMember;
import vn.chibo.command.member.MemberCommands.ExemptMember;
import vn.chibo.command.member.MemberCommands.ReceiveTransfer;
import vn.chibo.command.member.MemberCommands.RecordResidenceFeedback;
import vn.chibo.command.member.MemberCommands.TransferTemporarily;
import vn.chibo.command.member.MemberCommands.TransferMember;
import vn.chibo.command.rules.MemberRegister;
import vn.chibo.command.rating.RatingBand;
import vn.chibo.command.rating.RatingCommands.RateMember;
import vn.chibo.command.rating.RatingCommands.ReviseRating;
import vn.chibo.command.rules.OrgTree;
import vn.chibo.command.rules.RuleSets;
import vn.chibo.events.EventMetadata;
import vn.chibo.events.access.Role;
import vn.chibo.events.problem.Problem;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.events.organisation.MemberEnrolled;
import vn.chibo.events.organisation.MemberExempted;
import vn.chibo.events.organisation.MemberTransferred;
import vn.chibo.events.organisation.OrgUnitKind;
import vn.chibo.events.organisation.MemberTemporarilyTransferred;
import vn.chibo.events.organisation.MemberTransferReceived;
import vn.chibo.events.organisation.ResidenceFeedbackReceived;
import vn.chibo.events.organisation.WorkingDays;
import vn.chibo.events.rating.MemberRated;
import vn.chibo.events.rating.MemberRatingRevised;
import vn.chibo.events.rating.RatingPeriod;

/**
 * A party member (đảng viên), the cells they belonged to over time and their ratings (one per period). A member is in exactly one cell at a time: the
 * membership moves only by a transfer, which closes the old one on its date and opens the new one.
 */
@Aggregate(cache = "memberCache")
public class Member {
    @AggregateIdentifier
    private UUID memberId;
    /** Every membership, oldest first; the last one is open (to == null). Most members never move: room for one. */
    private final List<Membership> memberships = new ArrayList<>(1);
    /** Xếp loại by period ({@code 2026-10}, {@code 2026-Q4}, {@code 2026}). */
    private final PeriodRatings ratings = new PeriodRatings();

    /** The commands a cell's user gives only while the member belongs to that cell. */
    private static final Set<Class<?>> BY_THE_MEMBERS_CELL = Set.of(TransferMember.class, TransferTemporarily.class,
            ReceiveTransfer.class, RecordResidenceFeedback.class, ExemptMember.class);

    /**
     * A cell's user writes to this record only while the member belongs to that cell. The controller checked the cell
     * the member directory gave, which another instance of the service may know up to a minute late after a transfer;
     * this record knows where the member is now, so a cell the member has left is refused here too (ratings follow
     * their period's cell instead: {@link #handle(RateMember, RuleSets, Clock)}, {@link #handle(ReviseRating, RuleSets, Clock)}).
     */
    @CommandHandlerInterceptor
    public Object inTheCellOfTheCaller(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        if (BY_THE_MEMBERS_CELL.contains(command.getPayloadType())
                && Role.CELL.name().equals(command.getMetaData().get(EventMetadata.ACTOR_ROLE))
                && !current().cellId().toString().equals(command.getMetaData().get(EventMetadata.CELL_ID))) {
            throw new RuleBroken(Problem.OUT_OF_SCOPE, "Đảng viên " + memberId + " không còn sinh hoạt tại chi bộ của tài khoản này. "
                    + "(The member no longer belongs to your cell.)");
        }
        return chain.proceed();
    }

    /** The current membership: the cell the member is in now, and since when. */
    private Membership current() {
        return memberships.get(memberships.size() - 1);
    }

    private record Membership(UUID cellId, LocalDate from, LocalDate to) {
        boolean covers(LocalDate day) {
            return !day.isBefore(from) && (to == null || !day.isAfter(to));
        }
    }

    private record Temporary(UUID hostCellId, LocalDate from, LocalDate until) {
        boolean overlaps(LocalDate otherFrom, LocalDate otherUntil) {
            return !otherFrom.isAfter(until) && !otherUntil.isBefore(from);
        }
    }

    private final List<Temporary> temporaryTransfers = new ArrayList<>();
    /** The date the last permanent transfer took effect, while the new cell has not yet received the member. */
    private LocalDate transferAwaitingReceipt;

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
        UUID cellId = current().cellId();
        LocalDate memberSince = current().from();
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
        LocalDate memberSince = current().from();
        if (cmd.from().isBefore(memberSince)) {
            throw new RuleBroken(Problem.EXEMPTION_PERIOD,
                    "Miễn sinh hoạt không thể bắt đầu trước ngày sinh hoạt tại chi bộ (" + memberSince + "). "
                            + "(from is before the membership began.)", "from");
        }
        apply(new MemberExempted(memberId, current().cellId(), cmd.from(), cmd.to(), cmd.reason().strip()));
    }

    /**
     * Xếp loại: one rating per period. A member is rated by the cell they belong to at the end of the period (for
     * the current period: today), so a member transferred mid-period is rated by the new cell.
     */
    @CommandHandler
    public void handle(RateMember cmd, RuleSets ruleSets, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        RatingPeriod period = cmd.period();
        if (period.start().isAfter(today)) {
            throw new RuleBroken(Problem.RATING_FUTURE, "Kỳ " + period.code() + " chưa bắt đầu. (The period has not started.)", "period");
        }
        LocalDate judgedOn = period.end().isAfter(today) ? today : period.end();
        UUID ratingCell = cellOn(judgedOn);
        if (!cmd.cellId().equals(ratingCell)) {
            throw new RuleBroken(Problem.NOT_A_MEMBER, "Đảng viên " + memberId + " không sinh hoạt tại chi bộ này vào ngày "
                    + judgedOn + ", nên chi bộ không xếp loại kỳ " + period.code() + ". (Not a member of this cell at the end of the period.)",
                    "memberId");
        }
        ratings.of(period).ifPresent(existing -> {
            throw new RuleBroken(Problem.RATING_EXISTS, "Đảng viên " + memberId + " đã được xếp loại kỳ " + period.code() + " ("
                    + existing.rating().label() + "); hãy sửa xếp loại kèm lý do. (Already rated: revise with a reason.)", "memberId");
        });
        RuleSets.InForce rules = ruleSets.inForceOn(judgedOn);
        RatingBand.require(cmd.rating(), cmd.score(), rules.rules(), "score");
        apply(new MemberRated(memberId, cmd.cellId(), period.code(), cmd.rating(), cmd.score(), blankToNull(cmd.note()),
                rules.version()));
    }

    /**
     * A rating is revised by the cell that rates the period (the member's cell on its last day), or by the department: a
     * member transferred since is not re-rated for a past period by the new cell. A transfer recorded later with an
     * earlier date moves the period, as the rule for rating says, to the cell the member then belonged to.
     */
    @CommandHandler
    public void handle(ReviseRating cmd, RuleSets ruleSets, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        LocalDate judgedOn = cmd.period().end().isAfter(today) ? today : cmd.period().end();
        if (cmd.byCellId() != null && !cmd.byCellId().equals(cellOn(judgedOn))) {
            throw new RuleBroken(Problem.OUT_OF_SCOPE, "Kỳ " + cmd.period().code() + " do chi bộ nơi đảng viên sinh hoạt vào ngày "
                    + judgedOn + " xếp loại; chỉ chi bộ đó hoặc Ban Tổ chức được sửa. (Only the cell that rated the period, or "
                    + "the department, revises it.)", "period");
        }
        PeriodRatings.Rated existing = ratings.of(cmd.period()).orElseThrow(() -> new RuleBroken(Problem.NOT_FOUND,
                "Đảng viên chưa được xếp loại kỳ " + cmd.period().code() + "; không có gì để sửa. (No rating to revise.)", "period"));
        RuleSets.InForce rules = ruleSets.inForceOn(judgedOn);
        RatingBand.require(cmd.rating(), cmd.score(), rules.rules(), "score");
        if (existing.rating() == cmd.rating() && java.util.Objects.equals(existing.score(), cmd.score())) {
            return;
        }
        apply(new MemberRatingRevised(memberId, cellOn(judgedOn), cmd.period().code(), cmd.rating(), cmd.score(),
                existing.rating(), existing.score(), cmd.reason().strip(), rules.version()));
    }

    @CommandHandler
    public void handle(RecordResidenceFeedback cmd, Clock clock) {
        if (cmd.receivedOn().isAfter(LocalDate.now(clock))) {
            throw new RuleBroken(Problem.DATE_IN_FUTURE, "Ngày nhận nhận xét chưa tới. (receivedOn lies in the future.)", "receivedOn");
        }
        apply(new ResidenceFeedbackReceived(memberId, current().cellId(), cmd.receivedOn(), cmd.fromUnit().strip(), cmd.assessment().strip(),
                cmd.content().strip()));
    }

    @CommandHandler
    public void handle(TransferTemporarily cmd, OrgTree tree) {
        requireCell(tree, cmd.hostCellId(), "toCellId");
        UUID cellId = current().cellId();
        LocalDate memberSince = current().from();
        if (cmd.hostCellId().equals(cellId)) {
            throw new RuleBroken(Problem.SAME_CELL, "Chi bộ nhận tạm thời phải khác chi bộ gốc. (The host must differ from the home cell.)",
                    "toCellId");
        }
        if (cmd.from().isBefore(memberSince)) {
            throw new RuleBroken(Problem.MEMBERSHIP_DATES, "Chuyển tạm thời không thể bắt đầu trước ngày sinh hoạt tại chi bộ ("
                    + memberSince + "). (Starts before the membership.)", "effectiveOn");
        }
        if (cmd.until().isBefore(cmd.from().plusMonths(3)) || !cmd.until().isBefore(cmd.from().plusYears(1))) {
            throw new RuleBroken(Problem.TEMPORARY_TRANSFER_PERIOD, "Chuyển sinh hoạt tạm thời từ 3 tháng đến dưới 1 năm; "
                    + cmd.from() + " đến " + cmd.until() + " không hợp lệ. (3 months to under a year.)", "until");
        }
        temporaryTransfers.stream().filter(t -> t.overlaps(cmd.from(), cmd.until())).findFirst().ifPresent(t -> {
            throw new RuleBroken(Problem.MEMBER_ELSEWHERE, "Đảng viên đang chuyển sinh hoạt tạm thời đến chi bộ " + t.hostCellId()
                    + " từ " + t.from() + " đến " + t.until() + ". (Already temporarily elsewhere then.)", "effectiveOn");
        });
        apply(new MemberTemporarilyTransferred(memberId, cellId, cmd.hostCellId(), cmd.from(), cmd.until(), cmd.reason().strip()));
    }

    @CommandHandler
    public void handle(ReceiveTransfer cmd, RuleSets ruleSets, Clock clock) {
        if (transferAwaitingReceipt == null) {
            throw new RuleBroken(Problem.TRANSFER_RECEIVED, "Không có lần chuyển sinh hoạt nào chờ tiếp nhận. (No transfer awaits receipt.)");
        }
        if (cmd.receivedOn().isBefore(transferAwaitingReceipt) || cmd.receivedOn().isAfter(LocalDate.now(clock))) {
            throw new RuleBroken(Problem.MEMBERSHIP_DATES, "Ngày tiếp nhận phải từ ngày chuyển (" + transferAwaitingReceipt
                    + ") đến hôm nay. (receivedOn out of range.)", "receivedOn");
        }
        RuleSets.InForce rules = ruleSets.inForceOn(cmd.receivedOn());
        long days = WorkingDays.between(transferAwaitingReceipt, cmd.receivedOn());
        apply(new MemberTransferReceived(memberId, current().cellId(), cmd.receivedOn(), days, days > rules.rules().transferLateWorkingDays(),
                rules.version()));
    }

    /** The cell the member belonged to on {@code day}, or null. */
    private UUID cellOn(LocalDate day) {
        return memberships.stream().filter(m -> m.covers(day)).map(Membership::cellId).findFirst().orElse(null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
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
        memberships.add(new Membership(e.cellId(), e.memberSince(), null));
    }

    @EventSourcingHandler
    void on(MemberTransferred e) {
        Membership last = memberships.remove(memberships.size() - 1);
        memberships.add(new Membership(last.cellId(), last.from(), e.effectiveOn().minusDays(1)));
        memberships.add(new Membership(e.toCellId(), e.effectiveOn(), null));
        transferAwaitingReceipt = e.effectiveOn();
    }

    @EventSourcingHandler
    void on(MemberTemporarilyTransferred e) {
        temporaryTransfers.add(new Temporary(e.hostCellId(), e.from(), e.until()));
    }

    @EventSourcingHandler
    void on(MemberTransferReceived e) {
        transferAwaitingReceipt = null;
    }

    @EventSourcingHandler
    void on(MemberRated e) {
        ratings.put(RatingPeriod.parse(e.period()), e.rating(), e.score());
    }

    @EventSourcingHandler
    void on(MemberRatingRevised e) {
        ratings.put(RatingPeriod.parse(e.period()), e.rating(), e.score());
    }
}
