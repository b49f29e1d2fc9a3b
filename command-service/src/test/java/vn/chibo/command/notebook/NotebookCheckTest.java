package vn.chibo.command.notebook;

import static vn.chibo.command.testing.RuleMatchers.refusedWith;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.chibo.command.notebook.NotebookCheck.CheckNotebooks;
import vn.chibo.command.testing.FakeMeetingWorld;
import vn.chibo.events.VietnamTime;
import vn.chibo.events.notebook.NotebookResult;
import vn.chibo.events.notebook.NotebooksChecked;
import vn.chibo.events.organisation.MemberStatus;
import vn.chibo.events.problem.Problem;

class NotebookCheckTest {
    private static final UUID CHECK = UUID.randomUUID();
    private static final UUID CELL = UUID.randomUUID();
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();

    private AggregateTestFixture<NotebookCheck> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(NotebookCheck.class);
        fixture.registerInjectableResource(new FakeMeetingWorld().member(A, MemberStatus.FULL).member(B, MemberStatus.PROBATIONARY));
        fixture.registerInjectableResource(Clock.fixed(ZonedDateTime.of(2026, 11, 24, 9, 0, 0, 0, VietnamTime.ZONE).toInstant(),
                VietnamTime.ZONE));
    }

    @Test
    void a_check_records_a_result_per_member() {
        List<NotebookResult> results = List.of(new NotebookResult(A, true, null), new NotebookResult(B, false, "Ghi chép chưa đầy đủ"));
        fixture.givenNoPriorActivity()
                .when(new CheckNotebooks(CHECK, CELL, LocalDate.of(2026, 11, 20), results))
                .expectEvents(new NotebooksChecked(CHECK, CELL, LocalDate.of(2026, 11, 20), results));
    }

    @Test
    void a_stranger_a_member_twice_or_a_future_date_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new CheckNotebooks(CHECK, CELL, LocalDate.of(2026, 11, 20), List.of(new NotebookResult(UUID.randomUUID(), true, null))))
                .expectException(refusedWith(Problem.NOT_A_MEMBER));
        fixture.givenNoPriorActivity()
                .when(new CheckNotebooks(CHECK, CELL, LocalDate.of(2026, 11, 20),
                        List.of(new NotebookResult(A, true, null), new NotebookResult(A, false, null))))
                .expectException(refusedWith(Problem.INVALID_VALUE));
        fixture.givenNoPriorActivity()
                .when(new CheckNotebooks(CHECK, CELL, LocalDate.of(2026, 11, 25), List.of(new NotebookResult(A, true, null))))
                .expectException(refusedWith(Problem.DATE_IN_FUTURE));
    }
}
