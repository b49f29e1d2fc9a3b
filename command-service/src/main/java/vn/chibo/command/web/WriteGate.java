package vn.chibo.command.web;

import java.util.Set;
import java.util.concurrent.Semaphore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * At most {@code chibo.command.concurrent-writes} writes are handled at once (default: four per core); the others
 * wait their turn, first come first served. A write is CPU work on the service and on PostgreSQL, and on two cores
 * 32 of them at once went slower in all than 8 (issue 7: 1,379 against 1,621 commands/s). Only the handler waits
 * behind the gate: Tomcat keeps its threads for the connections, so a slow upload from a weak line ties up a
 * thread, not a turn, when its body was read before (a write with an {@code Idempotency-Key} is read whole first).
 */
@Component
public class WriteGate implements HandlerInterceptor, WebMvcConfigurer {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String HELD = WriteGate.class.getName() + ".held";

    private final int capacity;
    private final Semaphore turns;

    public WriteGate(@Value("${chibo.command.concurrent-writes:0}") int concurrentWrites) {
        this.capacity = concurrentWrites > 0 ? concurrentWrites : 4 * Runtime.getRuntime().availableProcessors();
        this.turns = new Semaphore(capacity, true);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws InterruptedException {
        if (WRITES.contains(request.getMethod())) {
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
    public int capacity() {
        return capacity;
    }

    /** Turns free now (all of them when no write is being handled). */
    public int freeTurns() {
        return turns.availablePermits();
    }

    /** Whether a write is waiting for its turn. */
    boolean anyWaiting() {
        return turns.hasQueuedThreads();
    }
}
