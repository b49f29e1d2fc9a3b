package vn.chibo.events.organisation;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Nhận xét của nơi cư trú: the residence unit's feedback on the member (Quy định 213-QĐ/TW practice), with its
 * assessment.
 */
public record ResidenceFeedbackReceived(UUID memberId, UUID cellId, LocalDate receivedOn, String fromUnit,
                                        String assessment, String content) implements MemberEvent {
}
