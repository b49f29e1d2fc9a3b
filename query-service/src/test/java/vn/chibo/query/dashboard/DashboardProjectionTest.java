package vn.chibo.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.chibo.events.access.Caller;
import vn.chibo.events.access.Role;
import vn.chibo.events.meeting.AttendanceRecorded;
import vn.chibo.events.meeting.MeetingCancelled;
import vn.chibo.events.meeting.MeetingKind;
import vn.chibo.events.meeting.MeetingLevel;
import vn.chibo.events.meeting.MeetingRescheduled;
import vn.chibo.events.meeting.MeetingScheduled;
import vn.chibo.events.meeting.MeetingScored;
import vn.chibo.events.meeting.MinutesFinalised;
import vn.chibo.events.organisation.CellSettingsChanged;
import vn.chibo.events.organisation.MemberEnrolled;
import vn.chibo.events.organisation.MemberStatus;
import vn.chibo.events.organisation.MemberTransferred;
import vn.chibo.events.organisation.OrgUnitKind;
import vn.chibo.events.organisation.OrgUnitRegistered;
import vn.chibo.events.rating.MemberRated;
import vn.chibo.events.rating.MemberRatingRevised;
import vn.chibo.events.rating.RatingLevel;
import vn.chibo.events.ruleset.MeetingScoreScheme;
import vn.chibo.events.ruleset.RuleSetPublished;
import vn.chibo.events.ruleset.Rules;
import vn.chibo.events.task.TaskAssigned;
import vn.chibo.events.task.TaskCancelled;
import vn.chibo.events.task.TaskCompleted;
import vn.chibo.events.task.TaskReopened;
import vn.chibo.query.dashboard.DashboardViews.Compliance;
import vn.chibo.query.dashboard.DashboardViews.ComplianceRow;
import vn.chibo.query.deadletter.DeadLetterController;
import vn.chibo.query.eventstore.ProjectionProcessing;
import vn.chibo.query.testing.QueryServiceTestBase;

/**
 * The dashboard numbers pinned on a known month of three cells, counted by hand:
 * A held its meeting on the 3rd with 3 of 4 present, minutes on time, all 4 rated, a topical meeting too;
 * B met on the 8th (off its day) for 60 minutes, never finalised the minutes, rated 1 of 3, has an overdue task;
 * C did nothing.
 */
class DashboardProjectionTest extends QueryServiceTestBase {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private final UUID province = UUID.randomUUID();
    private final UUID committee = UUID.randomUUID();
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();
    private final UUID taskOfB = UUID.randomUUID();
    private final UUID topicalOfA = UUID.randomUUID();
    private final Map<UUID, List<UUID>> members = new java.util.HashMap<>();

    @Autowired
    DashboardQueries queries;
    @Autowired
    DashboardProjection projection;
    @Autowired
    DeadLetterController deadLetters;
    @Autowired
    DataSource dataSource;

    private static Instant at(String day) {
        return Instant.parse(day + "T01:00:00Z");
    }

    @BeforeEach
    void month() {
        append("OrgUnit", province, 0, new OrgUnitRegistered(province, "Tỉnh ủy", OrgUnitKind.PROVINCE, null, null));
        append("OrgUnit", committee, 0, new OrgUnitRegistered(committee, "Đảng bộ xã Tân Phước", OrgUnitKind.COMMITTEE, province, null));
        append("OrgUnit", a, 0, new OrgUnitRegistered(a, "Chi bộ ấp An Bình", OrgUnitKind.CELL, committee, 3));
        append("OrgUnit", b, 0, new OrgUnitRegistered(b, "Chi bộ ấp Bình Minh", OrgUnitKind.CELL, committee, 3));
        append("OrgUnit", c, 0, new OrgUnitRegistered(c, "Chi bộ ấp Cây Dương", OrgUnitKind.CELL, committee, 3));
        enrol(a, 4);
        enrol(b, 3);
        enrol(c, 2);

        UUID meetingA = UUID.randomUUID();
        append("Meeting", meetingA, 0, scheduled(meetingA, a, MeetingKind.REGULAR, "2026-10-03", false, null));
        append("Meeting", meetingA, 1, new AttendanceRecorded(meetingA, a, members.get(a).subList(0, 3), List.of(), at("2026-10-03"),
                at("2026-10-03").plusSeconds(7200), 120, 0.75, List.of("low-attendance"), 1));
        append("Meeting", meetingA, 2, new MeetingScored(meetingA, a, Map.of(), 85, MeetingLevel.FAIR, 1));
        append("Meeting", meetingA, 3, new MinutesFinalised(meetingA, a, 1, UUID.randomUUID(), UUID.randomUUID(),
                LocalDate.of(2026, 10, 5), 2, false, 1));
        append("Meeting", topicalOfA, 0, scheduled(topicalOfA, a, MeetingKind.TOPICAL, "2026-10-20", false, null));
        rate(a, RatingLevel.EXCELLENT, RatingLevel.EXCELLENT, RatingLevel.GOOD, RatingLevel.GOOD);

        UUID meetingB = UUID.randomUUID();
        append("Meeting", meetingB, 0, scheduled(meetingB, b, MeetingKind.REGULAR, "2026-10-08", true, "Trùng lịch thu hoạch"));
        append("Meeting", meetingB, 1, new AttendanceRecorded(meetingB, b, members.get(b), List.of(), at("2026-10-08"),
                at("2026-10-08").plusSeconds(3600), 60, 1.0, List.of("too-short"), 1));
        rate(b, RatingLevel.GOOD);
        append("Task", taskOfB, 0, new TaskAssigned(taskOfB, b, members.get(b).get(0), "Báo cáo", LocalDate.of(2026, 10, 8),
                LocalDate.of(2026, 10, 15), null));

        await().atMost(Duration.ofSeconds(20)).until(() ->
                jdbc.sql("SELECT count(*) FROM read_model.dash_task WHERE cell_id = ?").param(b).query(Long.class).single() == 1
                        && jdbc.sql("SELECT coalesce(sum(ratings_submitted), 0) FROM read_model.cell_month WHERE cell_id IN (?, ?)")
                        .params(a, b).query(Long.class).single() == 5);
    }

