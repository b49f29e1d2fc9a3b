package vn.chibo.events.ruleset;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The province published version {@code version} of its rules, in force from {@code effectiveFrom} (until a
 * later version takes over). Decisions record the version they applied.
 */
public record RuleSetPublished(UUID ruleBookId, int version, LocalDate effectiveFrom, Rules rules,
                               MeetingScoreScheme meetingScore, String reason) {
}
