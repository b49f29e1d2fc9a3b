package vn.chibo.query.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chibo.command.testing.Builders.account;
import static vn.chibo.command.testing.Builders.body;
import static vn.chibo.command.testing.Builders.cell;
import static vn.chibo.command.testing.Builders.committee;
import static vn.chibo.command.testing.Builders.member;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.Api.Reply;
import vn.chibo.query.testing.BothServicesTestBase;

/** A cell's month of ratings in one request, a revision, tasks, a notebook check and feedback, read back per member. */
class MembersWorkHttpTest extends BothServicesTestBase {
    private static final UUID PROVINCE = UUID.fromString("10000000-0000-4000-8000-000000000000");
    private UUID committee;
    private UUID cell;
    private final List<UUID> m = new ArrayList<>();

    @BeforeEach
    void setUp() {
        committee = UUID.randomUUID();
        cell = UUID.randomUUID();
        commands.post("/api/org-units", committee(committee, "Đảng bộ phường Hòa Bình", PROVINCE));
        commands.post("/api/org-units", cell(cell, "Chi bộ khu phố 3", committee));
        for (String name : List.of("Nguyễn Thị Minh Khai", "Trần Văn An", "Lê Thị Hồng Gấm")) {
            UUID id = UUID.randomUUID();
            assertThat(commands.post("/api/cells/" + cell + "/members", member(id, name, null)).status()).isEqualTo(201);
            m.add(id);
        }
    }

    private long events() {
        return jdbc.sql("SELECT count(*) FROM event_store.domain_event_entry").query(Long.class).single();
    }

    @Test
    void a_months_ratings_go_in_one_request_a_revision_keeps_the_earlier_one_readable() {
        Reply sheet = commands.put("/api/cells/" + cell + "/ratings/2026-10", body("ratings", List.of(
                body("memberId", m.get(0), "rating", "GOOD", "score", 85),
                body("memberId", m.get(1), "rating", "COMPLETED"),
                body("memberId", m.get(2), "rating", "EXCELLENT", "score", 95, "note", "Dẫn đầu phong trào"))));
        assertThat(sheet.status()).as(sheet.toString()).isEqualTo(200);

        Reply again = commands.put("/api/cells/" + cell + "/ratings/2026-10", body("ratings", List.of(
                body("memberId", m.get(0), "rating", "GOOD"))));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problem()).isEqualTo("rating-exists");

        Reply revised = commands.post("/api/members/" + m.get(0) + "/ratings/2026-10/revisions",
                body("rating", "EXCELLENT", "score", 91, "reason", "Bổ sung thành tích phòng chống bão"));
        assertThat(revised.status()).as(revised.toString()).isEqualTo(201);

        JsonNode page = awaitJson(queries, "/api/members/" + m.get(0), p -> p.path("ratingHistory").size() == 2);
        assertThat(page.get("fullName").asText()).isEqualTo("Nguyễn Thị Minh Khai");
        assertThat(page.get("ratings").get(0).get("rating").asText()).isEqualTo("EXCELLENT");
        assertThat(page.get("ratings").get(0).get("ratingLabel").asText()).isEqualTo("Hoàn thành xuất sắc nhiệm vụ");
        assertThat(page.get("ratings").get(0).get("revisions").asInt()).isEqualTo(1);
        JsonNode history = page.get("ratingHistory");
        assertThat(history.get(0).get("change").asText()).isEqualTo("RATED");
        assertThat(history.get(0).get("rating").asText()).isEqualTo("GOOD");
        assertThat(history.get(0).get("score").asInt()).isEqualTo(85);
        assertThat(history.get(1).get("change").asText()).isEqualTo("REVISED");
        assertThat(history.get(1).get("previousRating").asText()).isEqualTo("GOOD");
        assertThat(history.get(1).get("reason").asText()).isEqualTo("Bổ sung thành tích phòng chống bão");

