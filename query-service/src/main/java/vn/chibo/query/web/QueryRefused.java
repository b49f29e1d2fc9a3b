package vn.chibo.query.web;

/** A query that cannot be answered: unknown record, outside the caller's scope, bad parameter. */
public class QueryRefused extends RuntimeException {
    private final QueryProblem problem;
    private final String field;

    public QueryRefused(QueryProblem problem, String detail, String field) {
        super(detail);
        this.problem = problem;
        this.field = field;
    }

    public static QueryRefused notFound(String what, Object id) {
        return new QueryRefused(QueryProblem.NOT_FOUND, "Không tìm thấy " + what + " " + id + ". (Not found.)", null);
    }

    public QueryProblem problem() {
        return problem;
    }

    public String field() {
        return field;
    }
}
