package vn.chibo.command.orgunit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chibo.command.testing.Builders.body;
import static vn.chibo.command.testing.Builders.cell;
import static vn.chibo.command.testing.Builders.committee;
import static vn.chibo.command.testing.Builders.member;

import java.util.List;
import java.util.UUID;

import org.axonframework.common.caching.Cache;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chibo.command.eventstore.ConstructorAggregateFactory;
import vn.chibo.command.meeting.Meeting;
import vn.chibo.command.member.Member;
import vn.chibo.command.notebook.NotebookCheck;
import vn.chibo.command.ruleset.RuleBook;
import vn.chibo.command.task.Task;
import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.Api.Reply;
import vn.chibo.command.testing.CommandServiceTestBase;
import vn.chibo.events.EventMetadata;

/** The organisation tree and members over HTTP, with what lands in the event store. */
class OrganisationHttpTest extends CommandServiceTestBase {
    @Autowired
    private Configuration axon;

    @Autowired
    @Qualifier("memberCache")
    private Cache memberCache;

    @Test
    void every_aggregate_read_from_the_log_is_made_by_its_constructor_not_as_a_spring_bean() {
        List<AggregateConfiguration> aggregates = axon.findModules(AggregateConfiguration.class);
        assertThat(aggregates).extracting(AggregateConfiguration::aggregateType)
                .contains(OrgUnit.class, Member.class, Meeting.class, Task.class, NotebookCheck.class, RuleBook.class);
        for (AggregateConfiguration<?> aggregate : aggregates) {
            assertThat(aggregate.aggregateFactory()).as(aggregate.aggregateType().getSimpleName())
                    .isInstanceOf(ConstructorAggregateFactory.class);
            assertThat(aggregate.aggregateFactory().getAggregateType()).isEqualTo(aggregate.aggregateType());
        }
    }

    @Test
    void the_province_builds_a_committee_a_cell_and_enrols_a_member_with_full_metadata() {
        Api province = province().header("X-Correlation-Id", "corr-42").header("X-Client-Time", "2026-11-24T01:02:03Z");
        UUID committee = UUID.randomUUID();
        UUID cell = UUID.randomUUID();
        UUID member = UUID.randomUUID();

        Reply c = province.post("/api/org-units", committee(committee, "Đảng bộ xã Tân Phước", PROVINCE));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        assertThat(c.json().get("id").asText()).isEqualTo(committee.toString());
        assertThat(c.json().get("version").asLong()).isZero();

        assertThat(province.post("/api/org-units", cell(cell, "Chi bộ ấp Bình Minh", committee)).status()).isEqualTo(201);
        Reply m = province.post("/api/cells/" + cell + "/members", member(member, "Nguyễn Thị Minh Khai", "79.000001"));
        assertThat(m.status()).as(m.toString()).isEqualTo(201);

        Reply settings = province.put("/api/cells/" + cell + "/settings", body("regularDay", 5));
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        assertThat(settings.json().get("version").asLong()).isEqualTo(1);

        String metadata = jdbc.sql("""
                SELECT convert_from(meta_data, 'UTF8') FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ? """).param(member.toString()).query(String.class).single();
        JsonNode meta = Api.Reply.class.cast(new Reply(200, "", metadata, java.util.Map.of())).json();
        assertThat(meta.get(EventMetadata.ACTOR).asText()).isEqualTo(PROVINCE_USER);
        assertThat(meta.get(EventMetadata.ACTOR_ROLE).asText()).isEqualTo("PROVINCE");
        assertThat(meta.get(EventMetadata.CELL_ID).asText()).isEqualTo(cell.toString());
        assertThat(meta.get(EventMetadata.CORRELATION_ID).asText()).isEqualTo("corr-42");
        assertThat(meta.get(EventMetadata.CLIENT_TIME).asText()).isEqualTo("2026-11-24T01:02:03Z");
        assertThat(meta.get(EventMetadata.SERVER_TIME).asText()).isNotBlank();
        assertThat(meta.get(EventMetadata.CAUSATION_ID).asText()).isNotBlank();

        assertThat(firstPayloadOf(member)).contains("Nguyễn Thị Minh Khai").contains("\"memberSince\":\"2020-01-01\"");
    }

