package vn.chibo.query.replay;

import java.io.IOException;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * While a replay rebuilds the read models beside the served ones, the pages answer from the read models as they were
 * when it began, and the events written meanwhile show only once the rebuilt ones are swapped in and have caught up:
 * every answer of the API says so with {@code Chibo-Read-Model: rebuilding}, and the web UI shows it above the page, so
 * nobody looks for a record just sent and takes its absence for a loss.
 */
@Component
public class RebuildingNotice extends OncePerRequestFilter {
    public static final String HEADER = "Chibo-Read-Model";
    public static final String REBUILDING = "rebuilding";

    private final Replays replays;

    public RebuildingNotice(Replays replays) {
        this.replays = replays;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (replays.readModelsPartial()) {
            response.setHeader(HEADER, REBUILDING);
        }
        chain.doFilter(request, response);
    }
}
