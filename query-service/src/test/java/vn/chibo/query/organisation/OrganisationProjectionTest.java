package vn.chibo.query.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.chibo.events.access.Caller;
import vn.chibo.events.access.Role;
import vn.chibo.events.organisation.MemberEnrolled;
import vn.chibo.events.organisation.MemberExempted;
import vn.chibo.events.organisation.MemberStatus;
import vn.chibo.events.organisation.MemberTransferred;
import vn.chibo.events.organisation.OrgUnitKind;
import vn.chibo.events.organisation.OrgUnitRegistered;
import vn.chibo.query.deadletter.DeadLetterController;
import vn.chibo.query.eventstore.ProjectionProcessing;
import vn.chibo.query.organisation.OrganisationViews.MemberRow;
import vn.chibo.query.organisation.OrganisationViews.MemberView;
import vn.chibo.query.testing.QueryServiceTestBase;

/** Real events appended to the real event table, projected by the running processors into real tables. */
class OrganisationProjectionTest extends QueryServiceTestBase {
    private final UUID PROVINCE = UUID.randomUUID();
    private final UUID COMMITTEE = UUID.randomUUID();
    private final UUID CELL_A = UUID.randomUUID();
    private final UUID CELL_B = UUID.randomUUID();

    @Autowired
    OrganisationQueries queries;
    @Autowired
    MemberProjection memberProjection;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    DeadLetterController deadLetters;


    private void tree() {
        append("OrgUnit", PROVINCE, 0, new OrgUnitRegistered(PROVINCE, "Tỉnh ủy", OrgUnitKind.PROVINCE, null, null));
        append("OrgUnit", COMMITTEE, 0, new OrgUnitRegistered(COMMITTEE, "Đảng bộ xã Tân Phước", OrgUnitKind.COMMITTEE, PROVINCE, null));
        append("OrgUnit", CELL_A, 0, new OrgUnitRegistered(CELL_A, "Chi bộ ấp Bình Minh", OrgUnitKind.CELL, COMMITTEE, 3));
        append("OrgUnit", CELL_B, 0, new OrgUnitRegistered(CELL_B, "Chi bộ ấp Đông Hòa", OrgUnitKind.CELL, COMMITTEE, 3));
    }

    private static MemberEnrolled enrolled(UUID id, UUID cell, String name, LocalDate since) {
        return new MemberEnrolled(id, cell, null, name, LocalDate.of(1980, 1, 1), LocalDate.of(2005, 1, 1), MemberStatus.FULL, since);
    }

