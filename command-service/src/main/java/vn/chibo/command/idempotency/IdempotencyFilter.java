package vn.chibo.command.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import vn.chibo.command.idempotency.IdempotencyStore.StoredAnswer;
import vn.chibo.events.problem.DatabaseOutage;
import vn.chibo.events.problem.Problem;
import vn.chibo.command.web.BufferedBody;
import vn.chibo.command.web.ProblemWriter;
import vn.chibo.command.web.WriteRequests;

/**
 * {@code Idempotency-Key} on every write. A key already answered for this user returns that first answer when
 * the request is the same (method, path with its query string, and body) and 409 when it is not. Every write records its answer under
 * its key in its own transaction ({@link IdempotentWrite}); a write whose key is already there (a retry, or the
 * loser of a race) is rolled back, so it writes no event, and gets the first answer. A retry is thus judged
 * again before it is answered, which costs little since retries are rare, and spares every first request a
 * look-up (one round trip to PostgreSQL per command; issue 7).
 */
@Component
public class IdempotencyFilter extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    static final String KEY_ATTRIBUTE = IdempotencyFilter.class.getName() + ".key";
    static final String HASH_ATTRIBUTE = IdempotencyFilter.class.getName() + ".hash";
    private static final int MAX_KEY_LENGTH = 200;

    private final IdempotencyStore store;
    private final ProblemWriter problems;

    public IdempotencyFilter(IdempotencyStore store, ProblemWriter problems) {
        this.store = store;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WriteRequests.isWrite(request) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER).strip();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            problems.write(response, Problem.INVALID_VALUE,
                    "Idempotency-Key phải có từ 1 đến " + MAX_KEY_LENGTH + " ký tự. (Idempotency-Key must be 1 to 200 characters.)",
                    HEADER);
            return;
        }
        String actor = auth.getName();
        byte[] body = request.getInputStream().readAllBytes();
        String hash = hash(request, body);
        // no look-up first: a new key is by far the common case, and a write whose key was already answered cannot
        // record its own answer, so it rolls back and is refused (409), and is then answered below like a lost race
        request.setAttribute(KEY_ATTRIBUTE, key);
        request.setAttribute(HASH_ATTRIBUTE, hash);
        ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
        chain.doFilter(new BufferedBody(request, body), cached);
        // a 503 (the database unreachable) already tells the client to send again: no look-up on a dropped connection
        if (cached.getStatus() >= 400 && cached.getStatus() != Problem.UNAVAILABLE.status()) {
            Optional<StoredAnswer> winner;
            try {
                winner = store.find(actor, key);
            } catch (RuntimeException e) {
                if (!DatabaseOutage.causes(e)) {
                    throw e;
                }
                // the first answer, if any, cannot be read now: the client sends again
                problems.unavailable(cached, true);
                cached.copyBodyToResponse();
                return;
            }
            if (winner.isPresent()) {
                cached.resetBuffer();
                answerWith(winner.get(), hash, cached);
            }
        }
        cached.copyBodyToResponse();
    }

    private void answerWith(StoredAnswer first, String hash, HttpServletResponse response) throws IOException {
        if (!first.requestHash().equals(hash)) {
            problems.write(response, Problem.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key này đã được dùng cho một yêu cầu khác; hãy dùng khóa mới cho yêu cầu mới. "
                            + "(This key was used for a different request.)", HEADER);
            return;
        }
        response.setStatus(first.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Idempotent-Replayed", "true");
        response.getOutputStream().write(first.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            // the query string too (an import's ?dryRun=true is another request); none, and the hash is as it always was
            String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
            digest.update((request.getMethod() + " " + request.getRequestURI() + query + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
