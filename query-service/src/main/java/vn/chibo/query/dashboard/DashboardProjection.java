package vn.chibo.query.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.chibo.events.meeting.AttendanceRecorded;
import vn.chibo.events.meeting.MeetingCancelled;
import vn.chibo.events.meeting.MeetingKind;
import vn.chibo.events.meeting.MeetingRescheduled;
import vn.chibo.events.meeting.MeetingScheduled;
import vn.chibo.events.meeting.MeetingScored;
import vn.chibo.events.meeting.MinutesFinalised;
import vn.chibo.events.organisation.CellSettingsChanged;
import vn.chibo.events.organisation.MemberEnrolled;
import vn.chibo.events.organisation.MemberTransferred;
import vn.chibo.events.organisation.OrgUnitRegistered;
import vn.chibo.events.rating.MemberRated;
import vn.chibo.events.rating.MemberRatingRevised;
import vn.chibo.events.rating.RatingLevel;
import vn.chibo.events.rating.RatingPeriod;
import vn.chibo.events.ruleset.RuleSetPublished;
import vn.chibo.events.task.TaskAssigned;
import vn.chibo.events.task.TaskCancelled;
import vn.chibo.events.task.TaskCompleted;
import vn.chibo.events.task.TaskReopened;
import vn.chibo.query.eventstore.ProjectionProcessing;
import vn.chibo.query.eventstore.ReadModelsSwapped;
import vn.chibo.query.eventstore.SqlProjection;

/**
 * The department's dashboards, pre-aggregated: one {@code cell_month} row per cell and month, recomputed from
 * this projection's own small tables whenever an event touches that cell and month, so a dashboard reads rows
 * instead of joining the records of thousands of cells. Every step is idempotent (a replayed event recomputes
 * the same row) but one: the rating counts per period and cell ({@code dash_rating_count}) are added to. Within a
 * batch they count each event once because each is applied once, in the transaction that moves this projection's
 * token past it (the processor's batch, a replay's page), and a failed batch is rolled back whole, its counts with the
 * rest; an event applied on its own (in its savepoint, or a dead letter retried) counts at once and only what it
 * changed, so a retry counts nothing twice.
 * <p>
 * A poison event holds back the later events of its own record only (Axon's sequence per aggregate), never the
 * province's: the rest of the dashboard stays current, and a retried dead letter recomputes the months it touches.
 * An event that needs another record's row which is not there (a unit whose parent's event was dead-lettered) fails
 * and is dead-lettered too; the retry takes the oldest letters first.
 */
@Component
@ProcessingGroup(ProjectionProcessing.DASHBOARD)
public class DashboardProjection extends SqlProjection {
    private final DashboardVersion version;
    private final ProvinceCounts provinceCounts;

    public DashboardProjection(JdbcClient jdbc, DataSource dataSource, DashboardVersion version, ProvinceCounts provinceCounts) {
        super(jdbc, dataSource);
        this.version = version;
        this.provinceCounts = provinceCounts;
    }

    /**
     * Held by every transaction that writes the dashboard (a batch, a replay's page, a dead letter retried): a cell's
     * month is recomputed from its meetings, members and ratings, and a retry that ran beside a batch of the same cell
     * could overwrite the month with a view that lacked the batch's events (or the batch with one that lacked the
     * retried event). The command-service's log hold is 7243.
     */
    static final long WRITER_LOCK = 7244;

    @Override
    protected Long writerLock() {
        return WRITER_LOCK;
    }

    /**
     * Every batch this projection commits changes the dashboard: its version moves on once the batch committed, so
     * a kept page is never served after a change (nor replaced by one read before the change committed).
     */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    public Object countChange(InterceptorChain chain) throws Exception {
        changes();
        return chain.proceed();
    }

    /**
     * What this batch changed, told once it committed: the province's kept counts first, then the dashboard's version,
     * so a page built on the new version never takes counts kept from before (one callback, whatever order Axon runs
     * a unit's callbacks in). Outside a batch, told at once.
     */
    private static final class Changes {
        boolean tasks;
        boolean members;
        boolean units;
        /** The {@code cell_month} rows written: each a cell and a month's first day. */
        final Set<Map.Entry<UUID, LocalDate>> rows = new HashSet<>();
        /** The {@code cell_month} rows written of each cell from a month on. */
        final Map<UUID, LocalDate> rowsFrom = new HashMap<>();

