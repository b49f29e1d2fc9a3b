package vn.chibo.events.organisation;

import java.util.UUID;

/** Everything that happens to a unit of the organisation tree (province, committee, cell). */
public sealed interface OrgUnitEvent permits OrgUnitRegistered, CellSettingsChanged, MeetingBooked,
        MeetingRebooked, MeetingReleased {
    UUID unitId();
}
