package vn.chibo.query.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.chibo.command.testing.Builders.account;
import static vn.chibo.command.testing.Builders.body;
import static vn.chibo.command.testing.Builders.cell;
import static vn.chibo.command.testing.Builders.committee;
import static vn.chibo.command.testing.Builders.member;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.Api.Reply;
import vn.chibo.query.testing.BothServicesTestBase;

/**
 * Both services against one PostgreSQL in one test: commands over HTTP to the command-service, results read over
 * HTTP from the query-service, with one token accepted by both.
 */
class EndToEndHttpTest extends BothServicesTestBase {
    private static final UUID PROVINCE = UUID.fromString("10000000-0000-4000-8000-000000000000");

    @Test
    void what_the_command_service_accepts_the_query_service_shows() {
        UUID committee = UUID.randomUUID();
        UUID binhMinh = UUID.randomUUID();
        UUID dongHoa = UUID.randomUUID();
        assertThat(commands.post("/api/org-units", committee(committee, "Đảng bộ xã Tân Phước", PROVINCE)).status()).isEqualTo(201);
        assertThat(commands.post("/api/org-units", cell(binhMinh, "Chi bộ ấp Bình Minh", committee)).status()).isEqualTo(201);
        assertThat(commands.post("/api/org-units", cell(dongHoa, "Chi bộ ấp Đông Hòa", committee)).status()).isEqualTo(201);
        UUID khai = UUID.randomUUID();
        UUID an = UUID.randomUUID();
        UUID dung = UUID.randomUUID();
        commands.post("/api/cells/" + binhMinh + "/members", member(khai, "Nguyễn Thị Minh Khai", "79.100001"));
        commands.post("/api/cells/" + binhMinh + "/members", member(an, "Trần Văn An", "79.100002"));
        commands.post("/api/cells/" + binhMinh + "/members", member(dung, "Đỗ Tiến Dũng", "79.100003"));
        Reply moved = commands.post("/api/members/" + dung + "/transfer",
                body("toCellId", dongHoa, "effectiveOn", "2026-10-01", "reason", "Chuyển nơi cư trú"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        commands.post("/api/members/" + an + "/exemptions", body("from", "2026-01-01", "reason", "Tuổi cao, sức yếu"));

        assertThat(queries.get("/api/me").json().get("role").asText()).isEqualTo("PROVINCE");

        JsonNode province = awaitJson(queries, "/api/org-units/" + PROVINCE, p -> p.get("memberCount").asLong() == 3);
        assertThat(province.get("children")).anySatisfy(c -> {
            assertThat(c.get("name").asText()).isEqualTo("Đảng bộ xã Tân Phước");
            assertThat(c.get("memberCount").asLong()).isEqualTo(3);
        });

        // the exemption is An's last event: once it shows, everything before it has been projected
        JsonNode members = awaitJson(queries, "/api/cells/" + binhMinh + "/members",
                m -> m.size() == 2 && m.get(0).get("exempt").asBoolean());
        assertThat(members.findValuesAsText("fullName")).containsExactly("Trần Văn An", "Nguyễn Thị Minh Khai");
        assertThat(members.get(0).get("exempt").asBoolean()).isTrue();
        JsonNode before = queries.get("/api/cells/" + binhMinh + "/members?on=2026-09-30").json();
        assertThat(before.findValuesAsText("fullName")).containsExactly("Trần Văn An", "Đỗ Tiến Dũng", "Nguyễn Thị Minh Khai");

        Reply csv = queries.get("/api/cells/" + binhMinh + "/members", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("id,cardNumber,fullName").contains("Nguyễn Thị Minh Khai").contains("79.100002");

        JsonNode history = awaitJson(queries, "/api/members/" + dung, m -> m.get("memberships").size() == 2);
        assertThat(history.get("cellName").asText()).isEqualTo("Chi bộ ấp Đông Hòa");
        assertThat(history.get("memberships").get(0).get("to").asText()).isEqualTo("2026-09-30");
        assertThat(history.get("memberships").get(1).get("reason").asText()).isEqualTo("Chuyển nơi cư trú");

        JsonNode cellView = queries.get("/api/cells/" + dongHoa).json();
        assertThat(cellView.get("regularDay").asInt()).isEqualTo(3);
        assertThat(cellView.get("parentName").asText()).isEqualTo("Đảng bộ xã Tân Phước");
    }

    @Test
    void each_role_reads_its_own_scope_only() {
        UUID committee = UUID.randomUUID();
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        commands.post("/api/org-units", committee(committee, "Đảng bộ phường Hòa Bình", PROVINCE));
        commands.post("/api/org-units", cell(mine, "Chi bộ khu phố 1", committee));
        commands.post("/api/org-units", cell(theirs, "Chi bộ khu phố 2", committee));
        assertThat(commands.post("/api/users", account("bithu.kp1", "CELL", mine)).status()).isEqualTo(201);
        Api secretary = queriesAs("bithu.kp1", "mat-khau-2026");

        awaitJson(queries, "/api/cells/" + theirs, c -> true);
        assertThat(secretary.get("/api/cells/" + mine).status()).isEqualTo(200);
        Reply denied = secretary.get("/api/cells/" + theirs);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.problem()).isEqualTo("out-of-scope");
        assertThat(secretary.get("/api/org-units/" + committee).status()).isEqualTo(403);

        UUID otherCommittee = UUID.randomUUID();
        UUID otherCell = UUID.randomUUID();
        commands.post("/api/org-units", committee(otherCommittee, "Đảng bộ xã Thạnh Lộc", PROVINCE));
        commands.post("/api/org-units", cell(otherCell, "Chi bộ ấp Đông Hòa", otherCommittee));
        assertThat(commands.post("/api/users", account("danguy.hoabinh", "COMMITTEE", committee)).status()).isEqualTo(201);
        Api committeeUser = queriesAs("danguy.hoabinh", "mat-khau-2026");
        awaitJson(queries, "/api/cells/" + otherCell, c -> true);
        assertThat(committeeUser.get("/api/org-units/" + committee).status()).isEqualTo(200);
        assertThat(committeeUser.get("/api/cells/" + theirs).status()).isEqualTo(200);
        assertThat(committeeUser.get("/api/cells/" + otherCell).status()).isEqualTo(403);
        assertThat(committeeUser.get("/api/org-units/" + PROVINCE).status()).isEqualTo(403);
        assertThat(commands.post("/api/users/danguy.hoabinh/disable", java.util.Map.of()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(committeeUser.get("/api/org-units/" + committee).status())
                        .as("a disabled account's token no longer reads, here either").isEqualTo(401));

        Reply unknown = queries.get("/api/cells/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        for (String list : List.of("", "/members", "/meetings", "/tasks", "/ratings?period=2026-10", "/presenter/next")) {
            Reply notACell = queries.get("/api/cells/" + committee + list);
            assertThat(notACell.status()).as("a committee under /api/cells" + list + ": " + notACell).isEqualTo(404);
            assertThat(notACell.problem()).isEqualTo("not-found");
        }
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Reply anonymous = queries().get("/api/cells/" + mine);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.problem()).isEqualTo("unauthenticated");
        assertThat(anonymous.headers().get("www-authenticate")).containsExactly("Bearer realm=\"chibo\"");
        Reply forged = queries().withToken("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0aW5odXkifQ.c2lnbmF0dXJl").get("/api/cells/" + mine);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.headers().get("www-authenticate")).singleElement()
                .satisfies(c -> assertThat(c).startsWith("Bearer realm=\"chibo\", error=\"invalid_token\""));
        Reply wrongMethod = queries.post("/api/cells/" + mine, java.util.Map.of());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.headers().get("allow")).singleElement().satisfies(allow -> assertThat(allow).contains("GET"));
        for (String rejected : List.of("/api/me;jsessionid=1", "//api/me", "/error")) {
            Reply refused = queries.get(rejected);
            assertThat(refused.status()).as(rejected + ": " + refused).isEqualTo(rejected.equals("/error") ? 404 : 400);
            assertThat(refused.contentType()).as(rejected).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asText()).as(rejected).isNotBlank();
        }
        Reply badId = queries.get("/api/cells/khong-phai-uuid");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("field").asText()).isEqualTo("id");
    }
}
