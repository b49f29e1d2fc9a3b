package vn.chibo.events.organisation;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A member was entered into a cell. {@code memberSince} is the day the member joined this cell (it may lie in
 * the past when a cell's existing members are entered); membership-dependent rules use it.
 */
public record MemberEnrolled(
        UUID memberId,
        UUID cellId,
        String cardNumber,
        String fullName,
        LocalDate birthDate,
        LocalDate joinedPartyOn,
        MemberStatus status,
        LocalDate memberSince) implements MemberEvent {
}