        void tell(ProvinceCounts counts, DashboardVersion version) {
            counts.months.changed(rows, rowsFrom);
            if (units) {
                counts.cells.changed();
            }
            if (tasks) {
                counts.overdueTasks.changed();
            }
            if (members) {
                counts.members.changed();
            }
            version.changed();
        }
    }

    private Changes changes() {
        if (!writesServed()) {
            // a replay's tables, built beside the served ones: nothing kept of these changes until they are swapped in
            return new Changes();
        }
        if (!CurrentUnitOfWork.isStarted()) {
            Changes all = new Changes();
            all.tasks = true;
            all.members = true;
            all.units = true;
            // which rows it writes is not told: none of the province's months is kept
            provinceCounts.months.forget();
            all.tell(provinceCounts, version);
            return all;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(CHANGED, name -> {
            Changes changes = new Changes();
            batch.afterCommit(unit -> changes.tell(provinceCounts, version));
            return changes;
        });
    }

    /** A task's event in this batch: the overdue counts kept for the province's page are counted again after it. */
    private void taskChanged() {
        changes().tasks = true;
    }

    @EventHandler
    void on(OrgUnitRegistered e) {
        changes().units = true; // and the cells listed for the dashboards
        Pending pending = pending();
        String parentPath = e.parentId() == null ? "/"
                : pending != null && pending.paths().containsKey(e.parentId()) ? pending.paths().get(e.parentId())
                : sql("SELECT path FROM dash_unit WHERE id = ?").param(e.parentId()).query(String.class).single();
        if (pending != null) {
            pending.paths().put(e.unitId(), parentPath + e.unitId() + "/");
        }
        writeRow(e.unitId(), """
                INSERT INTO dash_unit (id, name, kind, parent_id, path, regular_day) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                e.unitId(), e.name(), e.kind().name(), e.parentId(), parentPath + e.unitId() + "/", e.regularDay());
    }

    @EventHandler
    void on(CellSettingsChanged e) {
        changes().units = true;
        writeRow(e.unitId(), "UPDATE dash_unit SET regular_day = ? WHERE id = ?", e.regularDay(), e.unitId());
    }

    @EventHandler
    void on(RuleSetPublished e) {
        if (keptByBatch(PENDING) instanceof Pending pending) {
            // even in careful mode: the batch's rule sets were read before this one
            pending.rules().clear();
        }
        write("INSERT INTO dash_rule (version, effective_from, minutes_days) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                e.version(), e.effectiveFrom(), e.rules().minutesDays());
        // the meetings already here whose day it governs (it took effect before it was published, or it was a dead
        // letter retried after them) take its minutes deadline, and their months are recomputed; usually none. Not
        // those whose minutes are final: whether they were late was judged when they were, and said so
        sql("""
                UPDATE dash_meeting m SET minutes_deadline = ?
                WHERE m.meeting_date >= ? AND m.minutes_deadline <> ? AND NOT m.minutes_final AND NOT EXISTS (
                    SELECT 1 FROM dash_rule r WHERE r.effective_from > ? AND r.effective_from <= m.meeting_date)
                RETURNING m.cell_id, m.meeting_date""")
                .params(e.rules().minutesDays(), e.effectiveFrom(), e.rules().minutesDays(), e.effectiveFrom())
                .query((rs, n) -> new CellMonth(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class).withDayOfMonth(1)))
                .list().forEach(meeting -> refresh(meeting.cellId(), meeting.month()));
    }

    @EventHandler
    void on(MemberEnrolled e, @SequenceNumber long seq) {
        writeRow(e.memberId(), """
                INSERT INTO dash_membership (member_id, seq, cell_id, from_date) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", e.memberId(), seq, e.cellId(), e.memberSince());
        refreshMembers(e.cellId(), e.memberSince());
    }

    @EventHandler
    void on(MemberTransferred e, @SequenceNumber long seq) {
        writeRow(e.memberId(), "UPDATE dash_membership SET to_date = ? WHERE member_id = ? AND to_date IS NULL AND seq < ?",
                e.effectiveOn().minusDays(1), e.memberId(), seq);
        writeRow(e.memberId(), """
                INSERT INTO dash_membership (member_id, seq, cell_id, from_date) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", e.memberId(), seq, e.toCellId(), e.effectiveOn());
        refreshMembers(e.fromCellId(), e.effectiveOn());
        refreshMembers(e.toCellId(), e.effectiveOn());
    }

    @EventHandler
    void on(MeetingScheduled e, @SequenceNumber long seq) {
        int minutesDays = minutesDays(e.date());
        writeRow(e.meetingId(), """
                INSERT INTO dash_meeting (meeting_id, cell_id, kind, status, meeting_date, notice_days, off_regular_day,
                    reason, entered_late, minutes_deadline, last_seq)
                VALUES (?, ?, ?, 'SCHEDULED', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                e.meetingId(), e.cellId(), e.kind().name(), e.date(), e.noticeDays(), e.offRegularDay(), e.reason(),
                        e.enteredLate(), minutesDays, seq);
        refreshMonths(e.cellId(), new MeetingDay(e.date(), e.kind()), true);
    }

    @EventHandler
    void on(MeetingRescheduled e, @SequenceNumber long seq) {
        MeetingDay before = meetingDay(e.meetingId());
        // moved to a day of other rules, it takes their minutes deadline
        writeRow(e.meetingId(), """
                UPDATE dash_meeting SET meeting_date = ?, off_regular_day = ?, reason = ?, minutes_deadline = ?, last_seq = ?
                WHERE meeting_id = ? AND last_seq < ?""", e.date(), e.offRegularDay(), e.reason(), minutesDays(e.date()), seq,
                e.meetingId(), seq);
        refreshMonths(e.cellId(), before, true);
        refreshMonths(e.cellId(), new MeetingDay(e.date(), before.kind()), true);
    }

    @EventHandler
    void on(MeetingCancelled e, @SequenceNumber long seq) {
        update(e.meetingId(), seq, "status = 'CANCELLED'");
        refreshMeeting(e.cellId(), e.meetingId(), true);
    }

    @EventHandler
    void on(AttendanceRecorded e, @SequenceNumber long seq) {
        writeRow(e.meetingId(), """
                UPDATE dash_meeting SET status = 'HELD', attendance_rate = ?, duration_minutes = ?, flags = ?, last_seq = ?
                WHERE meeting_id = ? AND last_seq < ?""",
                e.attendanceRate(), e.durationMinutes(), String.join(",", e.flags()), seq, e.meetingId(), seq);
        refreshMeeting(e.cellId(), e.meetingId(), false);
    }

    @EventHandler
    void on(MeetingScored e, @SequenceNumber long seq) {
        writeRow(e.meetingId(), "UPDATE dash_meeting SET score_total = ?, score_level = ?, last_seq = ? WHERE meeting_id = ? AND last_seq < ?",
                e.total(), e.level().name(), seq, e.meetingId(), seq);
        refreshMeeting(e.cellId(), e.meetingId(), false);
    }

    @EventHandler
    void on(MinutesFinalised e, @SequenceNumber long seq) {
        writeRow(e.meetingId(), """
                UPDATE dash_meeting SET minutes_final = TRUE, minutes_days = ?, minutes_late = ?, last_seq = ?
                WHERE meeting_id = ? AND last_seq < ?""", e.daysAfterMeeting(), e.late(), seq, e.meetingId(), seq);
        refreshMeeting(e.cellId(), e.meetingId(), false);
    }

    /**
     * Within a batch a rating is counted with the batch's others: the log holds one {@code MemberRated} per member and
     * period (a change is a revision), and the batch applies it once. Applied on its own (a dead letter retried, which
     * Axon may apply again when removing the letter failed after the event's commit), it is counted only if its row
     * is new.
     */
    @EventHandler
    void on(MemberRated e) {
        Pending pending = pending();
        if (pending != null) {
            writeRow(List.of(e.memberId(), e.period()), RATED, e.memberId(), e.period(), e.cellId(), e.rating().name());
        } else if (writeNow(RATED).params(e.memberId(), e.period(), e.cellId(), e.rating().name()).update() == 0) {
            return;
        }
        count(pending, tally -> tally.add(e.period(), e.cellId(), e.rating(), 1));
        refreshRated(e.cellId(), e.period());
    }

    private static final String RATED = """
            INSERT INTO dash_rating (member_id, period, cell_id, rating) VALUES (?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    /**
     * A revision is counted in the cell the rating was counted in, and that cell's month recomputed. The event names
     * the member's cell at the period's end, which a transfer recorded later with an earlier date can make another
     * cell than the one that gave the rating.
     */
    @EventHandler
    void on(MemberRatingRevised e) {
        Pending pending = pending();
        Rated before = writeNow("""
                UPDATE dash_rating r SET rating = ? FROM dash_rating o
                WHERE r.member_id = ? AND r.period = ? AND o.member_id = r.member_id AND o.period = r.period
                RETURNING r.cell_id, o.rating""")
                .params(e.rating().name(), e.memberId(), e.period())
                .query((rs, n) -> new Rated(rs.getObject(1, UUID.class), RatingLevel.valueOf(rs.getString(2)))).optional()
                // a revision before its rating means this read model is broken: dead-letter it rather than count it
                .orElseThrow(() -> new IllegalStateException("Rating of " + e.memberId() + " for " + e.period()
                        + " is not in the dashboard yet"));
        count(pending, tally -> {
            tally.add(e.period(), before.cellId(), before.rating(), -1);
            tally.add(e.period(), before.cellId(), e.rating(), 1);
        });
        refreshRated(before.cellId(), e.period());
    }

    private record Rated(UUID cellId, RatingLevel rating) {
    }

    /**
     * An event's changes to the rating counts: with the batch's others when it commits, or at once, in one statement,
     * when the event is applied on its own ({@code pending} null, as the event's handler decided it once).
     */
    private void count(Pending pending, Consumer<RatingTally> changes) {
        RatingTally tally = pending == null ? new RatingTally() : pending.ratings();
        changes.accept(tally);
        if (pending == null) {
            batch(RatingTally.UPSERT, tally.params());
        }
    }

    /** A month's rating changes the cell's row of that month; a year's is read from its counts alone. */
    private void refreshRated(UUID cellId, String code) {
        RatingPeriod period = RatingPeriod.parse(code);
        if (period.kind() == RatingPeriod.Kind.MONTH) {
            refresh(cellId, period.start());
        }
    }

    private static final String ASSIGN_TASK =
            "INSERT INTO dash_task (task_id, cell_id, due_on, status) VALUES (?, ?, ?, 'OPEN') ON CONFLICT DO NOTHING";
    /** A task assigned and completed in one batch, written once, as {@link #ASSIGN_TASK} then the completion would. */
    private static final String ASSIGN_DONE_TASK = "INSERT INTO dash_task (task_id, cell_id, due_on, status, completed_on) "
            + "VALUES (?, ?, ?, 'DONE', ?) ON CONFLICT (task_id) DO UPDATE SET status = 'DONE', completed_on = EXCLUDED.completed_on";

    @EventHandler
    void on(TaskAssigned e) {
        taskChanged();
        writeRow(e.taskId(), ASSIGN_TASK, e.taskId(), e.cellId(), e.dueOn());
    }

    @EventHandler
    void on(TaskCompleted e) {
        taskChanged();
        writeRowFolded(e.taskId(), ASSIGN_TASK, ASSIGN_DONE_TASK,
                assigned -> new Object[]{assigned[0], assigned[1], assigned[2], e.completedOn()},
                "UPDATE dash_task SET status = 'DONE', completed_on = ? WHERE task_id = ?", e.completedOn(), e.taskId());
    }

    @EventHandler
    void on(TaskReopened e) {
        taskChanged();
        writeRow(e.taskId(), "UPDATE dash_task SET status = 'OPEN', completed_on = NULL WHERE task_id = ?", e.taskId());
    }

    @EventHandler
    void on(TaskCancelled e) {
        taskChanged();
        writeRow(e.taskId(), "UPDATE dash_task SET status = 'CANCELLED' WHERE task_id = ?", e.taskId());
    }

    private void update(UUID meetingId, long seq, String assignment) {
        writeRow(meetingId, "UPDATE dash_meeting SET " + assignment + ", last_seq = ? WHERE meeting_id = ? AND last_seq < ?",
                seq, meetingId, seq);
    }

    private MeetingDay meetingDay(UUID meetingId) {
        return sql("SELECT meeting_date, kind FROM dash_meeting WHERE meeting_id = ?").param(meetingId)
                .query(DashboardProjection::meetingDay).optional()
                // a meeting's later event before its schedule means this read model is broken: dead-letter it rather
                // than refresh some other month
                .orElseThrow(() -> new IllegalStateException("Meeting " + meetingId + " is not in the dashboard yet"));
    }

    /** The rule in force on {@code day} gives a meeting's minutes deadline (read once per batch). */
    private int minutesDays(LocalDate day) {
        Pending pending = pending();
        List<Rule> rules = pending == null ? List.of() : pending.rules();
        if (rules.isEmpty()) {
            rules = sql("SELECT effective_from, minutes_days FROM dash_rule ORDER BY effective_from DESC, version DESC")
                    .query((rs, n) -> new Rule(rs.getObject(1, LocalDate.class), rs.getInt(2))).list();
            if (pending != null) {
                pending.rules().addAll(rules);
            }
        }
        return rules.stream().filter(rule -> !rule.from().isAfter(day)).findFirst().map(Rule::minutesDays).orElse(7);
    }

    private record Rule(LocalDate from, int minutesDays) {
    }

    /** A meeting's date and kind, as this projection's {@code dash_meeting} holds them. */
    private record MeetingDay(LocalDate date, MeetingKind kind) {
    }

    private static MeetingDay meetingDay(ResultSet rs, int row) throws SQLException {
        return new MeetingDay(rs.getObject("meeting_date", LocalDate.class), MeetingKind.valueOf(rs.getString("kind")));
    }

    /**
     * The month of a meeting (its quarter, when the topical count may change) must be recomputed. Within a batch the
     * meetings' dates are read together when it is about to commit, not one query per event (issue 7).
     */
    private void refreshMeeting(UUID cellId, UUID meetingId, boolean countMayChange) {
        Pending pending = pending();
        if (pending == null) {
            refreshMonths(cellId, meetingDay(meetingId), countMayChange);
        } else {
            pending.meetings().merge(meetingId, new MeetingRefresh(cellId, countMayChange),
                    (a, b) -> new MeetingRefresh(a.cellId(), a.countMayChange() || b.countMayChange()));
        }
    }

    private record MeetingRefresh(UUID cellId, boolean countMayChange) {
    }

    /** The rows of the meetings a batch changed, with their dates read in one query. */
    private void meetingRows(Map<UUID, MeetingRefresh> meetings, Set<CellMonth> rows) {
        if (meetings.isEmpty()) {
            return;
        }
        Map<UUID, MeetingDay> days = new HashMap<>();
        sql("SELECT meeting_id, meeting_date, kind FROM dash_meeting WHERE meeting_id = ANY(CAST(? AS uuid[]))")
                .param(meetings.keySet().stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    days.put(rs.getObject("meeting_id", UUID.class), meetingDay(rs, 0));
                });
        meetings.forEach((meetingId, refresh) -> {
            MeetingDay day = days.get(meetingId);
            if (day == null) {
                throw new IllegalStateException("Meeting " + meetingId + " is not in the dashboard yet");
            }
            months(day, refresh.countMayChange()).forEach(month -> rows.add(new CellMonth(refresh.cellId(), month)));
        });
    }

    /**
     * The months a change to a meeting touches: its own, or its quarter's when it is a topical meeting and the change
     * may change how many there are (only topical meetings are counted per quarter; any other is read by its own
     * month's row alone).
     */
    private static List<LocalDate> months(MeetingDay meeting, boolean countMayChange) {
        boolean quarter = countMayChange && meeting.kind() == MeetingKind.TOPICAL;
        LocalDate day = meeting.date();
        LocalDate first = quarter ? quarterStart(day) : day.withDayOfMonth(1);
        return Stream.iterate(first, month -> month.plusMonths(1)).limit(quarter ? 3 : 1).toList();
    }

    private static LocalDate quarterStart(LocalDate day) {
        return day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
    }

    private void refreshMonths(UUID cellId, MeetingDay meeting, boolean countMayChange) {
        months(meeting, countMayChange).forEach(month -> refresh(cellId, month));
    }

    /** Members counted at the end of the month; rows from {@code from}'s month on are brought up to date. */
    private void refreshMembers(UUID cellId, LocalDate from) {
        Changes changes = changes();
        changes.members = true; // and the member counts kept for the province's page
        changes.rowsFrom.merge(cellId, from, (a, b) -> a.isBefore(b) ? a : b);
        Pending pending = pending();
        if (pending == null) {
            updateMembers(cellId, from);
        } else {
            pending.members().merge(cellId, from, (a, b) -> a.isBefore(b) ? a : b);
        }
    }

    private void updateMembers(UUID cellId, LocalDate from) {
        sql(UPDATE_MEMBERS).param("cell", cellId).param("from", from).update();
    }

    private static final String UPDATE_MEMBERS = """
            UPDATE cell_month c SET members = (
                SELECT count(*) FROM dash_membership s WHERE s.cell_id = c.cell_id
                AND s.from_date <= (c.month + interval '1 month' - interval '1 day')::date
                AND (s.to_date IS NULL OR s.to_date >= (c.month + interval '1 month' - interval '1 day')::date))
            WHERE c.cell_id = :cell AND c.month >= date_trunc('month', CAST(:from AS date))::date""";

    /**
     * The row of this cell and month must be recomputed. Within a batch of events it is done once, when the batch
     * is about to commit (a cell's sheet of 25 ratings refreshes its month once, not 25 times: issue 7).
     */
    void refresh(UUID cellId, LocalDate day) {
        CellMonth key = new CellMonth(cellId, day.withDayOfMonth(1));
        Pending pending = pending();
        if (pending == null) {
            recompute(key);
        } else {
            pending.rows().add(key);
        }
    }

    /**
     * What a batch still has to bring up to date when it commits: member counts of cells from a month on (a
     * cell's 25 enrolments update its rows once), the months of the meetings it changed (their dates read in one
     * query), the rating counts of each period and cell, then rows; and what it already knows: units' paths, rule sets. Null outside a batch, or after a
     * failure (careful: each event's own work, and failure, stays with it, for the dead-letter queue): then it is
     * done at once.
     */
    private Pending pending() {
        return careful() || inOwnSavepoint() ? null : perBatch(PENDING, () -> new Pending(new LinkedHashMap<>(), new LinkedHashMap<>(),
                new LinkedHashSet<>(), new RatingTally(), new HashMap<>(), new ArrayList<>()), this::bringUpToDate);
    }

    /** Each as one JDBC batch: a batch of a replay touches hundreds of cells' rows. */
    private void bringUpToDate(Pending pending) {
        batch(UPDATE_MEMBERS, pending.members().entrySet().stream()
                .<Map<String, ?>>map(m -> Map.of("cell", m.getKey(), "from", m.getValue())).toList());
        meetingRows(pending.meetings(), pending.rows());
        Set<Map.Entry<UUID, LocalDate>> written = changes().rows;
        pending.rows().forEach(row -> written.add(Map.entry(row.cellId(), row.month())));
        batch(RatingTally.UPSERT, pending.ratings().params());
        batch(RECOMPUTE, pending.rows().stream().<Map<String, ?>>map(DashboardProjection::recomputeParams).toList());
    }

    private record Pending(Map<UUID, LocalDate> members, Map<UUID, MeetingRefresh> meetings, Set<CellMonth> rows,
                           RatingTally ratings, Map<UUID, String> paths, List<Rule> rules) {
    }

    private record CellMonth(UUID cellId, LocalDate month) {
    }

    /** Recomputes the row of one cell and month from this projection's tables (idempotent). */
    private void recompute(CellMonth key) {
        changes().rows.add(Map.entry(key.cellId(), key.month()));
        sql(RECOMPUTE).params(recomputeParams(key)).update();
    }

    private static Map<String, Object> recomputeParams(CellMonth key) {
        LocalDate month = key.month();
        return Map.of("cell", key.cellId(), "month", month, "end", month.plusMonths(1).minusDays(1),
                "quarter", quarterStart(month), "period", month.toString().substring(0, 7));
    }

    private static final String RECOMPUTE = """
            INSERT INTO cell_month AS c (cell_id, month, members, regular_meeting_id, meeting_date, notice_days,
                off_regular_day, off_day_reason, entered_late, attendance_rate, duration_minutes, score_total, score_level,
                minutes_final, minutes_days, minutes_late, minutes_deadline, meeting_flags, topical_in_quarter,
                ratings_submitted, excellent, good, completed, not_completed)
            SELECT :cell, :month,
                (SELECT count(*) FROM dash_membership s WHERE s.cell_id = :cell AND s.from_date <= :end
                   AND (s.to_date IS NULL OR s.to_date >= :end)),
                m.meeting_id, m.meeting_date, m.notice_days, m.off_regular_day, m.reason, m.entered_late, m.attendance_rate,
                m.duration_minutes, m.score_total, m.score_level, m.minutes_final, m.minutes_days, m.minutes_late,
                m.minutes_deadline, coalesce(m.flags, ''),
                (SELECT count(*) FROM dash_meeting t WHERE t.cell_id = :cell AND t.kind = 'TOPICAL'
                   AND t.status <> 'CANCELLED' AND t.meeting_date >= :quarter AND t.meeting_date < (:quarter + interval '3 months')),
                coalesce(r.excellent + r.good + r.completed + r.not_completed, 0), coalesce(r.excellent, 0),
                coalesce(r.good, 0), coalesce(r.completed, 0), coalesce(r.not_completed, 0)
            FROM (SELECT 1) one
            LEFT JOIN LATERAL (SELECT * FROM dash_meeting d WHERE d.cell_id = :cell AND d.kind = 'REGULAR'
                   AND d.status <> 'CANCELLED' AND d.meeting_date BETWEEN :month AND :end ORDER BY d.meeting_date LIMIT 1) m ON TRUE
            LEFT JOIN dash_rating_count r ON r.period = :period AND r.cell_id = :cell
            ON CONFLICT (cell_id, month) DO UPDATE SET members = excluded.members,
                regular_meeting_id = excluded.regular_meeting_id, meeting_date = excluded.meeting_date,
                notice_days = excluded.notice_days, off_regular_day = excluded.off_regular_day,
                off_day_reason = excluded.off_day_reason, entered_late = excluded.entered_late,
                attendance_rate = excluded.attendance_rate, duration_minutes = excluded.duration_minutes,
                score_total = excluded.score_total, score_level = excluded.score_level, minutes_final = excluded.minutes_final,
                minutes_days = excluded.minutes_days, minutes_late = excluded.minutes_late,
                minutes_deadline = excluded.minutes_deadline, meeting_flags = excluded.meeting_flags,
                topical_in_quarter = excluded.topical_in_quarter, ratings_submitted = excluded.ratings_submitted,
                excellent = excluded.excellent, good = excluded.good, completed = excluded.completed,
                not_completed = excluded.not_completed""";

    private static final String PENDING = DashboardProjection.class.getName() + ".pending";
    private static final String CHANGED = DashboardProjection.class.getName() + ".changed";

    /** A replay's read models are served now: nothing kept from the ones before them holds. */
    @EventListener
    void swapped(ReadModelsSwapped swapped) {
        // the province's kept counts and pages are read again from the tables
        provinceCounts.reset();
        version.changed();
    }

    /**
     * Empties the tables of a replay (Replays resets the processors only there, beside the served ones): what is kept
     * of the served tables still holds until the swap ({@link #swapped}).
     */
    @ResetHandler
    void reset() {
        sql("TRUNCATE dash_unit, dash_membership, dash_meeting, dash_rating, "
                + "dash_rating_count, dash_task, cell_month, dash_rule").update();
    }
}
