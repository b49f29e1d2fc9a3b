package vn.chibo.events.meeting;

import java.util.List;

/**
 * Biên bản có cấu trúc: the sections of the minutes of a cell meeting (DESIGN §3): current affairs, new
 * policies, members' thinking, last month's review, self-criticism and criticism, the discussion, the
 * conclusions and next month's tasks.
 */
public record MinutesSections(
        String currentAffairs,
        String policies,
        String thinking,
        String lastMonthReview,
        String selfCriticism,
        List<Opinion> discussion,
        String conclusions,
        String nextMonthTasks) {
}
