package vn.chibo.command.task;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import vn.chibo.command.rules.CellRoster;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.command.task.TaskCommands.AssignTask;
import vn.chibo.command.task.TaskCommands.CancelTask;
import vn.chibo.command.task.TaskCommands.CompleteTask;
import vn.chibo.command.task.TaskCommands.ReopenTask;
import vn.chibo.events.problem.Problem;
import vn.chibo.events.task.TaskAssigned;
import vn.chibo.events.task.TaskCancelled;
import vn.chibo.events.task.TaskCompleted;
import vn.chibo.events.task.TaskReopened;

/**
 * Nhiệm vụ: a concrete task the cell assigns to a member with a deadline (Asia/Ho_Chi_Minh dates), done,
 * reopened or cancelled. Whether it is overdue is a matter of the day it is read, so the read side computes it.
 */
@Aggregate(cache = "taskCache")
public class Task {
    enum Status { OPEN, DONE, CANCELLED }

    @AggregateIdentifier
    private UUID taskId;
    private UUID cellId;
    private LocalDate dueOn;
    private Status status;

    protected Task() {
    }

    @CommandHandler
    public Task(AssignTask cmd, CellRoster roster, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        LocalDate assigned = cmd.assignedOn() == null ? today : cmd.assignedOn();
        if (assigned.isAfter(today)) {
            throw new RuleBroken(Problem.DATE_IN_FUTURE, "Ngày giao nhiệm vụ chưa tới. (assignedOn lies in the future.)", "assignedOn");
        }
        if (!roster.isMemberOn(cmd.cellId(), cmd.memberId(), assigned)) {
            throw new RuleBroken(Problem.NOT_A_MEMBER, "Đảng viên " + cmd.memberId() + " không sinh hoạt tại chi bộ. (Not a member.)",
                    "memberId");
        }
        if (cmd.dueOn().isBefore(assigned)) {
            throw new RuleBroken(Problem.TASK_DEADLINE, "Hạn hoàn thành " + cmd.dueOn() + " trước ngày giao " + assigned
                    + ". (The deadline is before the day the task is assigned.)", "dueOn");
        }
        apply(new TaskAssigned(cmd.taskId(), cmd.cellId(), cmd.memberId(), cmd.title().strip(), assigned, cmd.dueOn(), cmd.meetingId()));
    }

    @CommandHandler
    public void handle(CompleteTask cmd, Clock clock) {
        require(Status.OPEN, "Chỉ nhiệm vụ đang mở mới hoàn thành được");
        LocalDate today = LocalDate.now(clock);
        apply(new TaskCompleted(taskId, cellId, today, today.isAfter(dueOn), cmd.note() == null ? null : cmd.note().strip()));
    }

    @CommandHandler
    public void handle(ReopenTask cmd) {
        require(Status.DONE, "Chỉ nhiệm vụ đã hoàn thành mới mở lại được");
        apply(new TaskReopened(taskId, cellId, cmd.reason().strip()));
    }

    @CommandHandler
    public void handle(CancelTask cmd) {
        require(Status.OPEN, "Chỉ nhiệm vụ đang mở mới hủy được");
        apply(new TaskCancelled(taskId, cellId, cmd.reason().strip()));
    }

    private void require(Status expected, String detail) {
        if (status != expected) {
            throw new RuleBroken(Problem.TASK_STATE, detail + "; nhiệm vụ đang ở trạng thái " + status + ". (Task is " + status + ".)");
        }
    }

    @EventSourcingHandler
    void on(TaskAssigned e) {
        taskId = e.taskId();
        cellId = e.cellId();
        dueOn = e.dueOn();
        status = Status.OPEN;
    }

    @EventSourcingHandler
    void on(TaskCompleted e) {
        status = Status.DONE;
    }

    @EventSourcingHandler
    void on(TaskReopened e) {
        status = Status.OPEN;
    }

    @EventSourcingHandler
    void on(TaskCancelled e) {
        status = Status.CANCELLED;
    }
}
