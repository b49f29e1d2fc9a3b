package vn.chibo.events.meeting;

import java.util.UUID;

/** A draft of the minutes was saved as version {@code version}; every version stays readable. */
public record MinutesDrafted(UUID meetingId, UUID cellId, int version, MinutesSections sections) implements MeetingEvent {
}
