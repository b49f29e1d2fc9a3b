package vn.chibo.events.organisation;

import java.util.UUID;

/** The cell committee (chi ủy) fixed another regular meeting day; {@code previousRegularDay} is what it was. */
public record CellSettingsChanged(UUID unitId, int regularDay, int previousRegularDay) implements OrgUnitEvent {
}
