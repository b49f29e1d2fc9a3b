package vn.chibo.events.organisation;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Chuyển sinh hoạt đảng (permanent): the membership in {@code fromCellId} ends the day before
 * {@code effectiveOn} and the membership in {@code toCellId} starts on it. Both cells keep their history.
 */
public record MemberTransferred(UUID memberId, UUID fromCellId, UUID toCellId, LocalDate effectiveOn, String reason)
        implements MemberEvent {
}
