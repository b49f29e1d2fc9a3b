package vn.chibo.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chibo.command.testing.Builders.body;
import static vn.chibo.command.testing.Builders.cell;
import static vn.chibo.command.testing.Builders.committee;
import static vn.chibo.command.testing.Builders.member;

import java.util.UUID;

import org.axonframework.modelling.command.CommandTargetResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chibo.command.eventstore.KeptCommandTargets;
import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.Api.Reply;
import vn.chibo.command.testing.CommandServiceTestBase;

/** Each kind of bad input answers problem+json with a stable type, a Vietnamese detail and the field, and writes nothing. */
class BadInputHttpTest extends CommandServiceTestBase {
    private Api province;
    private UUID cell;
    private long before;

    @Autowired
    private WriteGate gate;

    @Autowired
    private org.axonframework.config.Configuration axon;

    @BeforeEach
    void setUp() {
        province = province();
        UUID committee = UUID.randomUUID();
        cell = UUID.randomUUID();
        province.post("/api/org-units", committee(committee, "Đảng bộ xã Tân Phước", PROVINCE));
        province.post("/api/org-units", cell(cell, "Chi bộ ấp Bình Minh", committee));
        before = eventCount();
    }

    @AfterEach
    void a_refused_write_gives_its_turn_back() {
        assertThat(gate.freeTurns()).isEqualTo(gate.capacity());
    }

