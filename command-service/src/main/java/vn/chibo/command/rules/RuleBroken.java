package vn.chibo.command.rules;

import vn.chibo.events.problem.Problem;

/**
 * A command refused by a rule of the domain. Thrown from inside aggregates and handlers; the web layer turns
 * it into {@code application/problem+json} with the problem's status. Nothing is written when it is thrown.
 */
public class RuleBroken extends RuntimeException {
    private final Problem problem;
    private final String detail;
    private final String field;

    public RuleBroken(Problem problem, String detail, String field) {
        super(problem.code() + ": " + detail);
        this.problem = problem;
        this.detail = detail;
        this.field = field;
    }

    public RuleBroken(Problem problem, String detail) {
        this(problem, detail, null);
    }

    public Problem problem() {
        return problem;
    }

    public String detail() {
        return detail;
    }

    /** The request field the refusal concerns (JSON name), or null. */
    public String field() {
        return field;
    }
}
