package vn.chibo.command.testing;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import vn.chibo.command.rules.MemberRegister;
import vn.chibo.command.rules.OrgTree;
import vn.chibo.events.organisation.OrgUnitKind;

/** The tree and register an aggregate test needs, in memory (aggregate tests store nothing). */
public final class FakeOrgTree implements OrgTree, MemberRegister {
    private final Map<UUID, OrgUnitKind> kinds = new HashMap<>();
    private final Map<UUID, UUID> parents = new HashMap<>();
    private final Map<String, UUID> cards = new HashMap<>();

    public FakeOrgTree unit(UUID id, OrgUnitKind kind, UUID parent) {
        kinds.put(id, kind);
        if (parent != null) {
            parents.put(id, parent);
        }
        return this;
    }

    public FakeOrgTree card(String cardNumber, UUID memberId) {
        cards.put(cardNumber, memberId);
        return this;
    }

    @Override
    public Optional<OrgUnitKind> kindOf(UUID unitId) {
        return Optional.ofNullable(kinds.get(unitId));
    }

    @Override
    public boolean isWithin(UUID unitId, UUID ancestorId) {
        for (UUID u = unitId; u != null; u = parents.get(u)) {
            if (u.equals(ancestorId)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<UUID> memberWithCard(String cardNumber) {
        return Optional.ofNullable(cards.get(cardNumber));
    }

    @Override
    public Optional<UUID> cellOf(UUID memberId) {
        return Optional.empty();
    }

    @Override
    public Map<UUID, UUID> cellsOf(Collection<UUID> memberIds) {
        return Map.of();
    }
}
