package vn.chibo.query.organisation;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The shapes the organisation queries answer with. */
public final class OrganisationViews {
    private OrganisationViews() {
    }

    public record UnitRef(UUID id, String name, String kind) {
    }

    public record Child(UUID id, String name, String kind, Integer regularDay, long memberCount) {
    }

    /** A unit with the way down to it from the province, and its children. */
    public record OrgUnitView(UUID id, String name, String kind, UUID parentId, Integer regularDay,
                              List<UnitRef> ancestors, List<Child> children, long memberCount) {
    }

    public record CellView(UUID id, String name, UUID parentId, String parentName, int regularDay, long memberCount,
                           long exemptCount, long probationaryCount) {
    }

    /** One row of a cell's member list on a given day. */
    public record MemberRow(UUID id, String cardNumber, String fullName, LocalDate birthDate, LocalDate joinedPartyOn,
                            String status, LocalDate memberSince, boolean exempt, boolean temporarilyAway) {
    }

    public record Membership(UUID cellId, String cellName, LocalDate from, LocalDate to, String reason, String endReason,
                             LocalDate receivedOn, Boolean receiptLate) {
    }

    public record TemporaryTransfer(UUID hostCellId, String hostCellName, LocalDate from, LocalDate until, String reason) {
    }

    public record Exemption(LocalDate from, LocalDate to, String reason) {
    }

    /** A member's page: now, and every membership and exemption over time. */
    public record MemberView(UUID id, String cardNumber, String fullName, LocalDate birthDate, LocalDate joinedPartyOn,
                             String status, UUID cellId, String cellName, LocalDate memberSince,
                             List<Membership> memberships, List<Exemption> exemptions,
                             List<TemporaryTransfer> temporaryTransfers) {
    }
}
