package vn.chibo.query.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.springboot.EventProcessorProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.chibo.events.organisation.MemberEnrolled;
import vn.chibo.events.organisation.MemberStatus;
import vn.chibo.events.organisation.OrgUnitKind;
import vn.chibo.events.organisation.OrgUnitRegistered;
import vn.chibo.query.testing.QueryServiceTestBase;

/**
 * A burst of poison events, such as a bug in one handler makes, costs their segments seconds, not a minute. A batch
 * that fails is retried with a savepoint per event ({@link Care}), after its work package has
 * given the segment up. With fewer worker threads than segments that work package waited behind the other
 * segments' batches to end itself, and Axon 4.13 doubled the segment's back-off at every coordination run meanwhile,
 * up to 60 s: 250 poison enrolments took 63-65 s to queue, the segment's healthy events waiting as long.
 */
class PoisonBurstTest extends QueryServiceTestBase {
    private static final int POISONED = 200;
    private static final int HEALTHY = 20;

    @Autowired
    EventProcessorProperties processors;
    @Autowired
    List<SqlProjection> projections;

    @Test
    void every_pooled_processor_has_a_worker_thread_per_segment() {
        assertThat(processors.getProcessors()).containsKeys(ProjectionProcessing.ORG_UNITS, ProjectionProcessing.MEMBERS,
                ProjectionProcessing.MEETINGS, ProjectionProcessing.WORK, ProjectionProcessing.DASHBOARD);
        processors.getProcessors().forEach((name, settings) -> {
            if (settings.getMode() == EventProcessorProperties.Mode.POOLED) {
                assertThat(settings.getThreadCount()).as(name).isGreaterThanOrEqualTo(settings.getInitialSegmentCount());
            }
        });
    }

    @Test
    void every_projection_keeps_its_care_under_its_processors_name() {
        assertThat(projections).extracting(projection -> SqlProjection.processingGroup(projection.getClass()))
                .containsExactlyInAnyOrder(ProjectionProcessing.ORG_UNITS, ProjectionProcessing.MEMBERS,
                        ProjectionProcessing.MEETINGS, ProjectionProcessing.WORK, ProjectionProcessing.DASHBOARD);
    }

    @Test
    void a_burst_of_poison_events_holds_its_segments_back_for_seconds_not_a_minute() {
        UUID province = UUID.randomUUID();
        UUID cell = UUID.randomUUID();
        append("OrgUnit", province, 0, new OrgUnitRegistered(province, "Tỉnh ủy", OrgUnitKind.PROVINCE, null, null));
        append("OrgUnit", cell, 0, new OrgUnitRegistered(cell, "Chi bộ ấp Phú Hòa", OrgUnitKind.CELL, province, 3));
        jdbc.sql("ALTER TABLE read_model.member ADD CONSTRAINT poison_burst CHECK (full_name NOT LIKE 'Loạt lỗi%') NOT VALID").update();
        try {
            // the first batch to fail is a first failure, whatever tests ran before in this JVM
            Care.endAll();
            List<String> poisoned = new ArrayList<>();
            List<String> healthy = new ArrayList<>();
            for (int i = 0; i < POISONED + HEALTHY; i++) {
                UUID id = UUID.randomUUID();
                String name = i < POISONED ? "Loạt lỗi " + i : "Nguyễn Văn Lành " + i;
                append("Member", id, 0, new MemberEnrolled(id, cell, null, name, LocalDate.of(1980, 1, 1),
                        LocalDate.of(2005, 1, 1), MemberStatus.FULL, LocalDate.of(2020, 1, 1)));
                (i < POISONED ? poisoned : healthy).add(id.toString());
            }

            // not a timing assertion: a bound far above the seconds this takes, far below the minute the fault cost
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM read_model.dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ANY (?)")
                    .params(ProjectionProcessing.MEMBERS, poisoned.toArray(String[]::new)).query(Long.class).single() == POISONED);
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM read_model.member WHERE id::text = ANY (?)")
                    .param(healthy.toArray(String[]::new)).query(Long.class).single() == HEALTHY);
            assertThat(jdbc.sql("SELECT count(*) FROM read_model.member WHERE full_name LIKE 'Loạt lỗi%'").query(Long.class).single())
                    .as("no poison event half-applied").isZero();
        } finally {
            jdbc.sql("ALTER TABLE read_model.member DROP CONSTRAINT poison_burst").update();
        }

        // the care the failed batches began is the members' own, in the served read models only
        assertThat(Care.of(ProjectionProcessing.MEMBERS).active()).isTrue();
        assertThat(Care.of(ProjectionProcessing.WORK).active()).as("another projection").isFalse();
        SqlProjection.inSchema("read_model_next", () -> assertThat(Care.of(ProjectionProcessing.MEMBERS).active())
                .as("a replay's, beside the served read models").isFalse());
    }

    /**
     * A batch cut off by PostgreSQL (here its backend ended while it waits for a lock) is retried as it was, without
     * care: a dropped connection is no poison event, and care after every outage slowed each projection, and any
     * replay started in the next two minutes, to a tenth of its rate.
     */
    @Test
    void a_batch_whose_connection_postgresql_dropped_is_retried_without_care() throws Exception {
        UUID province = UUID.randomUUID();
        UUID cell = UUID.randomUUID();
        append("OrgUnit", province, 0, new OrgUnitRegistered(province, "Tỉnh ủy", OrgUnitKind.PROVINCE, null, null));
        append("OrgUnit", cell, 0, new OrgUnitRegistered(cell, "Chi bộ ấp Long Hưng", OrgUnitKind.CELL, province, 3));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM read_model.org_unit WHERE id = ?")
                .param(cell).query(Long.class).single() == 1);
        Care.endAll();
        UUID member = UUID.randomUUID();
        try (Connection locker = DriverManager.getConnection(database.url(), database.username(), database.password())) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE read_model.member IN EXCLUSIVE MODE");
            append("Member", member, 0, new MemberEnrolled(member, cell, null, "Trần Văn Bền", LocalDate.of(1980, 1, 1),
                    LocalDate.of(2005, 1, 1), MemberStatus.FULL, LocalDate.of(2020, 1, 1)));
            // the members' batch, waiting for the lock with its insert: its backend ended as an administrator would
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                    SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                    WHERE application_name = 'query-service' AND wait_event_type = 'Lock' AND query ILIKE '%member%'""")
                    .query(Long.class).single() > 0);
            locker.rollback();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM read_model.member WHERE id = ?")
                .param(member).query(Long.class).single() == 1);
        assertThat(Care.of(ProjectionProcessing.MEMBERS).active()).as("no care after a dropped connection").isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM read_model.dead_letter_entry WHERE sequence_identifier = ?")
                .param(member.toString()).query(Long.class).single()).isZero();
    }
}
