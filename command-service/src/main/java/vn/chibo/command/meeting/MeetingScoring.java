package vn.chibo.command.meeting;

import java.util.Map;

import vn.chibo.command.rules.RuleBroken;
import vn.chibo.events.meeting.MeetingLevel;
import vn.chibo.events.problem.Problem;
import vn.chibo.events.ruleset.MeetingScoreScheme;
import vn.chibo.events.ruleset.ScoreCriterion;

/** Chấm điểm buổi sinh hoạt on the province's scheme: every criterion once, within its maximum. */
public final class MeetingScoring {
    private MeetingScoring() {
    }

    public static int total(MeetingScoreScheme scheme, Map<String, Integer> points) {
        for (String code : points.keySet()) {
            if (scheme.criteria().stream().noneMatch(c -> c.code().equals(code))) {
                throw new RuleBroken(Problem.INVALID_SCORE, "Không có tiêu chí '" + code + "' trong thang điểm; các tiêu chí: "
                        + scheme.criteria().stream().map(ScoreCriterion::code).toList() + ". (Unknown criterion.)", "criteria." + code);
            }
        }
        int total = 0;
        for (ScoreCriterion criterion : scheme.criteria()) {
            Integer given = points.get(criterion.code());
            if (given == null) {
                throw new RuleBroken(Problem.INVALID_SCORE, "Thiếu điểm tiêu chí '" + criterion.name() + "'. (Missing criterion.)",
                        "criteria." + criterion.code());
            }
            if (given < 0 || given > criterion.maxPoints()) {
                throw new RuleBroken(Problem.INVALID_SCORE, "Tiêu chí '" + criterion.name() + "' chấm từ 0 đến "
                        + criterion.maxPoints() + " điểm, nhận được " + given + ". (Out of range.)", "criteria." + criterion.code());
            }
            total += given;
        }
        return total;
    }

    public static MeetingLevel level(MeetingScoreScheme scheme, int total) {
        if (total >= scheme.good()) {
            return MeetingLevel.GOOD;
        }
        if (total >= scheme.fair()) {
            return MeetingLevel.FAIR;
        }
        return total >= scheme.average() ? MeetingLevel.AVERAGE : MeetingLevel.POOR;
    }
}
