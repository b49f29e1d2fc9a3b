package vn.chibo.events.rating;

import java.util.UUID;

/**
 * The cell rated the member for {@code period} ({@code 2026-10}, {@code 2026-Q4}, {@code 2026}); {@code score}
 * (0–100) where the cell gives one, matching the level's band in rule set {@code ruleSetVersion}.
 */
public record MemberRated(UUID memberId, UUID cellId, String period, RatingLevel rating, Integer score, String note,
                          int ruleSetVersion) implements RatingEvent {
}
