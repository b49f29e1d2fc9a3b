package vn.chibo.events.organisation;

import java.time.LocalDate;
import java.util.UUID;

import vn.chibo.events.meeting.MeetingKind;

/**
 * The cell's calendar took a meeting on {@code date}. The calendar owns the set rules (one regular meeting a
 * month) and the presenter rotation, so it keeps the kind and the presenter.
 */
public record MeetingBooked(UUID unitId, UUID meetingId, MeetingKind kind, LocalDate date, UUID presenterId)
        implements OrgUnitEvent {
}
