package vn.chibo.events.meeting;

import java.util.UUID;

/** A summoned member who did not attend, why, and whether the cell accepted the reason (vắng có lý do). */
public record Absence(UUID memberId, String reason, boolean excused) {
}
