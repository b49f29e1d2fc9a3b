package vn.chibo.command.register;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import vn.chibo.command.register.RegisterImportController.LineRefused;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.events.problem.Problem;

/**
 * Which failures of an import line's command are the line's fault (answered as a line error, 422) and which are
 * answered as any write's failure would be: the file is not at fault when the database is away or our code fails.
 */
class ImportLineRefusalTest {

    @Test
    void a_broken_rule_is_the_lines_refusal_and_keeps_its_line() {
        RuleBroken rule = new RuleBroken(Problem.NOT_FOUND, "Không tìm thấy chi bộ. (Unknown cell.)", "cellId");

        RuntimeException answered = RegisterImportController.lineRefused(7, rule);

        assertThat(answered).isInstanceOf(LineRefused.class).hasCause(rule);
    }

    @Test
    void an_outage_an_unknown_record_and_a_fault_of_ours_are_not_blamed_on_the_line() {
        RuntimeException outage = new CannotGetJdbcConnectionException("Connection refused");
        RuntimeException unknown = new AggregateNotFoundException("m-1", "no member m-1");
        RuntimeException ours = new IllegalStateException("a bug");

        assertThat(RegisterImportController.lineRefused(3, outage)).isSameAs(outage);
        assertThat(RegisterImportController.lineRefused(3, unknown)).isSameAs(unknown);
        assertThat(RegisterImportController.lineRefused(3, ours)).isSameAs(ours);
    }
}
