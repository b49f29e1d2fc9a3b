package vn.chibo.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.chibo.command.testing.Builders.account;
import static vn.chibo.command.testing.Builders.body;
import static vn.chibo.command.testing.Builders.cell;
import static vn.chibo.command.testing.Builders.committee;
import static vn.chibo.command.testing.Builders.member;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.Api.Reply;
import vn.chibo.query.testing.BothServicesTestBase;

/** Who changed a record, when and why, what it looked like then, and the attempts that were refused. */
class AuditHttpTest extends BothServicesTestBase {
    private static final UUID PROVINCE = UUID.fromString("10000000-0000-4000-8000-000000000000");
    private UUID committeeA;
    private UUID committeeB;
    private UUID cellA;
    private UUID cellB;
    private UUID lan;
    private String suffix;

    @BeforeEach
    void setUp() {
        suffix = Long.toString(System.nanoTime() % 100000);
        committeeA = UUID.randomUUID();
        committeeB = UUID.randomUUID();
        cellA = UUID.randomUUID();
        cellB = UUID.randomUUID();
        lan = UUID.randomUUID();
        commands.post("/api/org-units", committee(committeeA, "Đảng bộ xã Tân Phước", PROVINCE));
        commands.post("/api/org-units", committee(committeeB, "Đảng bộ xã Thạnh Lộc", PROVINCE));
        commands.post("/api/org-units", cell(cellA, "Chi bộ ấp Bình Minh", committeeA));
        commands.post("/api/org-units", cell(cellB, "Chi bộ ấp Đông Hòa", committeeB));
        assertThat(commands.post("/api/cells/" + cellA + "/members", member(lan, "Trần Thị Lan", null)).status()).isEqualTo(201);
        // scope checks read the projected tree: wait until it has the new units
        awaitJson(queries, "/api/cells/" + cellB, c -> true);
        awaitJson(queries, "/api/members/" + lan, m -> true);
    }

    @Test
    void history_and_state_as_of_show_who_changed_what_when_and_why() {
        Instant beforeRating = Instant.now();
        await().until(() -> Instant.now().isAfter(beforeRating.plusMillis(20)));
        assertThat(commands.header("X-Correlation-Id", "phien-xep-loai-10").put("/api/cells/" + cellA + "/ratings/2026-10",
                body("ratings", List.of(body("memberId", lan, "rating", "GOOD")))).status()).isEqualTo(200);
        Instant between = Instant.now();
        await().until(() -> Instant.now().isAfter(between.plusMillis(20)));
        assertThat(commands.post("/api/members/" + lan + "/ratings/2026-10/revisions",
                body("rating", "EXCELLENT", "reason", "Bổ sung thành tích phòng chống bão")).status()).isEqualTo(201);

        JsonNode history = queries.get("/api/audit/member/" + lan + "/history").json();
        JsonNode changes = history.get("changes");
        assertThat(changes.findValuesAsText("eventType")).containsExactly("MemberEnrolled", "MemberRated", "MemberRatingRevised");
        JsonNode revision = changes.get(2);
        assertThat(revision.get("summary").asText())
                .isEqualTo("Đ/c tinhuy sửa xếp loại tháng 10/2026 từ GOOD thành EXCELLENT, lý do: Bổ sung thành tích phòng chống bão");
        assertThat(revision.get("actor").asText()).isEqualTo("tinhuy");
        assertThat(revision.get("actorRole").asText()).isEqualTo("PROVINCE");
        assertThat(revision.get("reason").asText()).isEqualTo("Bổ sung thành tích phòng chống bão");
        assertThat(revision.get("cellId").asText()).isEqualTo(cellA.toString());
        assertThat(revision.get("serverTime").asText()).isNotBlank();
        assertThat(changes.get(1).get("correlationId").asText()).isEqualTo("phien-xep-loai-10");
        assertThat(changes.get(1).get("stateAfter").get("ratings").get("2026-10").get("rating").asText()).isEqualTo("GOOD");
        Reply historyCsv = queries.get("/api/audit/member/" + lan + "/history", "text/csv");
        assertThat(historyCsv.status()).as(historyCsv.toString()).isEqualTo(200);
        assertThat(historyCsv.body().split("\r\n")).hasSize(4);
        assertThat(historyCsv.body()).startsWith("sequence,at,eventType,actor").contains("MemberRatingRevised")
                .contains("Bổ sung thành tích phòng chống bão");
        Reply anyType = queries.get("/api/audit/member/" + lan + "/history", "*/*");
        assertThat(anyType.contentType()).as("a client that takes anything gets JSON").startsWith("application/json");

        JsonNode then = queries.get("/api/audit/member/" + lan + "/state?asOf=" + between).json();
        assertThat(then.get("version").asLong()).isEqualTo(1);
        assertThat(then.get("state").get("fullName").asText()).isEqualTo("Trần Thị Lan");
        assertThat(then.get("state").get("ratings").get("2026-10").get("rating").asText()).isEqualTo("GOOD");
        JsonNode now = queries.get("/api/audit/member/" + lan + "/state?asOf=" + Instant.now()).json();
        assertThat(now.get("state").get("ratings").get("2026-10").get("rating").asText()).isEqualTo("EXCELLENT");
        JsonNode before = queries.get("/api/audit/member/" + lan + "/state?asOf=" + beforeRating.minusSeconds(3600)).json();
        assertThat(before.get("version").asLong()).isEqualTo(-1);

        Reply badType = queries.get("/api/audit/thing/" + lan + "/history");
        assertThat(badType.status()).isEqualTo(404);
        Reply badInstant = queries.get("/api/audit/member/" + lan + "/state?asOf=hom-qua");
        assertThat(badInstant.status()).isEqualTo(400);
        assertThat(badInstant.json().get("field").asText()).isEqualTo("asOf");
    }

