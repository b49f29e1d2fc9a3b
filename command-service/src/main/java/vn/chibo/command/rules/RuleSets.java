package vn.chibo.command.rules;

import java.time.LocalDate;

import vn.chibo.events.ruleset.MeetingScoreScheme;
import vn.chibo.events.ruleset.Rules;

/** The province's rule sets as the write side judges by them: the one in force on a given date. */
public interface RuleSets {
    /** One published version of the rules. */
    record InForce(int version, LocalDate effectiveFrom, Rules rules, MeetingScoreScheme meetingScore) {
    }

    InForce inForceOn(LocalDate date);
}
