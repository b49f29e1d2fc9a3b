package vn.chibo.command.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import vn.chibo.events.meeting.MeetingKind;

/**
 * The cell's calendar, which owns the rules over all of a cell's meetings (one regular meeting a month, the
 * regular day, the presenter rotation). A meeting books, moves and frees its date through it, in the same
 * transaction as its own events.
 */
public interface CellCalendar {
    /** What the calendar decided about a booking. */
    record Booking(boolean offRegularDay) {
    }

    Booking book(UUID cellId, UUID meetingId, MeetingKind kind, LocalDate date, String offDayReason, UUID presenterId,
                 String presenterReason, List<UUID> summoned);

    Booking rebook(UUID cellId, UUID meetingId, LocalDate date, String offDayReason);

    void release(UUID cellId, UUID meetingId);
}
