package vn.chibo.command.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import vn.chibo.command.member.MemberDirectory;
import vn.chibo.events.problem.DatabaseOutage;
import vn.chibo.events.problem.Problem;
import vn.chibo.command.rules.RuleBroken;

/**
 * Every error of the command API as {@code application/problem+json}: a stable type, a Vietnamese detail with
 * the English after it, and the offending field. Exceptions that reach here have written nothing: the
 * transaction of the command was rolled back.
 */
@RestControllerAdvice
public class ProblemResponses {
    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private final ProblemWriter problems;

    public ProblemResponses(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(RuleBroken.class)
    ResponseEntity<ProblemDetail> ruleBroken(RuleBroken e) {
        return ProblemBody.response(ProblemBody.of(e.problem(), e.detail(), e.field()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return ProblemBody.response(ProblemBody.of(Problem.NOT_FOUND,
                "Không tìm thấy bản ghi " + e.getAggregateIdentifier() + ". (Unknown record.)", null));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return ProblemBody.response(ProblemBody.of(Problem.NOT_FOUND,
                "Không có địa chỉ /" + e.getResourcePath() + ". (No such path.)", null));
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<ProblemDetail> staleVersion(ConflictingAggregateVersionException e) {
        ProblemDetail body = ProblemBody.of(Problem.STALE_VERSION,
                "Bản ghi đã được sửa (phiên bản hiện tại " + e.getActualVersion() + ", bạn gửi " + e.getExpectedVersion()
                        + "); hãy tải lại rồi gửi lại. (The record changed since you read it; reload and retry.)",
                "If-Match");
        body.setProperty("currentVersion", e.getActualVersion());
        return ProblemBody.response(body);
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> duplicateId(AggregateStreamCreationException e) {
        return ProblemBody.response(ProblemBody.of(Problem.DUPLICATE,
                "Mã bản ghi đã được dùng. (A record with this id already exists.)", "id"));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrencyException e) {
        return ProblemBody.response(ProblemBody.of(Problem.STALE_VERSION,
                "Bản ghi vừa được người khác sửa cùng lúc; hãy gửi lại. (Concurrent change; retry.)", null));
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> duplicateKey(DuplicateKeyException e) {
        if (String.valueOf(e.getMessage()).contains(MemberDirectory.UNIQUE_CARD)) {
            return ProblemBody.response(ProblemBody.of(Problem.MEMBER_ELSEWHERE,
                    "Số thẻ đảng viên đã được đăng ký. (This card number is already registered.)", "cardNumber"));
        }
        return ProblemBody.response(ProblemBody.of(Problem.DUPLICATE, "Bản ghi đã tồn tại. (Duplicate.)", null));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        StreamReadException syntax = causeOfType(e, StreamReadException.class);
        if (syntax != null) {
            return ProblemBody.response(ProblemBody.of(Problem.MALFORMED_REQUEST,
                    "Nội dung yêu cầu không phải JSON hợp lệ: " + syntax.getOriginalMessage() + ". (Malformed JSON.)", null));
        }
        Throwable cause = causeOfType(e, JsonProcessingException.class);
        if (cause instanceof UnrecognizedPropertyException u) {
            String field = path(u);
            return ProblemBody.response(ProblemBody.of(Problem.UNKNOWN_FIELD,
                    "Trường '" + field + "' không có trong yêu cầu này. (Unknown field; accepted: "
                            + u.getKnownPropertyIds() + ".)", field));
        }
        if (cause instanceof InvalidFormatException f) {
            String field = path(f);
            return ProblemBody.response(ProblemBody.of(Problem.INVALID_VALUE,
                    "Giá trị '" + f.getValue() + "' của trường '" + field + "' không đúng kiểu "
                            + f.getTargetType().getSimpleName() + ". (Wrong type or format.)", field));
        }
        if (cause instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String field = path(m);
            return ProblemBody.response(ProblemBody.of(Problem.INVALID_VALUE,
                    "Trường '" + field + "' không đúng kiểu. (Wrong type.)", field));
        }
        if (cause instanceof MismatchedInputException m && String.valueOf(m.getOriginalMessage()).startsWith("Trailing token")) {
            return ProblemBody.response(ProblemBody.of(Problem.MALFORMED_REQUEST,
                    "Sau đối tượng JSON còn nội dung khác; hãy gửi đúng một đối tượng. (Text after the JSON body.)", null));
        }
        if (cause instanceof MismatchedInputException) {
            // the body itself is of the wrong shape (an array, a string, nothing): Jackson's text names Java classes
            return ProblemBody.response(ProblemBody.of(Problem.MALFORMED_REQUEST,
                    "Nội dung yêu cầu phải là một đối tượng JSON {...} với các trường của lệnh này. "
                            + "(The body must be a JSON object.)", null));
        }
        if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = path(m);
            return ProblemBody.response(ProblemBody.of(Problem.INVALID_VALUE,
                    "Giá trị của trường '" + field + "' không hợp lệ. (Invalid value.)", field));
        }
        String why = cause instanceof JsonProcessingException j ? j.getOriginalMessage() : "thiếu nội dung (no body)";
        return ProblemBody.response(ProblemBody.of(Problem.MALFORMED_REQUEST,
                "Nội dung yêu cầu không phải JSON hợp lệ: " + why + ". (Malformed JSON.)", null));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors();
        FieldError first = errors.get(0);
        boolean missing = first.getRejectedValue() == null;
        List<Map<String, String>> all = errors.stream()
                .map(f -> Map.of("field", f.getField(), "detail", String.valueOf(f.getDefaultMessage())))
                .collect(Collectors.toList());
        Problem problem = missing ? Problem.MISSING_FIELD : Problem.INVALID_VALUE;
        String detail = missing
                ? "Thiếu trường bắt buộc '" + first.getField() + "'. (Missing field.)"
                : "Trường '" + first.getField() + "': " + first.getDefaultMessage() + ". (Invalid value.)";
        return ProblemBody.response(ProblemBody.of(problem, detail, first.getField(), all));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return ProblemBody.response(ProblemBody.of(Problem.INVALID_VALUE,
                "Giá trị '" + e.getValue() + "' của '" + e.getName() + "' không hợp lệ. (Invalid value.)", e.getName()));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return ProblemBody.response(ProblemBody.of(Problem.MISSING_FIELD,
                "Thiếu header '" + e.getHeaderName() + "'. (Missing header.)", e.getHeaderName()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return ProblemBody.response(ProblemBody.of(Problem.UNSUPPORTED_MEDIA_TYPE,
                "Hãy gửi nội dung dạng application/json. (Send application/json.)", "Content-Type"));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ProblemBody.response(ProblemBody.of(Problem.NOT_ACCEPTABLE,
                "Các lệnh ghi chỉ trả lời application/json. (Writes answer JSON only.)", "Accept"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<ProblemDetail> answer = ProblemBody.response(ProblemBody.of(Problem.METHOD_NOT_ALLOWED,
                "Phương thức " + e.getMethod() + " không dùng được ở địa chỉ này. (Method not allowed.)", null));
        // RFC 9110 §15.5.6: a 405 says which methods the address takes
        return ResponseEntity.status(answer.getStatusCode()).headers(e.getHeaders()).headers(answer.getHeaders())
                .body(answer.getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        RuleBroken rule = causeOfType(e, RuleBroken.class);
        if (rule != null) {
            return ruleBroken(rule);
        }
        DuplicateKeyException duplicate = causeOfType(e, DuplicateKeyException.class);
        if (duplicate != null) {
            return duplicateKey(duplicate);
        }
        if (DatabaseOutage.causes(e)) {
            // a restart or failover of PostgreSQL, not a fault of this service: a warning, and the client sends again (the
            // trace still shows a connection used after it was closed, or a pool emptied by a leak, should that be it)
            log.warn("The database could not be reached", e);
            problems.unavailable(response, WriteRequests.isWrite(request));
            return null; // answered
        }
        log.error("Unexpected error", e);
        return ProblemBody.response(ProblemBody.of(Problem.INTERNAL,
                "Lỗi hệ thống; yêu cầu chưa được ghi nhận, hãy thử lại sau. (Internal error; nothing was written.)", null));
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
