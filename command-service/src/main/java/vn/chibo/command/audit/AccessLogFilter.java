package vn.chibo.command.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import vn.chibo.command.web.CommandSender;
import vn.chibo.command.web.WriteRequests;
import vn.chibo.events.access.Caller;

/**
 * Nhật ký truy cập: every write refused as out of scope (403), conflicting (409) or against a rule (422) is kept in
 * {@code event_store.access_log}, in a transaction of its own (the refused one wrote nothing), so an inspector sees
 * the attempts and not only what was accepted.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class AccessLogFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(AccessLogFilter.class);
    private static final Set<Integer> LOGGED = Set.of(403, 409, 422);
    private static final Pattern CELL = Pattern.compile("/api/cells/([0-9a-fA-F-]{36})");
    private static final String TARGET_ATTRIBUTE = AccessLogFilter.class.getName() + ".target";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public AccessLogFilter(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The unit the current write targets, once it is known (a meeting's, task's or member's cell is looked up by the
     * controller): a refusal is then kept under that unit, and the committees above it see it in their audit log.
     */
    public static void rememberTarget(UUID unitId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && unitId != null) {
            request.setAttribute(TARGET_ATTRIBUTE, unitId, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** As {@link #rememberTarget}, unless a target is known already (the unit a scope check was made for). */
    public static void rememberTargetUnlessKnown(UUID unitId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(TARGET_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) == null) {
            rememberTarget(unitId);
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WriteRequests.isRecordWrite(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, cached);
        } finally {
            if (LOGGED.contains(cached.getStatus())) {
                record(request, cached);
            }
            cached.copyBodyToResponse();
        }
    }

    private void record(HttpServletRequest request, ContentCachingResponseWrapper response) {
        try {
            String problem = null;
            String detail = null;
            byte[] body = response.getContentAsByteArray();
            if (body.length > 0) {
                JsonNode node = json.readTree(new String(body, StandardCharsets.UTF_8));
                problem = node.path("code").asText(null);
                detail = node.path("detail").asText(null);
            }
            String actor = null;
            String role = null;
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth instanceof JwtAuthenticationToken token) {
                actor = token.getName();
                role = token.getToken().getClaimAsString(Caller.CLAIM_ROLE);
            }
            UUID unit = (UUID) request.getAttribute(TARGET_ATTRIBUTE);
            if (unit == null) {
                Matcher cell = CELL.matcher(request.getRequestURI());
                unit = cell.find() ? UUID.fromString(cell.group(1)) : null;
            }
            jdbc.sql("""
                    INSERT INTO event_store.access_log (actor, actor_role, method, path, status, problem, detail, unit_id, correlation)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(actor, role, request.getMethod(), request.getRequestURI(), response.getStatus(), problem, detail, unit,
                            request.getHeader(CommandSender.CORRELATION_HEADER))
                    .update();
        } catch (RuntimeException | IOException e) {
            log.warn("Could not record a refused write in the access log", e);
        }
    }
}
