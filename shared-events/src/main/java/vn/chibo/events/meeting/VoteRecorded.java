package vn.chibo.events.meeting;

import java.util.UUID;

/**
 * Biểu quyết: the tallies, the number of counted members (full members summoned, less those absent with an
 * approved reason; probationary members do not vote) and whether it passed with more than half of them.
 */
public record VoteRecorded(UUID meetingId, UUID voteId, String subject, int inFavour, int against, int abstain,
                           int counted, boolean valid, int ruleSetVersion) implements MeetingEvent {
}
