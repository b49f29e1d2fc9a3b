package vn.chibo.command.rating;

import static vn.chibo.command.testing.RuleMatchers.refusedWith;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.chibo.command.member.Member;
import vn.chibo.command.rating.RatingCommands.RateMember;
import vn.chibo.command.rating.RatingCommands.ReviseRating;
import vn.chibo.command.testing.FakeMeetingWorld;
import vn.chibo.command.testing.FakeOrgTree;
import vn.chibo.events.VietnamTime;
import vn.chibo.events.organisation.MemberEnrolled;
import vn.chibo.events.organisation.MemberStatus;
import vn.chibo.events.organisation.MemberTransferred;
import vn.chibo.events.problem.Problem;
import vn.chibo.events.rating.MemberRated;
import vn.chibo.events.rating.MemberRatingRevised;
import vn.chibo.events.rating.RatingLevel;
import vn.chibo.events.rating.RatingPeriod;

/** Xếp loại đảng viên on the member aggregate: one rating per period, by the right cell, in its band. */
class RatingTest {
    private static final UUID MEMBER = UUID.randomUUID();
    private static final UUID CELL = UUID.randomUUID();
    private static final UUID NEW_CELL = UUID.randomUUID();
    private static final RatingPeriod OCTOBER = RatingPeriod.parse("2026-10");

