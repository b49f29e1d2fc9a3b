package vn.chibo.command.ruleset;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import vn.chibo.events.ruleset.ScoreCriterion;

/** Commands on the province's rule book. */
public final class RuleSetCommands {
    private RuleSetCommands() {
    }

    /**
     * Publish a rule set in force from {@code effectiveFrom}. Every threshold left null keeps the value of the
     * latest version (the defaults of DESIGN §4 for the first one), so a province changes one threshold at a time.
     */
    public record PublishRuleSet(@TargetAggregateIdentifier UUID ruleBookId, LocalDate effectiveFrom, Integer noticeDays,
                                 Double attendanceQuality, Integer minMinutes, Integer minMinutesCombined,
                                 Integer minutesDays, Integer repeatedAbsences, Double excellentCapRatio,
                                 Integer transferLateWorkingDays, Integer excellentMin, Integer goodMin,
                                 Integer completedMin, List<ScoreCriterion> criteria, Integer good,
                                 Integer fair, Integer average, String reason) {
    }
}
