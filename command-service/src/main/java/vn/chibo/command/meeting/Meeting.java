package vn.chibo.command.meeting;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import vn.chibo.command.meeting.MeetingCommands.AmendMinutes;
import vn.chibo.command.meeting.MeetingCommands.CancelMeeting;
import vn.chibo.command.meeting.MeetingCommands.DraftMinutes;
import vn.chibo.command.meeting.MeetingCommands.FinaliseMinutes;
import vn.chibo.command.meeting.MeetingCommands.RecordAttendance;
import vn.chibo.command.meeting.MeetingCommands.RecordVote;
import vn.chibo.command.meeting.MeetingCommands.RescheduleMeeting;
import vn.chibo.command.meeting.MeetingCommands.ScheduleMeeting;
import vn.chibo.command.meeting.MeetingCommands.ScoreMeeting;
import vn.chibo.command.rules.CellCalendar;
import vn.chibo.command.rules.CellRoster;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.command.rules.RuleSets;
import vn.chibo.events.VietnamTime;
import vn.chibo.events.meeting.Absence;
import vn.chibo.events.meeting.AttendanceRecorded;
import vn.chibo.events.meeting.MeetingCancelled;
import vn.chibo.events.meeting.MeetingKind;
import vn.chibo.events.meeting.MeetingRescheduled;
import vn.chibo.events.meeting.MeetingScheduled;
import vn.chibo.events.meeting.MeetingScored;
import vn.chibo.events.meeting.MinutesAmended;
import vn.chibo.events.meeting.MinutesDrafted;
import vn.chibo.events.meeting.MinutesFinalised;
import vn.chibo.events.meeting.MinutesSections;
import vn.chibo.events.meeting.Opinion;
import vn.chibo.events.meeting.SummonedMember;
import vn.chibo.events.meeting.VoteRecorded;
import vn.chibo.events.problem.Problem;

/**
 * One meeting of a cell (buổi sinh hoạt chi bộ): its schedule, who is summoned, attendance, votes, score and
 * minutes. Rules that span the cell's meetings are the calendar's ({@link CellCalendar}); every decision uses
 * the rule set in force on the meeting's date and records its version.
 */
@Aggregate(cache = "meetingCache")
public class Meeting {
    @AggregateIdentifier
    private UUID meetingId;
    /** The votes recorded, by the ids their clients gave them. */
    private final Set<UUID> votes = new HashSet<>();
    private UUID cellId;
    private Instant startsAt;
    private LocalDate date;
    private UUID chairId;
    private UUID recorderId;
    private List<SummonedMember> summoned = List.of();
    private boolean combinedSession;
    private boolean cancelled;
    private List<UUID> present;
    private List<Absence> absent;
    private int minutesVersion;
    private MinutesSections minutes;
    private boolean finalised;

    protected Meeting() {
    }

    @CommandHandler
    public Meeting(ScheduleMeeting cmd, RuleSets ruleSets, CellRoster roster, CellCalendar calendar, Clock clock) {
        Instant now = clock.instant();
        Instant announcedAt = cmd.announcedAt() == null ? now : cmd.announcedAt();
        if (announcedAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw new RuleBroken(Problem.DATE_IN_FUTURE,
                    "Ngày thông báo không thể ở tương lai. (announcedAt lies in the future.)", "announcedAt");
        }
        LocalDate day = dateOf(cmd.startsAt());
        RuleSets.InForce rules = ruleSets.inForceOn(day);
        long notice = ChronoUnit.DAYS.between(dateOf(announcedAt), day);
        if (cmd.kind() != MeetingKind.EXTRAORDINARY && notice < rules.rules().noticeDays()) {
            throw new RuleBroken(Problem.NOTICE_TOO_SHORT,
                    "Buổi sinh hoạt phải được thông báo trước ít nhất " + rules.rules().noticeDays() + " ngày; thông báo "
                            + dateOf(announcedAt) + " cho ngày họp " + day + " chỉ trước " + notice + " ngày. "
                            + "(Notice of " + notice + " days is shorter than " + rules.rules().noticeDays() + ".)",
                    "startsAt");
        }
        List<SummonedMember> called = roster.summonedOn(cmd.cellId(), day);
        requireMember(roster, cmd.cellId(), cmd.chairId(), day, "chairId");
        requireMember(roster, cmd.cellId(), cmd.recorderId(), day, "recorderId");
        if (cmd.presenterId() != null && called.stream().noneMatch(m -> m.memberId().equals(cmd.presenterId()))) {
            throw new RuleBroken(Problem.NOT_A_MEMBER,
                    "Người báo cáo thời sự phải là đảng viên được triệu tập của chi bộ. (The presenter must be summoned.)",
                    "presenterId");
        }
        CellCalendar.Booking booking = calendar.book(cmd.cellId(), cmd.meetingId(), cmd.kind(), day, cmd.reason(),
                cmd.presenterId(), cmd.presenterReason(), called.stream().map(SummonedMember::memberId).toList());
        apply(new MeetingScheduled(cmd.meetingId(), cmd.cellId(), cmd.kind(), cmd.startsAt(), day, cmd.location(),
                cmd.topic(), cmd.agenda() == null ? List.of() : List.copyOf(cmd.agenda()), cmd.chairId(), cmd.recorderId(),
                cmd.presenterId(), blankToNull(cmd.presenterReason()), blankToNull(cmd.reason()), booking.offRegularDay(),
                announcedAt, now, cmd.startsAt().isBefore(now), (int) notice, called, cmd.combinedSession(), rules.version()));
    }

