package vn.chibo.events.meeting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The meeting moved to {@code startsAt}; the summoned list is the cell's on the new date. */
public record MeetingRescheduled(UUID meetingId, UUID cellId, Instant startsAt, LocalDate date, Instant previousStartsAt,
                                 String reason, boolean offRegularDay, List<SummonedMember> summoned,
                                 int ruleSetVersion) implements MeetingEvent {
}
