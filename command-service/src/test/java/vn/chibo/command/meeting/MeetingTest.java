package vn.chibo.command.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chibo.command.testing.RuleMatchers.refusedWith;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
import vn.chibo.command.testing.FakeMeetingWorld;
import vn.chibo.events.VietnamTime;
import vn.chibo.events.meeting.Absence;
import vn.chibo.events.meeting.AttendanceRecorded;
import vn.chibo.events.meeting.MeetingCancelled;
import vn.chibo.events.meeting.MeetingKind;
import vn.chibo.events.meeting.MeetingLevel;
import vn.chibo.events.meeting.MeetingScheduled;
import vn.chibo.events.meeting.MeetingScored;
import vn.chibo.events.meeting.MinutesAmended;
import vn.chibo.events.meeting.MinutesDrafted;
import vn.chibo.events.meeting.MinutesFinalised;
import vn.chibo.events.meeting.MinutesSections;
import vn.chibo.events.meeting.Opinion;
import vn.chibo.events.meeting.SummonedMember;
import vn.chibo.events.meeting.VoteRecorded;
import vn.chibo.events.organisation.MemberStatus;
import vn.chibo.events.problem.Problem;
import vn.chibo.events.ruleset.Rules;

class MeetingTest {
    /** 10:00 on 24/11/2026 in Vietnam. */
    private static final Instant NOW = Instant.parse("2026-11-24T03:00:00Z");
    private static final UUID MEETING = UUID.randomUUID();
    private static final UUID CELL = UUID.randomUUID();
    // sorted ids, so the summoned list (sorted by id) reads in this order
    private static final UUID KHAI = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID AN = UUID.fromString("00000000-0000-4000-8000-000000000002");
    private static final UUID GAM = UUID.fromString("00000000-0000-4000-8000-000000000003");
    private static final UUID DONG = UUID.fromString("00000000-0000-4000-8000-000000000004");
    private static final UUID SAU = UUID.fromString("00000000-0000-4000-8000-000000000005");
    private static final UUID EXEMPT = UUID.fromString("00000000-0000-4000-8000-000000000006");
    private static final List<SummonedMember> SUMMONED = List.of(new SummonedMember(KHAI, MemberStatus.FULL),
            new SummonedMember(AN, MemberStatus.FULL), new SummonedMember(GAM, MemberStatus.FULL),
            new SummonedMember(DONG, MemberStatus.FULL), new SummonedMember(SAU, MemberStatus.PROBATIONARY));
    /** 08:00 on 3/11/2026 in Vietnam: the regular day, three weeks ago. */
    private static final Instant NOV_3 = Instant.parse("2026-11-03T01:00:00Z");
    private static final Instant OCT_28 = Instant.parse("2026-10-28T02:00:00Z");

    private AggregateTestFixture<Meeting> fixture;
    private FakeMeetingWorld world;

    @BeforeEach
    void setUp() {
        world = new FakeMeetingWorld()
                .member(KHAI, MemberStatus.FULL).member(AN, MemberStatus.FULL).member(GAM, MemberStatus.FULL)
                .member(DONG, MemberStatus.FULL).member(SAU, MemberStatus.PROBATIONARY)
                .member(EXEMPT, MemberStatus.FULL).exempt(EXEMPT);
        fixture = new AggregateTestFixture<>(Meeting.class);
        fixture.registerInjectableResource(world);
        fixture.registerInjectableResource(Clock.fixed(NOW, VietnamTime.ZONE));
    }

    private static ScheduleMeeting schedule(MeetingKind kind, Instant startsAt, Instant announcedAt) {
        return new ScheduleMeeting(MEETING, CELL, kind, startsAt, "Hội trường ấp", null, List.of("Thời sự"), KHAI, AN, GAM,
                null, null, announcedAt, false);
    }

    private static MeetingScheduled scheduled(Instant startsAt, Instant announcedAt, int notice, boolean enteredLate) {
        return new MeetingScheduled(MEETING, CELL, MeetingKind.REGULAR, startsAt, LocalDate.ofInstant(startsAt, VietnamTime.ZONE),
                "Hội trường ấp", null, List.of("Thời sự"), KHAI, AN, GAM, null, null, false, announcedAt, NOW, enteredLate,
                notice, SUMMONED, false, 1);
    }