    private AggregateTestFixture<Member> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(new FakeOrgTree());
        fixture.registerInjectableResource(new FakeMeetingWorld());
        fixture.registerInjectableResource(Clock.fixed(ZonedDateTime.of(2026, 11, 24, 9, 0, 0, 0, VietnamTime.ZONE).toInstant(),
                VietnamTime.ZONE));
    }

    private static MemberEnrolled enrolled() {
        return new MemberEnrolled(MEMBER, CELL, null, "Trần Văn An", LocalDate.of(1980, 1, 1), LocalDate.of(2005, 1, 1),
                MemberStatus.FULL, LocalDate.of(2020, 1, 1));
    }

    @Test
    void a_member_is_rated_once_per_period_with_a_score_in_its_band() {
        fixture.given(enrolled())
                .when(new RateMember(MEMBER, CELL, OCTOBER, RatingLevel.GOOD, 85, " Tích cực "))
                .expectEvents(new MemberRated(MEMBER, CELL, "2026-10", RatingLevel.GOOD, 85, "Tích cực", 1));
    }

    @Test
    void a_second_rating_for_the_same_period_is_409() {
        fixture.given(enrolled(), new MemberRated(MEMBER, CELL, "2026-10", RatingLevel.GOOD, null, null, 1))
                .when(new RateMember(MEMBER, CELL, OCTOBER, RatingLevel.EXCELLENT, null, null))
                .expectException(refusedWith(Problem.RATING_EXISTS))
                .expectNoEvents();
    }

    @Test
    void a_period_that_has_not_started_is_refused() {
        fixture.given(enrolled())
                .when(new RateMember(MEMBER, CELL, RatingPeriod.parse("2026-12"), RatingLevel.GOOD, null, null))
                .expectException(refusedWith(Problem.RATING_FUTURE));
        fixture.given(enrolled())
                .when(new RateMember(MEMBER, CELL, RatingPeriod.parse("2026-11"), RatingLevel.GOOD, null, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_score_outside_the_levels_band_is_refused() {
        fixture.given(enrolled())
                .when(new RateMember(MEMBER, CELL, OCTOBER, RatingLevel.EXCELLENT, 85, null))
                .expectException(refusedWith(Problem.RATING_BAND));
        fixture.given(enrolled())
                .when(new RateMember(MEMBER, CELL, OCTOBER, RatingLevel.COMPLETED, 49, null))
                .expectException(refusedWith(Problem.RATING_BAND));
    }

    @Test
    void a_member_transferred_mid_period_is_rated_by_the_cell_of_the_periods_end() {
        Object[] moved = {enrolled(), new MemberTransferred(MEMBER, CELL, NEW_CELL, LocalDate.of(2026, 10, 15), "Chuyển công tác")};
        fixture.given(moved)
                .when(new RateMember(MEMBER, CELL, OCTOBER, RatingLevel.GOOD, null, null))
                .expectException(refusedWith(Problem.NOT_A_MEMBER));
        fixture.given(moved)
                .when(new RateMember(MEMBER, NEW_CELL, OCTOBER, RatingLevel.GOOD, null, null))
                .expectEvents(new MemberRated(MEMBER, NEW_CELL, "2026-10", RatingLevel.GOOD, null, null, 1));
        fixture.given(moved)
                .when(new RateMember(MEMBER, CELL, RatingPeriod.parse("2026-09"), RatingLevel.GOOD, null, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_revision_keeps_what_the_rating_was_and_why_it_changed() {
        fixture.given(enrolled(), new MemberRated(MEMBER, CELL, "2026-10", RatingLevel.GOOD, 85, null, 1))
                .when(new ReviseRating(MEMBER, null, OCTOBER, RatingLevel.EXCELLENT, 92, "Bổ sung thành tích phòng chống bão", null))
                .expectEvents(new MemberRatingRevised(MEMBER, CELL, "2026-10", RatingLevel.EXCELLENT, 92, RatingLevel.GOOD, 85,
                        "Bổ sung thành tích phòng chống bão", 1));
        fixture.given(enrolled())
                .when(new ReviseRating(MEMBER, null, OCTOBER, RatingLevel.EXCELLENT, null, "Sửa", null))
                .expectException(refusedWith(Problem.NOT_FOUND));
    }

    @Test
    void a_period_is_revised_by_the_cell_that_rated_it_though_the_member_moved_since_or_by_the_department() {
        Object[] ratedThenMoved = {enrolled(), new MemberRated(MEMBER, CELL, "2026-10", RatingLevel.GOOD, 85, null, 1),
                new MemberTransferred(MEMBER, CELL, NEW_CELL, LocalDate.of(2026, 11, 15), "Chuyển công tác")};
        fixture.given(ratedThenMoved)
                .when(new ReviseRating(MEMBER, NEW_CELL, OCTOBER, RatingLevel.NOT_COMPLETED, 40, "Không phải chi bộ xếp loại", null))
                .expectException(refusedWith(Problem.OUT_OF_SCOPE));
        fixture.given(ratedThenMoved)
                .when(new ReviseRating(MEMBER, CELL, OCTOBER, RatingLevel.EXCELLENT, 92, "Bổ sung thành tích", null))
                .expectEvents(new MemberRatingRevised(MEMBER, CELL, "2026-10", RatingLevel.EXCELLENT, 92, RatingLevel.GOOD, 85,
                        "Bổ sung thành tích", 1));
        fixture.given(ratedThenMoved)
                .when(new ReviseRating(MEMBER, null, OCTOBER, RatingLevel.EXCELLENT, 92, "Ban Tổ chức sửa", null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_revision_compares_with_the_latest_state_of_its_period_only() {
        Object[] revised = {enrolled(),
                new MemberRated(MEMBER, CELL, "2026-09", RatingLevel.COMPLETED, 60, null, 1),
                new MemberRated(MEMBER, CELL, "2026-10", RatingLevel.GOOD, 85, null, 1),
                new MemberRatingRevised(MEMBER, CELL, "2026-10", RatingLevel.EXCELLENT, 92, RatingLevel.GOOD, 85, "Bổ sung", 1)};
        fixture.given(revised)
                .when(new ReviseRating(MEMBER, null, OCTOBER, RatingLevel.EXCELLENT, 92, "Lặp lại", null))
                .expectNoEvents();
        fixture.given(revised)
                .when(new ReviseRating(MEMBER, null, OCTOBER, RatingLevel.GOOD, 85, "Trở lại như cũ", null))
                .expectEvents(new MemberRatingRevised(MEMBER, CELL, "2026-10", RatingLevel.GOOD, 85, RatingLevel.EXCELLENT, 92,
                        "Trở lại như cũ", 1));
        fixture.given(revised)
                .when(new ReviseRating(MEMBER, null, RatingPeriod.parse("2026-09"), RatingLevel.COMPLETED, 60, "Lặp lại", null))
                .expectNoEvents();
        fixture.given(revised)
                .when(new RateMember(MEMBER, CELL, RatingPeriod.parse("2026-Q4"), RatingLevel.GOOD, null, null))
                .expectEvents(new MemberRated(MEMBER, CELL, "2026-Q4", RatingLevel.GOOD, null, null, 1));
    }
}
