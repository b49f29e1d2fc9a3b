package vn.chibo.query.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * that fails is retried with a savepoint per event ({@link SqlProjection#beCareful()}), after its work package has
 * given the segment up. With fewer worker threads than segments that work package waited behind the other
 * segments' batches to end itself, and Axon 4.13 doubled the segment's back-off at every coordination run meanwhile,
 * up to 60 s: 250 poison enrolments took 63 s to queue, the segment's healthy events waiting as long.
 */
class PoisonBurstTest extends QueryServiceTestBase {
    private static final int POISONED = 200;
    private static final int HEALTHY = 20;

    @Autowired
    EventProcessorProperties processors;

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
    void a_burst_of_poison_events_holds_its_segments_back_for_seconds_not_a_minute() {
        UUID province = UUID.randomUUID();
        UUID cell = UUID.randomUUID();
        append("OrgUnit", province, 0, new OrgUnitRegistered(province, "Tỉnh ủy", OrgUnitKind.PROVINCE, null, null));
        append("OrgUnit", cell, 0, new OrgUnitRegistered(cell, "Chi bộ ấp Phú Hòa", OrgUnitKind.CELL, province, 3));
        jdbc.sql("ALTER TABLE read_model.member ADD CONSTRAINT poison_burst CHECK (full_name NOT LIKE 'Loạt lỗi%') NOT VALID").update();
        // the first batch to fail is a first failure, whatever tests ran before in this JVM
        SqlProjection.stopBeingCareful();
        List<String> healthy = new ArrayList<>();
        for (int i = 0; i < POISONED + HEALTHY; i++) {
            UUID id = UUID.randomUUID();
            String name = i < POISONED ? "Loạt lỗi " + i : "Nguyễn Văn Lành " + i;
            append("Member", id, 0, new MemberEnrolled(id, cell, null, name, LocalDate.of(1980, 1, 1),
                    LocalDate.of(2005, 1, 1), MemberStatus.FULL, LocalDate.of(2020, 1, 1)));
            if (i >= POISONED) {
                healthy.add(id.toString());
            }
        }

        // not a timing assertion: a bound far above the seconds this takes, far below the minute the fault cost
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql(
                "SELECT count(*) FROM read_model.dead_letter_entry WHERE processing_group = ?")
                .param(ProjectionProcessing.MEMBERS).query(Long.class).single() == POISONED);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql(
                "SELECT count(*) FROM read_model.member WHERE id::text = ANY (?)")
                .param(healthy.toArray(String[]::new)).query(Long.class).single() == HEALTHY);
        assertThat(jdbc.sql("SELECT count(*) FROM read_model.member WHERE full_name LIKE 'Loạt lỗi%'").query(Long.class).single())
                .as("no poison event half-applied").isZero();
    }
}
