package vn.chibo.query.dashboard;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import vn.chibo.events.rating.RatingLevel;
import vn.chibo.events.ruleset.Rules;
import vn.chibo.query.dashboard.DashboardViews.CapFlag;
import vn.chibo.query.dashboard.DashboardViews.Compliance;
import vn.chibo.query.dashboard.DashboardViews.ComplianceRow;
import vn.chibo.query.dashboard.DashboardViews.RatingRow;
import vn.chibo.query.dashboard.DashboardViews.RatingsDashboard;
import vn.chibo.query.dashboard.DashboardViews.Totals;
import vn.chibo.query.dashboard.DashboardViews.TrendPoint;
import vn.chibo.query.organisation.VietnameseNames;
import vn.chibo.query.ruleset.RulesInForce;
import vn.chibo.query.web.QueryRefused;

/**
 * Reads of the pre-aggregated {@code cell_month} rows for a subtree of the organisation (callers check scope).
 * {@code today} decides the flags that depend on time passing (a month that has ended without a meeting,
 * minutes not finalised in time, overdue tasks).
 */
@Component
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class DashboardQueries {
    private record Unit(UUID id, String name, String path) {
        /** The top of a tree (the province): every cell is under it. */
        boolean isRoot() {
            return path.equals("/" + id + "/");
        }
    }

    /** A cell's month as the dashboard's projection left it ({@code cell_month}); {@link #NONE} when it has no row. */
    record ComplianceRaw(LocalDate meetingDate, UUID meetingId, Integer noticeDays, Boolean offRegularDay,
                                 String offDayReason, Boolean enteredLate, Double attendanceRate, Long durationMinutes,
                                 Integer scoreTotal, String scoreLevel, Boolean minutesFinal, Long minutesDays, Boolean minutesLate,
                                 Integer minutesDeadline, String meetingFlags, int topical, int ratings, Integer members) {
        static final ComplianceRaw NONE = new ComplianceRaw(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, 0, 0, null);
    }

    private final JdbcClient jdbc;
    private final RulesInForce rulesInForce;
    private final ProvinceCounts provinceCounts;

    public DashboardQueries(JdbcClient jdbc, RulesInForce rulesInForce, ProvinceCounts provinceCounts) {
        this.jdbc = jdbc;
        this.rulesInForce = rulesInForce;
        this.provinceCounts = provinceCounts;
    }

    public Compliance compliance(UUID unitId, YearMonth month, LocalDate today) {
        // all before this transaction's first statement (its snapshot): see KeptByVersion.version(). Called from no
        // transaction that has already read, as the dashboard's controller calls it
        long cellsVersion = provinceCounts.cells.version();
        long tasksVersion = provinceCounts.overdueTasks.version();
        long membersVersion = provinceCounts.members.version();
        long rowsTold = provinceCounts.months.told();
        Unit unit = unit(unitId);
        LocalDate start = month.atDay(1);
        LocalDate end = month.atEndOfMonth();
        LocalDate asOf = end.isBefore(today) ? end : today;
        List<CellDirectory.Cell> cells = provinceCounts.cells.get(ProvinceCounts.ALL_CELLS, cellsVersion,
                () -> CellDirectory.read(jdbc)).under(unit.path());
        Map<UUID, ComplianceRaw> records = unit.isRoot() ? provinceRecords(start, rowsTold) : records(unit, start, null);
        Map<UUID, Integer> overdue = perCell(provinceCounts.overdueTasks, tasksVersion, unit, asOf, this::overdueTasks);
        // counted only if a cell has no record in the month yet (its row not made): its members at the month's end
        Map<UUID, Integer> members = null;
        Map<UUID, Unit> children = children(unit);
        // each cell counts toward the child of the unit its path goes through: one pass, not cells x children
        List<ComplianceRow> rows = new ArrayList<>(cells.size());
        Map<UUID, List<ComplianceRow>> underChild = new HashMap<>();
        for (CellDirectory.Cell cell : cells) {
            // each cell's record looked up once: 8,000 look-ups are a tenth of a province page's CPU (issue 7)
            ComplianceRaw raw = records.getOrDefault(cell.id(), ComplianceRaw.NONE);
            if (raw.members() == null && members == null) {
                members = perCell(provinceCounts.members, membersVersion, unit, end, this::members);
            }
            ComplianceRow row = row(cell, raw, overdue.getOrDefault(cell.id(), 0),
                    raw.members() != null ? raw.members() : members.getOrDefault(cell.id(), 0), month, today);
            rows.add(row);
            UUID child = childOnPath(unit.path(), cell.path());
            if (child != null && children.containsKey(child)) {
                underChild.computeIfAbsent(child, k -> new ArrayList<>()).add(row);
            }
        }
        List<Totals> byUnit = new ArrayList<>();
        for (Unit child : children.values()) {
            List<ComplianceRow> under = underChild.get(child.id());
            if (under != null) {
                byUnit.add(totals(child.id(), child.name(), under));
            }
        }
        byUnit.sort(Comparator.comparing(t -> VietnameseNames.collationKey(t.unitName())));
        return new Compliance(unit.id(), unit.name(), month.toString(), rows, totals(unit.id(), unit.name(), rows), byUnit);
    }

    /** Every cell's row of the month: kept, with the rows changed since read again ({@link KeptMonths}). */
    private Map<UUID, ComplianceRaw> provinceRecords(LocalDate month, long told) {
        KeptMonths<ComplianceRaw>.Claim claim = provinceCounts.months.claim(month, told);
        try {
            return provinceCounts.months.read(claim, () -> records(null, month, null), cells -> records(null, month, cells));
        } finally {
            provinceCounts.months.release(claim);
        }
    }

    /**
     * The query of {@link #records}, with the named parameters {@code month}, {@code path} if {@code underUnit} and
     * {@code cells} if {@code onlySome}. Under a unit, the units under it are read first and each one's row of the
     * month found by both columns ({@code OFFSET 0} keeps the subquery from being merged into a join the planner would
     * order itself): counting one row for a month newer than the table's statistics, it started from the month and
     * walked the province's 8,000 rows of it (issue 7, V14).
     */
    static String recordsQuery(boolean underUnit, boolean onlySome) {
        String columns = """
                SELECT c.cell_id, c.meeting_date, c.regular_meeting_id, c.notice_days, c.off_regular_day, c.off_day_reason,
                       c.entered_late, c.attendance_rate, c.duration_minutes, c.score_total, c.score_level, c.minutes_final,
                       c.minutes_days, c.minutes_late, c.minutes_deadline, c.meeting_flags, c.topical_in_quarter,
                       c.ratings_submitted, c.members
                """;
        String only = onlySome ? " AND c.cell_id = ANY(CAST(:cells AS uuid[]))" : "";
        if (!underUnit) {
            return columns + "FROM read_model.cell_month c WHERE c.month = :month" + only;
        }
        return columns + """
                FROM read_model.dash_unit u CROSS JOIN LATERAL (
                    SELECT * FROM read_model.cell_month m WHERE m.cell_id = u.id AND m.month = :month OFFSET 0) c
                WHERE u.path LIKE :path || '%'""" + only;
    }

    /**
     * The month's {@code cell_month} rows of the cells under {@code unit} (null: every cell, without finding each
     * one's unit), of {@code only} those cells if given, by cell.
     */
    private Map<UUID, ComplianceRaw> records(Unit unit, LocalDate month, Set<UUID> only) {
        Map<UUID, ComplianceRaw> records = new HashMap<>();
        var query = jdbc.sql(recordsQuery(unit != null, only != null)).param("month", month);
        if (unit != null) {
            query = query.param("path", unit.path());
        }
        if (only != null) {
            query = query.param("cells", only.stream().map(UUID::toString).toArray(String[]::new));
        }
        query
                .query((RowCallbackHandler) rs -> records.put(rs.getObject(1, UUID.class), new ComplianceRaw(
                        rs.getObject(2, LocalDate.class), rs.getObject(3, UUID.class), (Integer) rs.getObject(4),
                        (Boolean) rs.getObject(5), rs.getString(6), (Boolean) rs.getObject(7), (Double) rs.getObject(8),
                        (Long) rs.getObject(9), (Integer) rs.getObject(10), rs.getString(11), (Boolean) rs.getObject(12),
                        (Long) rs.getObject(13), (Boolean) rs.getObject(14), (Integer) rs.getObject(15), rs.getString(16),
                        rs.getInt(17), rs.getInt(18), (Integer) rs.getObject(19))));
        return records;
    }

    /** The unit right under {@code unitPath} on the way to {@code path} ("/p/c/x/" under "/p/" is c). */
    private static UUID childOnPath(String unitPath, String path) {
        int end = path.indexOf('/', unitPath.length());
        return path.startsWith(unitPath) && end > unitPath.length() ? UUID.fromString(path.substring(unitPath.length(), end)) : null;
    }

    /**
     * A count per cell on {@code day}: under the top of the tree the province's, kept in {@code kept} until what it
     * counts changes ({@code version} read before the transaction's first statement); a committee's are quick to count.
     */
    private static Map<UUID, Integer> perCell(KeptByVersion<LocalDate, Map<UUID, Integer>> kept, long version, Unit unit,
                                              LocalDate day, BiFunction<Unit, LocalDate, Map<UUID, Integer>> count) {
        return unit.isRoot() ? kept.get(day, version, () -> count.apply(null, day)) : count.apply(unit, day);
    }

    /**
     * Tasks past their deadline on {@code asOf} and not done by then, per cell under {@code unit} (null: the top): the
     * open ones and the ones done after {@code asOf}, apart, so that the top reads each from its partial index (V7).
     * One scan of every task was 272-493 ms after a province's year of a task per member and month, paid by the next
     * province page after any task changed; 68-81 ms this way for the month in progress (issue 7).
     */
    private Map<UUID, Integer> overdueTasks(Unit unit, LocalDate asOf) {
        return countPerCell("read_model.dash_task", unit, List.of(
                new Match("k.status = 'OPEN' AND k.due_on < ?", List.of(asOf)),
                new Match("k.status = 'DONE' AND k.completed_on > ? AND k.due_on < ?", List.of(asOf, asOf))));
    }

    /** Members on {@code day}, per cell under {@code unit} (null: the top). */
    private Map<UUID, Integer> members(Unit unit, LocalDate day) {
        return countPerCell("read_model.dash_membership", unit,
                List.of(new Match("k.from_date <= ? AND (k.to_date IS NULL OR k.to_date >= ?)", List.of(day, day))));
    }

    /** A condition on the rows of a table aliased {@code k}, with the values of its parameters. */
    private record Match(String where, List<Object> params) {
    }

    /**
     * The rows of {@code table} (a {@code cell_id} column) that match any of {@code matches}, counted per cell under
     * {@code unit}; the matches must not overlap, as a row that matches two is counted twice. Each match is read on its
     * own, so each can be found through its own index. Under the top of the tree ({@code null}) every row counts,
     * without finding each one's unit; were there other trees, their cells' counts are never read, as the page's rows
     * come from its own cells. Under a unit, each of its cells is counted through the table's index on
     * {@code cell_id}: joined instead, the planner read the whole table when most of its rows matched (a committee's
     * overdue tasks in a province of six months: 174 ms, 3.5 ms this way; issue 7).
     */
    private Map<UUID, Integer> countPerCell(String table, Unit unit, List<Match> matches) {
        List<Object> params = new ArrayList<>();
        StringJoiner rows = new StringJoiner(" UNION ALL ");
        for (Match match : matches) {
            rows.add("SELECT k.cell_id FROM " + table + " k WHERE " + (unit == null ? "" : "k.cell_id = ku.id AND ") + match.where());
            params.addAll(match.params());
        }
        if (unit == null) {
            return counted("SELECT t.cell_id, count(*) FROM (" + rows + ") t GROUP BY t.cell_id", params);
        }
        params.add(unit.path());
        return counted("SELECT ku.id, c.n FROM read_model.dash_unit ku CROSS JOIN LATERAL (SELECT count(*) AS n FROM ("
                + rows + ") t) c WHERE ku.path LIKE ? || '%' AND c.n > 0", params);
    }

    /** The rows of {@code sql} (a cell, a count) as a map. */
    private Map<UUID, Integer> counted(String sql, List<Object> params) {
        Map<UUID, Integer> perCell = new HashMap<>();
        jdbc.sql(sql).params(params).query((RowCallbackHandler) rs -> perCell.put(rs.getObject(1, UUID.class), rs.getInt(2)));
        return Collections.unmodifiableMap(perCell);
    }

    private static ComplianceRow row(CellDirectory.Cell c, ComplianceRaw r, int overdue, int members, YearMonth month,
                                     LocalDate today) {
        List<String> flags = new ArrayList<>();
        LocalDate end = month.atEndOfMonth();
        boolean monthOver = end.isBefore(today);
        if (r.meetingDate() == null) {
            LocalDate regularDay = month.atDay(Math.min(c.regularDay(), month.lengthOfMonth()));
            if (monthOver || today.isAfter(regularDay)) {
                flags.add("no-regular-meeting");
            }
        } else {
            if (r.meetingFlags() != null && !r.meetingFlags().isEmpty()) {
                flags.addAll(List.of(r.meetingFlags().split(",")));
            }
            if (Boolean.TRUE.equals(r.offRegularDay())) {
                flags.add("off-regular-day");
            }
            int deadline = r.minutesDeadline() == null ? 7 : r.minutesDeadline();
            if (Boolean.TRUE.equals(r.minutesLate())
                    || (!Boolean.TRUE.equals(r.minutesFinal()) && today.isAfter(r.meetingDate().plusDays(deadline)))) {
                flags.add("minutes-late");
            }
        }
        LocalDate quarterEnd = month.atDay(1).withMonth((month.getMonthValue() - 1) / 3 * 3 + 3).withDayOfMonth(1)
                .plusMonths(1).minusDays(1);
        if (r.topical() == 0 && quarterEnd.isBefore(today)) {
            flags.add("no-topical-meeting");
        }
        if (monthOver && r.ratings() < members) {
            flags.add("ratings-missing");
        }
        if (overdue > 0) {
            flags.add("overdue-tasks");
        }
        return new ComplianceRow(c.id(), c.name(), c.unitId(), c.unitName(), r.meetingDate(), r.meetingId(), r.noticeDays(),
                r.offRegularDay(), r.offDayReason(), r.enteredLate(), r.attendanceRate(), r.durationMinutes(), r.scoreTotal(),
                r.scoreLevel(), r.minutesFinal(), r.minutesDays(), r.topical(), r.ratings(), members, overdue, flags,
                // held once its day has come, not while it is only scheduled
                r.meetingDate() != null && !r.meetingDate().isAfter(today));
    }

    /** One pass over the rows: a province's 8,000 twice (its own totals and its children's), each row read once. */
    /** The unit's figures; a regular meeting counts as held once its day has come, not while it is only scheduled. */
    private static Totals totals(UUID unitId, String name, List<ComplianceRow> rows) {
        Map<String, Integer> flags = new LinkedHashMap<>();
        double[] rates = new double[rows.size()];
        int rated = 0;
        int held = 0;
        int heldOnRegularDay = 0;
        int minutesFinal = 0;
        int ratings = 0;
        int members = 0;
        int overdue = 0;
        for (ComplianceRow r : rows) {
            for (String flag : r.flags()) {
                flags.merge(flag, 1, Integer::sum);
            }
            if (r.attendanceRate() != null) {
                rates[rated++] = r.attendanceRate();
            }
            if (r.regularMeetingHeld()) {
                held++;
                if (!Boolean.TRUE.equals(r.offRegularDay())) {
                    heldOnRegularDay++;
                }
            }
            if (Boolean.TRUE.equals(r.minutesFinal())) {
                minutesFinal++;
            }
            ratings += r.ratingsSubmitted();
            members += r.members();
            overdue += r.overdueTasks();
        }
        // the stream's average (compensated summation), as before: the same figure to the last digit
        Double average = rated == 0 ? null : Math.round(Arrays.stream(rates, 0, rated).average().orElse(0) * 10000) / 10000.0;
        return new Totals(unitId, name, rows.size(), held, heldOnRegularDay, minutesFinal,
                flags.getOrDefault("minutes-late", 0), average, ratings, members, overdue, flags);
    }

    /**
     * Ratings per cell for a month ({@code 2026-10}) or a year ({@code 2026}, with the excellent cap per grassroots
     * organisation). The cells and their order come from the kept {@link CellDirectory}, the counts from the period's
     * {@code dash_rating_count} rows; under the top, the members at the period's end are the kept province's counts.
     */
    public RatingsDashboard ratings(UUID unitId, String period, boolean year, LocalDate today) {
        // before this transaction's first statement, as in compliance()
        long cellsVersion = provinceCounts.cells.version();
        long membersVersion = provinceCounts.members.version();
        Unit unit = unit(unitId);
        LocalDate end = endOf(period, year, today);
        List<CellDirectory.Cell> cells = provinceCounts.cells.get(ProvinceCounts.ALL_CELLS, cellsVersion,
                () -> CellDirectory.read(jdbc)).under(unit.path());
        Map<UUID, Integer> members = perCell(provinceCounts.members, membersVersion, unit, end, this::members);
        Map<UUID, int[]> rated = ratedPerCell(unit, period);
        List<RatingRow> rows = new ArrayList<>(cells.size());
        for (CellDirectory.Cell cell : cells) {
            int[] n = rated.getOrDefault(cell.id(), new int[RatingLevel.values().length + 1]);
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (RatingLevel level : RatingLevel.values()) {
                counts.put(level.name(), n[level.ordinal() + 1]);
            }
            rows.add(new RatingRow(cell.id(), cell.name(), cell.unitId(), cell.unitName(),
                    members.getOrDefault(cell.id(), 0), n[0], counts));
        }
        Map<String, Integer> totals = new LinkedHashMap<>();
        rows.forEach(r -> r.counts().forEach((k, v) -> totals.merge(k, v, Integer::sum)));
        List<CapFlag> caps = year ? caps(rows, Integer.parseInt(period)) : List.of();
        return new RatingsDashboard(unit.id(), period, rows, totals, caps);
    }

    /**
     * Per cell under {@code unit} with a rating in {@code period}: how many members were rated, then how many at each
     * {@link RatingLevel} in its order. Under the top of the tree every row of the period counts.
     */
    private Map<UUID, int[]> ratedPerCell(Unit unit, String period) {
        Map<UUID, int[]> rated = new HashMap<>();
        jdbc.sql("SELECT r.cell_id, r.excellent, r.good, r.completed, r.not_completed FROM read_model.dash_rating_count r"
                        + (unit.isRoot() ? "" : " JOIN read_model.dash_unit u ON u.id = r.cell_id AND u.path LIKE ? || '%'")
                        + " WHERE r.period = ?")
                .params(unit.isRoot() ? List.of(period) : List.of(unit.path(), period))
                .query((RowCallbackHandler) rs -> {
                    int[] n = new int[RatingLevel.values().length + 1];
                    for (RatingLevel level : RatingLevel.values()) {
                        // a column per level, named as it is: excellent ... not_completed
                        n[level.ordinal() + 1] = rs.getInt(level.name().toLowerCase(Locale.ROOT));
                        n[0] += n[level.ordinal() + 1];
                    }
                    rated.put(rs.getObject(1, UUID.class), n);
                });
        return rated;
    }

    /** Each grassroots organisation (the committee above the cells) with its EXCELLENT and GOOD yearly ratings. */
    private List<CapFlag> caps(List<RatingRow> rows, int year) {
        Rules rules = rulesInForce.on(LocalDate.of(year, 12, 31));
        Map<UUID, List<RatingRow>> byOrg = rows.stream().filter(r -> r.unitId() != null)
                .collect(Collectors.groupingBy(RatingRow::unitId, LinkedHashMap::new, Collectors.toList()));
        List<CapFlag> caps = new ArrayList<>();
        byOrg.forEach((org, cells) -> {
            long excellent = cells.stream().mapToLong(c -> c.counts().get("EXCELLENT")).sum();
            long good = cells.stream().mapToLong(c -> c.counts().get("GOOD")).sum();
            caps.add(new CapFlag(org, cells.get(0).unitName(), excellent, good, rules.excellentCapRatio(),
                    rules.excellentCapExceeded(excellent, good)));
        });
        return caps;
    }

    /**
     * Month by month for charts: regular meetings held (their day come) and on the regular day, minutes late,
     * attendance, ratings.
     */
    public List<TrendPoint> trends(UUID unitId, YearMonth from, YearMonth to, LocalDate today) {
        Unit unit = unit(unitId);
        int cells = jdbc.sql("SELECT count(*) FROM read_model.dash_unit WHERE kind = 'CELL' AND path LIKE ? || '%'")
                .param(unit.path()).query(Integer.class).single();
        Map<String, TrendPoint> points = new LinkedHashMap<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            points.put(m.toString(), new TrendPoint(m.toString(), cells, 0, 0, 0, null, Map.of()));
        }
        jdbc.sql("""
                SELECT to_char(c.month, 'YYYY-MM'),
                       count(*) FILTER (WHERE c.regular_meeting_id IS NOT NULL AND c.meeting_date <= ?),
                       count(*) FILTER (WHERE c.regular_meeting_id IS NOT NULL AND c.meeting_date <= ? AND NOT c.off_regular_day),
                       count(*) FILTER (WHERE c.minutes_late OR (c.regular_meeting_id IS NOT NULL AND NOT c.minutes_final
                                        AND c.meeting_date + c.minutes_deadline < ?)),
                       avg(c.attendance_rate), sum(c.excellent), sum(c.good), sum(c.completed), sum(c.not_completed)
                FROM read_model.cell_month c JOIN read_model.dash_unit u ON u.id = c.cell_id
                WHERE u.path LIKE ? || '%' AND c.month BETWEEN ? AND ?
                GROUP BY c.month ORDER BY c.month""")
                .params(today, today, today, unit.path(), from.atDay(1), to.atDay(1))
                .query((rs, n) -> {
                    Map<String, Integer> ratings = new LinkedHashMap<>();
                    ratings.put("EXCELLENT", rs.getInt(6));
                    ratings.put("GOOD", rs.getInt(7));
                    ratings.put("COMPLETED", rs.getInt(8));
                    ratings.put("NOT_COMPLETED", rs.getInt(9));
                    Double avg = (Double) rs.getObject(5);
                    return new TrendPoint(rs.getString(1), cells, rs.getInt(2), rs.getInt(3), rs.getInt(4),
                            avg == null ? null : Math.round(avg * 10000) / 10000.0, ratings);
                })
                .list().forEach(p -> points.put(p.month(), p));
        return new ArrayList<>(points.values());
    }

    private static LocalDate endOf(String period, boolean year, LocalDate today) {
        LocalDate end = year ? LocalDate.of(Integer.parseInt(period), 12, 31) : YearMonth.parse(period).atEndOfMonth();
        return end.isBefore(today) ? end : today;
    }

    private Unit unit(UUID id) {
        return jdbc.sql("SELECT id, name, path FROM read_model.dash_unit WHERE id = ?").param(id)
                .query((rs, n) -> new Unit(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .optional().orElseThrow(() -> QueryRefused.notFound("đơn vị", id));
    }

    private Map<UUID, Unit> children(Unit unit) {
        return jdbc.sql("SELECT id, name, path FROM read_model.dash_unit WHERE parent_id = ?").param(unit.id())
                .query((rs, n) -> new Unit(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list().stream()
                .collect(Collectors.toMap(Unit::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }
}
