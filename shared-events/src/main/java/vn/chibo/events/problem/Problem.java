package vn.chibo.events.problem;

/**
 * The catalogue of refusals both services answer with: a stable {@code type} ({@code /problems/<code>}), the
 * HTTP status and a Vietnamese title. Part of the published contract: clients branch on {@link #code()}, so a
 * code is never renamed or reused.
 */
public enum Problem {
    MALFORMED_REQUEST("malformed-request", 400, "Yêu cầu không đọc được (malformed request)"),
    UNKNOWN_FIELD("unknown-field", 400, "Trường không được hỗ trợ (unknown field)"),
    INVALID_VALUE("invalid-value", 400, "Giá trị không hợp lệ (invalid value)"),
    MISSING_FIELD("missing-field", 400, "Thiếu trường bắt buộc (missing field)"),
    UNAUTHENTICATED("unauthenticated", 401, "Chưa đăng nhập hoặc phiên đã hết hạn (unauthenticated)"),
    BAD_CREDENTIALS("bad-credentials", 401, "Sai tên đăng nhập hoặc mật khẩu (bad credentials)"),
    OUT_OF_SCOPE("out-of-scope", 403, "Ngoài phạm vi được phân quyền (out of scope)"),
    FORBIDDEN_ROLE("forbidden-role", 403, "Vai trò không được phép thực hiện (role not allowed)"),
    NOT_FOUND("not-found", 404, "Không tìm thấy (not found)"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Phương thức không được hỗ trợ (method not allowed)"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Không có định dạng được yêu cầu (not acceptable)"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Nội dung yêu cầu quá lớn (payload too large)"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Kiểu nội dung không được hỗ trợ (unsupported media type)"),
    DUPLICATE("duplicate", 409, "Bản ghi đã tồn tại (duplicate)"),
    STALE_VERSION("stale-version", 409, "Bản ghi đã bị thay đổi bởi người khác (stale version)"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 409, "Idempotency-Key đã dùng cho yêu cầu khác (key reused)"),
    MEMBER_ELSEWHERE("member-elsewhere", 409, "Đảng viên đang sinh hoạt ở chi bộ khác (member elsewhere)"),
    USERNAME_TAKEN("username-taken", 409, "Tên đăng nhập đã có (username taken)"),
    REPLAY_RUNNING("replay-running", 409, "Đang dựng lại dữ liệu đọc (replay running)"),
    PROJECTED_ELSEWHERE("projected-elsewhere", 409, "Dữ liệu đọc đang được cập nhật ở một máy khác (projected elsewhere)"),
    INVALID_PARENT("invalid-parent", 422, "Đơn vị cấp trên không hợp lệ (invalid parent)"),
    NOT_A_CELL("not-a-cell", 422, "Đơn vị không phải chi bộ (not a cell)"),
    INVALID_REGULAR_DAY("invalid-regular-day", 422, "Ngày sinh hoạt thường kỳ không hợp lệ (invalid regular day)"),
    DATE_IN_FUTURE("date-in-future", 422, "Ngày chưa tới (date in the future)"),
    MEMBERSHIP_DATES("membership-dates", 422, "Ngày sinh hoạt không hợp lệ (membership dates)"),
    SAME_CELL("same-cell", 422, "Đảng viên đã ở chi bộ này (same cell)"),
    EXEMPTION_PERIOD("exemption-period", 422, "Thời gian miễn sinh hoạt không hợp lệ (exemption period)"),
    ROLE_UNIT_MISMATCH("role-unit-mismatch", 422, "Vai trò không khớp với loại đơn vị (role and unit mismatch)"),
    WEAK_PASSWORD("weak-password", 422, "Mật khẩu quá yếu (weak password)"),
    WRONG_PASSWORD("wrong-password", 422, "Mật khẩu hiện tại không đúng (wrong current password)"),
    INVALID_RULE_SET("invalid-rule-set", 422, "Bộ quy định không hợp lệ (invalid rule set)"),
    NOTICE_TOO_SHORT("notice-too-short", 422, "Thông báo họp quá muộn (notice too short)"),
    REGULAR_MEETING_EXISTS("regular-meeting-exists", 409, "Tháng này chi bộ đã có buổi sinh hoạt thường kỳ (regular meeting exists)"),
    OFF_REGULAR_DAY("off-regular-day", 422, "Họp khác ngày sinh hoạt thường kỳ cần nêu lý do (off the regular day)"),
    NOT_A_MEMBER("not-a-member", 422, "Không phải đảng viên của chi bộ vào ngày đó (not a member)"),
    PRESENTER_ROTATION("presenter-rotation", 422, "Chưa đến lượt báo cáo thời sự (presenter rotation)"),
    ATTENDANCE_INCOMPLETE("attendance-incomplete", 422, "Điểm danh chưa đầy đủ (attendance incomplete)"),
    MEETING_NOT_STARTED("meeting-not-started", 422, "Buổi sinh hoạt chưa bắt đầu (meeting not started)"),
    MEETING_NOT_HELD("meeting-not-held", 422, "Buổi sinh hoạt chưa được tổ chức hoặc đã hủy (meeting not held)"),
    MINUTES_FINAL("minutes-final", 409, "Biên bản đã hoàn thành (minutes final)"),
    MEETING_HELD("meeting-held", 409, "Buổi sinh hoạt đã diễn ra (meeting already held)"),
    MINUTES_NOT_FINAL("minutes-not-final", 409, "Biên bản chưa hoàn thành; hãy sửa bản dự thảo (minutes not final)"),
    MINUTES_UNSIGNED("minutes-unsigned", 422, "Biên bản cần chủ trì và thư ký ký (minutes unsigned)"),
    INVALID_SCORE("invalid-score", 422, "Điểm chấm không hợp lệ (invalid score)"),
    INVALID_VOTE("invalid-vote", 422, "Kết quả biểu quyết không hợp lệ (invalid vote)"),
    RATING_EXISTS("rating-exists", 409, "Đảng viên đã được xếp loại kỳ này; hãy sửa kèm lý do (rating exists)"),
    RATING_FUTURE("rating-future", 422, "Kỳ xếp loại chưa bắt đầu (rating for a future period)"),
    RATING_BAND("rating-band", 422, "Điểm không khớp mức xếp loại (score outside the level's band)"),
    TEMPORARY_TRANSFER_PERIOD("temporary-transfer-period", 422, "Chuyển sinh hoạt tạm thời từ 3 tháng đến dưới 1 năm (temporary transfer period)"),
    TRANSFER_RECEIVED("transfer-received", 409, "Đảng viên đã được tiếp nhận (transfer already received)"),
    IMPORT_INVALID("import-invalid", 422, "Tệp danh sách đảng viên có dòng không hợp lệ; chưa nhập gì (invalid import file)"),
    TASK_DEADLINE("task-deadline", 422, "Hạn hoàn thành trước ngày giao (deadline before assignment)"),
    TASK_STATE("task-state", 409, "Nhiệm vụ không ở trạng thái cho phép (task state)"),
    INTERNAL("internal", 500, "Lỗi hệ thống (internal error)"),
    /** PostgreSQL could not be reached, or dropped the connection (a restart, a failover): send the request again. */
    UNAVAILABLE("unavailable", 503, "Tạm thời không phục vụ được (unavailable)");

