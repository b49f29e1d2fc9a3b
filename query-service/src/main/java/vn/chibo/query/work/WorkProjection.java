package vn.chibo.query.work;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.chibo.events.EventMetadata;
import vn.chibo.events.notebook.NotebookResult;
import vn.chibo.events.notebook.NotebooksChecked;
import vn.chibo.events.organisation.ResidenceFeedbackReceived;
import vn.chibo.events.rating.MemberRated;
import vn.chibo.events.rating.MemberRatingRevised;
import vn.chibo.events.rating.RatingPeriod;
import vn.chibo.events.task.TaskAssigned;
import vn.chibo.events.task.TaskCancelled;
import vn.chibo.events.task.TaskCompleted;
import vn.chibo.events.task.TaskReopened;
import vn.chibo.query.eventstore.ProjectionProcessing;
import vn.chibo.query.eventstore.SqlProjection;

/**
 * Members' work: ratings (current and every change), tasks, notebook checks and residence feedback. Whether a
 * task is overdue depends on the day it is read, so it is computed by the queries, not stored.
 */
@Component
@ProcessingGroup(ProjectionProcessing.WORK)
public class WorkProjection extends SqlProjection {

    public WorkProjection(JdbcClient jdbc, DataSource dataSource) {
        super(jdbc, dataSource);
    }

    /** A rating's first version stays on its row (who gave it, when, what); later versions go to the revisions. */
    @EventHandler
    void on(MemberRated e, @SequenceNumber long seq, @MetaDataValue(EventMetadata.ACTOR) String actor,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        RatingPeriod period = RatingPeriod.parse(e.period());
        writeRow(List.of(e.memberId(), e.period()), """
                INSERT INTO rating (member_id, period, kind, year, cell_id, rating, score, note, rule_set_version, last_seq,
                    rated_seq, rated_rating, rated_score, rated_by, rated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                e.memberId(), e.period(), period.kind().name(), period.year(), e.cellId(), e.rating().name(), e.score(),
                        e.note(), e.ruleSetVersion(), seq, seq, e.rating().name(), e.score(), actor, Timestamp.from(at));
    }

    @EventHandler
    void on(MemberRatingRevised e, @SequenceNumber long seq, @MetaDataValue(EventMetadata.ACTOR) String actor,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        writeRow(List.of(e.memberId(), e.period()), """
                UPDATE rating SET rating = ?, score = ?, revisions = revisions + 1, rule_set_version = ?, last_seq = ?
                WHERE member_id = ? AND period = ? AND last_seq < ?""",
                e.rating().name(), e.score(), e.ruleSetVersion(), seq, e.memberId(), e.period(), seq);
        write("""
                INSERT INTO rating_revision (member_id, seq, period, rating, score, previous_rating, previous_score,
                    reason, actor, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                e.memberId(), seq, e.period(), e.rating().name(), e.score(), e.previousRating().name(), e.previousScore(),
                        e.reason(), actor, Timestamp.from(at));
    }

    private static final String ASSIGN = """
            INSERT INTO task (id, cell_id, member_id, title, assigned_on, due_on, meeting_id, status, last_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?) ON CONFLICT DO NOTHING""";
    /**
     * A task assigned and completed in one batch, written once, as {@link #ASSIGN} then the completion's update would
     * leave it: its row inserted done, or, if it is there already, updated as the completion would update it.
     */
    private static final String ASSIGN_DONE = """
            INSERT INTO task (id, cell_id, member_id, title, assigned_on, due_on, meeting_id, status, last_seq,
                completed_on, late)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'DONE', ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET status = 'DONE', completed_on = EXCLUDED.completed_on, late = EXCLUDED.late,
                last_seq = EXCLUDED.last_seq
            WHERE task.last_seq < EXCLUDED.last_seq""";

    @EventHandler
    void on(TaskAssigned e, @SequenceNumber long seq) {
        writeRow(e.taskId(), ASSIGN, e.taskId(), e.cellId(), e.memberId(), e.title(), e.assignedOn(), e.dueOn(), e.meetingId(), seq);
    }

    /** Most tasks are completed a few dozen events after they were assigned: in a replay, in the same batch. */
    @EventHandler
    void on(TaskCompleted e, @SequenceNumber long seq) {
        writeRowFolded(e.taskId(), ASSIGN, ASSIGN_DONE, assigned -> completed(assigned, e, seq),
                "UPDATE task SET status = 'DONE', completed_on = ?, late = ?, last_seq = ? WHERE id = ? AND last_seq < ?",
                e.completedOn(), e.late(), seq, e.taskId(), seq);
    }

    /** {@link #ASSIGN}'s parameters made {@link #ASSIGN_DONE}'s: the completion's sequence number, day and lateness. */
    private static Object[] completed(Object[] assigned, TaskCompleted e, long seq) {
        Object[] done = Arrays.copyOf(assigned, assigned.length + 2);
        done[7] = seq;
        done[8] = e.completedOn();
        done[9] = e.late();
        return done;
    }

    @EventHandler
    void on(TaskReopened e, @SequenceNumber long seq) {
        writeRow(e.taskId(), "UPDATE task SET status = 'OPEN', completed_on = NULL, late = NULL, last_seq = ? WHERE id = ? AND last_seq < ?",
                seq, e.taskId(), seq);
    }

    @EventHandler
    void on(TaskCancelled e, @SequenceNumber long seq) {
        writeRow(e.taskId(), "UPDATE task SET status = 'CANCELLED', last_seq = ? WHERE id = ? AND last_seq < ?",
                seq, e.taskId(), seq);
    }

    @EventHandler
    void on(NotebooksChecked e) {
        for (NotebookResult r : e.results()) {
            write("""
                    INSERT INTO notebook_result (check_id, member_id, cell_id, checked_on, ok, note)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    e.checkId(), r.memberId(), e.cellId(), e.checkedOn(), r.ok(), r.note());
        }
    }

    @EventHandler
    void on(ResidenceFeedbackReceived e, @SequenceNumber long seq) {
        write("""
                INSERT INTO residence_feedback (member_id, seq, cell_id, received_on, from_unit, assessment, content)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                e.memberId(), seq, e.cellId(), e.receivedOn(), e.fromUnit(), e.assessment(), e.content());
    }

    @ResetHandler
    void reset() {
        sql("TRUNCATE rating, rating_revision, task, notebook_result, "
                + "residence_feedback").update();
    }
}
