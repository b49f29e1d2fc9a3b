package vn.chibo.query.web;

import vn.chibo.events.problem.Problem;

/** A query that cannot be answered: unknown record, outside the caller's scope, bad parameter. */
public class QueryRefused extends RuntimeException {
    private final Problem problem;
    private final String field;

    public QueryRefused(Problem problem, String detail, String field) {
        super(detail);
        this.problem = problem;
        this.field = field;
    }

    public static QueryRefused notFound(String what, Object id) {
        return new QueryRefused(Problem.NOT_FOUND, "Không tìm thấy " + what + " " + id + ". (Not found.)", null);
    }

    public Problem problem() {
        return problem;
    }

    public String field() {
        return field;
    }
}
