package vn.chibo.query.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.chibo.events.meeting.Absence;
import vn.chibo.events.meeting.AttendanceRecorded;
import vn.chibo.events.meeting.MeetingKind;
import vn.chibo.events.meeting.MeetingRescheduled;
import vn.chibo.events.meeting.MeetingScheduled;
import vn.chibo.events.meeting.SummonedMember;
import vn.chibo.events.meeting.VoteRecorded;
import vn.chibo.events.organisation.MemberStatus;
import vn.chibo.query.testing.QueryServiceTestBase;

/** Real events into real tables: who was present at a meeting, after its attendance and after that was corrected. */
class MeetingProjectionTest extends QueryServiceTestBase {
    @Autowired
    private MeetingQueries meetings;
    private static final Instant DAY = Instant.parse("2026-11-03T01:00:00Z");

    private final UUID cell = UUID.randomUUID();
    private final UUID meeting = UUID.randomUUID();
    private final UUID an = UUID.randomUUID();
    private final UUID binh = UUID.randomUUID();
    private final UUID cuong = UUID.randomUUID();
    private final UUID dung = UUID.randomUUID();
    /** Not summoned (a member of another cell attending): present only while an attendance names them. */
    private final UUID guest = UUID.randomUUID();

    private void append(long seq, Object payload) {
        append("Meeting", meeting, seq, payload);
    }

    /** The meeting on the 3rd, its chair and recorder the first two members summoned. */
    private MeetingScheduled scheduled(UUID... summoned) {
        return new MeetingScheduled(meeting, cell, MeetingKind.REGULAR, DAY, LocalDate.of(2026, 11, 3), "Nhà văn hóa ấp",
                null, List.of("Thông tin thời sự"), summoned[0], summoned[1], null, null, null, false,
                DAY.minusSeconds(5 * 86400), DAY, false, 5, summons(summoned), false, 1);
    }

    private static List<SummonedMember> summons(UUID... members) {
        return Arrays.stream(members).map(member -> new SummonedMember(member, MemberStatus.FULL)).toList();
    }

    private AttendanceRecorded attendance(List<UUID> present, List<Absence> absent) {
        return new AttendanceRecorded(meeting, cell, present, absent, DAY, DAY.plusSeconds(5400), 90,
                present.size() / 4.0, List.of(), 1);
    }

    @Test
    void a_corrected_attendance_replaces_the_first_one_member_by_member() {
        append(0, scheduled(an, binh, cuong, dung));
        append(1, attendance(List.of(an, binh, guest), List.of(new Absence(cuong, "Ốm", true))));
        await().atMost(Duration.ofSeconds(20)).until(() -> lastSeq() == 1);

        assertThat(members()).as("dung was summoned and is not named: not known yet").containsExactly(
                row(an, true, true, null, null), row(binh, true, true, null, null), row(cuong, true, false, "Ốm", true),
                row(dung, true, null, null, null), row(guest, false, true, null, null));

        append(2, attendance(List.of(cuong, dung), List.of(new Absence(an, "Đi công tác", false))));
        await().atMost(Duration.ofSeconds(20)).until(() -> lastSeq() == 2);

        assertThat(members()).as("what the first said and the second does not is forgotten; the guest is gone").containsExactly(
                row(an, true, false, "Đi công tác", false), row(binh, true, null, null, null),
                row(cuong, true, true, null, null), row(dung, true, true, null, null));
        assertThat(jdbc.sql("SELECT status FROM read_model.meeting WHERE id = ?").param(meeting).query(String.class).single())
                .isEqualTo("HELD");
    }

    @Test
    void the_first_attendance_after_a_reschedule_finds_the_members_summoned_for_the_new_date() {
        append(0, scheduled(an, binh));
        Instant later = DAY.plusSeconds(2 * 86400);
        append(1, new MeetingRescheduled(meeting, cell, later, LocalDate.of(2026, 11, 5), DAY, "Mưa bão", true,
                summons(binh, cuong), 1));
        append(2, new AttendanceRecorded(meeting, cell, List.of(cuong, guest), List.of(), later, later.plusSeconds(5400), 90,
                0.5, List.of(), 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> lastSeq() == 2);

        assertThat(members()).as("an is no longer summoned; binh is summoned and not named").containsExactly(
                row(binh, true, null, null, null), row(cuong, true, true, null, null), row(guest, false, true, null, null));
    }

    @Test
    void a_vote_recorded_twice_under_one_id_still_moves_the_meeting_to_its_last_version() {
        UUID vote = UUID.randomUUID();
        append(0, scheduled(an, binh));
        append(1, attendance(List.of(an, binh), List.of()));
        // a log written before a meeting refused a vote id it already had
        append(2, new VoteRecorded(meeting, vote, "Nghị quyết tháng 11", 2, 0, 0, 2, true, 1));
        append(3, new VoteRecorded(meeting, vote, "Nghị quyết tháng 11", 2, 0, 0, 2, true, 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> lastSeq() == 3);
        assertThat(meetings.meeting(meeting).version()).as("the version a write's If-Match must name").isEqualTo(3);
        assertThat(meetings.meeting(meeting).votes()).hasSize(1);
    }

    @Test
    void v10_gives_a_meeting_projected_before_votes_moved_it_the_version_of_its_last_vote() throws Exception {
        append(0, scheduled(an, binh));
        append(1, attendance(List.of(an, binh), List.of()));
        append(2, new VoteRecorded(meeting, UUID.randomUUID(), "Nghị quyết tháng 11", 2, 0, 0, 2, true, 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> lastSeq() == 2);
        // as the projection left it before a vote moved the meeting's row
        jdbc.sql("UPDATE read_model.meeting SET last_seq = 1 WHERE id = ?").param(meeting).update();
        assertThat(meetings.meeting(meeting).version()).isEqualTo(1);

        String v10 = new org.springframework.core.io.ClassPathResource("db/migration/read_model/V10__meeting_version_with_its_votes.sql")
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        jdbc.sql("SET search_path TO read_model; " + v10 + "; RESET search_path").update();
        assertThat(meetings.meeting(meeting).version()).as("the version a write's If-Match must name").isEqualTo(2);
    }

    private long lastSeq() {
        return jdbc.sql("SELECT coalesce(max(last_seq), -1) FROM read_model.meeting WHERE id = ?").param(meeting)
                .query(Long.class).single();
    }

    private List<String> members() {
        List<UUID> order = List.of(an, binh, cuong, dung, guest);
        return jdbc.sql("SELECT member_id, summoned, present, reason, excused FROM read_model.meeting_member WHERE meeting_id = ?")
                .param(meeting)
                .query((rs, n) -> row(rs.getObject(1, UUID.class), rs.getBoolean(2), (Boolean) rs.getObject(3),
                        rs.getString(4), (Boolean) rs.getObject(5)))
                .list().stream()
                .sorted((a, b) -> Integer.compare(indexOf(order, a), indexOf(order, b)))
                .toList();
    }

    private int indexOf(List<UUID> order, String row) {
        for (int i = 0; i < order.size(); i++) {
            if (row.startsWith(order.get(i) + " ")) {
                return i;
            }
        }
        return order.size();
    }

    private static String row(UUID member, boolean summoned, Boolean present, String reason, Boolean excused) {
        return member + " summoned=" + summoned + " present=" + present + " reason=" + reason + " excused=" + excused;
    }
}