    @Test
    void the_log_filters_by_unit_actor_type_and_time_and_shows_refused_attempts() {
        assertThat(commands.post("/api/users", account("bithu.dh" + suffix, "CELL", cellB)).status()).isEqualTo(201);
        Api intruder = commandApi().as("bithu.dh" + suffix, "mat-khau-2026");
        Reply denied = intruder.post("/api/cells/" + cellA + "/members", member(UUID.randomUUID(), "Người lạ", null));
        assertThat(denied.status()).isEqualTo(403);
        Reply refused = intruder.put("/api/cells/" + cellB + "/settings", body("regularDay", 31));
        assertThat(refused.status()).isEqualTo(422);
        Reply deniedOnMember = intruder.post("/api/members/" + lan + "/exemptions", body("from", "2026-11-01", "reason", "Ốm dài ngày"));
        assertThat(deniedOnMember.status()).isEqualTo(403);
        Reply deniedRevision = intruder.post("/api/members/" + lan + "/ratings/2026-10/revisions",
                body("rating", "EXCELLENT", "reason", "Không phải chi bộ của đảng viên"));
        assertThat(deniedRevision.status()).as(deniedRevision.toString()).isEqualTo(403);
        Instant start = Instant.now().minusSeconds(600);

        JsonNode attempts = queries.get("/api/audit/log?type=REFUSED&actor=bithu.dh" + suffix).json();
        assertThat(attempts.get("entries")).hasSize(4);
        assertThat(attempts.get("entries").findValuesAsText("problem"))
                .containsExactlyInAnyOrder("out-of-scope", "out-of-scope", "out-of-scope", "invalid-regular-day");
        assertThat(attempts.get("entries").findValues("status").stream().map(JsonNode::asInt))
                .containsExactlyInAnyOrder(403, 403, 403, 422);
        JsonNode refusedInA = queries.get("/api/audit/log?type=REFUSED&unit=" + committeeA).json();
        assertThat(refusedInA.get("entries").findValuesAsText("eventType"))
                .as("an attempt on a member's record is kept under the member's cell, not only ones on /api/cells/ paths")
                .contains("POST /api/members/" + lan + "/exemptions", "POST /api/members/" + lan + "/ratings/2026-10/revisions",
                        "POST /api/cells/" + cellA + "/members");

        Reply inAReply = queries.get("/api/audit/log?unit=" + committeeA + "&type=member&from=" + start);
        assertThat(inAReply.status()).as(inAReply.toString()).isEqualTo(200);
        JsonNode inA = inAReply.json();
        assertThat(inA.get("entries").findValuesAsText("recordId")).contains(lan.toString());
        assertThat(inA.get("entries").findValuesAsText("summary")).anyMatch(s -> s.contains("Trần Thị Lan"));
        JsonNode inB = queries.get("/api/audit/log?unit=" + committeeB + "&type=member").json();
        assertThat(inB.get("entries").findValuesAsText("recordId")).doesNotContain(lan.toString());
        JsonNode future = queries.get("/api/audit/log?from=" + Instant.now().plusSeconds(3600)).json();
        assertThat(future.get("total").asLong()).isZero();
        Reply farPage = queries.get("/api/audit/log?page=5000000&size=500");
        assertThat(farPage.status()).as("a page past the end is empty, not an overflowed offset").isEqualTo(200);
        assertThat(farPage.json().get("entries")).isEmpty();
        assertThat(farPage.json().get("total").asLong()).isPositive();
        Reply csv = queries.get("/api/audit/log?unit=" + committeeA, "text/csv");
        assertThat(csv.body()).startsWith("source,at,actor").contains("Trần Thị Lan");
    }

    @Test
    void an_inspector_reads_the_audit_of_its_own_scope_only() {
        UUID other = UUID.randomUUID();
        assertThat(commands.post("/api/cells/" + cellB + "/members", member(other, "Phạm Văn Đồng", null)).status()).isEqualTo(201);
        assertThat(commands.post("/api/users", account("kiemtra.tp" + suffix, "AUDITOR", committeeA)).status()).isEqualTo(201);
        Api inspector = queriesAs("kiemtra.tp" + suffix, "mat-khau-2026");
        awaitJson(queries, "/api/members/" + other, m -> true);

        assertThat(inspector.get("/api/audit/member/" + lan + "/history").status()).isEqualTo(200);
        assertThat(inspector.get("/api/audit/member/" + other + "/history").status()).isEqualTo(403);
        assertThat(inspector.get("/api/audit/log?unit=" + committeeB).status()).isEqualTo(403);
        assertThat(inspector.get("/api/audit/verify").status()).as("the whole province's chain is the province's").isEqualTo(403);
        assertThat(commands.post("/api/users", account("kiemtra.tinh" + suffix, "AUDITOR", PROVINCE)).status()).isEqualTo(201);
        assertThat(queriesAs("kiemtra.tinh" + suffix, "mat-khau-2026").get("/api/audit/verify").status()).isEqualTo(200);
        assertThat(commands.post("/api/users", account("bithu.bm" + suffix, "CELL", cellA)).status()).isEqualTo(201);
        Api secretary = queriesAs("bithu.bm" + suffix, "mat-khau-2026");
        assertThat(secretary.get("/api/audit/log").status()).as("a cell does not read the audit").isEqualTo(403);
        assertThat(queries().get("/api/audit/log").status()).isEqualTo(401);
    }
}
