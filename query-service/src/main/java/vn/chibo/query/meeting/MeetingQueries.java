package vn.chibo.query.meeting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import vn.chibo.events.meeting.MeetingLevel;
import vn.chibo.query.meeting.MeetingViews.CalendarEntry;
import vn.chibo.query.meeting.MeetingViews.MeetingView;
import vn.chibo.query.meeting.MeetingViews.Minutes;
import vn.chibo.query.meeting.MeetingViews.MinutesDiff;
import vn.chibo.query.meeting.MeetingViews.MinutesVersion;
import vn.chibo.query.meeting.MeetingViews.Participant;
import vn.chibo.query.meeting.MeetingViews.Person;
import vn.chibo.query.meeting.MeetingViews.PresenterTurn;
import vn.chibo.query.meeting.MeetingViews.SectionDiff;
import vn.chibo.query.meeting.MeetingViews.Vote;
import vn.chibo.query.organisation.VietnameseNames;
import vn.chibo.query.web.QueryRefused;

/**
 * Reads of the meeting read models (callers check scope first). A page is read from one snapshot: its several
 * statements never mix the state before and after a projection batch commits.
 */
@Component
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class MeetingQueries {
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public MeetingQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public UUID cellOf(UUID meetingId) {
        return jdbc.sql("SELECT cell_id FROM read_model.meeting WHERE id = ?").param(meetingId).query(UUID.class).optional()
                .orElseThrow(() -> QueryRefused.notFound("buổi sinh hoạt", meetingId));
    }

    /** The name of the committee a cell belongs to, for the head of its documents. */
    public String parentNameOf(UUID cellId) {
        return jdbc.sql("""
                SELECT p.name FROM read_model.org_unit c JOIN read_model.org_unit p ON p.id = c.parent_id WHERE c.id = ?""")
                .param(cellId).query(String.class).optional().orElse(null);
    }

    public List<CalendarEntry> calendar(UUID cellId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT id, kind, status, starts_at, meeting_date, location, topic, off_regular_day, reason, notice_days,
                       entered_late, attendance_rate, flags, score_total, score_level, minutes_final, minutes_late
                FROM read_model.meeting WHERE cell_id = ? AND meeting_date BETWEEN ? AND ? ORDER BY starts_at""")
                .params(cellId, from, to)
                .query((rs, n) -> new CalendarEntry(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        instant(rs, 4), rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                        rs.getString(9), rs.getInt(10), rs.getBoolean(11), (Double) rs.getObject(12), flags(rs.getString(13)),
                        (Integer) rs.getObject(14), rs.getString(15), rs.getBoolean(16), (Boolean) rs.getObject(17)))
                .list();
    }

    public MeetingView meeting(UUID id) {
        List<Participant> participants = participants(id);
        List<Vote> votes = jdbc.sql("""
                SELECT vote_id, subject, in_favour, against, abstain, counted, valid FROM read_model.meeting_vote
                WHERE meeting_id = ? ORDER BY seq""").param(id)
                .query((rs, n) -> new Vote(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getBoolean(7)))
                .list();
        return jdbc.sql("""
                SELECT m.id, m.cell_id, c.name, m.kind, m.status, m.starts_at, m.meeting_date, m.location, m.topic, m.agenda,
                       m.chair_id, ch.full_name, m.recorder_id, rc.full_name, m.presenter_id, pr.full_name, m.presenter_reason,
                       m.reason, m.off_regular_day, m.announced_at, m.entered_at, m.entered_late, m.notice_days,
                       m.rule_set_version, m.cancel_reason, m.started_at, m.ended_at, m.duration_minutes, m.attendance_rate,
                       m.flags, m.score_total, m.score_level, m.score_criteria, m.minutes_version, m.minutes_final,
                       m.minutes_finalised_on, m.minutes_days, m.minutes_late,
                       (SELECT sections FROM read_model.minutes_version v WHERE v.meeting_id = m.id AND v.version = m.minutes_version),
                       m.last_seq
                FROM read_model.meeting m
                LEFT JOIN read_model.org_unit c ON c.id = m.cell_id
                LEFT JOIN read_model.member ch ON ch.id = m.chair_id
                LEFT JOIN read_model.member rc ON rc.id = m.recorder_id
                LEFT JOIN read_model.member pr ON pr.id = m.presenter_id
                WHERE m.id = ?""").param(id)
                .query((rs, n) -> {
                    List<String> flags = new ArrayList<>(flags(rs.getString(30)));
                    if (participants.stream().anyMatch(Participant::repeatedAbsence)) {
                        flags.add("repeated-absence");
                    }
                    String level = rs.getString(32);
                    Minutes minutes = rs.getInt(34) == 0 ? null : new Minutes(rs.getInt(34), rs.getBoolean(35),
                            rs.getObject(36, LocalDate.class), (Long) rs.getObject(37), (Boolean) rs.getObject(38), tree(rs.getString(39)));
                    return new MeetingView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), instant(rs, 6), rs.getObject(7, LocalDate.class), rs.getString(8),
                            rs.getString(9), Arrays.asList(rs.getString(10).split("\n")), person(rs, 11), person(rs, 13),
                            person(rs, 15), rs.getString(17), rs.getString(18), rs.getBoolean(19), instant(rs, 20),
                            instant(rs, 21), rs.getBoolean(22), rs.getInt(23), rs.getInt(24), rs.getString(25),
                            instant(rs, 26), instant(rs, 27), (Long) rs.getObject(28), (Double) rs.getObject(29), flags,
                            (Integer) rs.getObject(31), level, level == null ? null : MeetingLevel.valueOf(level).label(),
                            criteria(rs.getString(33)), participants, votes, minutes, rs.getLong(40));
                })
                .optional().orElseThrow(() -> QueryRefused.notFound("buổi sinh hoạt", id));
    }

    /**
     * Who was called and who came; {@code repeatedAbsence} marks a member absent (even excused) from more than the
     * rule set's {@code repeatedAbsences} of the cell's held meetings running in the year, up to this one.
     */
    private List<Participant> participants(UUID meetingId) {
        return jdbc.sql("""
                WITH this AS (
                    SELECT m.cell_id, m.meeting_date, m.starts_at,
                           coalesce((SELECT (r.rules::json ->> 'repeatedAbsences')::int FROM read_model.rule_set r
                                     WHERE r.version = m.rule_set_version), 3) AS allowed
                    FROM read_model.meeting m WHERE m.id = ?)
                SELECT p.member_id, mb.full_name, p.status, p.summoned, p.present, p.reason, p.excused,
                       p.present = FALSE AND (
                         SELECT count(*) FROM (
                           SELECT h.present, row_number() OVER (ORDER BY o.starts_at DESC) AS k,
                                  sum(CASE WHEN h.present THEN 1 ELSE 0 END) OVER (ORDER BY o.starts_at DESC) AS seen
                           FROM read_model.meeting o JOIN read_model.meeting_member h ON h.meeting_id = o.id AND h.member_id = p.member_id
                           WHERE o.cell_id = this.cell_id AND o.status = 'HELD' AND o.starts_at <= this.starts_at
                             AND date_part('year', o.meeting_date) = date_part('year', this.meeting_date)
                             AND h.present IS NOT NULL) run
                         WHERE run.seen = 0) > this.allowed
                FROM read_model.meeting_member p CROSS JOIN this
                LEFT JOIN read_model.member mb ON mb.id = p.member_id
                WHERE p.meeting_id = ?""")
                .params(meetingId, meetingId)
                .query((rs, n) -> new Participant(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4), (Boolean) rs.getObject(5), rs.getString(6), (Boolean) rs.getObject(7), rs.getBoolean(8)))
                .list().stream()
                .sorted(java.util.Comparator.comparing(p -> p.fullName() == null ? "" : p.fullName(), VietnameseNames.ORDER))
                .toList();
    }

    public List<MinutesVersion> versions(UUID meetingId) {
        return jdbc.sql("""
                SELECT version, kind, final, reason, changed, actor, recorded_at, sections FROM read_model.minutes_version
                WHERE meeting_id = ? ORDER BY version""").param(meetingId)
                .query((rs, n) -> new MinutesVersion(rs.getInt(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                        rs.getString(5) == null ? List.of() : List.of(rs.getString(5).split(",")), rs.getString(6),
                        instant(rs, 7), tree(rs.getString(8))))
                .list();
    }

    /** Section by section, what changed between two versions of the minutes. */
    public MinutesDiff diff(UUID meetingId, int from, int to) {
        JsonNode before = sectionsOf(meetingId, from, "from");
        JsonNode after = sectionsOf(meetingId, to, "to");
        List<SectionDiff> sections = new ArrayList<>();
        List<String> names = new ArrayList<>();
        before.fieldNames().forEachRemaining(names::add);
        for (Iterator<String> it = after.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        for (String name : names) {
            String a = text(before.get(name));
            String b = text(after.get(name));
            if (!a.equals(b)) {
                sections.add(new SectionDiff(name, LineDiff.between(a, b)));
            }
        }
        return new MinutesDiff(from, to, sections);
    }

    /** The order in which members should present current affairs: who presented longest ago (or never) first. */
    public List<PresenterTurn> presenterTurns(UUID cellId, LocalDate today) {
        return jdbc.sql("""
                SELECT mb.id, mb.full_name,
                       (SELECT max(m.meeting_date) FROM read_model.meeting m WHERE m.cell_id = ? AND m.presenter_id = mb.id
                        AND m.status <> 'CANCELLED') AS last_presented
                FROM read_model.membership s JOIN read_model.member mb ON mb.id = s.member_id
                WHERE s.cell_id = ? AND s.from_date <= ? AND (s.to_date IS NULL OR s.to_date >= ?)
                  AND NOT EXISTS (SELECT 1 FROM read_model.exemption e WHERE e.member_id = mb.id AND e.from_date <= ?
                                  AND (e.to_date IS NULL OR e.to_date >= ?))
                  AND NOT EXISTS (SELECT 1 FROM read_model.temporary_transfer t WHERE t.member_id = mb.id
                                  AND t.from_date <= ? AND t.until_date >= ?)""")
                .params(cellId, cellId, today, today, today, today, today, today)
                .query((rs, n) -> new PresenterTurn(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, LocalDate.class)))
                .list().stream()
                .sorted(java.util.Comparator.comparing((PresenterTurn t) -> t.lastPresentedOn() == null ? LocalDate.MIN : t.lastPresentedOn())
                        .thenComparing(PresenterTurn::fullName, VietnameseNames.ORDER))
                .toList();
    }

    private JsonNode sectionsOf(UUID meetingId, int version, String field) {
        return jdbc.sql("SELECT sections FROM read_model.minutes_version WHERE meeting_id = ? AND version = ?")
                .params(meetingId, version).query(String.class).optional().map(this::tree)
                .orElseThrow(() -> new QueryRefused(vn.chibo.events.problem.Problem.NOT_FOUND,
                        "Không có phiên bản biên bản " + version + ". (No such version.)", field));
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isTextual()) {
            return node.asText();
        }
        List<String> lines = new ArrayList<>();
        node.forEach(item -> lines.add(item.toString()));
        return String.join("\n", lines);
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? NullNode.getInstance() : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Integer> criteria(String text) {
        try {
            return text == null ? null : json.readValue(text, new TypeReference<Map<String, Integer>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> flags(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split(","));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static Person person(ResultSet rs, int column) throws SQLException {
        UUID id = rs.getObject(column, UUID.class);
        return id == null ? null : new Person(id, rs.getString(column + 1));
    }
}
