package vn.chibo.query.web;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jakarta.servlet.http.HttpServletResponse;

import vn.chibo.events.problem.DatabaseOutage;
import vn.chibo.events.problem.Problem;

/** Every error of the query API as {@code application/problem+json}. */
@RestControllerAdvice
public class ProblemResponses {
    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private final ProblemWriter problems;

    public ProblemResponses(ProblemWriter problems) {
        this.problems = problems;
    }

    private static ResponseEntity<ProblemDetail> answer(Problem problem, String detail, String field) {
        return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemWriter.body(problem, detail, field));
    }

    @ExceptionHandler(QueryRefused.class)
    ResponseEntity<ProblemDetail> refused(QueryRefused e) {
        return answer(e.problem(), e.getMessage(), e.field());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return answer(Problem.INVALID_VALUE,
                "Giá trị '" + e.getValue() + "' của '" + e.getName() + "' không hợp lệ. (Invalid value.)", e.getName());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e) {
        return answer(Problem.INVALID_VALUE,
                "Thiếu tham số '" + e.getParameterName() + "'. (Missing parameter.)", e.getParameterName());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return answer(Problem.NOT_FOUND, "Không có địa chỉ /" + e.getResourcePath() + ". (No such path.)", null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<ProblemDetail> answer = answer(Problem.METHOD_NOT_ALLOWED,
                "Phương thức " + e.getMethod() + " không dùng được ở địa chỉ này. (Method not allowed.)", null);
        // RFC 9110 §15.5.6: a 405 says which methods the address takes
        return ResponseEntity.status(answer.getStatusCode()).headers(e.getHeaders()).headers(answer.getHeaders())
                .body(answer.getBody());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return answer(Problem.NOT_ACCEPTABLE,
                "Chỉ trả lời application/json hoặc text/csv. (Only JSON or CSV.)", "Accept");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletResponse response) throws IOException {
        if (DatabaseOutage.causes(e)) {
            // a restart or failover of PostgreSQL, not a fault of this service: a warning, and the client asks again (the
            // trace still shows a connection used after it was closed, or a pool emptied by a leak, should that be it)
            log.warn("The database could not be reached", e);
            problems.unavailable(response);
            return null; // answered
        }
        log.error("Unexpected error", e);
        return answer(Problem.INTERNAL, "Lỗi hệ thống; hãy thử lại sau. (Internal error.)", null);
    }
}
