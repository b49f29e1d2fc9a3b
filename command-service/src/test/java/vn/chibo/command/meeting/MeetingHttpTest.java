package vn.chibo.command.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chibo.command.testing.Builders.body;
import static vn.chibo.command.testing.Builders.cell;
import static vn.chibo.command.testing.Builders.committee;
import static vn.chibo.command.testing.Builders.member;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.Api.Reply;
import vn.chibo.command.testing.CommandServiceTestBase;

/** A cell's month over HTTP on the write side: every step accepted or refused with its problem type. */
class MeetingHttpTest extends CommandServiceTestBase {
    private Api province;
    private UUID cell;
    private final List<UUID> members = new ArrayList<>();

    @BeforeEach
    void setUp() {
        province = province();
        UUID committee = UUID.randomUUID();
        cell = UUID.randomUUID();
        province.post("/api/org-units", committee(committee, "Đảng bộ xã Tân Phước", PROVINCE));
        province.post("/api/org-units", cell(cell, "Chi bộ ấp Bình Minh", committee));
        String[] names = {"Nguyễn Thị Minh Khai", "Trần Văn An", "Lê Thị Hồng Gấm", "Phạm Văn Đồng", "Võ Thị Sáu"};
        for (String name : names) {
            UUID id = UUID.randomUUID();
            assertThat(province.post("/api/cells/" + cell + "/members", member(id, name, null)).status()).isEqualTo(201);
            members.add(id);
        }
    }

    private Map<String, Object> regularMeeting(String startsAt, String announcedAt) {
        return body("kind", "REGULAR", "startsAt", startsAt, "location", "Hội trường ấp Bình Minh",
                "agenda", List.of("Thông tin thời sự", "Kiểm điểm nhiệm vụ tháng"), "chairId", members.get(0),
                "recorderId", members.get(1), "presenterId", members.get(2), "announcedAt", announcedAt);
    }

    @Test
    void a_whole_month_is_recorded_step_by_step() {
        Reply scheduled = province.post("/api/cells/" + cell + "/meetings",
                regularMeeting("2026-11-03T01:00:00Z", "2026-10-28T02:00:00Z"));
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(201);
        String meeting = scheduled.json().get("id").asText();

        Reply early = province.post("/api/meetings/" + meeting + "/votes", body("subject", "Nghị quyết tháng 11",
                "inFavour", 4, "against", 0, "abstain", 0));
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.problem()).isEqualTo("meeting-not-held");

        Reply incomplete = province.put("/api/meetings/" + meeting + "/attendance", body(
                "present", List.of(members.get(0), members.get(1)), "absent", List.of(),
                "startedAt", "2026-11-03T01:00:00Z", "endedAt", "2026-11-03T03:00:00Z"));
        assertThat(incomplete.status()).isEqualTo(422);
        assertThat(incomplete.problem()).isEqualTo("attendance-incomplete");

        Reply attendance = province.put("/api/meetings/" + meeting + "/attendance", body(
                "present", List.of(members.get(0), members.get(1), members.get(2), members.get(3)),
                "absent", List.of(body("memberId", members.get(4), "reason", "Ốm", "excused", true)),
                "startedAt", "2026-11-03T01:00:00Z", "endedAt", "2026-11-03T03:00:00Z"));
        assertThat(attendance.status()).as(attendance.toString()).isEqualTo(200);

        Reply vote = province.post("/api/meetings/" + meeting + "/votes", body("subject", "Nghị quyết tháng 11",
                "inFavour", 3, "against", 1, "abstain", 0));
        assertThat(vote.status()).as(vote.toString()).isEqualTo(201);

        Reply score = province.put("/api/meetings/" + meeting + "/score", body("criteria",
                Map.of("preparation", 18, "attendance", 17, "conduct", 35, "closing", 18)));
        assertThat(score.status()).as(score.toString()).isEqualTo(200);

        var sections = body("currentAffairs", "Tình hình kinh tế - xã hội tháng 10", "conclusions", "Thống nhất nghị quyết");
        assertThat(province.put("/api/meetings/" + meeting + "/minutes", body("sections", sections)).status()).isEqualTo(200);
        sections.put("thinking", "Đảng viên phấn khởi");
        assertThat(province.put("/api/meetings/" + meeting + "/minutes", body("sections", sections)).status()).isEqualTo(200);

