package vn.chibo.events.organisation;

import java.util.UUID;

/** Everything that happens to a party member's record (hồ sơ đảng viên) in chibo. */
public sealed interface MemberEvent permits MemberEnrolled, MemberTransferred, MemberExempted,
        ResidenceFeedbackReceived, MemberTemporarilyTransferred, MemberTransferReceived {
    UUID memberId();
}
