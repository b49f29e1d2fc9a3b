package vn.chibo.events.meeting;

import java.util.List;
import java.util.UUID;

/**
 * Finalised minutes changed by an amendment with a reason: {@code sections} is the whole new version,
 * {@code changedSections} names what differs from the previous one.
 */
public record MinutesAmended(UUID meetingId, UUID cellId, int version, MinutesSections sections,
                             List<String> changedSections, String reason) implements MeetingEvent {
}