    /** How many seconds a client waits before it sends again a request answered {@link #UNAVAILABLE} (Retry-After). */
    public static final int RETRY_AFTER_SECONDS = 1;

    private final String code;
    private final int status;
    private final String title;

    Problem(String code, int status, String title) {
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

    /**
     * The refusal for a status that the servlet container or the security firewall chose before any controller could
     * name one (a path with {@code //} or {@code ;jsessionid}, an error page asked for directly): the generic
     * refusal of that status, or {@link #INTERNAL} for any other (no rule's type is claimed for a status alone).
     */
    public static Problem ofStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN_ROLE;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> UNAVAILABLE;
            default -> INTERNAL;
        };
    }

    /** The detail of a path the security firewall rejected ({@code //}, {@code ..}, {@code ;jsessionid}). */
    public static final String REJECTED_PATH = "Đường dẫn của yêu cầu có ký tự hoặc đoạn không được phép "
            + "(//, .., ;, %2F...); hãy gửi đúng địa chỉ. (The request's path was rejected.)";

    /**
     * The {@code WWW-Authenticate} challenge of a 401 (RFC 6750 §3): with {@code error="invalid_token"} when a token was
     * sent and refused (expired, forged, malformed), so a client knows to log in again rather than to add one.
     */
    public static String bearerChallenge(boolean tokenRefused) {
        return tokenRefused
                ? "Bearer realm=\"chibo\", error=\"invalid_token\", error_description=\"The token is expired or invalid\""
                : "Bearer realm=\"chibo\"";
    }

    /** The detail of a 401: log in, or log in again when the token sent was refused. */
    public static String unauthenticatedDetail(boolean tokenRefused) {
        return tokenRefused
                ? "Phiên đăng nhập đã hết hạn hoặc token không hợp lệ; hãy đăng nhập lại. (The bearer token is expired or invalid; log in again.)"
                : "Cần đăng nhập: gửi header 'Authorization: Bearer <token>' hợp lệ, còn hạn. (A valid, unexpired bearer token is required.)";
    }

    /**
     * The detail of an {@link #UNAVAILABLE} answer. For a write, whether it was applied is not known (the connection
     * may have dropped during its commit), so the client is told to send it again with the same Idempotency-Key, which
     * applies it once and answers its first answer if it was.
     */
    public static String unavailableDetail(boolean write) {
        return write
                ? "Không kết nối được cơ sở dữ liệu; chưa biết yêu cầu đã được ghi nhận hay chưa. Hãy gửi lại sau giây lát; "
                        + "yêu cầu gửi lại với cùng Idempotency-Key chỉ được ghi một lần. (The database could not be reached; "
                        + "whether the write was applied is not known. Send it again in a moment: sent again under the same "
                        + "Idempotency-Key, it is applied once.)"
                : "Không kết nối được cơ sở dữ liệu; hãy thử lại sau giây lát. (The database could not be reached; "
                        + "try again in a moment.)";
    }

    /** The detail of an {@link #ofStatus} answer: no field or rule to name, only what happened. */
    public String detailWithoutHandler() {
        if (this == UNAVAILABLE) {
            return unavailableDetail(false);
        }
        return this == INTERNAL ? "Lỗi hệ thống khi xử lý yêu cầu; hãy thử lại sau. (Internal error.)"
                : "Yêu cầu bị từ chối trước khi được xử lý: " + title + ".";
    }
}
