package vn.chibo.query.dashboard;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The shapes the dashboards answer with. */
public final class DashboardViews {
    private DashboardViews() {
    }

    /** One cell's month on the compliance dashboard, with every flag that applies. */
    public record ComplianceRow(UUID cellId, String cellName, UUID unitId, String unitName, LocalDate regularMeetingOn,
                                UUID meetingId, Integer noticeDays, Boolean offRegularDay, String offDayReason,
                                Boolean enteredLate, Double attendanceRate, Long durationMinutes, Integer scoreTotal,
                                String scoreLevel, Boolean minutesFinal, Long minutesDays, int topicalMeetingsThisQuarter,
                                int ratingsSubmitted, int members, int overdueTasks, List<String> flags,
                                boolean regularMeetingHeld) {
    }

    /** Totals of the cells under one unit (the unit asked for, or one of its direct children). */
    public record Totals(UUID unitId, String unitName, int cells, int regularMeetingsHeld, int heldOnRegularDay,
                         int minutesFinal, int minutesLate, Double averageAttendance, int ratingsSubmitted, int members,
                         int overdueTasks, Map<String, Integer> flags) {
    }

    public record Compliance(UUID unitId, String unitName, String month, List<ComplianceRow> rows, Totals total,
                             List<Totals> byUnit) {
    }

    public record RatingRow(UUID cellId, String cellName, UUID unitId, String unitName, int members, int rated,
                            Map<String, Integer> counts) {
    }

    public record CapFlag(UUID organisationId, String organisationName, long excellent, long good, double ratio, boolean exceeded) {
    }

    public record RatingsDashboard(UUID unitId, String period, List<RatingRow> rows, Map<String, Integer> totals,
                                   List<CapFlag> excellentCap) {
    }

    /** One month of the trends: meetings held and on time, minutes late, attendance, ratings. */
    public record TrendPoint(String month, int cells, int meetingsHeld, int onRegularDay, int minutesLate,
                             Double averageAttendance, Map<String, Integer> ratings) {
    }
}
