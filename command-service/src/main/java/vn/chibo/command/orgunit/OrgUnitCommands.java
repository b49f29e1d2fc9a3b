package vn.chibo.command.orgunit;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import vn.chibo.events.meeting.MeetingKind;
import vn.chibo.events.organisation.OrgUnitKind;

/** Commands on the organisation tree. */
public final class OrgUnitCommands {
    private OrgUnitCommands() {
    }

    /** Register a province, committee or cell under {@code parentId} (null only for the province). */
    public record RegisterOrgUnit(@TargetAggregateIdentifier UUID unitId, String name, OrgUnitKind kind,
                                  UUID parentId, Integer regularDay) {
    }

    /** Fix the cell's regular meeting day (default the 3rd). */
    public record ChangeCellSettings(@TargetAggregateIdentifier UUID unitId, int regularDay,
                                     @TargetAggregateVersion Long expectedVersion) {
    }

    /** Put a meeting on the cell's calendar (sent by the meeting being scheduled, in its transaction). */
    public record BookMeeting(@TargetAggregateIdentifier UUID unitId, UUID meetingId, MeetingKind kind, LocalDate date,
                              String offDayReason, UUID presenterId, String presenterReason, List<UUID> summoned) {
    }

    /** Move a booked meeting to another date. */
    public record RebookMeeting(@TargetAggregateIdentifier UUID unitId, UUID meetingId, LocalDate date,
                                String offDayReason) {
    }

    /** Take a cancelled meeting off the calendar. */
    public record ReleaseMeeting(@TargetAggregateIdentifier UUID unitId, UUID meetingId) {
    }
}
