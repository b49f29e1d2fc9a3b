package vn.chibo.query.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.chibo.events.organisation.MemberEnrolled;
import vn.chibo.events.organisation.MemberStatus;
import vn.chibo.events.organisation.OrgUnitKind;
import vn.chibo.events.organisation.OrgUnitRegistered;
import vn.chibo.events.rating.MemberRated;
import vn.chibo.events.rating.RatingLevel;
import vn.chibo.events.rating.RatingPeriod;
import vn.chibo.events.task.TaskAssigned;
import vn.chibo.events.task.TaskCompleted;
import vn.chibo.query.testing.QueryServiceTestBase;

/** Real events into real tables: yearly ratings with the excellent cap, and overdue tasks on a fixed day. */
class WorkProjectionTest extends QueryServiceTestBase {
    private final UUID province = UUID.randomUUID();
    private final UUID committee = UUID.randomUUID();
    private final UUID cellA = UUID.randomUUID();
    private final UUID cellB = UUID.randomUUID();

    @Autowired
    WorkQueries queries;

    private void tree() {
        append("OrgUnit", province, 0, new OrgUnitRegistered(province, "Tỉnh ủy", OrgUnitKind.PROVINCE, null, null));
        append("OrgUnit", committee, 0, new OrgUnitRegistered(committee, "Đảng bộ xã Tân Phước", OrgUnitKind.COMMITTEE, province, null));
        append("OrgUnit", cellA, 0, new OrgUnitRegistered(cellA, "Chi bộ ấp 1", OrgUnitKind.CELL, committee, 3));
        append("OrgUnit", cellB, 0, new OrgUnitRegistered(cellB, "Chi bộ ấp 2", OrgUnitKind.CELL, committee, 3));
    }

    private UUID member(UUID cell, String name) {
        UUID id = UUID.randomUUID();
        append("Member", id, 0, new MemberEnrolled(id, cell, null, name, LocalDate.of(1980, 1, 1), LocalDate.of(2005, 1, 1),
                MemberStatus.FULL, LocalDate.of(2020, 1, 1)));
        return id;
    }

    @Test
    void the_excellent_cap_counts_the_whole_grassroots_organisation_for_the_year() {
        tree();
        // cell A: 2 excellent, 3 good; cell B: 1 excellent, 7 good -> 3 excellent against 10 good: 3 > 0.2 x 10
        RatingLevel[] a = {RatingLevel.EXCELLENT, RatingLevel.EXCELLENT, RatingLevel.GOOD, RatingLevel.GOOD, RatingLevel.GOOD};
        RatingLevel[] b = {RatingLevel.EXCELLENT, RatingLevel.GOOD, RatingLevel.GOOD, RatingLevel.GOOD, RatingLevel.GOOD,
                RatingLevel.GOOD, RatingLevel.GOOD, RatingLevel.GOOD, RatingLevel.COMPLETED};
        int i = 0;
        for (RatingLevel level : a) {
            UUID id = member(cellA, "Đảng viên A" + i++);
            append("Member", id, 1, new MemberRated(id, cellA, "2025", level, null, null, 1));
        }
        for (RatingLevel level : b) {
            UUID id = member(cellB, "Đảng viên B" + i++);
            append("Member", id, 1, new MemberRated(id, cellB, "2025", level, null, null, 1));
        }
        await().atMost(Duration.ofSeconds(20)).until(() ->
                jdbc.sql("SELECT count(*) FROM read_model.rating").query(Long.class).single() == 14);

        var cap = queries.excellentCap(cellA, 2025);
        assertThat(cap.organisationId()).isEqualTo(committee);
        assertThat(cap.excellent()).isEqualTo(3);
        assertThat(cap.good()).isEqualTo(10);
        assertThat(cap.exceeded()).isTrue();

        var yearA = queries.cellRatings(cellA, RatingPeriod.parse("2025"), LocalDate.of(2026, 11, 24));
        assertThat(yearA.rated()).isEqualTo(5);
        assertThat(yearA.counts()).containsEntry("EXCELLENT", 2L).containsEntry("GOOD", 3L);
        assertThat(yearA.excellentCap().exceeded()).isTrue();
        assertThat(queries.excellentCap(cellA, 2024).excellent()).isZero();
    }

    @Test
    void a_task_is_overdue_when_open_past_its_deadline_on_the_day_asked() {
        tree();
        UUID an = member(cellA, "Trần Văn An");
        UUID open = UUID.randomUUID();
        UUID done = UUID.randomUUID();
        UUID future = UUID.randomUUID();
        append("Task", open, 0, new TaskAssigned(open, cellA, an, "Báo cáo tháng", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 15), null));
        append("Task", done, 0, new TaskAssigned(done, cellA, an, "Thu quỹ", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 10), null));
        append("Task", done, 1, new TaskCompleted(done, cellA, LocalDate.of(2026, 11, 12), true, null));
        append("Task", future, 0, new TaskAssigned(future, cellA, an, "Chuẩn bị đại hội", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 31), null));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                jdbc.sql("SELECT count(*) FROM read_model.task WHERE status = 'DONE'").query(Long.class).single() == 1);

        LocalDate nov20 = LocalDate.of(2026, 11, 20);
        assertThat(queries.tasks(cellA, "overdue", nov20)).extracting(WorkViews.TaskRow::id).containsExactly(open);
        assertThat(queries.tasks(cellA, "overdue", LocalDate.of(2026, 11, 15))).as("due today is not overdue yet").isEmpty();
        assertThat(queries.tasks(cellA, "open", nov20)).hasSize(2);
        assertThat(queries.tasks(cellA, "done", nov20)).singleElement().satisfies(t -> assertThat(t.late()).isTrue());
        assertThat(queries.memberWork(an, nov20).flags()).contains("overdue-task", "no-residence-feedback");
    }
}
