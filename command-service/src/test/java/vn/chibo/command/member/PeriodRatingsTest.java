package vn.chibo.command.member;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import vn.chibo.command.member.PeriodRatings.Rated;
import vn.chibo.events.rating.RatingLevel;
import vn.chibo.events.rating.RatingPeriod;

class PeriodRatingsTest {
    private final PeriodRatings ratings = new PeriodRatings();

    @Test
    void aMonthAQuarterAndTheYearOfTheSameYearAreThreePeriods() {
        ratings.put(RatingPeriod.parse("2026-10"), RatingLevel.GOOD, 80);
        ratings.put(RatingPeriod.parse("2026-Q4"), RatingLevel.EXCELLENT, 95);
        ratings.put(RatingPeriod.parse("2026"), RatingLevel.COMPLETED, null);

        assertThat(ratings.of(RatingPeriod.parse("2026-10"))).contains(new Rated(RatingLevel.GOOD, 80));
        assertThat(ratings.of(RatingPeriod.parse("2026-Q4"))).contains(new Rated(RatingLevel.EXCELLENT, 95));
        assertThat(ratings.of(RatingPeriod.parse("2026"))).contains(new Rated(RatingLevel.COMPLETED, null));
        assertThat(ratings.of(RatingPeriod.parse("2026-11"))).isEmpty();
        assertThat(ratings.of(RatingPeriod.parse("2026-Q3"))).isEmpty();
        assertThat(ratings.of(RatingPeriod.parse("2025-10"))).isEmpty();
        assertThat(ratings.of(RatingPeriod.parse("2025"))).isEmpty();
    }

    @Test
    void everyMonthAndQuarterOfAYearIsItsOwnPeriod() {
        for (int month = 1; month <= 12; month++) {
            ratings.put(RatingPeriod.parse("2026-%02d".formatted(month)), RatingLevel.GOOD, month);
        }
        for (int quarter = 1; quarter <= 4; quarter++) {
            ratings.put(RatingPeriod.parse("2026-Q" + quarter), RatingLevel.EXCELLENT, 90 + quarter);
        }
        for (int month = 1; month <= 12; month++) {
            assertThat(ratings.of(RatingPeriod.parse("2026-%02d".formatted(month)))).contains(new Rated(RatingLevel.GOOD, month));
        }
        for (int quarter = 1; quarter <= 4; quarter++) {
            assertThat(ratings.of(RatingPeriod.parse("2026-Q" + quarter))).contains(new Rated(RatingLevel.EXCELLENT, 90 + quarter));
        }
    }

    @Test
    void aRevisionReplacesThePeriodsRatingAndKeepsTheOthers() {
        ratings.put(RatingPeriod.parse("2026-09"), RatingLevel.NOT_COMPLETED, 0);
        ratings.put(RatingPeriod.parse("2026-10"), RatingLevel.COMPLETED, 55);

        ratings.put(RatingPeriod.parse("2026-10"), RatingLevel.EXCELLENT, 100);

        assertThat(ratings.of(RatingPeriod.parse("2026-10"))).contains(new Rated(RatingLevel.EXCELLENT, 100));
        assertThat(ratings.of(RatingPeriod.parse("2026-09"))).contains(new Rated(RatingLevel.NOT_COMPLETED, 0));
        assertThat(ratings.size()).isEqualTo(2);
    }

    @Test
    void periodsOfNeighbouringYearsDoNotMeet() {
        ratings.put(RatingPeriod.parse("2025-Q4"), RatingLevel.GOOD, 75);
        ratings.put(RatingPeriod.parse("2025-12"), RatingLevel.GOOD, 76);
        ratings.put(RatingPeriod.parse("2027"), RatingLevel.GOOD, 77);

        assertThat(ratings.of(RatingPeriod.parse("2026"))).isEmpty();
        assertThat(ratings.of(RatingPeriod.parse("2026-01"))).isEmpty();
        assertThat(ratings.of(RatingPeriod.parse("2026-Q1"))).isEmpty();
        assertThat(ratings.of(RatingPeriod.parse("2026-Q4"))).isEmpty();
        assertThat(ratings.of(RatingPeriod.parse("2025-Q4"))).contains(new Rated(RatingLevel.GOOD, 75));
        assertThat(ratings.of(RatingPeriod.parse("2025-12"))).contains(new Rated(RatingLevel.GOOD, 76));
        assertThat(ratings.of(RatingPeriod.parse("2027"))).contains(new Rated(RatingLevel.GOOD, 77));
    }

    @Test
    void everyLevelWithAndWithoutAScoreComesBackAsGiven() {
        int year = 2000;
        for (RatingLevel level : RatingLevel.values()) {
            ratings.put(RatingPeriod.parse(String.valueOf(year)), level, null);
            ratings.put(RatingPeriod.parse(year + "-01"), level, 100);
            assertThat(ratings.of(RatingPeriod.parse(String.valueOf(year)))).contains(new Rated(level, null));
            assertThat(ratings.of(RatingPeriod.parse(year + "-01"))).contains(new Rated(level, 100));
            year++;
        }
    }

    @Test
    void aYearOfRatingsIsCopiedAFewTimesNotOnceARatingAndEveryOneIsKept() {
        int copies = 0;
        int capacity = ratings.capacity();
        for (int year = 2020; year <= 2029; year++) {
            for (int month = 1; month <= 12; month++) {
                ratings.put(RatingPeriod.parse("%d-%02d".formatted(year, month)), RatingLevel.GOOD, month);
                if (month % 3 == 0) {
                    ratings.put(RatingPeriod.parse(year + "-Q" + month / 3), RatingLevel.EXCELLENT, 90 + month / 3);
                }
                if (ratings.capacity() != capacity) {
                    copies++;
                    capacity = ratings.capacity();
                }
            }
            ratings.put(RatingPeriod.parse(String.valueOf(year)), RatingLevel.COMPLETED, year);
        }

        assertThat(ratings.size()).isEqualTo(170);
        assertThat(copies).isLessThanOrEqualTo(10);
        assertThat(ratings.capacity()).isLessThanOrEqualTo(170 * 3 / 2);
        for (int year = 2020; year <= 2029; year++) {
            for (int month = 1; month <= 12; month++) {
                assertThat(ratings.of(RatingPeriod.parse("%d-%02d".formatted(year, month)))).contains(new Rated(RatingLevel.GOOD, month));
            }
            for (int quarter = 1; quarter <= 4; quarter++) {
                assertThat(ratings.of(RatingPeriod.parse(year + "-Q" + quarter))).contains(new Rated(RatingLevel.EXCELLENT, 90 + quarter));
            }
            assertThat(ratings.of(RatingPeriod.parse(String.valueOf(year)))).contains(new Rated(RatingLevel.COMPLETED, year));
        }
        assertThat(ratings.of(RatingPeriod.parse("2030-01"))).isEmpty();
    }
}