        Reply unsigned = province.post("/api/meetings/" + meeting + "/minutes/finalize",
                body("chairId", members.get(3), "recorderId", members.get(1)));
        assertThat(unsigned.status()).isEqualTo(422);
        assertThat(unsigned.problem()).isEqualTo("minutes-unsigned");
        long beforeStale = eventCount();
        Reply stale = province.header("If-Match", "\"4\"").post("/api/meetings/" + meeting + "/minutes/finalize",
                body("chairId", members.get(0), "recorderId", members.get(1)));
        assertThat(stale.status()).as("the signers read the first draft (version 4), and a second came since: " + stale).isEqualTo(409);
        assertThat(stale.problem()).isEqualTo("stale-version");
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(5);
        assertThat(eventCount()).isEqualTo(beforeStale);
        Reply finalised = province.header("If-Match", "\"5\"").post("/api/meetings/" + meeting + "/minutes/finalize",
                body("chairId", members.get(0), "recorderId", members.get(1)));
        assertThat(finalised.status()).as(finalised.toString()).isEqualTo(200);
        assertThat(finalised.json().get("version").asLong()).isEqualTo(6);

        Reply redraft = province.put("/api/meetings/" + meeting + "/minutes", body("sections", sections));
        assertThat(redraft.status()).isEqualTo(409);
        assertThat(redraft.problem()).isEqualTo("minutes-final");

        Reply amended = province.post("/api/meetings/" + meeting + "/minutes/amendments",
                body("sections", body("conclusions", "Thống nhất nghị quyết, bổ sung nhiệm vụ phòng chống bão"),
                        "reason", "Bổ sung kết luận theo ý kiến chủ trì"));
        assertThat(amended.status()).as(amended.toString()).isEqualTo(201);