    @Test
    void text_typed_with_combining_marks_is_stored_composed() {
        Api province = province();
        UUID committee = UUID.randomUUID();
        UUID cell = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        // as a combining keyboard setting (Unikey's "Unicode tổ hợp") sends "Đảng bộ xã Hòa Lợi" and "Lê Thị Hồng"
        String combiningCommittee = "\u0110a\u0309ng bo\u0323\u0302 xa\u0303 Ho\u0300a L\u01a1\u0323i";
        assertThat(province.post("/api/org-units", committee(committee, combiningCommittee, PROVINCE)).status()).isEqualTo(201);
        assertThat(province.post("/api/org-units", cell(cell, "Chi bộ ấp 1", committee)).status()).isEqualTo(201);
        Reply m = province.post("/api/cells/" + cell + "/members", member(member, "Le\u0302 Thi\u0323 Ho\u0302\u0300ng", "79.000077"));
        assertThat(m.status()).as(m.toString()).isEqualTo(201);

        assertThat(jdbc.sql("SELECT name FROM event_store.unit_directory WHERE unit_id = ?").param(committee)
                .query(String.class).single()).isEqualTo("Đảng bộ xã Hòa Lợi");
        assertThat(firstPayloadOf(committee)).contains("Đảng bộ xã Hòa Lợi");
        assertThat(firstPayloadOf(member)).contains("Lê Thị Hồng");
    }