    private static MeetingScheduled held() {
        return scheduled(NOV_3, OCT_28, 6, true);
    }

    private static AttendanceRecorded attended() {
        return new AttendanceRecorded(MEETING, CELL, List.of(KHAI, AN, GAM, SAU), List.of(new Absence(DONG, "Ốm", true)),
                NOV_3, NOV_3.plusSeconds(7200), 120, 0.8, List.of("low-attendance"), 1);
    }

    private static MinutesSections sections(String conclusions) {
        return new MinutesSections("Thời sự tháng 10", null, null, null, null,
                List.of(new Opinion(DONG, "Đề nghị làm đường", Opinion.Disposition.ACCEPTED, null)), conclusions, null);
    }

    // --- scheduling ---

    @Test
    void a_regular_meeting_fixes_who_is_summoned_the_notice_given_and_the_rule_set() {
        Instant dec3 = Instant.parse("2026-12-03T01:00:00Z");
        fixture.givenNoPriorActivity()
                .when(schedule(MeetingKind.REGULAR, dec3, null))
                .expectEvents(scheduled(dec3, NOW, 9, false));
        assertThat(world.calendarCalls).containsExactly("book 2026-12-03");
    }

    @Test
    void a_meeting_entered_after_the_fact_is_judged_on_its_announcement_and_shown_as_entered_late() {
        fixture.givenNoPriorActivity()
                .when(schedule(MeetingKind.REGULAR, NOV_3, OCT_28))
                .expectEvents(held());
    }

    @Test
    void a_regular_meeting_announced_less_than_three_days_ahead_is_refused() {
        fixture.givenNoPriorActivity()
                .when(schedule(MeetingKind.REGULAR, Instant.parse("2026-11-26T01:00:00Z"), null))
                .expectException(refusedWith(Problem.NOTICE_TOO_SHORT))
                .expectNoEvents();
        assertThat(world.calendarCalls).isEmpty();
    }

    @Test
    void a_topical_meeting_needs_the_notice_too_but_an_extraordinary_one_does_not() {
        fixture.givenNoPriorActivity()
                .when(schedule(MeetingKind.TOPICAL, Instant.parse("2026-11-25T01:00:00Z"), null))
                .expectException(refusedWith(Problem.NOTICE_TOO_SHORT));
        fixture.givenNoPriorActivity()
                .when(schedule(MeetingKind.EXTRAORDINARY, Instant.parse("2026-11-25T01:00:00Z"), null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void the_notice_rule_of_the_meetings_own_date_applies() {
        world.rules(2, LocalDate.of(2026, 12, 1), new Rules(10, 0.85, 90, 120, 7, 3, 0.2, 30, 90, 70, 50));
        fixture.givenNoPriorActivity()
                .when(schedule(MeetingKind.REGULAR, Instant.parse("2026-11-30T01:00:00Z"), null))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity()
                .when(schedule(MeetingKind.REGULAR, Instant.parse("2026-12-03T01:00:00Z"), null))
                .expectException(refusedWith(Problem.NOTICE_TOO_SHORT));
    }

    @Test
    void an_announcement_in_the_future_is_refused() {
        fixture.givenNoPriorActivity()
                .when(schedule(MeetingKind.REGULAR, Instant.parse("2026-12-20T01:00:00Z"), Instant.parse("2026-12-01T01:00:00Z")))
                .expectException(refusedWith(Problem.DATE_IN_FUTURE));
    }

    @Test
    void the_chair_the_recorder_and_the_presenter_must_be_members() {
        UUID stranger = UUID.randomUUID();
        Instant dec3 = Instant.parse("2026-12-03T01:00:00Z");
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeeting(MEETING, CELL, MeetingKind.REGULAR, dec3, "Hội trường", null, null, stranger, AN,
                        null, null, null, null, false))
                .expectException(refusedWith(Problem.NOT_A_MEMBER));
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeeting(MEETING, CELL, MeetingKind.REGULAR, dec3, "Hội trường", null, null, KHAI, stranger,
                        null, null, null, null, false))
                .expectException(refusedWith(Problem.NOT_A_MEMBER));
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeeting(MEETING, CELL, MeetingKind.REGULAR, dec3, "Hội trường", null, null, KHAI, AN,
                        EXEMPT, null, null, null, false))
                .expectException(refusedWith(Problem.NOT_A_MEMBER));
    }