    private void assertProblem(Reply reply, int status, String type, String field) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.problem()).isEqualTo(type);
        assertThat(reply.json().get("title").asText()).isNotBlank();
        assertThat(reply.json().get("detail").asText()).isNotBlank();
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        if (field != null) {
            assertThat(reply.json().path("field").asText()).isEqualTo(field);
        }
        assertThat(eventCount()).as("a refused command writes no event").isEqualTo(before);
    }

    @Test
    void malformed_json_is_400_malformed_request() {
        assertProblem(province.postRaw("/api/cells/" + cell + "/members", "{\"fullName\": \"Nguyễn"), 400, "malformed-request", null);
    }

    @Test
    void a_body_of_the_wrong_shape_is_400_malformed_request_in_words_not_java_classes() {
        Reply array = province.postRaw("/api/cells/" + cell + "/tasks", "[1, 2]");
        assertProblem(array, 400, "malformed-request", null);
        assertThat(array.json().get("detail").asText()).contains("đối tượng JSON").doesNotContain("vn.chibo").doesNotContain("`");
    }

    @Test
    void a_path_the_firewall_rejects_and_the_bare_error_page_answer_problem_json() {
        assertProblem(province.get("/api/me;jsessionid=1"), 400, "malformed-request", "path");
        assertProblem(province.postRaw("/api//cells/" + cell + "/tasks", "{}"), 400, "malformed-request", "path");
        assertProblem(province.get("/error"), 404, "not-found", null);
    }

    @Test
    void an_empty_list_is_400_in_vietnamese() {
        Reply empty = province.put("/api/cells/" + cell + "/ratings/2026-11", body("ratings", java.util.List.of()));
        assertProblem(empty, 400, "invalid-value", "ratings");
        assertThat(empty.json().get("detail").asText()).contains("ít nhất một mục").doesNotContain("must not");
    }

    @Test
    void text_after_the_json_is_400_malformed_request() throws Exception {
        String json = new ObjectMapper().writeValueAsString(member(UUID.randomUUID(), "Nguyễn Văn An", "79.1"));
        Reply twoBodies = province.postRaw("/api/cells/" + cell + "/members", json + " {\"fullName\": \"Trần Văn B\"}");
        assertProblem(twoBodies, 400, "malformed-request", null);
        assertThat(twoBodies.json().get("detail").asText()).contains("Sau đối tượng JSON");
    }

    @Test
    void an_unknown_field_is_400_unknown_field_naming_it() {
        var body = member(UUID.randomUUID(), "Nguyễn Văn An", "79.1");
        body.put("hometown", "Huế");
        assertProblem(province.post("/api/cells/" + cell + "/members", body), 400, "unknown-field", "hometown");
    }

    @Test
    void a_wrong_type_is_400_invalid_value_naming_the_field() {
        var body = member(UUID.randomUUID(), "Nguyễn Văn An", "79.1");
        body.put("birthDate", "19/05/1980");
        assertProblem(province.post("/api/cells/" + cell + "/members", body), 400, "invalid-value", "birthDate");
        var status = member(UUID.randomUUID(), "Nguyễn Văn An", "79.1");
        status.put("status", "HONORARY");
        assertProblem(province.post("/api/cells/" + cell + "/members", status), 400, "invalid-value", "status");
        assertProblem(province.put("/api/cells/" + cell + "/settings", body("regularDay", "mùng ba")), 400, "invalid-value", "regularDay");
    }

    @Test
    void a_missing_field_is_400_missing_field_naming_it() {
        var body = member(UUID.randomUUID(), "Nguyễn Văn An", "79.1");
        body.remove("fullName");
        Reply reply = province.post("/api/cells/" + cell + "/members", body);
        assertProblem(reply, 400, "missing-field", "fullName");
        assertThat(reply.json().get("detail").asText()).contains("Thiếu trường bắt buộc");
    }

    @Test
    void an_unknown_id_is_404() {
        assertProblem(province.post("/api/cells/" + UUID.randomUUID() + "/members", member(UUID.randomUUID(), "Nguyễn Văn An", null)),
                404, "not-found", null);
        assertProblem(province.post("/api/members/" + UUID.randomUUID() + "/exemptions",
                body("from", "2026-01-01", "reason", "Ốm")), 404, "not-found", "memberId");
        assertProblem(province.put("/api/cells/not-a-uuid/settings", body("regularDay", 3)), 400, "invalid-value", "cellId");
    }

    @Test
    void a_broken_rule_is_422_with_its_type() {
        Reply reply = province.put("/api/cells/" + cell + "/settings", body("regularDay", 31));
        assertProblem(reply, 422, "invalid-regular-day", "regularDay");
        assertThat(reply.json().get("detail").asText()).contains("Ngày sinh hoạt thường kỳ");
    }

    @Test
    void a_stale_version_is_409() {
        assertProblem(province.header("If-Match", "\"7\"").put("/api/cells/" + cell + "/settings", body("regularDay", 5)),
                409, "stale-version", "If-Match");
    }

    @Test
    void every_aggregate_finds_its_command_target_through_the_kept_resolver() {
        // Axon's aggregate configuration (AggregateConfigurer) takes the configuration's component of this type
        assertThat(axon.getComponent(CommandTargetResolver.class)).isInstanceOf(KeptCommandTargets.class);
    }

    @Test
    void a_duplicate_id_is_409() {
        UUID id = UUID.randomUUID();
        assertThat(province.post("/api/cells/" + cell + "/members", member(id, "Nguyễn Văn An", null)).status()).isEqualTo(201);
        before = eventCount();
        assertProblem(province.post("/api/cells/" + cell + "/members", member(id, "Nguyễn Văn An", null)), 409, "duplicate", "id");
    }

    @Test
    void no_token_is_401_and_a_forged_token_too() {
        Reply anonymous = api().post("/api/cells/" + cell + "/members", member(UUID.randomUUID(), "Nguyễn Văn An", null));
        assertProblem(anonymous, 401, "unauthenticated", "Authorization");
        assertThat(anonymous.headers().get("www-authenticate")).as("no token: no error code (RFC 6750 §3.1)")
                .containsExactly("Bearer realm=\"chibo\"");
        String forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0aW5odXkiLCJyb2xlIjoiUFJPVklOQ0UifQ.c2lnbmF0dXJl";
        Reply forgedReply = api().withToken(forged).get("/api/me");
        assertProblem(forgedReply, 401, "unauthenticated", "Authorization");
        assertThat(forgedReply.headers().get("www-authenticate")).as("RFC 6750's challenge").singleElement()
                .satisfies(c -> assertThat(c).startsWith("Bearer realm=\"chibo\", error=\"invalid_token\""));
        assertThat(forgedReply.json().get("detail").asText()).startsWith("Phiên đăng nhập đã hết hạn hoặc token không hợp lệ");
    }

    @Test
    void a_wrong_method_is_405_naming_the_methods_the_address_takes() {
        Reply wrong = province.get("/api/cells/" + cell + "/tasks");
        assertProblem(wrong, 405, "method-not-allowed", null);
        assertThat(wrong.headers().get("allow")).as("RFC 9110's Allow").singleElement()
                .satisfies(allow -> assertThat(allow).contains("POST"));
    }
}