    @Test
    void a_transfer_closes_the_old_membership_and_each_cell_keeps_its_history() {
        tree();
        UUID lan = UUID.randomUUID();
        append("Member", lan, 0, enrolled(lan, CELL_A, "Trần Thị Lan", LocalDate.of(2020, 1, 1)));
        append("Member", lan, 1, new MemberExempted(lan, CELL_A, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 31), "Ốm"));
        append("Member", lan, 2, new MemberTransferred(lan, CELL_A, CELL_B, LocalDate.of(2026, 6, 1), "Chuyển công tác"));

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM read_model.membership WHERE member_id = ?")
                .param(lan).query(Long.class).single() == 2);

        MemberView view = queries.member(lan);
        assertThat(view.cellId()).isEqualTo(CELL_B);
        assertThat(view.cellName()).isEqualTo("Chi bộ ấp Đông Hòa");
        assertThat(view.memberships()).hasSize(2);
        assertThat(view.memberships().get(0).cellId()).isEqualTo(CELL_A);
        assertThat(view.memberships().get(0).to()).isEqualTo(LocalDate.of(2026, 5, 31));
        assertThat(view.memberships().get(0).endReason()).isEqualTo("Chuyển công tác");
        assertThat(view.memberships().get(1).from()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(view.memberships().get(1).to()).isNull();
        assertThat(view.exemptions()).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("Ốm"));

        assertThat(queries.members(CELL_A, LocalDate.of(2026, 5, 31))).extracting(MemberRow::id).containsExactly(lan);
        assertThat(queries.members(CELL_A, LocalDate.of(2026, 6, 1))).isEmpty();
        assertThat(queries.members(CELL_B, LocalDate.of(2026, 6, 1))).extracting(MemberRow::id).containsExactly(lan);
        assertThat(queries.members(CELL_A, LocalDate.of(2026, 3, 1))).singleElement()
                .satisfies(r -> assertThat(r.exempt()).isTrue());
    }

    @Test
    void an_event_applied_twice_changes_nothing_twice() {
        tree();
        UUID id = UUID.randomUUID();
        MemberEnrolled enrolled = enrolled(id, CELL_A, "Lê Văn Hùng", LocalDate.of(2021, 1, 1));
        MemberTransferred moved = new MemberTransferred(id, CELL_A, CELL_B, LocalDate.of(2026, 1, 1), "Chuyển");
        memberProjection.on(enrolled, 0);
        memberProjection.on(moved, 1);
        memberProjection.on(enrolled, 0);
        memberProjection.on(moved, 1);

        assertThat(jdbc.sql("SELECT count(*) FROM read_model.membership WHERE member_id = ?").param(id).query(Long.class).single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT to_date FROM read_model.membership WHERE member_id = ? AND seq = 0").param(id)
                .query(LocalDate.class).single()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(jdbc.sql("SELECT cell_id FROM read_model.member WHERE id = ?").param(id).query(UUID.class).single())
                .isEqualTo(CELL_B);
    }

    @Test
    void a_replay_rebuilds_the_same_read_model() {
        tree();
        for (String name : List.of("Nguyễn Thị Minh Khai", "Trần Văn An", "Phạm Quang Bình", "Lê Thị Ánh")) {
            UUID id = UUID.randomUUID();
            append("Member", id, 0, enrolled(id, CELL_A, name, LocalDate.of(2020, 1, 1)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.members(CELL_A, LocalDate.of(2026, 1, 1)).size() == 4);
        List<MemberRow> before = queries.members(CELL_A, LocalDate.of(2026, 1, 1));
        assertThat(before).extracting(MemberRow::fullName)
                .as("Vietnamese order: by given name, then the rest")
                .containsExactly("Trần Văn An", "Lê Thị Ánh", "Phạm Quang Bình", "Nguyễn Thị Minh Khai");

        PooledStreamingEventProcessor processor = processing
                .eventProcessor(ProjectionProcessing.MEMBERS, PooledStreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.members(CELL_A, LocalDate.of(2026, 1, 1)).equals(before));
    }

    @Test
    void a_poison_event_goes_to_the_dead_letter_queue_and_the_projection_goes_on() {
        tree();
        UUID poisoned = UUID.randomUUID();
        UUID healthy = UUID.randomUUID();
        // a name the read model refuses (NOT NULL): the handler fails on this event every time
        append("Member", poisoned, 0, new MemberEnrolled(poisoned, CELL_A, null, null, LocalDate.of(1980, 1, 1),
                LocalDate.of(2005, 1, 1), MemberStatus.FULL, LocalDate.of(2020, 1, 1)));
        append("Member", healthy, 0, enrolled(healthy, CELL_A, "Hồ Thị Xuân", LocalDate.of(2020, 1, 1)));

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT count(*) FROM read_model.dead_letter_entry WHERE sequence_identifier = ?")
                .param(poisoned.toString()).query(Long.class).single() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.members(CELL_A, LocalDate.of(2026, 1, 1)).size() == 1);
        assertThat(jdbc.sql("SELECT processing_group FROM read_model.dead_letter_entry").query(String.class).list())
                .containsExactly(ProjectionProcessing.MEMBERS);

        // once the cause is fixed (here: the column accepts the value), a retry applies the event and empties the queue
        jdbc.sql("ALTER TABLE read_model.member ALTER COLUMN full_name DROP NOT NULL").update();
        var retried = deadLetters.retry(ProjectionProcessing.MEMBERS,
                department());
        assertThat(retried).containsEntry("cleared", 1).containsEntry("remaining", 0L);
        assertThat(jdbc.sql("SELECT count(*) FROM read_model.member WHERE id = ?").param(poisoned).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void a_retry_clears_every_sequence_whose_cause_is_gone_though_an_older_one_fails_again() {
        tree();
        UUID stillRefused = UUID.randomUUID();
        UUID fixed = UUID.randomUUID();
        jdbc.sql("ALTER TABLE read_model.member ADD CONSTRAINT retry_test CHECK (id <> '" + stillRefused + "' AND id <> '" + fixed
                + "') NOT VALID").update();
        try {
            append("Member", stillRefused, 0, enrolled(stillRefused, CELL_A, "Hồ Thị Xuân", LocalDate.of(2020, 1, 1)));
            append("Member", fixed, 0, enrolled(fixed, CELL_A, "Lê Văn Tám", LocalDate.of(2020, 1, 1)));
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM read_model.dead_letter_entry WHERE sequence_identifier IN (?, ?)")
                    .params(stillRefused.toString(), fixed.toString()).query(Long.class).single() == 2);

            jdbc.sql("ALTER TABLE read_model.member DROP CONSTRAINT retry_test").update();
            jdbc.sql("ALTER TABLE read_model.member ADD CONSTRAINT retry_test CHECK (id <> '" + stillRefused + "') NOT VALID").update();
            var retried = deadLetters.retry(ProjectionProcessing.MEMBERS, department());
            assertThat(retried).as("the older sequence fails again; the younger one, fixed, is applied")
                    .containsEntry("cleared", 1).containsEntry("remaining", 1L);
            assertThat(jdbc.sql("SELECT count(*) FROM read_model.member WHERE id = ?").param(fixed).query(Long.class).single())
                    .isEqualTo(1);
        } finally {
            jdbc.sql("ALTER TABLE read_model.member DROP CONSTRAINT IF EXISTS retry_test").update();
            deadLetters.retry(ProjectionProcessing.MEMBERS, department());
        }
    }

    /**
     * Axon 4.13 looked for a letter to retry among the ten least recently touched sequences of the queue only, and
     * never at a letter whose index in its sequence is below zero: a retry of 250 letters whose cause was gone left
     * 130 queued. Here the log's first letters are the last touched, deepest in that order; eleven others tie, as
     * letters touched within one millisecond do; one letter's index is below zero, as V11 left some.
     */
    @Test
    void a_retry_finds_every_letter_however_deep_it_lies_in_the_queue() {
        tree();
        jdbc.sql("ALTER TABLE read_model.member ADD CONSTRAINT deep_queue_test CHECK (full_name NOT LIKE 'Hàng đợi sâu%') NOT VALID").update();
        List<String> ids = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 15; i++) {
                UUID id = UUID.randomUUID();
                append("Member", id, 0, enrolled(id, CELL_A, "Hàng đợi sâu " + i, LocalDate.of(2020, 1, 1)));
                ids.add(id.toString());
            }
            String[] sequences = ids.toArray(String[]::new);
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM read_model.dead_letter_entry WHERE sequence_identifier = ANY (?)")
                    .param(sequences).query(Long.class).single() == 15);
            jdbc.sql("""
                    UPDATE read_model.dead_letter_entry d SET last_touched = '2030-01-01T00:00:' || lpad((59 - r.n)::text, 2, '0') || 'Z'
                    FROM (SELECT dead_letter_id, row_number() OVER (ORDER BY enqueued_at, sequence_identifier) AS n
                          FROM read_model.dead_letter_entry WHERE sequence_identifier = ANY (?)) r
                    WHERE d.dead_letter_id = r.dead_letter_id""").param(sequences).update();
            jdbc.sql("UPDATE read_model.dead_letter_entry SET last_touched = '1970-01-01T00:00:00Z' WHERE sequence_identifier = ANY (?)")
                    .param(ids.subList(4, 15).toArray(String[]::new)).update();
            jdbc.sql("UPDATE read_model.dead_letter_entry SET sequence_index = -1 WHERE sequence_identifier = ?").param(ids.get(14)).update();
            jdbc.sql("ALTER TABLE read_model.member DROP CONSTRAINT deep_queue_test").update();

            var retried = deadLetters.retry(ProjectionProcessing.MEMBERS, department());
            assertThat(retried).containsEntry("cleared", 15);
            assertThat(jdbc.sql("SELECT count(*) FROM read_model.dead_letter_entry WHERE sequence_identifier = ANY (?)")
                    .param(sequences).query(Long.class).single()).as("none of them left queued").isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM read_model.member WHERE id::text = ANY (?)").param(sequences)
                    .query(Long.class).single()).isEqualTo(15);
        } finally {
            jdbc.sql("ALTER TABLE read_model.member DROP CONSTRAINT IF EXISTS deep_queue_test").update();
            deadLetters.retry(ProjectionProcessing.MEMBERS, department());
        }
    }

    /**
     * A unit whose event is poison holds back its own record and its children's (their paths need its own), not the
     * rest of the tree: with one sequence for every unit, all later units waited, and once 1,024 had the projection
     * stopped. The retry applies the oldest letters first, the parent before its children.
     */
    @Test
    void a_poison_unit_holds_back_its_own_subtree_only_and_a_retry_applies_it_parent_first() {
        tree();
        UUID poisoned = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        jdbc.sql("ALTER TABLE read_model.org_unit ADD CONSTRAINT sequence_test CHECK (id <> '" + poisoned + "') NOT VALID").update();
        try {
            append("OrgUnit", poisoned, 0, new OrgUnitRegistered(poisoned, "Đảng bộ xã Mỹ Lợi", OrgUnitKind.COMMITTEE, PROVINCE, null));
            append("OrgUnit", child, 0, new OrgUnitRegistered(child, "Chi bộ ấp Mỹ Lợi A", OrgUnitKind.CELL, poisoned, 3));
            append("OrgUnit", other, 0, new OrgUnitRegistered(other, "Chi bộ ấp Tân Hòa", OrgUnitKind.CELL, COMMITTEE, 3));
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM read_model.org_unit WHERE id = ?")
                    .param(other).query(Long.class).single() == 1);
            assertThat(jdbc.sql("""
                    SELECT sequence_identifier FROM read_model.dead_letter_entry WHERE processing_group = ?
                    ORDER BY enqueued_at, sequence_index""").param(ProjectionProcessing.ORG_UNITS).query(String.class).list())
                    .as("each unit under its own name, the parent first").containsExactly(poisoned.toString(), child.toString());
            // queued in one batch, the two letters' times (kept to the millisecond) may be equal, or in either order
            jdbc.sql("UPDATE read_model.dead_letter_entry SET enqueued_at = ? WHERE sequence_identifier = ?")
                    .params("2000-01-01T00:00:00Z", child.toString()).update();
        } finally {
            jdbc.sql("ALTER TABLE read_model.org_unit DROP CONSTRAINT sequence_test").update();
        }
        var retried = deadLetters.retry(ProjectionProcessing.ORG_UNITS, department());
        assertThat(retried).containsEntry("cleared", 2).containsEntry("remaining", 0L);
        assertThat(jdbc.sql("SELECT path FROM read_model.org_unit WHERE id = ?").param(child).query(String.class).single())
                .isEqualTo("/" + PROVINCE + "/" + poisoned + "/" + child + "/");
    }

    /** Letters queued under the one sequence the two projections used before are moved to their records' sequences. */
    @Test
    void v11_moves_letters_queued_under_one_sequence_to_their_records_sequences() throws Exception {
        UUID unit = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        letter(ProjectionProcessing.ORG_UNITS, "all", 0, "event-0-" + unit, unit);
        letter(ProjectionProcessing.DASHBOARD, "all", 0, "event-0-" + unit, member);
        letter(ProjectionProcessing.DASHBOARD, "all", 1, "event-1-" + unit, member);
        letter(ProjectionProcessing.DASHBOARD, "all", 2, "event-2-" + unit, null);
        // a letter the member's record already has under its own sequence, from an instance already on the new code
        letter(ProjectionProcessing.DASHBOARD, member.toString(), 0, "event-new-" + unit, member);
        String v11 = new org.springframework.core.io.ClassPathResource("db/migration/read_model/V11__dead_letters_by_record.sql")
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        try {
            jdbc.sql("SET search_path TO read_model; " + v11 + "; RESET search_path").update();
            assertThat(jdbc.sql("""
                    SELECT processing_group || ' ' || sequence_identifier || ' ' || sequence_index FROM read_model.dead_letter_entry
                    WHERE event_identifier LIKE ? ORDER BY processing_group, sequence_index""").param("%" + unit)
                    .query(String.class).list()).as("below zero, in order, ahead of a letter the record may have already")
                    .containsExactly("dashboard " + member + " -3", "dashboard " + member + " -2", "dashboard event-2-" + unit + " -1",
                            "dashboard " + member + " 0", "org-units " + unit + " -1");
        } finally {
            jdbc.sql("DELETE FROM read_model.dead_letter_entry WHERE event_identifier LIKE ?").param("%" + unit).update();
        }
    }

    /** A dead letter as Axon stores it, written straight into the queue's table (its payload is not read here). */
    private void letter(String group, String sequence, long index, String eventId, UUID aggregate) {
        jdbc.sql("""
                INSERT INTO read_model.dead_letter_entry (dead_letter_id, processing_group, sequence_identifier, sequence_index,
                    message_type, event_identifier, time_stamp, payload_type, payload, aggregate_identifier, enqueued_at)
                VALUES (?, ?, ?, ?, 'DomainEventMessage', ?, '2026-12-01T00:00:00Z', 'x', '\\x00', ?, '2026-12-01T00:00:00Z')""")
                .params(UUID.randomUUID().toString(), group, sequence, index, eventId, aggregate == null ? null : aggregate.toString())
                .update();
    }

    private Caller department() {
        return new Caller("tinhuy", Role.PROVINCE, PROVINCE, "Ban Tổ chức");
    }

    /**
     * A bug that refuses many records fills the queue with their letters; at Axon's default of 1,024 records a full
     * queue refused the next letter, and every later batch of that segment failed on it: the poison event was never
     * queued, and no record of the segment (all of them, in the dashboard's one segment) was projected any more.
     */
    @Test
    void a_queue_holding_letters_of_a_thousand_records_takes_one_more_and_the_projection_goes_on() {
        tree();
        String marker = "full-queue-" + UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO read_model.dead_letter_entry (dead_letter_id, processing_group, sequence_identifier, sequence_index,
                    message_type, event_identifier, time_stamp, payload_type, payload, enqueued_at)
                SELECT gen_random_uuid()::text, ?, ? || n, 0, 'DomainEventMessage', ? || n, '2026-12-07T00:00:00Z', 'x', '\\x00',
                       '2026-12-07T00:00:00Z'
                FROM generate_series(1, 1024) n""").params(ProjectionProcessing.MEMBERS, marker, marker).update();
        UUID refused = UUID.randomUUID();
        UUID next = UUID.randomUUID();
        jdbc.sql("ALTER TABLE read_model.member ADD CONSTRAINT full_queue_test CHECK (id <> '" + refused + "') NOT VALID").update();
        try {
            append("Member", refused, 0, enrolled(refused, CELL_A, "Hồ Thị Xuân", LocalDate.of(2020, 1, 1)));
            append("Member", next, 0, enrolled(next, CELL_B, "Lê Văn Tám", LocalDate.of(2020, 1, 1)));
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM read_model.member WHERE id = ?")
                    .param(next).query(Long.class).single() == 1);
            assertThat(jdbc.sql("SELECT count(*) FROM read_model.dead_letter_entry WHERE sequence_identifier = ?")
                    .param(refused.toString()).query(Long.class).single()).isEqualTo(1);
        } finally {
            jdbc.sql("ALTER TABLE read_model.member DROP CONSTRAINT full_queue_test").update();
            jdbc.sql("DELETE FROM read_model.dead_letter_entry WHERE sequence_identifier LIKE ?").param(marker + "%").update();
            deadLetters.retry(ProjectionProcessing.MEMBERS, department());
        }
        assertThat(jdbc.sql("SELECT count(*) FROM read_model.member WHERE id = ?").param(refused).query(Long.class).single())
                .isEqualTo(1);
    }
}