    @Test
    void a_refusal_of_the_cells_calendar_refuses_the_meeting() {
        world.calendarRefuses(new RuleBroken(Problem.REGULAR_MEETING_EXISTS, "Tháng này đã có buổi sinh hoạt thường kỳ."));
        fixture.givenNoPriorActivity()
                .when(schedule(MeetingKind.REGULAR, Instant.parse("2026-12-17T01:00:00Z"), null))
                .expectException(refusedWith(Problem.REGULAR_MEETING_EXISTS))
                .expectNoEvents();
    }

    @Test
    void a_held_meeting_is_neither_moved_nor_cancelled() {
        fixture.given(held(), attended())
                .when(new RescheduleMeeting(MEETING, Instant.parse("2026-12-05T01:00:00Z"), "Mưa bão", null))
                .expectException(refusedWith(Problem.MEETING_HELD));
        fixture.given(held(), attended())
                .when(new CancelMeeting(MEETING, "Nhầm", null))
                .expectException(refusedWith(Problem.MEETING_HELD));
    }

    @Test
    void a_cancelled_meeting_frees_its_date_and_takes_no_attendance() {
        Instant dec3 = Instant.parse("2026-12-03T01:00:00Z");
        fixture.given(scheduled(dec3, NOW, 9, false))
                .when(new CancelMeeting(MEETING, " Mưa bão ", null))
                .expectEvents(new MeetingCancelled(MEETING, CELL, "Mưa bão"));
        assertThat(world.calendarCalls).containsExactly("release");
        fixture.given(held(), new MeetingCancelled(MEETING, CELL, "Mưa bão"))
                .when(new RecordAttendance(MEETING, List.of(KHAI), List.of(), NOV_3, NOV_3.plusSeconds(3600), null))
                .expectException(refusedWith(Problem.MEETING_NOT_HELD));
    }

    // --- attendance ---

    @Test
    void attendance_before_the_meeting_starts_is_refused() {
        Instant dec3 = Instant.parse("2026-12-03T01:00:00Z");
        fixture.given(scheduled(dec3, NOW, 9, false))
                .when(new RecordAttendance(MEETING, List.of(KHAI, AN, GAM, DONG, SAU), List.of(), dec3, dec3.plusSeconds(7200), null))
                .expectException(refusedWith(Problem.MEETING_NOT_STARTED));
    }

    @Test
    void attendance_lists_every_summoned_member_once_and_computes_rate_and_flags() {
        fixture.given(held())
                .when(new RecordAttendance(MEETING, List.of(KHAI, AN, GAM, SAU), List.of(new Absence(DONG, "Ốm", true)),
                        NOV_3, NOV_3.plusSeconds(7200), null))
                .expectEvents(attended());
    }

    @Test
    void a_short_meeting_with_an_unexcused_absence_is_flagged() {
        fixture.given(held())
                .when(new RecordAttendance(MEETING, List.of(KHAI, AN, GAM, DONG), List.of(new Absence(SAU, "Không báo", false)),
                        NOV_3, NOV_3.plusSeconds(60 * 60), null))
                .expectEvents(new AttendanceRecorded(MEETING, CELL, List.of(KHAI, AN, GAM, DONG),
                        List.of(new Absence(SAU, "Không báo", false)), NOV_3, NOV_3.plusSeconds(3600), 60, 0.8,
                        List.of("low-attendance", "unexcused-absence", "too-short"), 1));
    }

    @Test
    void an_incomplete_or_doubled_attendance_is_refused_and_a_stranger_is_not_a_member() {
        fixture.given(held())
                .when(new RecordAttendance(MEETING, List.of(KHAI, AN, GAM, DONG), List.of(), NOV_3, NOV_3.plusSeconds(7200), null))
                .expectException(refusedWith(Problem.ATTENDANCE_INCOMPLETE));
        fixture.given(held())
                .when(new RecordAttendance(MEETING, List.of(KHAI, AN, GAM, DONG, SAU), List.of(new Absence(SAU, "Ốm", true)),
                        NOV_3, NOV_3.plusSeconds(7200), null))
                .expectException(refusedWith(Problem.ATTENDANCE_INCOMPLETE));
        fixture.given(held())
                .when(new RecordAttendance(MEETING, List.of(KHAI, AN, GAM, DONG, SAU, UUID.randomUUID()), List.of(),
                        NOV_3, NOV_3.plusSeconds(7200), null))
                .expectException(refusedWith(Problem.NOT_A_MEMBER));
    }