        JsonNode october = queries.get("/api/cells/" + cell + "/ratings?period=2026-10").json();
        assertThat(october.get("rated").asInt()).isEqualTo(3);
        assertThat(october.get("missing")).isEmpty();
        assertThat(october.get("counts").get("EXCELLENT").asInt()).isEqualTo(2);
    }

    @Test
    void a_sheet_with_one_unknown_member_is_refused_whole_naming_that_member() {
        UUID stranger = UUID.randomUUID();
        long before = events();
        Reply refused = commands.put("/api/cells/" + cell + "/ratings/2026-10", body("ratings", List.of(
                body("memberId", m.get(0), "rating", "GOOD"),
                body("memberId", m.get(1), "rating", "GOOD"),
                body("memberId", stranger, "rating", "GOOD"))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.problem()).isEqualTo("not-a-member");
        assertThat(refused.json().get("field").asText()).isEqualTo("ratings[2].memberId");
        assertThat(refused.json().get("detail").asText()).contains(stranger.toString());

        Reply badBand = commands.put("/api/cells/" + cell + "/ratings/2026-10", body("ratings", List.of(
                body("memberId", m.get(0), "rating", "GOOD"),
                body("memberId", m.get(1), "rating", "EXCELLENT", "score", 80))));
        assertThat(badBand.status()).isEqualTo(422);
        assertThat(badBand.problem()).isEqualTo("rating-band");
        assertThat(badBand.json().get("field").asText()).isEqualTo("ratings[1].score");
        assertThat(events()).as("nothing of a refused sheet is written").isEqualTo(before);

        Reply future = commands.put("/api/cells/" + cell + "/ratings/2099-01", body("ratings", List.of(
                body("memberId", m.get(0), "rating", "GOOD"))));
        assertThat(future.problem()).isEqualTo("rating-future");
        Reply badPeriod = commands.put("/api/cells/" + cell + "/ratings/2026-13", body("ratings", List.of(
                body("memberId", m.get(0), "rating", "GOOD"))));
        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(badPeriod.json().get("field").asText()).isEqualTo("period");
    }

    @Test
    void tasks_notebook_checks_and_residence_feedback_show_on_the_member_page() {
        Reply task = commands.post("/api/cells/" + cell + "/tasks", body("memberId", m.get(1),
                "title", "Vận động đóng quỹ khuyến học", "dueOn", "2099-12-31"));
        assertThat(task.status()).as(task.toString()).isEqualTo(201);
        Reply late = commands.post("/api/cells/" + cell + "/tasks", body("memberId", m.get(1), "title", "Báo cáo", "dueOn", "2020-01-01"));
        assertThat(late.problem()).isEqualTo("task-deadline");
        String taskId = task.json().get("id").asText();
        assertThat(commands.post("/api/tasks/" + taskId + "/complete", body("note", "Đã thu đủ")).status()).isEqualTo(200);
        assertThat(commands.post("/api/tasks/" + taskId + "/complete", body()).problem()).isEqualTo("task-state");

        assertThat(commands.post("/api/cells/" + cell + "/notebook-checks", body("checkedOn", "2026-11-20", "results", List.of(
                body("memberId", m.get(1), "ok", false, "note", "Chưa ghi chép nghị quyết tháng 10")))).status()).isEqualTo(201);
        assertThat(commands.post("/api/members/" + m.get(1) + "/residence-feedback", body("receivedOn", "2026-11-10",
                "fromUnit", "Chi bộ tổ dân phố 5", "assessment", "Gương mẫu", "content", "Tích cực tham gia sinh hoạt nơi cư trú"))
                .status()).isEqualTo(201);

        JsonNode page = awaitJson(queries, "/api/members/" + m.get(1), p -> p.path("residenceFeedback").size() == 1
                && p.path("lastNotebookCheck").isObject() && "DONE".equals(p.path("tasks").path(0).path("status").asText()));
        assertThat(page.get("tasks").get(0).get("title").asText()).isEqualTo("Vận động đóng quỹ khuyến học");
        assertThat(page.get("lastNotebookCheck").get("ok").asBoolean()).isFalse();
        assertThat(page.get("residenceFeedback").get(0).get("assessment").asText()).isEqualTo("Gương mẫu");
        assertThat(page.get("flags").toString()).doesNotContain("no-residence-feedback");

        JsonNode done = queries.get("/api/cells/" + cell + "/tasks?status=done").json();
        assertThat(done).singleElement().satisfies(t -> assertThat(t.get("late").asBoolean()).isFalse());
        assertThat(queries.get("/api/cells/" + cell + "/tasks?status=DONE").json()).as("as the API writes it").isEqualTo(done);
        assertThat(done.get(0).get("version").asLong()).as("assigned, then completed: the version to send as If-Match")
                .isEqualTo(1);
        Reply stale = commands.header("If-Match", "\"0\"").post("/api/tasks/" + taskId + "/reopen", body("reason", "Chưa thu đủ"));
        assertThat(stale.problem()).as(stale.toString()).isEqualTo("stale-version");
        Reply reopened = commands.header("If-Match", "\"" + done.get(0).get("version").asLong() + "\"")
                .post("/api/tasks/" + taskId + "/reopen", body("reason", "Chưa thu đủ"));
        assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
        assertThat(awaitJson(queries, "/api/cells/" + cell + "/tasks?status=open", t -> t.size() == 1).get(0).get("version").asLong())
                .isEqualTo(reopened.json().get("version").asLong()).isEqualTo(2);
        Reply unknownStatus = queries.get("/api/cells/" + cell + "/tasks?status=finished");
        assertThat(unknownStatus.status()).as("an unknown status is refused, not read as every task").isEqualTo(400);
        assertThat(unknownStatus.problem()).isEqualTo("invalid-value");
        assertThat(unknownStatus.json().get("field").asText()).isEqualTo("status");
    }

    @Test
    void after_a_transfer_the_member_is_read_and_audited_where_they_belong_now_not_where_they_were() {
        UUID otherCommittee = UUID.randomUUID();
        UUID otherCell = UUID.randomUUID();
        commands.post("/api/org-units", committee(otherCommittee, "Đảng bộ xã Mỹ Hòa", PROVINCE));
        commands.post("/api/org-units", cell(otherCell, "Chi bộ ấp Mỹ Lợi", otherCommittee));
        for (Object[] a : new Object[][]{{"bithu.khupho3", "CELL", cell}, {"bithu.myloi", "CELL", otherCell},
                {"kiemtra.hoabinh", "AUDITOR", committee}, {"kiemtra.myhoa", "AUDITOR", otherCommittee}}) {
            assertThat(commands.post("/api/users", account((String) a[0], (String) a[1], (UUID) a[2])).status()).isEqualTo(201);
        }
        Api oldCell = queriesAs("bithu.khupho3", "mat-khau-2026");
        Api newCell = queriesAs("bithu.myloi", "mat-khau-2026");
        Api oldAuditor = queriesAs("kiemtra.hoabinh", "mat-khau-2026");
        Api newAuditor = queriesAs("kiemtra.myhoa", "mat-khau-2026");
        UUID moving = m.get(0);
        awaitJson(oldCell, "/api/members/" + moving, p -> true);
        assertThat(oldAuditor.get("/api/audit/member/" + moving + "/history").status()).isEqualTo(200);

        assertThat(commands.post("/api/members/" + moving + "/transfer",
                body("toCellId", otherCell, "effectiveOn", "2026-11-01", "reason", "Chuyển nơi cư trú")).status()).isEqualTo(200);
        awaitJson(newCell, "/api/members/" + moving, p -> p.path("memberships").size() == 2);
        Reply former = oldCell.get("/api/members/" + moving);
        assertThat(former.status()).as("the cell the member left: " + former).isEqualTo(403);
        assertThat(former.problem()).isEqualTo("out-of-scope");
        assertThat(former.json().get("detail").asText()).contains("đã chuyển sinh hoạt");
        assertThat(oldAuditor.get("/api/audit/member/" + moving + "/history").status()).as("the committee the member left").isEqualTo(403);
        assertThat(newAuditor.get("/api/audit/member/" + moving + "/history").status()).as("the committee the member joined").isEqualTo(200);
        assertThat(oldCell.get("/api/members/" + m.get(1)).status()).as("its own members it reads as before").isEqualTo(200);
    }

    @Test
    void a_transfer_not_received_in_time_is_flagged_and_a_temporary_transfer_is_not_summoned() {
        UUID host = UUID.randomUUID();
        UUID committee = UUID.randomUUID();
        commands.post("/api/org-units", committee(committee, "Đảng bộ xã Thạnh Lộc", PROVINCE));
        commands.post("/api/org-units", cell(host, "Chi bộ ấp Đông Hòa", committee));
        Reply moved = commands.post("/api/members/" + m.get(0) + "/transfer",
                body("toCellId", host, "effectiveOn", "2026-08-03", "reason", "Chuyển nơi cư trú"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        JsonNode pending = awaitJson(queries, "/api/members/" + m.get(0), p -> p.path("memberships").size() == 2);
        assertThat(pending.get("flags").toString()).contains("transfer-late");

        Reply received = commands.post("/api/members/" + m.get(0) + "/transfer/receipt", body("receivedOn", "2026-08-10"));
        assertThat(received.status()).as(received.toString()).isEqualTo(200);
        JsonNode onTime = awaitJson(queries, "/api/members/" + m.get(0),
                p -> !p.path("memberships").path(1).path("receivedOn").isMissingNode() && !p.path("memberships").path(1).path("receivedOn").isNull());
        assertThat(onTime.get("memberships").get(1).get("receiptLate").asBoolean()).isFalse();
        assertThat(onTime.get("flags").toString()).doesNotContain("transfer-late");

        Reply temporary = commands.post("/api/members/" + m.get(1) + "/transfer", body("toCellId", host, "effectiveOn", "2026-11-01",
                "until", "2027-03-31", "kind", "TEMPORARY", "reason", "Đi học lớp trung cấp lý luận chính trị"));
        assertThat(temporary.status()).as(temporary.toString()).isEqualTo(200);
        JsonNode list = awaitJson(queries, "/api/cells/" + cell + "/members?on=2026-12-01",
                l -> l.size() == 2 && l.findValues("temporarilyAway").stream().anyMatch(JsonNode::asBoolean));
        assertThat(list.findValuesAsText("fullName")).contains("Trần Văn An");

        Reply meeting = commands.post("/api/cells/" + cell + "/meetings", body("kind", "REGULAR", "startsAt", "2026-12-03T01:00:00Z",
                "announcedAt", "2026-11-24T00:00:00Z", "location", "Nhà văn hóa khu phố 3", "chairId", m.get(2),
                "recorderId", m.get(2)));
        assertThat(meeting.status()).as(meeting.toString()).isEqualTo(201);
        JsonNode view = awaitJson(queries, "/api/meetings/" + meeting.json().get("id").asText(), v -> true);
        assertThat(view.get("participants").findValuesAsText("fullName")).containsExactly("Lê Thị Hồng Gấm");
    }
}
