package vn.chibo.query.meeting;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;

import javax.sql.DataSource;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chibo.events.EventMetadata;
import vn.chibo.events.meeting.Absence;
import vn.chibo.events.meeting.AttendanceRecorded;
import vn.chibo.events.meeting.MeetingCancelled;
import vn.chibo.events.meeting.MeetingRescheduled;
import vn.chibo.events.meeting.MeetingScheduled;
import vn.chibo.events.meeting.MeetingScored;
import vn.chibo.events.meeting.MinutesAmended;
import vn.chibo.events.meeting.MinutesDrafted;
import vn.chibo.events.meeting.MinutesFinalised;
import vn.chibo.events.meeting.SummonedMember;
import vn.chibo.events.meeting.VoteRecorded;
import vn.chibo.events.ruleset.RuleSetPublished;
import vn.chibo.query.eventstore.ProjectionProcessing;
import vn.chibo.query.eventstore.SqlProjection;

/**
 * Meetings as the calendar, the meeting page and the minutes' history read them: {@code meeting} (one row,
 * updated only by a later event of its stream), {@code meeting_member}, {@code meeting_vote} and
 * {@code minutes_version} (every version, never overwritten).
 */
@Component
@ProcessingGroup(ProjectionProcessing.MEETINGS)
public class MeetingProjection extends SqlProjection {
    private final ObjectMapper json;

    public MeetingProjection(JdbcClient jdbc, DataSource dataSource, ObjectMapper json) {
        super(jdbc, dataSource);
        this.json = json;
    }

    @EventHandler
    void on(MeetingScheduled e, @SequenceNumber long seq) {
        writeRow(e.meetingId(), """
                INSERT INTO meeting (id, cell_id, kind, status, starts_at, meeting_date, location, topic, agenda,
                    chair_id, recorder_id, presenter_id, presenter_reason, reason, off_regular_day, announced_at, entered_at,
                    entered_late, notice_days, summoned_count, rule_set_version, last_seq)
                VALUES (?, ?, ?, 'SCHEDULED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                e.meetingId(), e.cellId(), e.kind().name(), ts(e.startsAt()), e.date(), e.location(), e.topic(),
                        String.join("\n", e.agenda()), e.chairId(), e.recorderId(), e.presenterId(), e.presenterReason(),
                        e.reason(), e.offRegularDay(), ts(e.announcedAt()), ts(e.enteredAt()), e.enteredLate(), e.noticeDays(),
                        e.summoned().size(), e.ruleSetVersion(), seq);
        summon(e.meetingId(), e.summoned());
    }

    @EventHandler
    void on(MeetingRescheduled e, @SequenceNumber long seq) {
        int changed = writeNow("""
                UPDATE meeting SET starts_at = ?, meeting_date = ?, reason = ?, off_regular_day = ?,
                    summoned_count = ?, rule_set_version = ?, last_seq = ? WHERE id = ? AND last_seq < ?""")
                .params(ts(e.startsAt()), e.date(), e.reason(), e.offRegularDay(), e.summoned().size(), e.ruleSetVersion(), seq,
                        e.meetingId(), seq)
                .update();
        if (changed > 0) {
            writeRow(e.meetingId(), "DELETE FROM meeting_member WHERE meeting_id = ?", e.meetingId());
            summon(e.meetingId(), e.summoned());
        }
    }

    private void summon(java.util.UUID meetingId, java.util.List<SummonedMember> summoned) {
        for (SummonedMember m : summoned) {
            writeRow(meetingId, """
                    INSERT INTO meeting_member (meeting_id, member_id, status, summoned) VALUES (?, ?, ?, TRUE)
                    ON CONFLICT DO NOTHING""", meetingId, m.memberId(), m.status().name());
        }
    }

    @EventHandler
    void on(MeetingCancelled e, @SequenceNumber long seq) {
        writeRow(e.meetingId(), "UPDATE meeting SET status = 'CANCELLED', cancel_reason = ?, last_seq = ? WHERE id = ? AND last_seq < ?",
                e.reason(), seq, e.meetingId(), seq);
    }

    /**
     * The meeting's first attendance (its meeting not held, no start time) finds its summoned members as they were
     * summoned (present unknown) and no one else, so only a later attendance clears the one before it: a meeting's 25
     * rows are written once, not twice.
     */
    @EventHandler
    void on(AttendanceRecorded e, @SequenceNumber long seq) {
        Optional<Boolean> first = writeNow("""
                UPDATE meeting m SET status = 'HELD', started_at = ?, ended_at = ?, duration_minutes = ?,
                    attendance_rate = ?, flags = ?, last_seq = ?
                FROM (SELECT started_at, status FROM meeting WHERE id = ?) earlier
                WHERE m.id = ? AND m.last_seq < ?
                RETURNING earlier.started_at IS NULL AND earlier.status <> 'HELD'""")
                .params(ts(e.startedAt()), ts(e.endedAt()), e.durationMinutes(), e.attendanceRate(), String.join(",", e.flags()),
                        seq, e.meetingId(), e.meetingId(), seq)
                .query(Boolean.class).optional();
        if (first.isEmpty()) {
            return; // applied already
        }
        if (!first.get()) {
            writeRow(e.meetingId(), "UPDATE meeting_member SET present = NULL, reason = NULL, excused = NULL WHERE meeting_id = ?",
                    e.meetingId());
            writeRow(e.meetingId(), "DELETE FROM meeting_member WHERE meeting_id = ? AND NOT summoned", e.meetingId());
        }
        for (var present : new LinkedHashSet<>(e.present())) {
            writeRow(e.meetingId(), """
                    INSERT INTO meeting_member (meeting_id, member_id, summoned, present) VALUES (?, ?, FALSE, TRUE)
                    ON CONFLICT (meeting_id, member_id) DO UPDATE SET present = TRUE""", e.meetingId(), present);
        }
        for (Absence a : e.absent()) {
            writeRow(e.meetingId(), "UPDATE meeting_member SET present = FALSE, reason = ?, excused = ? WHERE meeting_id = ? AND member_id = ?",
                    a.reason(), a.excused(), e.meetingId(), a.memberId());
        }
    }

    @EventHandler
    void on(VoteRecorded e, @SequenceNumber long seq) {
        writeRow(e.meetingId(), """
                INSERT INTO meeting_vote (meeting_id, vote_id, seq, subject, in_favour, against, abstain, counted, valid)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                e.meetingId(), e.voteId(), seq, e.subject(), e.inFavour(), e.against(), e.abstain(), e.counted(), e.valid());
        // the meeting's version moves with every event of its stream (the page's version is sent back as If-Match)
        writeRow(e.meetingId(), "UPDATE meeting SET last_seq = ? WHERE id = ? AND last_seq < ?", seq, e.meetingId(), seq);
    }

