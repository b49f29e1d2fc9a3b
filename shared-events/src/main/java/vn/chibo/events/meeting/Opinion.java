package vn.chibo.events.meeting;

import java.util.UUID;

/**
 * An opinion raised in the discussion: ACCEPTED into the conclusions, or EXPLAINED (answered) with the answer.
 */
public record Opinion(UUID memberId, String opinion, Disposition disposition, String answer) {
    public enum Disposition {
        ACCEPTED,
        EXPLAINED
    }
}
