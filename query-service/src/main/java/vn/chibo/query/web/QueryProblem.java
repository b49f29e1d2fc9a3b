package vn.chibo.query.web;

/** The refusals of the query API, with the same stable types ({@code /problems/<code>}) as the command API. */
public enum QueryProblem {
    INVALID_VALUE("invalid-value", 400, "Giá trị không hợp lệ (invalid value)"),
    UNAUTHENTICATED("unauthenticated", 401, "Chưa đăng nhập hoặc phiên đã hết hạn (unauthenticated)"),
    OUT_OF_SCOPE("out-of-scope", 403, "Ngoài phạm vi được phân quyền (out of scope)"),
    NOT_FOUND("not-found", 404, "Không tìm thấy (not found)"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Phương thức không được hỗ trợ (method not allowed)"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Không có định dạng được yêu cầu (not acceptable)"),
    INTERNAL("internal", 500, "Lỗi hệ thống (internal error)");

    private final String code;
    private final int status;
    private final String title;

    QueryProblem(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String type() {
        return "/problems/" + code;
    }
}
