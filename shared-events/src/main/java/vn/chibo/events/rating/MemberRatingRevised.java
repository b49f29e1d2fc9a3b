package vn.chibo.events.rating;

import java.util.UUID;

/** A rating changed, with the reason and what it was before (the earlier one stays readable). */
public record MemberRatingRevised(UUID memberId, UUID cellId, String period, RatingLevel rating, Integer score,
                                  RatingLevel previousRating, Integer previousScore, String reason, int ruleSetVersion)
        implements RatingEvent {
}
