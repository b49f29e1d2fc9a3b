package vn.chibo.command.ruleset;

import static vn.chibo.command.testing.RuleMatchers.refusedWith;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.chibo.command.ruleset.RuleSetCommands.PublishRuleSet;
import vn.chibo.events.problem.Problem;
import vn.chibo.events.ruleset.MeetingScoreScheme;
import vn.chibo.events.ruleset.Rules;
import vn.chibo.events.ruleset.RuleSetPublished;
import vn.chibo.events.ruleset.ScoreCriterion;

class RuleBookTest {
    private static final UUID BOOK = RuleBook.idFor(UUID.randomUUID());
    private static final LocalDate FROM_2000 = LocalDate.of(2000, 1, 1);
    private static final LocalDate FROM_2027 = LocalDate.of(2027, 1, 1);

    private AggregateTestFixture<RuleBook> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RuleBook.class);
    }

    private static PublishRuleSet publish(LocalDate from, Integer noticeDays, Double quality, List<ScoreCriterion> criteria) {
        return new PublishRuleSet(BOOK, from, noticeDays, quality, null, null, null, null, null, null, null, null, null, criteria,
                null, null, null, "Hướng dẫn 42-HD/BTCTW");
    }

    @Test
    void the_first_rule_set_fills_what_it_does_not_say_from_the_defaults() {
        fixture.givenNoPriorActivity()
                .when(publish(FROM_2000, null, null, null))
                .expectEvents(new RuleSetPublished(BOOK, 1, FROM_2000, Rules.defaults(), MeetingScoreScheme.defaults(),
                        "Hướng dẫn 42-HD/BTCTW"));
    }

    @Test
    void a_later_rule_set_changes_one_threshold_and_keeps_the_others() {
        Rules changed = new Rules(5, 0.85, 90, 120, 7, 3, 0.20, 30, 90, 70, 50);
        fixture.given(new RuleSetPublished(BOOK, 1, FROM_2000, Rules.defaults(), MeetingScoreScheme.defaults(), null))
                .when(publish(FROM_2027, 5, null, null))
                .expectEvents(new RuleSetPublished(BOOK, 2, FROM_2027, changed, MeetingScoreScheme.defaults(),
                        "Hướng dẫn 42-HD/BTCTW"));
    }

    @Test
    void an_impossible_threshold_is_refused() {
        fixture.givenNoPriorActivity()
                .when(publish(FROM_2027, null, 1.5, null))
                .expectException(refusedWith(Problem.INVALID_RULE_SET))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(publish(FROM_2027, -1, null, null))
                .expectException(refusedWith(Problem.INVALID_RULE_SET));
    }

    @Test
    void score_criteria_must_add_up_to_100_with_distinct_codes() {
        fixture.givenNoPriorActivity()
                .when(publish(FROM_2027, null, null, List.of(new ScoreCriterion("a", "A", 50), new ScoreCriterion("b", "B", 40))))
                .expectException(refusedWith(Problem.INVALID_RULE_SET));
        fixture.givenNoPriorActivity()
                .when(publish(FROM_2027, null, null, List.of(new ScoreCriterion("a", "A", 50), new ScoreCriterion("a", "B", 50))))
                .expectException(refusedWith(Problem.INVALID_RULE_SET));
    }
}
