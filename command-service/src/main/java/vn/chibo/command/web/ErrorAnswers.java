package vn.chibo.command.web;

import java.io.IOException;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import vn.chibo.events.problem.DatabaseOutage;
import vn.chibo.events.problem.Problem;

/**
 * What the security firewall or the servlet container refused before any controller could (a path with {@code //},
 * {@code ..} or {@code ;jsessionid}; the error page asked for directly), answered as problem+json like every other
 * refusal instead of Spring Boot's own error body. Spring Security takes the bean as its {@link RequestRejectedHandler}.
 * The words and the statuses' refusals are {@link Problem}'s; this is only each service's Spring glue, as its
 * {@link ProblemWriter} is (shared-events carries no Spring).
 */
@RestController
public class ErrorAnswers implements ErrorController, RequestRejectedHandler {
    private final ProblemWriter problems;

    public ErrorAnswers(ProblemWriter problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // a filter's read or write that met the database unreachable (an account's standing, the access log, a key)
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable error && DatabaseOutage.causes(error)) {
            problems.unavailable(response, WriteRequests.isWrite(request));
            return;
        }
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // no status: the page was asked for directly, and there is no such page
        Problem problem = Problem.ofStatus(status instanceof Integer code ? code : HttpServletResponse.SC_NOT_FOUND);
        problems.write(response, problem, problem.detailWithoutHandler(), null);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        problems.write(response, Problem.MALFORMED_REQUEST, Problem.REJECTED_PATH, "path");
    }
}
