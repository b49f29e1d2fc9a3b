package vn.chibo.events.ruleset;

/** One criterion of the province's meeting score (e.g. preparation, 20 points) with the most it can earn. */
public record ScoreCriterion(String code, String name, int maxPoints) {
}