    @CommandHandler
    public void handle(RescheduleMeeting cmd, RuleSets ruleSets, CellRoster roster, CellCalendar calendar) {
        requireNotCancelled();
        if (present != null) {
            throw new RuleBroken(Problem.MEETING_HELD, "Buổi sinh hoạt đã điểm danh, không dời lịch được. (Already held.)");
        }
        LocalDate day = dateOf(cmd.startsAt());
        RuleSets.InForce rules = ruleSets.inForceOn(day);
        List<SummonedMember> called = roster.summonedOn(cellId, day);
        CellCalendar.Booking booking = calendar.rebook(cellId, meetingId, day, cmd.reason());
        apply(new MeetingRescheduled(meetingId, cellId, cmd.startsAt(), day, startsAt, cmd.reason().strip(),
                booking.offRegularDay(), called, rules.version()));
    }

    @CommandHandler
    public void handle(CancelMeeting cmd, CellCalendar calendar) {
        if (cancelled) {
            return;
        }
        if (present != null) {
            throw new RuleBroken(Problem.MEETING_HELD, "Buổi sinh hoạt đã điểm danh, không hủy được. (Already held.)");
        }
        calendar.release(cellId, meetingId);
        apply(new MeetingCancelled(meetingId, cellId, cmd.reason().strip()));
    }

    @CommandHandler
    public void handle(RecordAttendance cmd, RuleSets ruleSets, CellRoster roster, Clock clock) {
        requireNotCancelled();
        requireStarted(clock);
        if (finalised) {
            throw new RuleBroken(Problem.MINUTES_FINAL, "Biên bản đã hoàn thành; không sửa điểm danh được nữa. (Minutes are final.)");
        }
        if (!cmd.endedAt().isAfter(cmd.startedAt())) {
            throw new RuleBroken(Problem.INVALID_VALUE, "Giờ kết thúc phải sau giờ bắt đầu. (endedAt must be after startedAt.)", "endedAt");
        }
        if (cmd.startedAt().isAfter(clock.instant())) {
            throw new RuleBroken(Problem.MEETING_NOT_STARTED, "Giờ bắt đầu chưa tới. (startedAt lies in the future.)", "startedAt");
        }
        Set<UUID> seen = new HashSet<>();
        List<UUID> listed = new ArrayList<>(cmd.present());
        cmd.absent().forEach(a -> listed.add(a.memberId()));
        Set<UUID> summonedIds = new HashSet<>(summoned.stream().map(SummonedMember::memberId).toList());
        for (UUID id : listed) {
            if (!seen.add(id)) {
                throw new RuleBroken(Problem.ATTENDANCE_INCOMPLETE, "Đảng viên " + id + " được ghi hai lần. (Listed twice.)", "present");
            }
            if (!summonedIds.contains(id) && !(cmd.present().contains(id) && roster.isMemberOn(cellId, id, date))) {
                throw new RuleBroken(Problem.NOT_A_MEMBER,
                        "Đảng viên " + id + " không được triệu tập dự buổi sinh hoạt này. (Not summoned to this meeting.)", "present");
            }
        }
        List<UUID> missing = summonedIds.stream().filter(id -> !seen.contains(id)).toList();
        if (!missing.isEmpty()) {
            throw new RuleBroken(Problem.ATTENDANCE_INCOMPLETE,
                    "Còn " + missing.size() + " đảng viên được triệu tập chưa được ghi có mặt hay vắng mặt: " + missing
                            + ". (Every summoned member must be listed as present or absent.)", "absent");
        }
        RuleSets.InForce rules = ruleSets.inForceOn(date);
        long presentSummoned = cmd.present().stream().filter(summonedIds::contains).count();
        double rate = summonedIds.isEmpty() ? 1.0 : (double) presentSummoned / summonedIds.size();
        long minutesLong = Duration.between(cmd.startedAt(), cmd.endedAt()).toMinutes();
        List<String> flags = new ArrayList<>();
        if (rate < rules.rules().attendanceQuality()) {
            flags.add("low-attendance");
        }
        if (cmd.absent().stream().anyMatch(a -> !a.excused())) {
            flags.add("unexcused-absence");
        }
        int minimum = combinedSession ? rules.rules().minMinutesCombined() : rules.rules().minMinutes();
        if (minutesLong < minimum) {
            flags.add("too-short");
        }
        apply(new AttendanceRecorded(meetingId, cellId, List.copyOf(cmd.present()), List.copyOf(cmd.absent()),
                cmd.startedAt(), cmd.endedAt(), minutesLong, Math.round(rate * 10000) / 10000.0, flags, rules.version()));
    }

