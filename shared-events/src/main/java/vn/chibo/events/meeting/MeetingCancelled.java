package vn.chibo.events.meeting;

import java.util.UUID;

/** The meeting will not take place; it takes no minutes, and frees its month for another regular meeting. */
public record MeetingCancelled(UUID meetingId, UUID cellId, String reason) implements MeetingEvent {
}
