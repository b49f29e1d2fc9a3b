package vn.chibo.events.organisation;

import java.time.LocalDate;
import java.util.UUID;

/** A meeting of the cell's calendar moved to {@code date}. */
public record MeetingRebooked(UUID unitId, UUID meetingId, LocalDate date) implements OrgUnitEvent {
}