    @CommandHandler
    public void handle(RecordVote cmd, RuleSets ruleSets, Clock clock) {
        if (votes.contains(cmd.voteId())) {
            // a vote sent again without its Idempotency-Key would otherwise be counted twice
            throw new RuleBroken(Problem.DUPLICATE, "Biểu quyết " + cmd.voteId() + " đã được ghi. (This vote is already recorded.)", "id");
        }
        requireHeld(clock);
        if (cmd.inFavour() < 0 || cmd.against() < 0 || cmd.abstain() < 0) {
            throw new RuleBroken(Problem.INVALID_VOTE, "Số phiếu không thể âm. (Tallies cannot be negative.)", "inFavour");
        }
        VoteCount count = VoteCount.of(summoned, absent);
        int cast = cmd.inFavour() + cmd.against() + cmd.abstain();
        if (cast > count.fullPresent()) {
            throw new RuleBroken(Problem.INVALID_VOTE,
                    "Có " + cast + " phiếu nhưng chỉ " + count.fullPresent() + " đảng viên chính thức có mặt (đảng viên dự bị "
                            + "không biểu quyết). (More votes than full members present.)", "inFavour");
        }
        apply(new VoteRecorded(meetingId, cmd.voteId(), cmd.subject().strip(), cmd.inFavour(), cmd.against(), cmd.abstain(),
                count.counted(), count.passes(cmd.inFavour()), ruleSets.inForceOn(date).version()));
    }

    @CommandHandler
    public void handle(ScoreMeeting cmd, RuleSets ruleSets, Clock clock) {
        requireHeld(clock);
        RuleSets.InForce rules = ruleSets.inForceOn(date);
        int total = MeetingScoring.total(rules.meetingScore(), cmd.criteria());
        apply(new MeetingScored(meetingId, cellId, java.util.Map.copyOf(cmd.criteria()), total,
                MeetingScoring.level(rules.meetingScore(), total), rules.version()));
    }

    @CommandHandler
    public void handle(DraftMinutes cmd, CellRoster roster, Clock clock) {
        requireHeld(clock);
        if (finalised) {
            throw new RuleBroken(Problem.MINUTES_FINAL,
                    "Biên bản đã hoàn thành; chỉ sửa được bằng bản sửa đổi có lý do. (Final: amend with a reason.)");
        }
        requireSpeakersAreMembers(cmd.sections(), roster);
        apply(new MinutesDrafted(meetingId, cellId, minutesVersion + 1, cmd.sections()));
    }

    @CommandHandler
    public void handle(FinaliseMinutes cmd, RuleSets ruleSets, Clock clock) {
        if (finalised) {
            throw new RuleBroken(Problem.MINUTES_FINAL, "Biên bản đã hoàn thành. (Already final.)");
        }
        if (minutes == null) {
            throw new RuleBroken(Problem.NOT_FOUND, "Chưa có bản dự thảo biên bản để hoàn thành. (No draft yet.)");
        }
        if (!Objects.equals(cmd.chairId(), chairId) || !Objects.equals(cmd.recorderId(), recorderId)) {
            throw new RuleBroken(Problem.MINUTES_UNSIGNED,
                    "Biên bản phải do chủ trì và thư ký của buổi sinh hoạt ký. (Must be signed by the meeting's chair and recorder.)",
                    Objects.equals(cmd.chairId(), chairId) ? "recorderId" : "chairId");
        }
        LocalDate today = LocalDate.now(clock.withZone(VietnamTime.ZONE));
        long days = ChronoUnit.DAYS.between(date, today);
        RuleSets.InForce rules = ruleSets.inForceOn(date);
        apply(new MinutesFinalised(meetingId, cellId, minutesVersion, chairId, recorderId, today, days,
                days > rules.rules().minutesDays(), rules.version()));
    }

