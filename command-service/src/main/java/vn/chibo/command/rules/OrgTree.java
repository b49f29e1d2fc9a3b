package vn.chibo.command.rules;

import java.util.Optional;
import java.util.UUID;

import vn.chibo.events.organisation.OrgUnitKind;

/** What the write side knows of the organisation tree: enough to check parents, cells and scopes. */
public interface OrgTree {
    Optional<OrgUnitKind> kindOf(UUID unitId);

    /** True when {@code unitId} is {@code ancestorId} or lies anywhere below it. */
    boolean isWithin(UUID unitId, UUID ancestorId);
}
