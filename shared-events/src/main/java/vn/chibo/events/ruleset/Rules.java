package vn.chibo.events.ruleset;

/**
 * The thresholds of DESIGN §4 as data. A province changes them by publishing a new rule set with an effective
 * date; a record is judged by the rules in force on its own date.
 *
 * @param noticeDays          a regular or topical meeting starts at least this many days after it is announced
 * @param attendanceQuality   below this share of summoned members present, the meeting is flagged low-attendance
 * @param minMinutes          a meeting shorter than this is flagged too-short
 * @param minMinutesCombined  the same when a topical and a regular meeting share one session
 * @param minutesDays         minutes not finalised within this many days of the meeting are late
 * @param repeatedAbsences    a member absent more than this many meetings running is flagged
 * @param excellentCapRatio   EXCELLENT ratings may not exceed this share of GOOD ones in a grassroots organisation
 * @param transferLateWorkingDays a transferred member not received within this many working days is flagged
 * @param excellentMin        the lowest 100-point score of EXCELLENT (Hoàn thành xuất sắc nhiệm vụ)
 * @param goodMin             the lowest score of GOOD (Hoàn thành tốt nhiệm vụ)
 * @param completedMin        the lowest score of COMPLETED (Hoàn thành nhiệm vụ); below it NOT_COMPLETED
 */
public record Rules(
        int noticeDays,
        double attendanceQuality,
        int minMinutes,
        int minMinutesCombined,
        int minutesDays,
        int repeatedAbsences,
        double excellentCapRatio,
        int transferLateWorkingDays,
        int excellentMin,
        int goodMin,
        int completedMin) {

    /** Vượt tỷ lệ xuất sắc: more EXCELLENT ratings than the ratio allows against the GOOD ones. */
    public boolean excellentCapExceeded(long excellent, long good) {
        return excellent > excellentCapRatio * good;
    }

    /** The starting rule set of DESIGN §4 (this province's practice: notice 3 days). */
    public static Rules defaults() {
        return new Rules(3, 0.85, 90, 120, 7, 3, 0.20, 30, 90, 70, 50);
    }
}