    private void enrol(UUID cell, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            append("Member", id, 0, new MemberEnrolled(id, cell, null, "Đảng viên " + i, LocalDate.of(1980, 1, 1),
                    LocalDate.of(2005, 1, 1), MemberStatus.FULL, LocalDate.of(2020, 1, 1)));
            ids.add(id);
        }
        members.put(cell, ids);
    }

    private void rate(UUID cell, RatingLevel... levels) {
        for (int i = 0; i < levels.length; i++) {
            UUID member = members.get(cell).get(i);
            append("Member", member, 1, new MemberRated(member, cell, "2026-10", levels[i], null, null, 1));
        }
    }

    private MeetingScheduled scheduled(UUID id, UUID cell, MeetingKind kind, String day, boolean offDay, String reason) {
        return new MeetingScheduled(id, cell, kind, at(day), LocalDate.parse(day), "Hội trường", null, List.of(), members.get(cell).get(0),
                members.get(cell).get(1), null, null, reason, offDay, at(day).minusSeconds(6 * 86400), at(day), false, 6,
                List.of(), false, 1);
    }

    private static ComplianceRow row(Compliance compliance, String cellName) {
        return compliance.rows().stream().filter(r -> r.cellName().equals(cellName)).findFirst().orElseThrow();
    }

    @Test
    void the_compliance_of_a_month_is_pinned() {
        Compliance october = queries.compliance(committee, YearMonth.of(2026, 10), TODAY);
        assertThat(october.rows()).extracting(ComplianceRow::cellName)
                .containsExactly("Chi bộ ấp An Bình", "Chi bộ ấp Bình Minh", "Chi bộ ấp Cây Dương");

        ComplianceRow rowA = row(october, "Chi bộ ấp An Bình");
        assertThat(rowA.regularMeetingOn()).isEqualTo(LocalDate.of(2026, 10, 3));
        assertThat(rowA.noticeDays()).isEqualTo(6);
        assertThat(rowA.attendanceRate()).isEqualTo(0.75);
        assertThat(rowA.scoreTotal()).isEqualTo(85);
        assertThat(rowA.minutesFinal()).isTrue();
        assertThat(rowA.topicalMeetingsThisQuarter()).isEqualTo(1);
        assertThat(rowA.ratingsSubmitted()).isEqualTo(4);
        assertThat(rowA.members()).isEqualTo(4);
        assertThat(rowA.flags()).containsExactly("low-attendance");

        ComplianceRow rowB = row(october, "Chi bộ ấp Bình Minh");
        assertThat(rowB.offRegularDay()).isTrue();
        assertThat(rowB.offDayReason()).isEqualTo("Trùng lịch thu hoạch");
        assertThat(rowB.overdueTasks()).isEqualTo(1);
        assertThat(rowB.flags()).containsExactly("too-short", "off-regular-day", "minutes-late", "ratings-missing", "overdue-tasks");

        ComplianceRow rowC = row(october, "Chi bộ ấp Cây Dương");
        assertThat(rowC.regularMeetingOn()).isNull();
        assertThat(rowC.members()).isEqualTo(2);
        assertThat(rowC.flags()).containsExactly("no-regular-meeting", "ratings-missing");

        var total = october.total();
        assertThat(total.cells()).isEqualTo(3);
        assertThat(total.regularMeetingsHeld()).isEqualTo(2);
        assertThat(total.heldOnRegularDay()).isEqualTo(1);
        assertThat(total.minutesFinal()).isEqualTo(1);
        assertThat(total.minutesLate()).isEqualTo(1);
        assertThat(total.averageAttendance()).isEqualTo(0.875);
        assertThat(total.ratingsSubmitted()).isEqualTo(5);
        assertThat(total.members()).isEqualTo(9);
        assertThat(total.overdueTasks()).isEqualTo(1);
        assertThat(total.flags()).containsEntry("ratings-missing", 2).containsEntry("no-regular-meeting", 1);

        // another tree with an overdue task of its own: the province's page does not count it
        UUID otherProvince = UUID.randomUUID();
        UUID otherCell = UUID.randomUUID();
        UUID otherTask = UUID.randomUUID();
        append("OrgUnit", otherProvince, 0, new OrgUnitRegistered(otherProvince, "Tỉnh ủy bên cạnh", OrgUnitKind.PROVINCE, null, null));
        append("OrgUnit", otherCell, 0, new OrgUnitRegistered(otherCell, "Chi bộ ấp Mỹ Lợi", OrgUnitKind.CELL, otherProvince, 3));
        append("Task", otherTask, 0, new TaskAssigned(otherTask, otherCell, UUID.randomUUID(), "Báo cáo", LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 10, 5), null));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                jdbc.sql("SELECT count(*) FROM read_model.dash_task WHERE cell_id = ?").param(otherCell).query(Long.class).single() == 1);
        assertThat(queries.compliance(otherProvince, YearMonth.of(2026, 10), TODAY).total().overdueTasks()).isEqualTo(1);

        Compliance fromProvince = queries.compliance(province, YearMonth.of(2026, 10), TODAY);
        assertThat(fromProvince.byUnit()).singleElement().satisfies(t -> {
            assertThat(t.unitName()).isEqualTo("Đảng bộ xã Tân Phước");
            assertThat(t.regularMeetingsHeld()).isEqualTo(2);
            assertThat(t.overdueTasks()).isEqualTo(1);
        });
        assertThat(fromProvince.total().overdueTasks()).as("the top of the tree counts its tasks without their units")
                .isEqualTo(1);
        assertThat(fromProvince.rows()).filteredOn(r -> r.overdueTasks() > 0).singleElement()
                .satisfies(r -> assertThat(r.cellId()).isEqualTo(rowB.cellId()));
    }

    @Test
    void the_provinces_overdue_counts_are_kept_until_a_task_changes() {
        YearMonth october = YearMonth.of(2026, 10);
        assertThat(queries.compliance(province, october, TODAY).total().overdueTasks()).isEqualTo(1);

        // a meeting of another cell: the page is built again, the kept counts still hold
        UUID meetingC = UUID.randomUUID();
        append("Meeting", meetingC, 0, scheduled(meetingC, c, MeetingKind.REGULAR, "2026-10-03", false, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.compliance(province, october, TODAY).total().regularMeetingsHeld() == 3);
        assertThat(queries.compliance(province, october, TODAY).total().overdueTasks()).isEqualTo(1);

        // done on the 20th, after its deadline but before the month ended: not overdue at the end of October
        append("Task", taskOfB, 1, new TaskCompleted(taskOfB, b, LocalDate.of(2026, 10, 20), true, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.compliance(province, october, TODAY).total().overdueTasks() == 0);
        assertThat(queries.compliance(province, october, TODAY).rows()).allSatisfy(r -> {
            assertThat(r.overdueTasks()).isZero();
            assertThat(r.flags()).doesNotContain("overdue-tasks");
        });
        assertThat(queries.compliance(province, YearMonth.of(2026, 9), TODAY).total().overdueTasks())
                .as("not yet due in September").isZero();

        append("Task", taskOfB, 2, new TaskReopened(taskOfB, b, "Báo cáo thiếu số liệu"));
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.compliance(province, october, TODAY).total().overdueTasks() == 1);
        assertThat(queries.compliance(province, october, TODAY).rows()).filteredOn(r -> r.overdueTasks() > 0).singleElement()
                .satisfies(r -> assertThat(r.cellId()).isEqualTo(b));

        // a task of C assigned with its deadline already past, then cancelled: each is counted again
        UUID lateTask = UUID.randomUUID();
        append("Task", lateTask, 0, new TaskAssigned(lateTask, c, members.get(c).get(0), "Nộp danh sách", LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 10, 10), null));
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.compliance(province, october, TODAY).total().overdueTasks() == 2);
        append("Task", lateTask, 1, new TaskCancelled(lateTask, c, "Không còn cần"));
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.compliance(province, october, TODAY).total().overdueTasks() == 1);

        // done again on 5 November: still overdue at the end of October (counted from the tasks done, not the open
        // ones), no longer at the end of November
        append("Task", taskOfB, 3, new TaskCompleted(taskOfB, b, LocalDate.of(2026, 11, 5), true, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.compliance(province, YearMonth.of(2026, 11), TODAY).total().overdueTasks() == 0);
        assertThat(queries.compliance(province, october, TODAY).total().overdueTasks()).isEqualTo(1);
        assertThat(queries.compliance(province, october, TODAY).rows()).filteredOn(r -> r.overdueTasks() > 0).singleElement()
                .satisfies(r -> assertThat(r.cellId()).isEqualTo(b));
    }

    @Test
    void the_provinces_rows_are_kept_and_read_again_for_the_cells_that_changed() {
        YearMonth october = YearMonth.of(2026, 10);
        YearMonth november = YearMonth.of(2026, 11);
        assertThat(row(queries.compliance(province, october, TODAY), "Chi bộ ấp Cây Dương").regularMeetingOn()).isNull();
        assertThat(row(queries.compliance(province, november, TODAY), "Chi bộ ấp An Bình").members()).isEqualTo(4);

        // C meets in October (its October row); a member joins A from 1 October (A's rows of October on)
        UUID meetingC = UUID.randomUUID();
        append("Meeting", meetingC, 0, scheduled(meetingC, c, MeetingKind.REGULAR, "2026-10-03", false, null));
        UUID newcomer = UUID.randomUUID();
        append("Member", newcomer, 0, new MemberEnrolled(newcomer, a, null, "Đảng viên mới", LocalDate.of(1990, 1, 1),
                LocalDate.of(2015, 1, 1), MemberStatus.FULL, LocalDate.of(2026, 10, 1)));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                LocalDate.of(2026, 10, 3).equals(row(queries.compliance(province, october, TODAY), "Chi bộ ấp Cây Dương").regularMeetingOn())
                        && row(queries.compliance(province, october, TODAY), "Chi bộ ấp An Bình").members() == 5
                        && row(queries.compliance(province, november, TODAY), "Chi bộ ấp An Bình").members() == 5);

        // the kept rows, brought up to date, are the rows read afresh: a committee's page reads its cells' rows itself
        for (YearMonth month : List.of(october, november)) {
            assertThat(queries.compliance(province, month, TODAY).rows()).as(month.toString())
                    .usingRecursiveComparison().isEqualTo(queries.compliance(committee, month, TODAY).rows());
        }
        assertThat(queries.compliance(province, october, TODAY).total().regularMeetingsHeld()).isEqualTo(3);
    }

    @Test
    void a_topical_meeting_counts_in_every_month_of_its_quarter_and_a_regular_one_in_its_own_month_only() {
        assertThat(jdbc.sql("SELECT to_char(month, 'MM') || ' ' || topical_in_quarter FROM read_model.cell_month WHERE cell_id = ? ORDER BY month")
                .param(a).query(String.class).list()).containsExactly("10 1", "11 1", "12 1");
        assertThat(jdbc.sql("SELECT to_char(month, 'MM') FROM read_model.cell_month WHERE cell_id = ? ORDER BY month")
                .param(b).query(String.class).list()).as("its regular meeting makes no row for later months").containsExactly("10");

        Compliance november = queries.compliance(province, YearMonth.of(2026, 11), TODAY);
        assertThat(november.rows()).extracting(ComplianceRow::cellName, ComplianceRow::topicalMeetingsThisQuarter,
                        ComplianceRow::members, ComplianceRow::ratingsSubmitted, ComplianceRow::regularMeetingOn)
                .containsExactly(tuple("Chi bộ ấp An Bình", 1, 4, 0, null), tuple("Chi bộ ấp Bình Minh", 0, 3, 0, null),
                        tuple("Chi bộ ấp Cây Dương", 0, 2, 0, null));
    }

    @Test
    void a_cancelled_topical_meeting_leaves_its_quarter_and_a_rescheduled_regular_one_moves_its_month_only() {
        append("Meeting", topicalOfA, 1, new MeetingCancelled(topicalOfA, a, "Trùng lịch họp xã"));
        UUID meetingC = UUID.randomUUID();
        append("Meeting", meetingC, 0, scheduled(meetingC, c, MeetingKind.REGULAR, "2026-11-03", false, null));
        append("Meeting", meetingC, 1, new MeetingRescheduled(meetingC, c, at("2026-12-03"), LocalDate.of(2026, 12, 3),
                at("2026-11-03"), "Mưa bão", false, List.of(), 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT count(*) FROM read_model.cell_month WHERE cell_id = ? AND meeting_date = '2026-12-03'").param(c)
                .query(Long.class).single() == 1
                && jdbc.sql("SELECT coalesce(sum(topical_in_quarter), 0) FROM read_model.cell_month WHERE cell_id = ?").param(a)
                .query(Long.class).single() == 0);

        assertThat(jdbc.sql("SELECT to_char(month, 'MM') || ' ' || topical_in_quarter FROM read_model.cell_month WHERE cell_id = ? ORDER BY month")
                .param(a).query(String.class).list()).containsExactly("10 0", "11 0", "12 0");
        assertThat(jdbc.sql("SELECT to_char(month, 'MM') || ' ' || coalesce(to_char(meeting_date, 'DD/MM'), '-') FROM read_model.cell_month "
                        + "WHERE cell_id = ? ORDER BY month").param(c).query(String.class).list())
                .as("the month it left and the month it went to").containsExactly("11 -", "12 03/12");
    }

    @Test
    void members_of_a_month_without_records_are_counted_at_its_end_and_kept_until_a_membership_changes() {
        YearMonth september = YearMonth.of(2026, 9); // no cell has a record in September: no cell_month rows
        Compliance before = queries.compliance(province, september, TODAY);
        assertThat(before.rows()).extracting(ComplianceRow::cellName, ComplianceRow::members)
                .containsExactly(tuple("Chi bộ ấp An Bình", 4), tuple("Chi bộ ấp Bình Minh", 3), tuple("Chi bộ ấp Cây Dương", 2));
        assertThat(before.total().members()).isEqualTo(9);
        assertThat(row(before, "Chi bộ ấp Cây Dương").flags()).as("no ratings for its 2 members").contains("ratings-missing");

        UUID newcomer = UUID.randomUUID();
        append("Member", newcomer, 0, new MemberEnrolled(newcomer, c, null, "Đảng viên mới", LocalDate.of(1990, 1, 1),
                LocalDate.of(2015, 1, 1), MemberStatus.FULL, LocalDate.of(2026, 9, 10)));
        await().atMost(Duration.ofSeconds(20)).until(() -> row(queries.compliance(province, september, TODAY), "Chi bộ ấp Cây Dương").members() == 3);
        assertThat(queries.compliance(province, september, TODAY).total().members()).isEqualTo(10);
        assertThat(queries.compliance(committee, september, TODAY).rows()).extracting(ComplianceRow::members)
                .as("a committee counts them itself").containsExactly(4, 3, 3);
        assertThat(row(queries.compliance(province, YearMonth.of(2026, 8), TODAY), "Chi bộ ấp Cây Dương").members())
                .as("enrolled on 10/09: not a member at the end of August").isEqualTo(2);
    }

    @Test
    void the_cells_listed_are_kept_until_a_unit_is_registered_or_a_cells_meeting_day_changes() {
        YearMonth november = YearMonth.of(2026, 11);
        LocalDate fifth = LocalDate.of(2026, 11, 5); // past the 3rd: no meeting yet is flagged
        assertThat(queries.compliance(province, november, fifth).rows())
                .extracting(ComplianceRow::cellName, r -> r.flags().contains("no-regular-meeting"))
                .containsExactly(tuple("Chi bộ ấp An Bình", true), tuple("Chi bộ ấp Bình Minh", true), tuple("Chi bộ ấp Cây Dương", true));

        // a new cell meeting on the 10th, listed in Vietnamese order (Ă after A, before B) and under its committee
        UUID d = UUID.randomUUID();
        append("OrgUnit", d, 0, new OrgUnitRegistered(d, "Chi bộ ấp Ăn Mừng", OrgUnitKind.CELL, committee, 10));
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.compliance(province, november, fifth).rows().size() == 4);
        Compliance withD = queries.compliance(province, november, fifth);
        assertThat(withD.rows()).extracting(ComplianceRow::cellName, ComplianceRow::unitName, r -> r.flags().contains("no-regular-meeting"))
                .containsExactly(tuple("Chi bộ ấp An Bình", "Đảng bộ xã Tân Phước", true),
                        tuple("Chi bộ ấp Ăn Mừng", "Đảng bộ xã Tân Phước", false),
                        tuple("Chi bộ ấp Bình Minh", "Đảng bộ xã Tân Phước", true),
                        tuple("Chi bộ ấp Cây Dương", "Đảng bộ xã Tân Phước", true));
        assertThat(withD.byUnit()).singleElement().satisfies(t -> assertThat(t.cells()).isEqualTo(4));
        // the ratings page lists the same cells in the same order, from the top and from the committee
        for (UUID unit : List.of(province, committee)) {
            assertThat(queries.ratings(unit, "2026-11", false, fifth).rows())
                    .extracting(DashboardViews.RatingRow::cellName, DashboardViews.RatingRow::rated)
                    .containsExactly(tuple("Chi bộ ấp An Bình", 0), tuple("Chi bộ ấp Ăn Mừng", 0),
                            tuple("Chi bộ ấp Bình Minh", 0), tuple("Chi bộ ấp Cây Dương", 0));
        }

        // A moves its regular day to the 20th: on the 5th it is no longer late
        append("OrgUnit", a, 1, new CellSettingsChanged(a, 20, 3));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !row(queries.compliance(province, november, fifth), "Chi bộ ấp An Bình").flags().contains("no-regular-meeting"));
        assertThat(queries.compliance(province, november, fifth).total().flags()).containsEntry("no-regular-meeting", 2);
    }

    @Test
    void a_quarter_without_a_topical_meeting_is_flagged_once_it_has_ended() {
        Compliance september = queries.compliance(committee, YearMonth.of(2026, 9), TODAY);
        assertThat(september.rows()).allSatisfy(r -> assertThat(r.flags()).contains("no-regular-meeting", "no-topical-meeting"));
        Compliance october = queries.compliance(committee, YearMonth.of(2026, 10), TODAY);
        assertThat(october.rows()).allSatisfy(r -> assertThat(r.flags()).doesNotContain("no-topical-meeting"));
    }

    @Test
    void a_regular_meeting_counts_as_held_once_its_day_has_come_not_while_it_is_only_scheduled() {
        UUID later = UUID.randomUUID();
        append("Meeting", later, 0, scheduled(later, c, MeetingKind.REGULAR, "2026-11-28", true, "Chờ đoàn công tác của huyện"));
        YearMonth november = YearMonth.of(2026, 11);
        await().atMost(Duration.ofSeconds(20)).until(() -> row(queries.compliance(committee, november, TODAY),
                "Chi bộ ấp Cây Dương").regularMeetingOn() != null);

        Compliance before = queries.compliance(committee, november, TODAY);
        assertThat(row(before, "Chi bộ ấp Cây Dương").regularMeetingOn()).as("the day it is set for")
                .isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(row(before, "Chi bộ ấp Cây Dương").regularMeetingHeld()).isFalse();
        assertThat(before.total().regularMeetingsHeld()).as("scheduled for the 28th, seen on the 24th").isZero();
        assertThat(queries.compliance(province, november, TODAY).byUnit()).singleElement()
                .satisfies(t -> assertThat(t.regularMeetingsHeld()).as("the committee's line").isZero());
        assertThat(queries.trends(committee, november, november, TODAY).get(0).meetingsHeld()).isZero();

        LocalDate after = LocalDate.of(2026, 11, 29);
        assertThat(queries.compliance(committee, november, after).total().regularMeetingsHeld()).isEqualTo(1);
        assertThat(row(queries.compliance(committee, november, after), "Chi bộ ấp Cây Dương").regularMeetingHeld()).isTrue();
        assertThat(queries.trends(committee, november, november, after).get(0).meetingsHeld()).isEqualTo(1);
        assertThat(queries.trends(committee, november, november, after).get(0).onRegularDay()).as("off its day").isZero();
    }

    @Test
    void ratings_and_trends_are_pinned() {
        var ratings = queries.ratings(committee, "2026-10", false, TODAY);
        assertThat(ratings.totals()).containsEntry("EXCELLENT", 2).containsEntry("GOOD", 3).containsEntry("COMPLETED", 0);
        assertThat(ratings.rows()).extracting(DashboardViews.RatingRow::rated).containsExactly(4, 1, 0);
        assertThat(ratings.rows()).extracting(DashboardViews.RatingRow::members).containsExactly(4, 3, 2);
        assertThat(queries.ratings(province, "2026-10", false, TODAY).rows()).extracting(DashboardViews.RatingRow::members)
                .as("from the top of the tree").containsExactly(4, 3, 2);

        var trends = queries.trends(committee, YearMonth.of(2026, 9), YearMonth.of(2026, 10), TODAY);
        assertThat(trends).hasSize(2);
        assertThat(trends.get(0).meetingsHeld()).isZero();
        assertThat(trends.get(1).meetingsHeld()).isEqualTo(2);
        assertThat(trends.get(1).onRegularDay()).isEqualTo(1);
        assertThat(trends.get(1).minutesLate()).isEqualTo(1);
        assertThat(trends.get(1).averageAttendance()).isEqualTo(0.875);
        assertThat(trends.get(1).ratings()).containsEntry("EXCELLENT", 2).containsEntry("GOOD", 3);
    }

    /**
     * A revision moves a rating from one level to another in the cell that gave it, though the event names the
     * member's cell at the period's end: a transfer recorded afterwards, dated back into the month, made that B.
     */
    @Test
    void a_revision_is_counted_in_the_cell_that_gave_the_rating() {
        UUID member = members.get(a).get(0);
        append("Member", member, 2, new MemberTransferred(member, a, b, LocalDate.of(2026, 10, 20), "Chuyển sinh hoạt"));
        append("Member", member, 3, new MemberRatingRevised(member, b, "2026-10", RatingLevel.COMPLETED, null,
                RatingLevel.EXCELLENT, null, "Sửa theo kết luận của cấp ủy", 1));

        await().atMost(Duration.ofSeconds(20)).until(() -> monthOf(a).get("excellent").equals(1));
        assertThat(monthOf(a)).containsEntry("ratings_submitted", 4).containsEntry("excellent", 1)
                .containsEntry("good", 2).containsEntry("completed", 1);
        assertThat(monthOf(b)).containsEntry("ratings_submitted", 1).containsEntry("good", 1).containsEntry("completed", 0);
        var ratings = queries.ratings(committee, "2026-10", false, TODAY);
        assertThat(ratings.rows()).extracting(DashboardViews.RatingRow::rated).containsExactly(4, 1, 0);
        assertThat(ratings.totals()).containsEntry("EXCELLENT", 1).containsEntry("GOOD", 3).containsEntry("COMPLETED", 1)
                .containsEntry("NOT_COMPLETED", 0);
    }

    /**
     * A rating applied again on its own, as Axon may when it retries a dead letter whose removal failed after the
     * event's commit, or when a letter kept from before a replay is retried after it: counted once, not twice.
     */
    @Test
    void a_rating_applied_again_on_its_own_is_counted_once() {
        UUID member = members.get(a).get(0);
        projection.on(new MemberRated(member, a, "2026-10", RatingLevel.EXCELLENT, null, null, 1));

        assertThat(monthOf(a)).containsEntry("ratings_submitted", 4).containsEntry("excellent", 2).containsEntry("good", 2);
        assertThat(queries.ratings(committee, "2026-10", false, TODAY).totals()).containsEntry("EXCELLENT", 2)
                .containsEntry("GOOD", 3);

        UUID newcomer = UUID.randomUUID();
        projection.on(new MemberRated(newcomer, c, "2026-10", RatingLevel.GOOD, null, null, 1));
        assertThat(monthOf(c)).as("a new rating applied on its own is counted at once")
                .containsEntry("ratings_submitted", 1).containsEntry("good", 1);
    }

    /**
     * A poison event holds back the events of its own record only (DESIGN §7: it never stops a projection). The
     * dashboard's dead letters were one sequence for the whole province: every later event of every cell queued behind
     * the first that failed, and once 1,024 had, the queue refused more and the projection stopped.
     */
    @Test
    void a_poison_event_holds_back_its_own_record_only_and_every_other_record_goes_on() {
        UUID poisoned = UUID.randomUUID();
        UUID taskOfA = UUID.randomUUID();
        jdbc.sql("ALTER TABLE read_model.dash_meeting ADD CONSTRAINT poison_test CHECK (meeting_id <> '" + poisoned + "') NOT VALID")
                .update();
        try {
            append("Meeting", poisoned, 0, scheduled(poisoned, c, MeetingKind.REGULAR, "2026-10-05", true, "Mùa mưa bão"));
            append("Meeting", poisoned, 1, new AttendanceRecorded(poisoned, c, members.get(c), List.of(), at("2026-10-05"),
                    at("2026-10-05").plusSeconds(5400), 90, 1.0, List.of(), 1));
            append("Task", taskOfA, 0, new TaskAssigned(taskOfA, a, members.get(a).get(0), "Thăm hộ khó khăn",
                    LocalDate.of(2026, 10, 6), LocalDate.of(2026, 10, 9), null));

            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM read_model.dash_task WHERE task_id = ?")
                    .param(taskOfA).query(Long.class).single() == 1);
            assertThat(jdbc.sql("""
                    SELECT sequence_identifier, payload_type FROM read_model.dead_letter_entry WHERE processing_group = 'dashboard'
                    ORDER BY sequence_index""").query((rs, n) -> tuple(rs.getString(1), rs.getString(2).replaceAll(".*\\.", ""))).list())
                    .as("the meeting's events wait behind its first, under the meeting's name")
                    .containsExactly(tuple(poisoned.toString(), "MeetingScheduled"), tuple(poisoned.toString(), "AttendanceRecorded"));
            Compliance october = queries.compliance(committee, YearMonth.of(2026, 10), TODAY);
            assertThat(row(october, "Chi bộ ấp An Bình").overdueTasks()).as("another cell's task, after the poison").isEqualTo(1);
            assertThat(row(october, "Chi bộ ấp Cây Dương").regularMeetingHeld()).isFalse();
        } finally {
            jdbc.sql("ALTER TABLE read_model.dash_meeting DROP CONSTRAINT poison_test").update();
        }
        var retried = deadLetters.retry(ProjectionProcessing.DASHBOARD, new Caller("tinhuy", Role.PROVINCE, province, "Ban Tổ chức"));
        assertThat(retried).containsEntry("cleared", 1).containsEntry("remaining", 0L);
        ComplianceRow cellC = row(queries.compliance(committee, YearMonth.of(2026, 10), TODAY), "Chi bộ ấp Cây Dương");
        assertThat(cellC.regularMeetingHeld()).isTrue();
        assertThat(cellC.attendanceRate()).isEqualTo(1.0);
        assertThat(cellC.offDayReason()).isEqualTo("Mùa mưa bão");
    }

    /**
     * A dead letter retried while the processor applies a batch are two writers of the dashboard: each recomputes a
     * cell's month from what it sees, and without a lock between them the later commit kept a month that lacked the
     * other's event. Every transaction that writes the dashboard holds {@link DashboardProjection#WRITER_LOCK}.
     */
    @Test
    void a_batch_of_the_dashboard_waits_while_another_writer_holds_it() throws Exception {
        UUID task = UUID.randomUUID();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + DashboardProjection.WRITER_LOCK + ")");
            }
            append("Task", task, 0, new TaskAssigned(task, c, members.get(c).get(0), "Rà soát hộ nghèo", LocalDate.of(2026, 11, 2),
                    LocalDate.of(2026, 11, 30), null));
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                    SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = ? AND objsubid = 1
                    AND NOT granted""").param((int) DashboardProjection.WRITER_LOCK).query(Long.class).single() == 1);
            assertThat(jdbc.sql("SELECT count(*) FROM read_model.dash_task WHERE task_id = ?").param(task).query(Long.class).single())
                    .isZero();
            other.rollback();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM read_model.dash_task WHERE task_id = ?")
                .param(task).query(Long.class).single() == 1);
    }

    /**
     * A rule set may take effect before it is published, and one dead-lettered is applied after the meetings it
     * governs: a meeting already on the dashboard takes the minutes deadline of the rules of its own day (a record is
     * judged by the rules of its date), not the one it was given when it was projected. A day years ahead keeps this
     * rule set off every other test's meetings.
     */
    @Test
    void a_rule_set_applied_after_a_meeting_it_governs_gives_that_meeting_its_minutes_deadline() {
        UUID governed = UUID.randomUUID();
        UUID before = UUID.randomUUID();
        UUID finalised = UUID.randomUUID();
        UUID moved = UUID.randomUUID();
        append("Meeting", before, 0, scheduled(before, c, MeetingKind.REGULAR, "2031-04-03", false, null));
        append("Meeting", governed, 0, scheduled(governed, c, MeetingKind.REGULAR, "2031-05-03", false, null));
        append("Meeting", finalised, 0, scheduled(finalised, b, MeetingKind.REGULAR, "2031-05-03", false, null));
        append("Meeting", finalised, 1, new MinutesFinalised(finalised, b, 1, UUID.randomUUID(), UUID.randomUUID(),
                LocalDate.of(2031, 5, 8), 5, false, 1));
        append("Meeting", moved, 0, scheduled(moved, a, MeetingKind.REGULAR, "2031-04-28", true, "Trùng lịch họp của xã"));
        await().atMost(Duration.ofSeconds(20)).until(() -> deadlineOf(governed) != null && deadlineOf(moved) != null
                && jdbc.sql("SELECT minutes_final FROM read_model.dash_meeting WHERE meeting_id = ?").param(finalised)
                .query(Boolean.class).optional().orElse(false));
        int earlier = deadlineOf(governed);
        assertThat(earlier).isNotEqualTo(3);

        Rules d = Rules.defaults();
        Rules fewerDays = new Rules(d.noticeDays(), d.attendanceQuality(), d.minMinutes(), d.minMinutesCombined(), 3,
                d.repeatedAbsences(), d.excellentCapRatio(), d.transferLateWorkingDays(), d.excellentMin(), d.goodMin(), d.completedMin());
        UUID book = UUID.randomUUID();
        append("RuleBook", book, 0, new RuleSetPublished(book, 1_000_000 + new java.util.Random().nextInt(1_000_000),
                LocalDate.of(2031, 5, 1), fewerDays, MeetingScoreScheme.defaults(), "Hướng dẫn mới của Ban Tổ chức Trung ương"));

        await().atMost(Duration.ofSeconds(20)).until(() -> deadlineOf(governed) == 3);
        assertThat(deadlineOf(before)).as("a meeting before the rule set's day keeps its own").isEqualTo(earlier);
        assertThat(deadlineOf(finalised)).as("minutes final, judged on time when they were").isEqualTo(earlier);
        assertThat(deadlineOf(moved)).isEqualTo(earlier);

        append("Meeting", moved, 1, new MeetingRescheduled(moved, a, at("2031-05-05"), LocalDate.of(2031, 5, 5),
                at("2031-04-28"), "Lùi vì bão", true, List.of(), 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> deadlineOf(moved) == 3);
        assertThat(jdbc.sql("SELECT minutes_deadline FROM read_model.cell_month WHERE cell_id = ? AND month = ?")
                .params(c, LocalDate.of(2031, 5, 1)).query(Integer.class).single()).as("the cell's month too").isEqualTo(3);
    }

    private Integer deadlineOf(UUID meeting) {
        return jdbc.sql("SELECT minutes_deadline FROM read_model.dash_meeting WHERE meeting_id = ?").param(meeting)
                .query(Integer.class).optional().orElse(null);
    }

    private Map<String, Object> monthOf(UUID cell) {
        return jdbc.sql("SELECT ratings_submitted, excellent, good, completed FROM read_model.cell_month WHERE cell_id = ? AND month = ?")
                .params(cell, LocalDate.of(2026, 10, 1)).query().singleRow();
    }
}
