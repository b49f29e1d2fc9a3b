package vn.chibo.query.work;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import vn.chibo.events.organisation.WorkingDays;
import vn.chibo.events.rating.RatingLevel;
import vn.chibo.events.rating.RatingPeriod;
import vn.chibo.events.ruleset.Rules;
import vn.chibo.query.organisation.VietnameseNames;
import vn.chibo.query.ruleset.RulesInForce;
import vn.chibo.query.work.WorkViews.CellRatings;
import vn.chibo.query.work.WorkViews.ExcellentCap;
import vn.chibo.query.work.WorkViews.Feedback;
import vn.chibo.query.work.WorkViews.MemberRating;
import vn.chibo.query.work.WorkViews.MemberWork;
import vn.chibo.query.work.WorkViews.NotebookCheckRow;
import vn.chibo.query.work.WorkViews.PeriodRating;
import vn.chibo.query.work.WorkViews.RatingChange;
import vn.chibo.query.work.WorkViews.TaskRow;

/** Reads of ratings, tasks, notebook checks and residence feedback (callers check scope first). */
@Component
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class WorkQueries {
    private final JdbcClient jdbc;
    private final RulesInForce rulesInForce;

    public WorkQueries(JdbcClient jdbc, RulesInForce rulesInForce) {
        this.jdbc = jdbc;
        this.rulesInForce = rulesInForce;
    }

    /**
     * A cell's ratings of a period: read through rating_period_cell, also while the period is newer than the table's
     * statistics (V13).
     */
    static final String CELL_RATINGS = """
            SELECT r.member_id, m.full_name, r.rating, r.score, r.note, r.revisions
            FROM read_model.rating r LEFT JOIN read_model.member m ON m.id = r.member_id
            WHERE r.cell_id = ? AND r.period = ?""";

    /** The cell's ratings for a period, against its members at the end of the period (or today, if it is running). */
    public CellRatings cellRatings(UUID cellId, RatingPeriod period, LocalDate today) {
        LocalDate judgedOn = period.end().isAfter(today) ? today : period.end();
        List<UUID> members = jdbc.sql("""
                SELECT member_id FROM read_model.membership
                WHERE cell_id = ? AND from_date <= ? AND (to_date IS NULL OR to_date >= ?)""")
                .params(cellId, judgedOn, judgedOn).query(UUID.class).list();
        List<MemberRating> ratings = jdbc.sql(CELL_RATINGS)
                .params(cellId, period.code())
                .query((rs, n) -> new MemberRating(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        RatingLevel.valueOf(rs.getString(3)).label(), (Integer) rs.getObject(4), rs.getString(5), rs.getInt(6)))
                .list().stream()
                .sorted(Comparator.comparing(r -> r.fullName() == null ? "" : r.fullName(), VietnameseNames.ORDER)).toList();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (RatingLevel level : RatingLevel.values()) {
            counts.put(level.name(), ratings.stream().filter(r -> r.rating().equals(level.name())).count());
        }
        List<UUID> rated = ratings.stream().map(MemberRating::memberId).toList();
        List<UUID> missing = members.stream().filter(m -> !rated.contains(m)).toList();
        ExcellentCap cap = period.kind() == RatingPeriod.Kind.YEAR ? excellentCap(cellId, period.year()) : null;
        return new CellRatings(period.code(), period.kind().name(), members.size(), ratings.size(), counts, ratings, missing, cap);
    }

    /** The excellent cap of the grassroots organisation (the committee directly above the cell) for a year. */
    public ExcellentCap excellentCap(UUID cellId, int year) {
        return jdbc.sql("""
                WITH org AS (SELECT p.id, p.name, p.path FROM read_model.org_unit c JOIN read_model.org_unit p ON p.id = c.parent_id
                             WHERE c.id = ?)
                SELECT org.id, org.name,
                       count(*) FILTER (WHERE r.rating = 'EXCELLENT'), count(*) FILTER (WHERE r.rating = 'GOOD')
                FROM org
                LEFT JOIN read_model.org_unit u ON u.path LIKE org.path || '%'
                LEFT JOIN read_model.rating r ON r.cell_id = u.id AND r.period = ?
                GROUP BY org.id, org.name""")
                .params(cellId, String.valueOf(year))
                .query((rs, n) -> {
                    long excellent = rs.getLong(3);
                    long good = rs.getLong(4);
                    Rules rules = rulesInForce.on(LocalDate.of(year, 12, 31));
                    return new ExcellentCap(rs.getObject(1, UUID.class), rs.getString(2), year, excellent, good,
                            rules.excellentCapRatio(), rules.excellentCapExceeded(excellent, good));
                })
                .optional().orElse(null);
    }

    /** The values of {@code status} that {@link #tasks} filters by, and the filter each adds. */
    public static final Map<String, String> TASK_FILTERS = Map.of(
            "open", " AND t.status = 'OPEN'",
            "overdue", " AND t.status = 'OPEN' AND t.due_on < ?",
            "done", " AND t.status = 'DONE'",
            "cancelled", " AND t.status = 'CANCELLED'");

    /**
     * The cell's tasks: {@code open}, {@code overdue} (open past the deadline on {@code today}), {@code done},
     * {@code cancelled} (in any case), or all for none; the caller has refused any other.
     */
    public List<TaskRow> tasks(UUID cellId, String status, LocalDate today) {
        String filter = status == null ? "" : TASK_FILTERS.getOrDefault(status.toLowerCase(Locale.ROOT), "");
        var query = jdbc.sql("""
                SELECT t.id, t.member_id, m.full_name, t.title, t.assigned_on, t.due_on, t.status, t.completed_on, t.late, t.meeting_id,
                       t.last_seq
                FROM read_model.task t LEFT JOIN read_model.member m ON m.id = t.member_id
                WHERE t.cell_id = ?""" + filter + " ORDER BY t.due_on, t.title").param(cellId);
        if ("overdue".equalsIgnoreCase(status)) {
            query = query.param(today);
        }
        return query.query((rs, n) -> task(rs, today)).list();
    }

    public MemberWork memberWork(UUID memberId, LocalDate today) {
        List<PeriodRating> ratings = jdbc.sql("""
                SELECT period, kind, rating, score, note, revisions, cell_id FROM read_model.rating WHERE member_id = ?
                ORDER BY year DESC, period DESC""").param(memberId)
                .query((rs, n) -> new PeriodRating(rs.getString(1), rs.getString(2), rs.getString(3),
                        RatingLevel.valueOf(rs.getString(3)).label(), (Integer) rs.getObject(4), rs.getString(5), rs.getInt(6),
                        rs.getObject(7, UUID.class)))
                .list();
        List<RatingChange> history = jdbc.sql("""
                SELECT period, 'RATED', rated_rating, rated_score, NULL, NULL, NULL, rated_by, rated_at, rated_seq AS seq
                FROM read_model.rating WHERE member_id = ?
                UNION ALL
                SELECT period, 'REVISED', rating, score, previous_rating, previous_score, reason, actor, recorded_at, seq
                FROM read_model.rating_revision WHERE member_id = ?
                ORDER BY seq""").param(memberId).param(memberId)
                .query((rs, n) -> new RatingChange(rs.getString(1), rs.getString(2), rs.getString(3), (Integer) rs.getObject(4),
                        rs.getString(5), (Integer) rs.getObject(6), rs.getString(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant()))
                .list();
        List<TaskRow> tasks = jdbc.sql("""
                SELECT t.id, t.member_id, m.full_name, t.title, t.assigned_on, t.due_on, t.status, t.completed_on, t.late, t.meeting_id,
                       t.last_seq
                FROM read_model.task t LEFT JOIN read_model.member m ON m.id = t.member_id
                WHERE t.member_id = ? ORDER BY t.due_on DESC""").param(memberId)
                .query((rs, n) -> task(rs, today)).list();
        List<NotebookCheckRow> checks = jdbc.sql("""
                SELECT check_id, checked_on, ok, note FROM read_model.notebook_result WHERE member_id = ? ORDER BY checked_on DESC""")
                .param(memberId)
                .query((rs, n) -> new NotebookCheckRow(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class),
                        rs.getBoolean(3), rs.getString(4)))
                .list();
        List<Feedback> feedback = jdbc.sql("""
                SELECT received_on, from_unit, assessment, content FROM read_model.residence_feedback WHERE member_id = ?
                ORDER BY received_on DESC""").param(memberId)
                .query((rs, n) -> new Feedback(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
        List<String> flags = new ArrayList<>();
        if (feedback.stream().noneMatch(f -> f.receivedOn().getYear() == today.getYear())) {
            flags.add("no-residence-feedback");
        }
        if (tasks.stream().anyMatch(TaskRow::overdue)) {
            flags.add("overdue-task");
        }
        if (transferLate(memberId, today)) {
            flags.add("transfer-late");
        }
        return new MemberWork(ratings, history, tasks, checks, checks.isEmpty() ? null : checks.get(0), feedback, flags);
    }

    /**
     * Chậm tiếp nhận: the member's current membership came by a transfer that the new cell received late, or has
     * not received after more than the rule set's working days.
     */
    private boolean transferLate(UUID memberId, LocalDate today) {
        return jdbc.sql("""
                SELECT s.from_date, s.received_on, s.receipt_late
                FROM read_model.membership s WHERE s.member_id = ? AND s.to_date IS NULL AND s.by_transfer""")
                .param(memberId)
                .query((rs, n) -> {
                    LocalDate from = rs.getObject(1, LocalDate.class);
                    return Boolean.TRUE.equals(rs.getObject(3)) || (rs.getObject(2) == null
                            && WorkingDays.between(from, today) > rulesInForce.on(from).transferLateWorkingDays());
                })
                .optional().orElse(false);
    }

    private static TaskRow task(java.sql.ResultSet rs, LocalDate today) throws java.sql.SQLException {
        LocalDate due = rs.getObject(6, LocalDate.class);
        String status = rs.getString(7);
        return new TaskRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getObject(5, LocalDate.class), due, status, "OPEN".equals(status) && due.isBefore(today),
                rs.getObject(8, LocalDate.class), (Boolean) rs.getObject(9), rs.getObject(10, UUID.class), rs.getLong(11));
    }
}
