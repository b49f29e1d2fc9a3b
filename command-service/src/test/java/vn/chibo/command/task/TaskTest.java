package vn.chibo.command.task;

import static vn.chibo.command.testing.RuleMatchers.refusedWith;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.chibo.command.task.TaskCommands.AssignTask;
import vn.chibo.command.task.TaskCommands.CancelTask;
import vn.chibo.command.task.TaskCommands.CompleteTask;
import vn.chibo.command.task.TaskCommands.ReopenTask;
import vn.chibo.command.testing.FakeMeetingWorld;
import vn.chibo.events.VietnamTime;
import vn.chibo.events.organisation.MemberStatus;
import vn.chibo.events.problem.Problem;
import vn.chibo.events.task.TaskAssigned;
import vn.chibo.events.task.TaskCancelled;
import vn.chibo.events.task.TaskCompleted;
import vn.chibo.events.task.TaskReopened;

class TaskTest {
    private static final UUID TASK = UUID.randomUUID();
    private static final UUID CELL = UUID.randomUUID();
    private static final UUID MEMBER = UUID.randomUUID();
    /** 00:30 on 24/11/2026 in Vietnam, still the 23rd in UTC. */
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    private AggregateTestFixture<Task> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Task.class);
        fixture.registerInjectableResource(new FakeMeetingWorld().member(MEMBER, MemberStatus.FULL));
        fixture.registerInjectableResource(Clock.fixed(ZonedDateTime.of(2026, 11, 24, 0, 30, 0, 0, VietnamTime.ZONE).toInstant(),
                VietnamTime.ZONE));
    }

    private static TaskAssigned assigned(LocalDate due) {
        return new TaskAssigned(TASK, CELL, MEMBER, "Vận động đóng quỹ khuyến học", TODAY, due, null);
    }

    @Test
    void a_task_is_assigned_with_a_deadline_not_before_today_in_vietnam() {
        fixture.givenNoPriorActivity()
                .when(new AssignTask(TASK, CELL, MEMBER, " Vận động đóng quỹ khuyến học ", TODAY, null, null))
                .expectEvents(assigned(TODAY));
        fixture.givenNoPriorActivity()
                .when(new AssignTask(TASK, CELL, MEMBER, "Vận động", TODAY.minusDays(1), null, null))
                .expectException(refusedWith(Problem.TASK_DEADLINE));
    }

    @Test
    void a_task_goes_only_to_a_member_of_the_cell() {
        fixture.givenNoPriorActivity()
                .when(new AssignTask(TASK, CELL, UUID.randomUUID(), "Vận động", TODAY.plusDays(7), null, null))
                .expectException(refusedWith(Problem.NOT_A_MEMBER));
    }

    @Test
    void completing_after_the_deadline_is_recorded_as_late() {
        fixture.given(assigned(TODAY.minusDays(3)))
                .when(new CompleteTask(TASK, "Đã thu đủ", null))
                .expectEvents(new TaskCompleted(TASK, CELL, TODAY, true, "Đã thu đủ"));
        fixture.given(assigned(TODAY.plusDays(3)))
                .when(new CompleteTask(TASK, null, null))
                .expectEvents(new TaskCompleted(TASK, CELL, TODAY, false, null));
    }

    @Test
    void only_a_done_task_reopens_and_only_an_open_one_is_cancelled_or_completed() {
        fixture.given(assigned(TODAY), new TaskCompleted(TASK, CELL, TODAY, false, null))
                .when(new ReopenTask(TASK, "Chưa đạt yêu cầu", null))
                .expectEvents(new TaskReopened(TASK, CELL, "Chưa đạt yêu cầu"));
        fixture.given(assigned(TODAY))
                .when(new ReopenTask(TASK, "Mở lại", null))
                .expectException(refusedWith(Problem.TASK_STATE));
        fixture.given(assigned(TODAY), new TaskCancelled(TASK, CELL, "Không còn cần"))
                .when(new CompleteTask(TASK, null, null))
                .expectException(refusedWith(Problem.TASK_STATE));
        fixture.given(assigned(TODAY))
                .when(new CancelTask(TASK, "Không còn cần", null))
                .expectEvents(new TaskCancelled(TASK, CELL, "Không còn cần"));
    }

    @Test
    void a_task_from_paper_minutes_is_entered_with_its_past_assignment_day() {
        fixture.givenNoPriorActivity()
                .when(new AssignTask(TASK, CELL, MEMBER, "Vận động đóng quỹ khuyến học", LocalDate.of(2026, 10, 15), null,
                        LocalDate.of(2026, 10, 3)))
                .expectEvents(new TaskAssigned(TASK, CELL, MEMBER, "Vận động đóng quỹ khuyến học", LocalDate.of(2026, 10, 3),
                        LocalDate.of(2026, 10, 15), null));
        fixture.givenNoPriorActivity()
                .when(new AssignTask(TASK, CELL, MEMBER, "Vận động", LocalDate.of(2026, 12, 15), null, TODAY.plusDays(1)))
                .expectException(refusedWith(Problem.DATE_IN_FUTURE));
    }
}
