package vn.chibo.events.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ProblemTest {
    @Test
    void a_status_chosen_before_any_controller_has_a_problem_of_that_status() {
        assertThat(Problem.ofStatus(400)).isEqualTo(Problem.MALFORMED_REQUEST);
        assertThat(Problem.ofStatus(401)).isEqualTo(Problem.UNAUTHENTICATED);
        assertThat(Problem.ofStatus(404)).isEqualTo(Problem.NOT_FOUND);
        assertThat(Problem.ofStatus(405)).isEqualTo(Problem.METHOD_NOT_ALLOWED);
        assertThat(Problem.ofStatus(403)).isEqualTo(Problem.FORBIDDEN_ROLE);
        assertThat(Problem.ofStatus(415)).isEqualTo(Problem.UNSUPPORTED_MEDIA_TYPE);
        assertThat(Problem.ofStatus(409)).as("no rule's type for a status alone").isEqualTo(Problem.INTERNAL);
        assertThat(Problem.ofStatus(422)).isEqualTo(Problem.INTERNAL);
        assertThat(Problem.ofStatus(503)).isEqualTo(Problem.UNAVAILABLE);
        assertThat(Problem.ofStatus(999)).as("a status the catalogue lacks").isEqualTo(Problem.INTERNAL);
        assertThat(Problem.NOT_FOUND.detailWithoutHandler()).contains("từ chối").contains("not found");
        assertThat(Problem.INTERNAL.detailWithoutHandler()).as("not a refusal: it may come after a write")
                .doesNotContain("từ chối");
    }

    @Test
    void codes_are_unique_and_types_follow_them() {
        assertThat(Arrays.stream(Problem.values()).map(Problem::code).distinct().count()).isEqualTo(Problem.values().length);
        assertThat(Problem.NOT_FOUND.type()).isEqualTo("/problems/not-found");
    }

    @Test
    void the_database_s_unavailability_is_told_by_its_sqlstate_anywhere_under_an_error() {
        SQLException dropped = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        assertThat(DatabaseOutage.causes(new IllegalStateException("JDBC rollback failed", new RuntimeException(dropped)))).isTrue();
        assertThat(DatabaseOutage.causes(new SQLException("This connection has been closed.", "08003"))).isTrue();
        assertThat(DatabaseOutage.causes(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(DatabaseOutage.causes(new SQLTransientConnectionException("Connection is not available, request timed out")))
                .as("the pool had none to give").isTrue();
        assertThat(DatabaseOutage.causes(new IllegalStateException("JDBC rollback failed", new SQLException("Connection is closed"))))
                .as("HikariCP's connection closed after PostgreSQL dropped it").isTrue();
        assertThat(DatabaseOutage.causes(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(DatabaseOutage.causes(new SQLException("canceling statement due to lock timeout", "55P03"))).isFalse();
        assertThat(DatabaseOutage.causes(new SQLException("no state"))).isFalse();
        assertThat(DatabaseOutage.causes(new IllegalStateException("a bug"))).isFalse();
        assertThat(Problem.unavailableDetail(true)).as("a write may have been applied").contains("Idempotency-Key")
                .contains("chưa biết");
        assertThat(Problem.UNAVAILABLE.detailWithoutHandler()).isEqualTo(Problem.unavailableDetail(false));
    }
}
