package vn.chibo.query.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletResponse;

import vn.chibo.events.problem.Problem;

/** Builds RFC 9457 bodies, and writes them from filters where no controller advice applies. */
@Component
public class ProblemWriter {
    private final ObjectMapper json;

    public ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    public static ProblemDetail body(Problem problem, String detail, String field) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(problem.status()), detail);
        body.setType(URI.create(problem.type()));
        body.setTitle(problem.title());
        body.setProperty("code", problem.code());
        if (field != null) {
            body.setProperty("field", field);
        }
        return body;
    }

    public void write(HttpServletResponse response, Problem problem, String detail, String field) throws IOException {
        response.resetBuffer();
        response.setStatus(problem.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), body(problem, detail, field));
    }

    /**
     * 401 with the challenge RFC 6750 asks for: the client is told to send a bearer token, or, when the one it sent was
     * refused ({@code OAuth2AuthenticationException}: expired, forged, malformed), that it is invalid.
     */
    public void unauthenticated(HttpServletResponse response, AuthenticationException why) throws IOException {
        boolean tokenRefused = why instanceof OAuth2AuthenticationException;
        response.setHeader("WWW-Authenticate", Problem.bearerChallenge(tokenRefused));
        write(response, Problem.UNAUTHENTICATED, Problem.unauthenticatedDetail(tokenRefused), "Authorization");
    }

    /**
     * 503 with {@code Retry-After}: the database could not be reached ({@code DatabaseOutage}); the request may be sent
     * again (this service keeps no Idempotency-Keys: its few writes, a replay or a retry of dead letters, are safe to
     * ask for again).
     */
    public void unavailable(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", String.valueOf(Problem.RETRY_AFTER_SECONDS));
        write(response, Problem.UNAVAILABLE, Problem.unavailableDetail(false), null);
    }
}
