package vn.chibo.events.organisation;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Chuyển sinh hoạt đảng tạm thời: from {@code from} to {@code until} (3 months to under a year) the member takes
 * part in the host cell's life but stays a member of the home cell; neither cell summons or counts them as its
 * own meanwhile (the home cell does not summon them, the host does not count them).
 */
public record MemberTemporarilyTransferred(UUID memberId, UUID homeCellId, UUID hostCellId, LocalDate from, LocalDate until,
                                           String reason) implements MemberEvent {
}
