package vn.chibo.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** At most so many writes are handled at once; reads never wait; a turn is given back once, even after a failure. */
class WriteGateTest {
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void a_write_beyond_the_capacity_waits_until_one_ends_and_reads_never_wait() throws Exception {
        WriteGate gate = new WriteGate(2);
        MockHttpServletRequest first = new MockHttpServletRequest("POST", "/api/tasks/1/complete");
        MockHttpServletRequest second = new MockHttpServletRequest("PUT", "/api/meetings/2/minutes");
        MockHttpServletRequest third = new MockHttpServletRequest("POST", "/api/cells/3/tasks");
        MockHttpServletRequest read = new MockHttpServletRequest("GET", "/api/accounts/me");
        gate.preHandle(first, response, null);
        gate.preHandle(second, response, null);
        assertThat(gate.freeTurns()).isZero();
        assertThat(gate.preHandle(read, response, null)).as("a read goes through at once").isTrue();

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.preHandle(third, response, null);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long giveUp = System.nanoTime() + 30_000_000_000L;
        while (!gate.anyWaiting() && System.nanoTime() < giveUp) {
            Thread.sleep(1);
        }
        assertThat(waiting).as("the third write waits for a turn").isNotDone();

        gate.afterCompletion(first, response, null, new IllegalStateException("the handler failed"));
        assertThat(waiting.get()).as("and goes on when the first ends, even in failure").isTrue();
        gate.afterCompletion(first, response, null, null);
        assertThat(gate.freeTurns()).as("a turn is given back once").isZero();

        gate.afterCompletion(second, response, null, null);
        gate.afterCompletion(third, response, null, null);
        gate.afterCompletion(read, response, null, null);
        assertThat(gate.freeTurns()).isEqualTo(2);
    }

    @Test
    void logging_in_and_a_second_dispatch_of_the_same_write_take_no_turn() throws Exception {
        WriteGate gate = new WriteGate(1);
        MockHttpServletRequest login = new MockHttpServletRequest("POST", "/api/auth/token");
        MockHttpServletRequest write = new MockHttpServletRequest("POST", "/api/cells/3/tasks");

        gate.preHandle(login, response, null);
        assertThat(gate.freeTurns()).as("a login does not wait behind writes").isEqualTo(1);
        gate.preHandle(write, response, null);
        assertThat(gate.preHandle(write, response, null)).as("the same request again (an error page) goes on").isTrue();
        assertThat(gate.freeTurns()).isZero();
        gate.afterCompletion(write, response, null, null);
        gate.afterCompletion(write, response, null, null);
        gate.afterCompletion(login, response, null, null);
        assertThat(gate.freeTurns()).as("one turn taken, one given back").isEqualTo(1);
    }

    @Test
    void without_a_setting_it_allows_two_writes_per_core() {
        assertThat(new WriteGate(0).capacity()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
    }
}