    @EventHandler
    void on(MeetingScored e, @SequenceNumber long seq) throws JsonProcessingException {
        writeRow(e.meetingId(), """
                UPDATE meeting SET score_total = ?, score_level = ?, score_criteria = ?, last_seq = ?
                WHERE id = ? AND last_seq < ?""",
                e.total(), e.level().name(), json.writeValueAsString(e.criteria()), seq, e.meetingId(), seq);
    }

    @EventHandler
    void on(MinutesDrafted e, @SequenceNumber long seq, @MetaDataValue(EventMetadata.ACTOR) String actor,
            @org.axonframework.eventhandling.Timestamp Instant at) throws JsonProcessingException {
        version(e.meetingId(), e.version(), "DRAFT", json.writeValueAsString(e.sections()), null, null, actor, at);
        writeRow(e.meetingId(), "UPDATE meeting SET minutes_version = ?, last_seq = ? WHERE id = ? AND last_seq < ?",
                e.version(), seq, e.meetingId(), seq);
    }

    @EventHandler
    void on(MinutesFinalised e, @SequenceNumber long seq) {
        writeRow(e.meetingId(), "UPDATE minutes_version SET final = TRUE WHERE meeting_id = ? AND version = ?",
                e.meetingId(), e.version());
        writeRow(e.meetingId(), """
                UPDATE meeting SET minutes_final = TRUE, minutes_finalised_on = ?, minutes_days = ?, minutes_late = ?,
                    last_seq = ? WHERE id = ? AND last_seq < ?""",
                e.finalisedOn(), e.daysAfterMeeting(), e.late(), seq, e.meetingId(), seq);
    }

    @EventHandler
    void on(MinutesAmended e, @SequenceNumber long seq, @MetaDataValue(EventMetadata.ACTOR) String actor,
            @org.axonframework.eventhandling.Timestamp Instant at) throws JsonProcessingException {
        version(e.meetingId(), e.version(), "AMENDMENT", json.writeValueAsString(e.sections()),
                String.join(",", e.changedSections()), e.reason(), actor, at);
        writeRow(e.meetingId(), "UPDATE minutes_version SET final = TRUE WHERE meeting_id = ? AND version = ?",
                e.meetingId(), e.version());
        writeRow(e.meetingId(), "UPDATE meeting SET minutes_version = ?, last_seq = ? WHERE id = ? AND last_seq < ?",
                e.version(), seq, e.meetingId(), seq);
    }

    @EventHandler
    void on(RuleSetPublished e) throws JsonProcessingException {
        write("""
                INSERT INTO rule_set (version, effective_from, rules, meeting_score, reason) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", e.version(), e.effectiveFrom(), json.writeValueAsString(e.rules()),
                        json.writeValueAsString(e.meetingScore()), e.reason());
    }

    private void version(java.util.UUID meetingId, int version, String kind, String sections, String changed, String reason,
                         String actor, Instant at) {
        writeRow(meetingId, """
                INSERT INTO minutes_version (meeting_id, version, kind, sections, changed, reason, actor, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                meetingId, version, kind, sections, changed, reason, actor, ts(at));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    @ResetHandler
    void reset() {
        sql("TRUNCATE meeting, meeting_member, meeting_vote, minutes_version, rule_set").update();
    }
}