    @CommandHandler
    public void handle(AmendMinutes cmd, CellRoster roster) {
        if (!finalised) {
            throw new RuleBroken(Problem.MINUTES_NOT_FINAL,
                    "Biên bản chưa hoàn thành; hãy lưu bản dự thảo mới. (Not final yet: save a new draft instead.)");
        }
        MinutesChange change = MinutesChange.between(minutes, cmd.sections());
        if (change.changed().isEmpty()) {
            return;
        }
        requireSpeakersAreMembers(change.result(), roster);
        apply(new MinutesAmended(meetingId, cellId, minutesVersion + 1, change.result(), change.changed(), cmd.reason().strip()));
    }

    private void requireSpeakersAreMembers(MinutesSections sections, CellRoster roster) {
        if (sections.discussion() == null) {
            return;
        }
        for (Opinion opinion : sections.discussion()) {
            if (opinion.memberId() != null && !roster.isMemberOn(cellId, opinion.memberId(), date)) {
                throw new RuleBroken(Problem.NOT_A_MEMBER,
                        "Người phát biểu " + opinion.memberId() + " không phải đảng viên của chi bộ. (Not a member.)",
                        "sections.discussion");
            }
            if (opinion.disposition() == Opinion.Disposition.EXPLAINED && (opinion.answer() == null || opinion.answer().isBlank())) {
                throw new RuleBroken(Problem.MISSING_FIELD,
                        "Ý kiến được giải trình cần có nội dung trả lời. (An EXPLAINED opinion needs its answer.)",
                        "sections.discussion.answer");
            }
        }
    }

    private void requireNotCancelled() {
        if (cancelled) {
            throw new RuleBroken(Problem.MEETING_NOT_HELD, "Buổi sinh hoạt đã bị hủy. (The meeting was cancelled.)");
        }
    }

    private void requireStarted(Clock clock) {
        if (clock.instant().isBefore(startsAt)) {
            throw new RuleBroken(Problem.MEETING_NOT_STARTED,
                    "Buổi sinh hoạt chưa bắt đầu (" + startsAt + "). (The meeting has not started yet.)");
        }
    }

    /** Votes, scores and minutes need a meeting that took place: started, not cancelled, attendance taken. */
    private void requireHeld(Clock clock) {
        requireNotCancelled();
        requireStarted(clock);
        if (present == null) {
            throw new RuleBroken(Problem.MEETING_NOT_HELD,
                    "Cần điểm danh trước khi ghi biểu quyết, chấm điểm hay lập biên bản. (Record attendance first.)");
        }
    }

    private static void requireMember(CellRoster roster, UUID cellId, UUID memberId, LocalDate day, String field) {
        if (!roster.isMemberOn(cellId, memberId, day)) {
            throw new RuleBroken(Problem.NOT_A_MEMBER,
                    "Đảng viên " + memberId + " không sinh hoạt tại chi bộ vào ngày " + day + ". (Not a member of the cell that day.)",
                    field);
        }
    }

    static LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, VietnamTime.ZONE);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @EventSourcingHandler
    void on(MeetingScheduled e) {
        meetingId = e.meetingId();
        cellId = e.cellId();
        startsAt = e.startsAt();
        date = e.date();
        chairId = e.chairId();
        recorderId = e.recorderId();
        summoned = e.summoned();
        combinedSession = e.combinedSession();
    }

    @EventSourcingHandler
    void on(MeetingRescheduled e) {
        startsAt = e.startsAt();
        date = e.date();
        summoned = e.summoned();
    }

    @EventSourcingHandler
    void on(MeetingCancelled e) {
        cancelled = true;
    }

    @EventSourcingHandler
    void on(AttendanceRecorded e) {
        present = e.present();
        absent = e.absent();
    }

    @EventSourcingHandler
    void on(VoteRecorded e) {
        votes.add(e.voteId());
    }

    @EventSourcingHandler
    void on(MinutesDrafted e) {
        minutesVersion = e.version();
        minutes = e.sections();
    }

    @EventSourcingHandler
    void on(MinutesFinalised e) {
        finalised = true;
    }

    @EventSourcingHandler
    void on(MinutesAmended e) {
        minutesVersion = e.version();
        minutes = e.sections();
    }
}