        long meetingEvents = jdbc.sql("SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = ?")
                .param(meeting).query(Long.class).single();
        assertThat(meetingEvents).isEqualTo(8);
        long calendarEvents = jdbc.sql("""
                SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = ?
                AND payload_type = 'vn.chibo.events.organisation.MeetingBooked'""").param(cell.toString()).query(Long.class).single();
        assertThat(calendarEvents).isEqualTo(1);
    }

    @Test
    void a_meeting_unknown_at_first_is_404_and_found_once_it_is_scheduled() {
        UUID id = UUID.randomUUID();
        var vote = body("subject", "Nghị quyết tháng 11", "inFavour", 4, "against", 0, "abstain", 0);
        Reply unknown = province.post("/api/meetings/" + id + "/votes", vote);
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.problem()).isEqualTo("not-found");

        var meeting = regularMeeting("2026-11-03T01:00:00Z", "2026-10-28T02:00:00Z");
        meeting.put("id", id);
        assertThat(province.post("/api/cells/" + cell + "/meetings", meeting).status()).isEqualTo(201);
        Reply known = province.post("/api/meetings/" + id + "/votes", vote);
        assertThat(known.status()).as(known.toString()).isEqualTo(422);
        assertThat(known.problem()).isEqualTo("meeting-not-held");
        assertThat(province.post("/api/meetings/" + id + "/votes", vote).problem()).isEqualTo("meeting-not-held");

        // the same id sent again for another month: the cell's calendar takes the booking, the meeting's stream is taken
        long before = eventCount();
        var sameId = regularMeeting("2026-12-03T01:00:00Z", "2026-11-28T02:00:00Z");
        sameId.put("id", id);
        sameId.put("presenterId", members.get(3));
        Reply taken = province.post("/api/cells/" + cell + "/meetings", sameId);
        assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
        assertThat(taken.problem()).as("a taken id is no concurrent change: sending it again cannot help").isEqualTo("duplicate");
        assertThat(taken.json().get("field").asText()).isEqualTo("id");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_second_regular_meeting_in_a_month_is_409_and_a_short_notice_is_422() {
        assertThat(province.post("/api/cells/" + cell + "/meetings",
                regularMeeting("2026-11-03T01:00:00Z", "2026-10-28T02:00:00Z")).status()).isEqualTo(201);
        long before = eventCount();
        var second = regularMeeting("2026-11-17T01:00:00Z", "2026-11-10T02:00:00Z");
        second.put("reason", "Họp bù");
        Reply again = province.post("/api/cells/" + cell + "/meetings", second);
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.problem()).isEqualTo("regular-meeting-exists");

        Reply shortNotice = province.post("/api/cells/" + cell + "/meetings",
                regularMeeting("2026-10-03T01:00:00Z", "2026-10-02T02:00:00Z"));
        assertThat(shortNotice.status()).isEqualTo(422);
        assertThat(shortNotice.problem()).isEqualTo("notice-too-short");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void two_regular_meetings_for_one_month_sent_at_once_end_with_exactly_one_accepted() throws Exception {
        var first = regularMeeting("2026-09-03T01:00:00Z", "2026-08-25T02:00:00Z");
        var second = regularMeeting("2026-09-10T01:00:00Z", "2026-08-25T02:00:00Z");
        second.put("reason", "Trùng lịch thu hoạch");
        second.put("presenterId", members.get(3));
        long before = eventCount();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> { start.await(); return province.post("/api/cells/" + cell + "/meetings", first); });
            var b = pool.submit(() -> { start.await(); return province.post("/api/cells/" + cell + "/meetings", second); });
            start.countDown();
            List<Reply> replies = List.of(a.get(), b.get());
            assertThat(replies).extracting(Reply::status).containsExactlyInAnyOrder(201, 409);
            Reply refused = replies.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
            assertThat(refused.problem()).isIn("regular-meeting-exists", "stale-version");
            assertThat(eventCount()).as("one MeetingScheduled and one MeetingBooked").isEqualTo(before + 2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_meeting_is_judged_by_the_rules_in_force_on_its_own_date() {
        Reply published = province.post("/api/rule-sets", body("effectiveFrom", "2026-10-01",
                "rules", body("noticeDays", 10), "reason", "Hướng dẫn mới của Tỉnh ủy"));
        assertThat(published.status()).as(published.toString()).isEqualTo(201);

        Reply september = province.post("/api/cells/" + cell + "/meetings",
                regularMeeting("2026-09-03T01:00:00Z", "2026-08-29T02:00:00Z"));
        assertThat(september.status()).as("5 days' notice under the old 3-day rule").isEqualTo(201);
        Reply october = province.post("/api/cells/" + cell + "/meetings",
                regularMeeting("2026-10-03T01:00:00Z", "2026-09-28T02:00:00Z"));
        assertThat(october.status()).as("5 days' notice under the new 10-day rule").isEqualTo(422);
        assertThat(october.problem()).isEqualTo("notice-too-short");

        assertThat(firstPayloadOf(september.json().get("id").asText())).contains("\"ruleSetVersion\":1").contains("\"noticeDays\":5");

        Reply invalid = province.post("/api/rule-sets", body("effectiveFrom", "2027-01-01", "rules", body("attendanceQuality", 1.5)));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.problem()).isEqualTo("invalid-rule-set");
        assertThat(invalid.json().get("field").asText()).isEqualTo("attendanceQuality");
    }

    @Test
    void a_cancelled_meeting_frees_its_month_and_a_moved_one_keeps_it() {
        Reply first = province.post("/api/cells/" + cell + "/meetings", regularMeeting("2026-08-03T01:00:00Z", "2026-07-25T02:00:00Z"));
        String id = first.json().get("id").asText();
        Reply moved = province.post("/api/meetings/" + id + "/reschedule",
                body("startsAt", "2026-08-05T01:00:00Z", "reason", "Bão số 3"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().get("version").asLong()).isEqualTo(1);

        var another = regularMeeting("2026-08-20T01:00:00Z", "2026-08-10T02:00:00Z");
        another.put("reason", "Họp lại");
        another.put("presenterId", members.get(3));
        assertThat(province.post("/api/cells/" + cell + "/meetings", another).status()).isEqualTo(409);

        Reply cancelled = province.header("If-Match", "\"1\"").post("/api/meetings/" + id + "/cancel", body("reason", "Bão số 3 kéo dài"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        Reply again = province.post("/api/cells/" + cell + "/meetings", another);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);

        Reply attendance = province.put("/api/meetings/" + id + "/attendance", body("present", members, "absent", List.of(),
                "startedAt", "2026-08-05T01:00:00Z", "endedAt", "2026-08-05T03:00:00Z"));
        assertThat(attendance.status()).isEqualTo(422);
        assertThat(attendance.problem()).isEqualTo("meeting-not-held");
    }
}
