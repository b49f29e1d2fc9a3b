package vn.chibo.events.meeting;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Điểm danh: who was there, who was not and why, when the meeting really started and ended, and what follows
 * under the rule set of the meeting's date: the attendance rate over the summoned members and the flags
 * ({@code low-attendance}, {@code unexcused-absence}, {@code too-short}). Recording it again replaces it.
 */
public record AttendanceRecorded(
        UUID meetingId,
        UUID cellId,
        List<UUID> present,
        List<Absence> absent,
        Instant startedAt,
        Instant endedAt,
        long durationMinutes,
        double attendanceRate,
        List<String> flags,
        int ruleSetVersion) implements MeetingEvent {
}
