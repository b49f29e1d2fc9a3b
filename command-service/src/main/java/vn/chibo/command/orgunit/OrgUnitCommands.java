package vn.chibo.command.orgunit;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

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
}
