package vn.chibo.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.chibo.command.testing.Builders.body;
import static vn.chibo.command.testing.Builders.cell;
import static vn.chibo.command.testing.Builders.committee;
import static vn.chibo.command.testing.Builders.member;
import static vn.chibo.command.testing.CommandServiceTestBase.PROVINCE;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chibo.command.testing.Api.Reply;
import vn.chibo.events.VietnamTime;
import vn.chibo.query.eventstore.ProjectionProcessing;
import vn.chibo.query.testing.BothServicesTestBase;
import vn.chibo.query.testing.ReadModelDigests;

/**
 * {@code POST /api/admin/replay} rebuilds every read model beside the served ones, in pages of three events here so
 * that a replay spans many pages, and swaps them in: the tables come back row for row, the projections take over from
 * where the one reading of the log ended, a page that fails is applied again with a savepoint per event, so that only
 * the event that fails is dead-lettered, and until the swap the pages answer from the read models as they were.
 */
@TestPropertySource(properties = "chibo.replay.page-events=3")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayHttpTest extends BothServicesTestBase {
    /** The dashboard projection's writer lock (DashboardProjection.WRITER_LOCK), taken by each of its transactions. */
    private static final long DASHBOARD_WRITER_LOCK = 7244;
    private static final List<String> MEMBER_TABLES = List.of("member", "membership", "temporary_transfer", "exemption");

    @Autowired
    DataSource dataSource;

    private UUID cell;
    private final List<UUID> members = new ArrayList<>();

    /** A cell's month: members, a meeting, a sheet of ratings and a revision, a task done, a notebook check. */
    @BeforeEach
    void aMonthOfOneCell() {
        UUID committee = UUID.randomUUID();
        cell = UUID.randomUUID();
        assertThat(commands.post("/api/org-units", committee(committee, "Đảng bộ xã Phước Hưng", PROVINCE)).status()).isEqualTo(201);
        assertThat(commands.post("/api/org-units", cell(cell, "Chi bộ ấp Phước Lợi", committee)).status()).isEqualTo(201);
        for (String name : List.of("Võ Thị Sáu", "Trần Văn Ơn", "Đặng Thùy Trâm")) {
            UUID id = UUID.randomUUID();
            assertThat(commands.post("/api/cells/" + cell + "/members", member(id, name, null)).status()).isEqualTo(201);
            members.add(id);
        }
        LocalDate third = YearMonth.now(VietnamTime.ZONE).plusMonths(1).atDay(3);
        Reply meeting = commands.post("/api/cells/" + cell + "/meetings", body("kind", "REGULAR",
                "startsAt", third.atTime(LocalTime.of(8, 0)).atZone(VietnamTime.ZONE).toInstant().toString(),
                "announcedAt", Instant.now().toString(), "location", "Hội trường ấp", "chairId", members.get(0),
                "recorderId", members.get(1)));
        assertThat(meeting.status()).as(meeting.toString()).isEqualTo(201);
        String lastMonth = YearMonth.now(VietnamTime.ZONE).minusMonths(1).toString();
        assertThat(commands.put("/api/cells/" + cell + "/ratings/" + lastMonth, body("ratings", List.of(
                body("memberId", members.get(0), "rating", "GOOD"),
                body("memberId", members.get(1), "rating", "COMPLETED"),
                body("memberId", members.get(2), "rating", "EXCELLENT", "score", 95)))).status()).isEqualTo(200);
        assertThat(commands.post("/api/members/" + members.get(1) + "/ratings/" + lastMonth + "/revisions",
                body("rating", "GOOD", "reason", "Bổ sung kết quả vận động")).status()).isEqualTo(201);
        // two tasks each assigned and completed in turn: in pages of 3 events one at least is assigned and completed
        // in the same page, whose completion the projections fold into the assignment's insert
        for (String title : List.of("Nắm tình hình hộ nghèo", "Vận động hiến đất làm đường")) {
            Reply task = commands.post("/api/cells/" + cell + "/tasks", body("memberId", members.get(2),
                    "title", title, "dueOn", "2099-12-31"));
            assertThat(task.status()).isEqualTo(201);
            assertThat(commands.post("/api/tasks/" + task.json().get("id").asText() + "/complete", body()).status()).isEqualTo(200);
        }
        assertThat(commands.post("/api/cells/" + cell + "/notebook-checks", body("checkedOn", LocalDate.now(VietnamTime.ZONE).toString(),
                "results", List.of(body("memberId", members.get(0), "ok", true)))).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> replay().get("behind").asLong() == 0
                && queries.get("/api/members/" + members.get(2)).json().path("tasks").findValuesAsText("status").equals(List.of("DONE", "DONE")));
    }

    @Test
    @Order(1)
    void a_replay_rebuilds_every_read_model_row_for_row_and_the_projections_go_on_from_its_end() {
        Map<String, String> before = readModels();
        Map<String, String> indexesBefore = indexes();
        Map<String, Long> oidsBefore = indexOids();
        long events = jdbc.sql("SELECT count(*) FROM event_store.domain_event_entry").query(Long.class).single();

        JsonNode done = replayToTheEnd();

        assertThat(indexes()).as("every index, under its name, the ones built at the end too").isEqualTo(indexesBefore)
                .containsKeys("task_member", "dash_task_open_due", "rating_period_cell", "dash_task_cell", "task_pkey");
        Map<String, Long> oidsAfter = indexOids();
        oidsAfter.keySet().removeIf(index -> index.startsWith("flyway_schema_history") || index.startsWith("rebuild_deferred_index"));
        assertThat(oidsAfter).hasSizeGreaterThan(30);
        oidsAfter.forEach((index, oid) -> assertThat(oid).as(index + ": built beside, swapped in").isNotEqualTo(oidsBefore.get(index)));
        assertThat(jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'read_model_%'").query(Long.class).single())
                .as("nothing left beside").isZero();
        assertThat(done.get("indexesToBuild").asInt()).isZero();

        assertThat(done.get("events").asLong()).isEqualTo(events);
        assertThat(done.get("eventsPerSecond").asDouble()).isPositive();
        assertThat(done.get("processors").findValuesAsText("name")).containsExactly(
                ProjectionProcessing.DASHBOARD, ProjectionProcessing.MEETINGS, ProjectionProcessing.MEMBERS,
                ProjectionProcessing.ORG_UNITS, ProjectionProcessing.WORK);
        assertThat(readModels()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM read_model.dead_letter_entry").query(Long.class).single()).isZero();

        Reply another = commands.post("/api/cells/" + cell + "/tasks", body("memberId", members.get(0),
                "title", "Tuyên truyền phòng chống lũ", "dueOn", "2099-12-31"));
        assertThat(another.status()).isEqualTo(201);
        JsonNode page = awaitJson(queries, "/api/members/" + members.get(0), p -> p.path("tasks").size() == 1);
        assertThat(page.get("tasks").get(0).get("title").asText()).as("the processors took over after the replay")
                .isEqualTo("Tuyên truyền phòng chống lũ");
    }

    @Test
    @Order(2)
    void a_page_that_fails_is_applied_again_event_by_event_and_only_the_poison_event_is_dead_lettered() {
        UUID poisoned = members.get(1);
        Map<String, String> before = readModels();
        Map<String, String> indexesBefore = indexes();
        // the member read model now refuses this member's enrolment, as a bug in a projection would
        jdbc.sql("ALTER TABLE read_model.member ADD CONSTRAINT replay_test_poison CHECK (id <> '" + poisoned + "') NOT VALID").update();
        try {
            JsonNode replay = replayToTheEnd();

            // as a processor does with a batch that failed: the page once more, each event in a savepoint of its own.
            // The one reading of the log used to stop there and leave the rest to the five processors, each reading
            // the log again, every event in its own savepoint: a replay of the province would take hours
            assertThat(replay.get("failure").isNull()).as(replay.toString()).isTrue();

            assertThat(jdbc.sql("SELECT sequence_identifier FROM read_model.dead_letter_entry WHERE processing_group = ?")
                    .param(ProjectionProcessing.MEMBERS).query(String.class).list()).contains(poisoned.toString());
            assertThat(jdbc.sql("SELECT id FROM read_model.member WHERE cell_id = ?").param(cell).query(UUID.class).list())
                    .as("every other member of the cell, projected after the failed page")
                    .containsExactlyInAnyOrder(members.get(0), members.get(2));
            Map<String, String> others = readModels();
            MEMBER_TABLES.forEach(others::remove);
            Map<String, String> othersBefore = new TreeMap<>(before);
            MEMBER_TABLES.forEach(othersBefore::remove);
            assertThat(others).as("the other read models are whole").isEqualTo(othersBefore);
            assertThat(indexes()).as("built again after the failed page too").isEqualTo(indexesBefore);
        } finally {
            jdbc.sql("ALTER TABLE read_model.member DROP CONSTRAINT replay_test_poison").update();
        }
    }

    /**
     * A replay applies the whole log again, dead letters' events included: it starts the queue afresh, so a record
     * whose cause was fixed before the replay is whole after it (it stayed behind its old letter until someone also
     * retried it), and one whose cause is still there is queued again, once.
     */
    @Test
    @Order(3)
    void a_replay_starts_the_dead_letter_queue_afresh_and_applies_what_no_longer_fails() {
        replayToTheEnd();
        UUID fixed = UUID.randomUUID();
        UUID stillRefused = UUID.randomUUID();
        jdbc.sql("ALTER TABLE read_model.member ADD CONSTRAINT replay_test_refused CHECK (id <> '" + fixed + "') NOT VALID").update();
        jdbc.sql("ALTER TABLE read_model.member ADD CONSTRAINT replay_test_still CHECK (id <> '" + stillRefused + "') NOT VALID").update();
        try {
            assertThat(commands.post("/api/cells/" + cell + "/members", member(fixed, "Lý Tự Trọng", null)).status()).isEqualTo(201);
            assertThat(commands.post("/api/cells/" + cell + "/members", member(stillRefused, "Nguyễn Văn Trỗi", null)).status())
                    .isEqualTo(201);
            await().atMost(Duration.ofSeconds(20)).until(() -> letters(fixed) == 1 && letters(stillRefused) == 1);
            jdbc.sql("ALTER TABLE read_model.member DROP CONSTRAINT replay_test_refused").update();

            replayToTheEnd();

            assertThat(letters(fixed)).as("its cause is gone: applied by the replay").isZero();
            assertThat(letters(stillRefused)).as("failed again: queued again, once").isEqualTo(1);
            List<UUID> all = new ArrayList<>(members);
            all.add(fixed);
            assertThat(jdbc.sql("SELECT id FROM read_model.member WHERE cell_id = ?").param(cell).query(UUID.class).list())
                    .containsExactlyInAnyOrderElementsOf(all);
        } finally {
            jdbc.sql("ALTER TABLE read_model.member DROP CONSTRAINT IF EXISTS replay_test_refused").update();
            jdbc.sql("ALTER TABLE read_model.member DROP CONSTRAINT IF EXISTS replay_test_still").update();
        }
    }

    private long letters(UUID member) {
        return jdbc.sql("SELECT count(*) FROM read_model.dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ?")
                .params(ProjectionProcessing.MEMBERS, member.toString()).query(Long.class).single();
    }

    /**
     * Until the rebuilt read models are swapped in, the pages answer from the ones the replay began with, whole, and say
     * so; what is written meanwhile shows once the processors have caught up after the swap.
     */
    @Test
    @Order(4)
    void while_the_read_models_are_rebuilt_beside_the_pages_answer_whole_from_the_old_ones_and_say_so() throws Exception {
        assertThat(queries.get("/api/me").headers().get(RebuildingNotice.HEADER)).isNull();
        Map<String, String> before = readModels();
        String membersPath = "/api/cells/" + cell + "/members";
        JsonNode membersBefore = queries.get(membersPath).json();
        assertThat(membersBefore.size()).isEqualTo(3);
        Reply task;
        // the dashboard's writer lock held: the replay's dashboard waits on its first page, the others go on
        try (java.sql.Connection holder = java.sql.DriverManager.getConnection(database.url(), database.username(), database.password())) {
            holder.createStatement().execute("SELECT pg_advisory_lock(" + DASHBOARD_WRITER_LOCK + ")");
            Reply started = queries.post("/api/admin/replay", Map.of());
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM read_model_next.member").query(Long.class).single() == 3);

            Reply page = queries.get(membersPath);
            assertThat(page.headers().get(RebuildingNotice.HEADER)).containsExactly(RebuildingNotice.REBUILDING);
            assertThat(page.json()).as("the served members, as before the replay").isEqualTo(membersBefore);
            assertThat(jdbc.sql("SELECT count(*) FROM read_model_next.dash_unit").query(Long.class).single())
                    .as("the dashboard beside, not built yet").isZero();
            assertThat(readModels()).as("the served read models, row for row").isEqualTo(before);
            Reply retry = queries.post("/api/admin/dead-letters/" + ProjectionProcessing.WORK + "/retry", Map.of());
            assertThat(retry.status()).as("no retry beside a replay, which applies every letter's event itself").isEqualTo(409);
            assertThat(retry.json().get("type").asText()).endsWith("/replay-running");
            task = commands.post("/api/cells/" + cell + "/tasks", body("memberId", members.get(1),
                    "title", "Rà soát hộ cận nghèo", "dueOn", "2099-12-31"));
            assertThat(task.status()).isEqualTo(201);
            holder.createStatement().execute("SELECT pg_advisory_unlock(" + DASHBOARD_WRITER_LOCK + ")");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> !replay().get("running").asBoolean());
        assertThat(replay().get("failure").isNull()).isTrue();
        assertThat(queries.get("/api/me").headers().get(RebuildingNotice.HEADER)).as("rebuilt: no longer said").isNull();
        JsonNode memberPage = awaitJson(queries, "/api/members/" + members.get(1), p -> p.path("tasks").size() == 1);
        assertThat(memberPage.get("tasks").get(0).get("id").asText()).as("written during the replay, shown after it")
                .isEqualTo(task.json().get("id").asText());
    }

    /** Another instance projecting into the read models would lose its writes at the swap: no replay then. */
    @Test
    @Order(5)
    void no_replay_while_another_instance_projects_into_the_read_models() {
        // claimed now: a claim older than Axon's claim timeout (10 s) could be taken back by this instance meanwhile
        jdbc.sql("UPDATE read_model.token_entry SET owner = '777@another-node', timestamp = ? WHERE processor_name = ?")
                .params(Instant.now().toString(), ProjectionProcessing.WORK).update();
        try {
            Reply refused = queries.post("/api/admin/replay", Map.of());

            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.json().get("type").asText()).endsWith("/projected-elsewhere");
            assertThat(refused.json().get("detail").asText()).contains("máy khác");
            assertThat(jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'read_model_next'").query(Long.class).single())
                    .isZero();
            UUID enrolled = UUID.randomUUID();
            assertThat(commands.post("/api/cells/" + cell + "/members", member(enrolled, "Phan Đình Giót", null)).status())
                    .isEqualTo(201);
            JsonNode page = awaitJson(queries, "/api/cells/" + cell + "/members", p -> p.size() == 4);
            assertThat(page.findValuesAsText("id")).as("the processors stopped for the refused replay run again")
                    .contains(enrolled.toString());
        } finally {
            jdbc.sql("UPDATE read_model.token_entry SET owner = NULL WHERE owner = '777@another-node'").update();
        }
        assertThat(replayToTheEnd().get("failure").isNull()).as("once it no longer does").isTrue();
    }

    private JsonNode replay() {
        return queries.get("/api/admin/replay").json();
    }

    private JsonNode replayToTheEnd() {
        Reply started = queries.post("/api/admin/replay", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().get("running").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> !replay().get("running").asBoolean());
        return replay();
    }

    /** Every index of the read models, by name, as PostgreSQL would create it. */
    private Map<String, String> indexes() {
        Map<String, String> indexes = new TreeMap<>();
        jdbc.sql("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'read_model'")
                .query((row, n) -> indexes.put(row.getString(1), row.getString(2))).list();
        return indexes;
    }

    /** Every index of the read models, by name, and its object id: an index dropped and created again has a new one. */
    private Map<String, Long> indexOids() {
        Map<String, Long> oids = new TreeMap<>();
        jdbc.sql("SELECT c.relname, c.oid::bigint FROM pg_class c WHERE c.relkind = 'i' AND c.relnamespace = 'read_model'::regnamespace")
                .query((row, n) -> oids.put(row.getString(1), row.getLong(2))).list();
        return oids;
    }

    /** Every read model table: its row count and a digest of its rows in a stable order. */
    private Map<String, String> readModels() {
        try (Connection db = dataSource.getConnection()) {
            return ReadModelDigests.of(db);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