    @Test
    void a_member_is_transferred_exempted_and_a_stale_version_is_refused_when_read_from_the_log() {
        Api province = province();
        UUID committee = UUID.randomUUID();
        UUID from = UUID.randomUUID();
        UUID to = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        province.post("/api/org-units", committee(committee, "Đảng bộ phường Hòa Bình", PROVINCE));
        province.post("/api/org-units", cell(from, "Chi bộ khu phố 3", committee));
        province.post("/api/org-units", cell(to, "Chi bộ Trạm Y tế", committee));
        province.post("/api/cells/" + from + "/members", member(member, "Trần Văn Bình", "79.000002"));

        // as in a province, where most members have left the cache when they are next written to
        memberCache.removeAll();
        Reply exempt = province.post("/api/members/" + member + "/exemptions",
                body("from", "2026-01-01", "to", "2026-06-30", "reason", "Ốm dài ngày"));
        assertThat(exempt.status()).as(exempt.toString()).isEqualTo(201);
        assertThat(exempt.json().get("version").asLong()).isEqualTo(1);

        var task = body("memberId", member, "title", "Theo dõi hộ nghèo", "dueOn", "2027-01-31");
        assertThat(province.post("/api/cells/" + from + "/tasks", task).status()).isEqualTo(201);

        long before = eventCount();
        Reply stale = province.header("If-Match", "\"0\"").post("/api/members/" + member + "/transfer",
                body("toCellId", to, "effectiveOn", "2026-11-01", "reason", "Chuyển công tác"));
        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertThat(stale.problem()).isEqualTo("stale-version");
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(eventCount()).isEqualTo(before);

        memberCache.removeAll();
        Reply moved = province.header("If-Match", "\"1\"").post("/api/members/" + member + "/transfer",
                body("toCellId", to, "effectiveOn", "2026-11-01", "reason", "Chuyển công tác"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().get("version").asLong()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT cell_id FROM event_store.member_directory WHERE member_id = ?")
                .param(member).query(UUID.class).single()).isEqualTo(to);

        // what the write side keeps of the member's cell is forgotten by the transfer at once
        Reply left = province.post("/api/cells/" + from + "/tasks", task);
        assertThat(left.status()).as(left.toString()).isEqualTo(422);
        assertThat(left.problem()).isEqualTo("not-a-member");
        assertThat(province.post("/api/cells/" + to + "/tasks", task).status()).isEqualTo(201);
    }

    @Test
    void the_same_card_number_cannot_be_enrolled_twice() {
        Api province = province();
        UUID committee = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        province.post("/api/org-units", committee(committee, "Đảng bộ xã Thạnh Lộc", PROVINCE));
        province.post("/api/org-units", cell(a, "Chi bộ ấp Đông Hòa", committee));
        province.post("/api/org-units", cell(b, "Chi bộ ấp Tây Hòa", committee));
        assertThat(province.post("/api/cells/" + a + "/members", member(UUID.randomUUID(), "Lê Văn Tám", "79.000003")).status())
                .isEqualTo(201);

        long before = eventCount();
        Reply again = province.post("/api/cells/" + b + "/members", member(UUID.randomUUID(), "Lê Văn Tám", "79.000003"));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.problem()).isEqualTo("member-elsewhere");
        assertThat(again.json().get("field").asText()).isEqualTo("cardNumber");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_cell_user_writing_to_another_cell_gets_403_and_nothing_is_written() {
        Api province = province();
        UUID committee = UUID.randomUUID();
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        province.post("/api/org-units", committee(committee, "Đảng bộ thị trấn Phú Mỹ", PROVINCE));
        province.post("/api/org-units", cell(mine, "Chi bộ ấp 1", committee));
        province.post("/api/org-units", cell(theirs, "Chi bộ ấp 2", committee));
        assertThat(province.post("/api/users", vn.chibo.command.testing.Builders.account("bithu.ap1", "CELL", mine)).status())
                .isEqualTo(201);
        Api secretary = api().as("bithu.ap1", "mat-khau-2026");

        long before = eventCount();
        Reply denied = secretary.post("/api/cells/" + theirs + "/members", member(UUID.randomUUID(), "Phạm Thị Hoa", "79.000004"));
        assertThat(denied.status()).as(denied.toString()).isEqualTo(403);
        assertThat(denied.contentType()).startsWith("application/problem+json");
        assertThat(denied.problem()).isEqualTo("out-of-scope");
        Reply deniedSettings = secretary.put("/api/cells/" + theirs + "/settings", body("regularDay", 10));
        assertThat(deniedSettings.status()).isEqualTo(403);
        assertThat(eventCount()).isEqualTo(before);

        Reply own = secretary.post("/api/cells/" + mine + "/members", member(UUID.randomUUID(), "Phạm Thị Hoa", "79.000004"));
        assertThat(own.status()).as(own.toString()).isEqualTo(201);
        assertThat(eventCount()).isEqualTo(before + 1);

        Reply committeeByCell = secretary.post("/api/org-units", committee(UUID.randomUUID(), "Đảng bộ lạ", PROVINCE));
        assertThat(committeeByCell.status()).isEqualTo(403);
        assertThat(committeeByCell.problem()).isEqualTo("forbidden-role");
        assertThat(committeeByCell.json().get("detail").asText()).as("a cell writes, just not the tree")
                .contains("cây tổ chức").doesNotContain("chỉ được xem");
    }

    @Test
    void an_idempotent_retry_is_applied_once_and_a_reused_key_with_another_body_is_409() {
        Api province = province();
        UUID committee = UUID.randomUUID();
        province.post("/api/org-units", committee(committee, "Đảng bộ Khối cơ quan", PROVINCE));

        Api retrying = province.header("Idempotency-Key", "tao-chi-bo-1");
        var newCell = body("name", "Chi bộ Văn phòng", "kind", "CELL", "parentId", committee);
        long before = eventCount();
        Reply first = retrying.post("/api/org-units", newCell);
        Reply second = retrying.post("/api/org-units", newCell);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(second.headers().get("idempotent-replayed")).containsExactly("true");
        assertThat(eventCount()).isEqualTo(before + 1);

        Reply other = retrying.post("/api/org-units", body("name", "Chi bộ Khác", "kind", "CELL", "parentId", committee));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.problem()).isEqualTo("idempotency-key-reused");
        assertThat(other.json().get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(eventCount()).isEqualTo(before + 1);
    }
}
