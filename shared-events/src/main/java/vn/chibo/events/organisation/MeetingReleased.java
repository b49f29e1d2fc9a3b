package vn.chibo.events.organisation;

import java.util.UUID;

/** A cancelled meeting left the cell's calendar, so its month is free for another regular meeting. */
public record MeetingReleased(UUID unitId, UUID meetingId) implements OrgUnitEvent {
}