    @Test
    void an_exempt_member_who_comes_anyway_is_recorded_present_without_changing_the_rate() {
        fixture.given(held())
                .when(new RecordAttendance(MEETING, List.of(KHAI, AN, GAM, DONG, SAU, EXEMPT), List.of(),
                        NOV_3, NOV_3.plusSeconds(7200), null))
                .expectEvents(new AttendanceRecorded(MEETING, CELL, List.of(KHAI, AN, GAM, DONG, SAU, EXEMPT), List.of(),
                        NOV_3, NOV_3.plusSeconds(7200), 120, 1.0, List.of(), 1));
    }

    // --- votes and score ---

    @Test
    void a_vote_needs_the_attendance_first() {
        fixture.given(held())
                .when(new RecordVote(MEETING, UUID.randomUUID(), "Nghị quyết", 4, 0, 0))
                .expectException(refusedWith(Problem.MEETING_NOT_HELD));
    }

    @Test
    void a_vote_passes_with_more_than_half_of_the_counted_members() {
        UUID vote = UUID.randomUUID();
        // 4 full members summoned, one absent with an approved reason: 3 counted; the probationary member does not vote
        fixture.given(held(), attended())
                .when(new RecordVote(MEETING, vote, "Nghị quyết tháng 11", 2, 1, 0))
                .expectEvents(new VoteRecorded(MEETING, vote, "Nghị quyết tháng 11", 2, 1, 0, 3, true, 1));
        fixture.given(held(), attended())
                .when(new RecordVote(MEETING, vote, "Nghị quyết tháng 11", 1, 1, 1))
                .expectEvents(new VoteRecorded(MEETING, vote, "Nghị quyết tháng 11", 1, 1, 1, 3, false, 1));
    }

    @Test
    void a_vote_sent_again_with_its_id_is_refused_as_a_duplicate() {
        UUID vote = UUID.randomUUID();
        fixture.given(held(), attended(), new VoteRecorded(MEETING, vote, "Nghị quyết tháng 11", 2, 1, 0, 3, true, 1))
                .when(new RecordVote(MEETING, vote, "Nghị quyết tháng 11", 2, 1, 0))
                .expectException(refusedWith(Problem.DUPLICATE));
    }

    @Test
    void more_votes_than_full_members_present_is_refused() {
        fixture.given(held(), attended())
                .when(new RecordVote(MEETING, UUID.randomUUID(), "Nghị quyết", 4, 0, 0))
                .expectException(refusedWith(Problem.INVALID_VOTE));
    }

    @Test
    void the_score_adds_the_criteria_and_gives_the_level() {
        fixture.given(held(), attended())
                .when(new ScoreMeeting(MEETING, Map.of("preparation", 18, "attendance", 17, "conduct", 35, "closing", 18), null))
                .expectEvents(new MeetingScored(MEETING, CELL, Map.of("preparation", 18, "attendance", 17, "conduct", 35,
                        "closing", 18), 88, MeetingLevel.FAIR, 1));
    }

    @Test
    void a_score_out_of_range_or_missing_a_criterion_is_refused() {
        fixture.given(held(), attended())
                .when(new ScoreMeeting(MEETING, Map.of("preparation", 25, "attendance", 17, "conduct", 35, "closing", 18), null))
                .expectException(refusedWith(Problem.INVALID_SCORE));
        fixture.given(held(), attended())
                .when(new ScoreMeeting(MEETING, Map.of("preparation", 18, "attendance", 17, "conduct", 35), null))
                .expectException(refusedWith(Problem.INVALID_SCORE));
    }

    // --- minutes ---

    @Test
    void minutes_need_the_attendance_and_every_draft_is_a_new_version() {
        fixture.given(held())
                .when(new DraftMinutes(MEETING, sections("Thống nhất"), null))
                .expectException(refusedWith(Problem.MEETING_NOT_HELD));
        fixture.given(held(), attended(), new MinutesDrafted(MEETING, CELL, 1, sections("Bản 1")))
                .when(new DraftMinutes(MEETING, sections("Bản 2"), null))
                .expectEvents(new MinutesDrafted(MEETING, CELL, 2, sections("Bản 2")));
    }

