package vn.chibo.events.rating;

import java.util.UUID;

/** Ratings of one member, kept in the member's stream: one per period, changed only by a revision. */
public sealed interface RatingEvent permits MemberRated, MemberRatingRevised {
    UUID memberId();

    String period();
}
