package vn.chibo.command.web;

import java.util.concurrent.Semaphore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * At most {@code chibo.command.concurrent-writes} writes are handled at once (default: two per core); the others
 * wait their turn, first come first served, as they would for a free Tomcat thread. A write is CPU work on the
 * service and on PostgreSQL, and on two cores 32 of them at once cost about a third more CPU per command than 8
 * (issue 7); 4 at once kept the projection lag lower than 8 at the same rate. The gate stands in front of the
 * handlers rather than limiting Tomcat's threads, so a slow upload from a weak line whose body is read before (a
 * write with an {@code Idempotency-Key} is read whole first) holds a thread, not a turn. Logging in is not a write of the records and does not wait; a second dispatch of the same
 * request (an error page) takes no second turn.
 */
@Component
public class WriteGate implements HandlerInterceptor, WebMvcConfigurer {
    private static final String HELD = WriteGate.class.getName() + ".held";

    private final int capacity;
    private final Semaphore turns;

    public WriteGate(@Value("${chibo.command.concurrent-writes:0}") int concurrentWrites) {
        this.capacity = concurrentWrites > 0 ? concurrentWrites : 2 * Runtime.getRuntime().availableProcessors();
        this.turns = new Semaphore(capacity, true);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws InterruptedException {
        if (WriteRequests.isRecordWrite(request) && request.getAttribute(HELD) == null) {
            turns.acquire();
            request.setAttribute(HELD, Boolean.TRUE);
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (request.getAttribute(HELD) != null) {
            request.removeAttribute(HELD);
            turns.release();
        }
    }

    /** How many writes may be handled at once. */
    int capacity() {
        return capacity;
    }

    /** Turns free now (all of them when no write is being handled). */
    int freeTurns() {
        return turns.availablePermits();
    }

    /** Whether a write is waiting for its turn. */
    boolean anyWaiting() {
        return turns.hasQueuedThreads();
    }
}
