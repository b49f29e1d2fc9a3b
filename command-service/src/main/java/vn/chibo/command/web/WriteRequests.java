package vn.chibo.command.web;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which requests write: the HTTP methods that change something. Logging in is a POST too, but it asks for a token
 * and changes no record, so it is not a write of the records (not logged as a refused write, not gated).
 */
public final class WriteRequests {
    public static final String LOGIN = "/api/auth/token";
    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private WriteRequests() {
    }

    /** POST, PUT, PATCH or DELETE. */
    public static boolean isWrite(HttpServletRequest request) {
        return METHODS.contains(request.getMethod());
    }

    /** A write other than logging in. */
    public static boolean isRecordWrite(HttpServletRequest request) {
        return isWrite(request) && !LOGIN.equals(request.getRequestURI());
    }
}
