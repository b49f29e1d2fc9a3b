package vn.chibo.command.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import vn.chibo.events.problem.Problem;

/** Builds the RFC 9457 body every error answers with: type, title, status, detail, and the field concerned. */
public final class ProblemBody {
    private ProblemBody() {
    }

    public static ProblemDetail of(Problem problem, String detail, String field) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(problem.status()), detail);
        body.setType(URI.create(problem.type()));
        body.setTitle(problem.title());
        body.setProperty("code", problem.code());
        if (field != null) {
            body.setProperty("field", field);
        }
        return body;
    }

    public static ProblemDetail of(Problem problem, String detail, String field, List<Map<String, String>> errors) {
        ProblemDetail body = of(problem, detail, field);
        body.setProperty("errors", errors);
        return body;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail body) {
        return ResponseEntity.status(body.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
