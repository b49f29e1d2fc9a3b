package vn.chibo.events.organisation;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Miễn sinh hoạt: the member is exempt from meetings from {@code from} to {@code to} (inclusive; null means
 * open-ended). Exempt members are not summoned and not counted in attendance.
 */
public record MemberExempted(UUID memberId, UUID cellId, LocalDate from, LocalDate to, String reason)
        implements MemberEvent {
}
