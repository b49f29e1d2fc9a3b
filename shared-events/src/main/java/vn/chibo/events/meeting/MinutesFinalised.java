package vn.chibo.events.meeting;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The chair and the recorder signed version {@code version} of the minutes. {@code daysAfterMeeting} and
 * {@code late} say whether it came within the rule set's {@code minutesDays}.
 */
public record MinutesFinalised(UUID meetingId, UUID cellId, int version, UUID chairId, UUID recorderId,
                               LocalDate finalisedOn, long daysAfterMeeting, boolean late, int ruleSetVersion)
        implements MeetingEvent {
}