    @Test
    void an_explained_opinion_needs_its_answer_and_a_speaker_must_be_a_member() {
        MinutesSections unanswered = new MinutesSections(null, null, null, null, null,
                List.of(new Opinion(DONG, "Vì sao chậm?", Opinion.Disposition.EXPLAINED, null)), null, null);
        fixture.given(held(), attended())
                .when(new DraftMinutes(MEETING, unanswered, null))
                .expectException(refusedWith(Problem.MISSING_FIELD));
        MinutesSections stranger = new MinutesSections(null, null, null, null, null,
                List.of(new Opinion(UUID.randomUUID(), "Ý kiến", Opinion.Disposition.ACCEPTED, null)), null, null);
        fixture.given(held(), attended())
                .when(new DraftMinutes(MEETING, stranger, null))
                .expectException(refusedWith(Problem.NOT_A_MEMBER));
    }

    @Test
    void finalising_needs_the_meetings_chair_and_recorder_and_records_how_late_it_came() {
        fixture.given(held(), attended(), new MinutesDrafted(MEETING, CELL, 1, sections("Thống nhất")))
                .when(new FinaliseMinutes(MEETING, DONG, AN, null))
                .expectException(refusedWith(Problem.MINUTES_UNSIGNED));
        fixture.given(held(), attended(), new MinutesDrafted(MEETING, CELL, 1, sections("Thống nhất")))
                .when(new FinaliseMinutes(MEETING, KHAI, AN, null))
                .expectEvents(new MinutesFinalised(MEETING, CELL, 1, KHAI, AN, LocalDate.of(2026, 11, 24), 21, true, 1));
    }

    @Test
    void final_minutes_change_only_by_an_amendment_that_names_what_changed() {
        Object[] finalised = {held(), attended(), new MinutesDrafted(MEETING, CELL, 1, sections("Thống nhất")),
                new MinutesFinalised(MEETING, CELL, 1, KHAI, AN, LocalDate.of(2026, 11, 5), 2, false, 1)};
        fixture.given(finalised)
                .when(new DraftMinutes(MEETING, sections("Sửa"), null))
                .expectException(refusedWith(Problem.MINUTES_FINAL));
        MinutesSections change = new MinutesSections(null, null, null, null, null, null, "Thống nhất, bổ sung phòng chống bão", null);
        fixture.given(finalised)
                .when(new AmendMinutes(MEETING, change, "Bổ sung theo ý kiến chủ trì", null))
                .expectEvents(new MinutesAmended(MEETING, CELL, 2, sections("Thống nhất, bổ sung phòng chống bão"),
                        List.of("conclusions"), "Bổ sung theo ý kiến chủ trì"));
        fixture.given(held(), attended(), new MinutesDrafted(MEETING, CELL, 1, sections("Thống nhất")))
                .when(new AmendMinutes(MEETING, change, "Sửa", null))
                .expectException(refusedWith(Problem.MINUTES_NOT_FINAL));
    }


    @Test
    void a_combined_topical_and_regular_session_needs_the_longer_minimum() {
        MeetingScheduled combined = new MeetingScheduled(MEETING, CELL, MeetingKind.REGULAR, NOV_3, LocalDate.of(2026, 11, 3),
                "Hội trường ấp", "Chuyên đề học tập và làm theo tư tưởng Hồ Chí Minh", List.of("Thời sự"), KHAI, AN, GAM,
                null, null, false, OCT_28, NOW, true, 6, SUMMONED, true, 1);
        fixture.given(combined)
                .when(new RecordAttendance(MEETING, List.of(KHAI, AN, GAM, DONG, SAU), List.of(), NOV_3, NOV_3.plusSeconds(100 * 60), null))
                .expectEvents(new AttendanceRecorded(MEETING, CELL, List.of(KHAI, AN, GAM, DONG, SAU), List.of(), NOV_3,
                        NOV_3.plusSeconds(100 * 60), 100, 1.0, List.of("too-short"), 1));
    }
}
