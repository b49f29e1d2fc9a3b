package vn.chibo.query.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.chibo.events.organisation.MemberEnrolled;
import vn.chibo.events.organisation.MemberStatus;
import vn.chibo.events.organisation.OrgUnitKind;
import vn.chibo.events.organisation.OrgUnitRegistered;
import vn.chibo.events.rating.MemberRated;
import vn.chibo.events.rating.MemberRatingRevised;
import vn.chibo.events.rating.RatingLevel;
import vn.chibo.events.rating.RatingPeriod;
import vn.chibo.events.task.TaskAssigned;
import vn.chibo.events.task.TaskCompleted;
import vn.chibo.query.testing.QueryServiceTestBase;
import vn.chibo.query.work.WorkViews.RatingChange;

/**
 * Real events into real tables: yearly ratings with the excellent cap, a member's rating history, and overdue tasks
 * on a fixed day.
 */
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
                jdbc.sql("SELECT count(*) FROM read_model.rating WHERE cell_id IN (?, ?)").param(cellA).param(cellB)
                        .query(Long.class).single() == 14);

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
    void a_members_rating_history_lists_each_first_rating_and_each_revision_in_the_order_they_happened() {
        tree();
        UUID binh = member(cellA, "Lê Thị Bình");
        UUID other = member(cellA, "Phạm Văn Cường");
        append("Member", binh, 1, new MemberRated(binh, cellA, "2026-09", RatingLevel.GOOD, 80, "Đủ", 1));
        append("Member", binh, 2, new MemberRated(binh, cellA, "2026-10", RatingLevel.COMPLETED, 65, null, 1));
        append("Member", binh, 3, new MemberRatingRevised(binh, cellA, "2026-09", RatingLevel.EXCELLENT, 92,
                RatingLevel.GOOD, 80, "Bổ sung thành tích", 1));
        append("Member", binh, 4, new MemberRated(binh, cellA, "2026-11", RatingLevel.GOOD, 78, null, 1));
        append("Member", binh, 5, new MemberRatingRevised(binh, cellA, "2026-09", RatingLevel.GOOD, 85,
                RatingLevel.EXCELLENT, 92, "Vượt tỷ lệ xuất sắc", 1));
        append("Member", other, 1, new MemberRated(other, cellA, "2026-09", RatingLevel.NOT_COMPLETED, 40, null, 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT revisions FROM read_model.rating WHERE member_id = ? AND period = '2026-09'").param(binh)
                .query(Integer.class).optional().orElse(0) == 2
                && jdbc.sql("SELECT count(*) FROM read_model.rating WHERE cell_id = ?").param(cellA)
                        .query(Long.class).single() == 4);

        var work = queries.memberWork(binh, LocalDate.of(2026, 12, 4));
        assertThat(work.ratingHistory()).extracting(RatingChange::period, RatingChange::change, RatingChange::rating,
                        RatingChange::score, RatingChange::previousRating, RatingChange::previousScore, RatingChange::reason)
                .containsExactly(
                        tuple("2026-09", "RATED", "GOOD", 80, null, null, null),
                        tuple("2026-10", "RATED", "COMPLETED", 65, null, null, null),
                        tuple("2026-09", "REVISED", "EXCELLENT", 92, "GOOD", 80, "Bổ sung thành tích"),
                        tuple("2026-11", "RATED", "GOOD", 78, null, null, null),
                        tuple("2026-09", "REVISED", "GOOD", 85, "EXCELLENT", 92, "Vượt tỷ lệ xuất sắc"));
        assertThat(work.ratingHistory()).allSatisfy(change -> assertThat(change.recordedAt()).isBefore(Instant.now()));
        assertThat(work.ratings()).filteredOn(r -> r.period().equals("2026-09")).singleElement()
                .satisfies(r -> assertThat(r.rating()).isEqualTo("GOOD"))
                .satisfies(r -> assertThat(r.score()).isEqualTo(85))
                .satisfies(r -> assertThat(r.revisions()).isEqualTo(2));
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
