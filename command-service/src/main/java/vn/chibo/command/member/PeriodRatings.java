package vn.chibo.command.member;

import java.util.Arrays;
import java.util.Optional;

import vn.chibo.events.rating.RatingLevel;
import vn.chibo.events.rating.RatingPeriod;

/**
 * A member's xếp loại, one per period, kept small: the command-service holds every member of a province in its
 * cache (issue 7), and a map of period codes to records cost ~170 bytes a rating there, against 8-12 here. Each
 * rating is one {@code long}: the period (year and month, quarter or whole year), the level and the score.
 * <p>
 * The array grows by half its length, not by one: a cached member lives in the old generation, and an array copied
 * at each month's rating left its former copy there, ~40% of the garbage that made the command-service collect its
 * whole heap (0.6-0.8 s on two busy cores) every few minutes of a province's ratings (issue 7).
 */
final class PeriodRatings {
    /** What a period was rated. */
    record Rated(RatingLevel rating, Integer score) {
    }

    private static final RatingLevel[] LEVELS = RatingLevel.values();
    private static final int PERIOD_SHIFT = 40;
    private static final int LEVEL_SHIFT = 33;
    private static final long HAS_SCORE = 1L << 32;

    private static final long[] NONE = {};
    /** A new member's first rating makes room for a season's months (and a quarter's). */
    private static final int MIN_GROWTH = 4;

    private long[] entries = NONE;
    /** How many of {@link #entries} hold a rating; the rest is room for the next ones. */
    private int count;

    Optional<Rated> of(RatingPeriod period) {
        long key = key(period);
        for (int i = count - 1; i >= 0; i--) {
            if (entries[i] >>> PERIOD_SHIFT == key) {
                return Optional.of(decode(entries[i]));
            }
        }
        return Optional.empty();
    }

    /** Records the period's rating, replacing the one it had. */
    void put(RatingPeriod period, RatingLevel rating, Integer score) {
        long key = key(period);
        long entry = key << PERIOD_SHIFT | (long) (rating.ordinal() + 1) << LEVEL_SHIFT
                | (score == null ? 0 : HAS_SCORE | (score & 0xFFFF_FFFFL));
        for (int i = 0; i < count; i++) {
            if (entries[i] >>> PERIOD_SHIFT == key) {
                entries[i] = entry;
                return;
            }
        }
        if (count == entries.length) {
            entries = Arrays.copyOf(entries, count + Math.max(MIN_GROWTH, count / 2));
        }
        entries[count++] = entry;
    }

    /** How many periods are rated. */
    int size() {
        return count;
    }

    /** How many ratings the member has room for before the next copy. */
    int capacity() {
        return entries.length;
    }

    /** Year × 32 + 0 for the year, 1-12 for a month, 13-16 for a quarter: one number per period. */
    private static long key(RatingPeriod period) {
        int within = switch (period.kind()) {
            case YEAR -> 0;
            case MONTH -> period.start().getMonthValue();
            case QUARTER -> 12 + (period.start().getMonthValue() + 2) / 3;
        };
        return (long) period.year() * 32 + within;
    }

    private static Rated decode(long entry) {
        RatingLevel level = LEVELS[(int) (entry >>> LEVEL_SHIFT & 0x7F) - 1];
        return new Rated(level, (entry & HAS_SCORE) == 0 ? null : (int) entry);
    }
}
