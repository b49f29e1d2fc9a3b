package vn.chibo.command.rating;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import vn.chibo.events.rating.RatingLevel;
import vn.chibo.events.rating.RatingPeriod;

/** Commands on a member's ratings (handled by the member aggregate, which owns one rating per period). */
public final class RatingCommands {
    private RatingCommands() {
    }

    /** The cell {@code cellId} rates its member for a period. */
    public record RateMember(@TargetAggregateIdentifier UUID memberId, UUID cellId, RatingPeriod period, RatingLevel rating,
                             Integer score, String note) {
    }

    /**
     * Change an existing rating, with the reason. {@code byCellId} is the cell that asks (a cell's own user), which must
     * be the cell that rated the period; null when the department asks.
     */
    public record ReviseRating(@TargetAggregateIdentifier UUID memberId, UUID byCellId, RatingPeriod period, RatingLevel rating,
                               Integer score, String reason, @TargetAggregateVersion Long expectedVersion) {
    }
}
