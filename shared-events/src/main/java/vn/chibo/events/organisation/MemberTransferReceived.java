package vn.chibo.events.organisation;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The new cell received the transferred member (tiếp nhận sinh hoạt), {@code workingDays} working days after the
 * transfer took effect; {@code late} when that is more than the rule set's {@code transferLateWorkingDays}.
 */
public record MemberTransferReceived(UUID memberId, UUID cellId, LocalDate receivedOn, long workingDays, boolean late,
                                     int ruleSetVersion) implements MemberEvent {
}
