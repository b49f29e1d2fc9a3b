package vn.chibo.query.dashboard;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * What cost most in building the province's compliance page, kept between builds (issue 7): a page is built again
 * after every batch of meetings or ratings, and none of these changes with them.
 * <ul>
 * <li>{@link #cells}: the cells in list order with their units' names ({@link CellDirectory}), changed only when a
 * unit is registered or a cell's settings change.</li>
 * <li>{@link #overdueTasks}: tasks past their deadline and not done (nhiệm vụ quá hạn), changed only by a task's
 * events; 28 of the ~55 ms of SQL of the page after a province's year.</li>
 * <li>{@link #members}: each cell's members at the end of a month (đảng viên của chi bộ), changed only by an
 * enrolment or a transfer; needed for a month in which a cell has no record yet (the first days of every month, a
 * month to come, or a cell without any event that month): counted per cell, the province's 200,000 memberships took
 * ~65 ms of the page's ~70 ms of SQL in such a month (with the overdue counts kept), one grouped count ~42 ms.</li>
 * <li>{@link #months}: the month's rows of the page ({@link KeptMonths}), read again only for the cells whose rows
 * changed.</li>
 * </ul>
 */
@Component
public class ProvinceCounts {
    /** Each month's page counts on its own day (its last day, or today), so a few days are kept. */
    private static final int KEPT_DAYS = 16;

    final KeptByVersion<LocalDate, Map<UUID, Integer>> overdueTasks = new KeptByVersion<>(KEPT_DAYS);
    final KeptByVersion<LocalDate, Map<UUID, Integer>> members = new KeptByVersion<>(KEPT_DAYS);
    /** One directory for every page: its only key. */
    static final String ALL_CELLS = "all cells";
    final KeptByVersion<String, CellDirectory> cells = new KeptByVersion<>(1);
    /**
     * The {@code cell_month} rows of the last months whose page was built, read again cell by cell as they change: the
     * bench's six months in turn, ~3 MB each.
     */
    final KeptMonths<DashboardQueries.ComplianceRaw> months = new KeptMonths<>(6);

    /** The read models were emptied: nothing counted before is kept. */
    void reset() {
        overdueTasks.changed();
        members.changed();
        cells.changed();
        months.forget();
    }
}
