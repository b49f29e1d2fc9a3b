package vn.chibo.command.rating;

import vn.chibo.command.rules.RuleBroken;
import vn.chibo.events.problem.Problem;
import vn.chibo.events.rating.RatingLevel;
import vn.chibo.events.ruleset.Rules;

/** Where a 100-point score is given, the level must be its band (EXCELLENT ≥ 90, GOOD 70–<90, ... from the rules). */
public final class RatingBand {
    private RatingBand() {
    }

    public static RatingLevel of(int score, Rules rules) {
        if (score >= rules.excellentMin()) {
            return RatingLevel.EXCELLENT;
        }
        if (score >= rules.goodMin()) {
            return RatingLevel.GOOD;
        }
        return score >= rules.completedMin() ? RatingLevel.COMPLETED : RatingLevel.NOT_COMPLETED;
    }

    public static void require(RatingLevel rating, Integer score, Rules rules, String field) {
        if (score == null) {
            return;
        }
        if (score < 0 || score > 100) {
            throw new RuleBroken(Problem.RATING_BAND, "Điểm xếp loại từ 0 đến 100, nhận được " + score + ". (Score 0 to 100.)", field);
        }
        RatingLevel band = of(score, rules);
        if (band != rating) {
            throw new RuleBroken(Problem.RATING_BAND, score + " điểm thuộc mức \"" + band.label() + "\", không phải \""
                    + rating.label() + "\". (" + score + " points is " + band + ", not " + rating + ".)", field);
        }
    }
}
