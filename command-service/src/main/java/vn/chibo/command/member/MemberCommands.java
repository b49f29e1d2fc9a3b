package vn.chibo.command.member;

import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import vn.chibo.events.organisation.MemberStatus;

/** Commands on a party member's record. */
public final class MemberCommands {
    private MemberCommands() {
    }

    /** Enter a member into a cell; {@code memberSince} null means today. */
    public record EnrolMember(@TargetAggregateIdentifier UUID memberId, UUID cellId, String cardNumber,
                              String fullName, LocalDate birthDate, LocalDate joinedPartyOn, MemberStatus status,
                              LocalDate memberSince) {
    }

    /** Chuyển sinh hoạt đảng chính thức (permanent transfer) to another cell. */
    public record TransferMember(@TargetAggregateIdentifier UUID memberId, UUID toCellId, LocalDate effectiveOn,
                                 String reason, @TargetAggregateVersion Long expectedVersion) {
    }

    /** Chuyển sinh hoạt tạm thời to a host cell, from 3 months to under a year. */
    public record TransferTemporarily(@TargetAggregateIdentifier UUID memberId, UUID hostCellId, LocalDate from, LocalDate until,
                                      String reason) {
    }

    /** The new cell received the transferred member. */
    public record ReceiveTransfer(@TargetAggregateIdentifier UUID memberId, LocalDate receivedOn) {
    }

    /** Nhận xét của nơi cư trú: feedback on the member from the residence unit. */
    public record RecordResidenceFeedback(@TargetAggregateIdentifier UUID memberId, LocalDate receivedOn, String fromUnit,
                                          String assessment, String content) {
    }

    /** Miễn sinh hoạt: exempt the member from meetings for a period ({@code to} null: until further notice). */
    public record ExemptMember(@TargetAggregateIdentifier UUID memberId, LocalDate from, LocalDate to,
                               String reason, @TargetAggregateVersion Long expectedVersion) {
    }
}
