package vn.chibo.command.task;

import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Commands on a task assigned to a member. */
public final class TaskCommands {
    private TaskCommands() {
    }

    /** {@code assignedOn} null means today; in the past when tasks of paper minutes are entered afterwards. */
    public record AssignTask(@TargetAggregateIdentifier UUID taskId, UUID cellId, UUID memberId, String title, LocalDate dueOn,
                             UUID meetingId, LocalDate assignedOn) {
    }

    public record CompleteTask(@TargetAggregateIdentifier UUID taskId, String note, @TargetAggregateVersion Long expectedVersion) {
    }

    public record ReopenTask(@TargetAggregateIdentifier UUID taskId, String reason, @TargetAggregateVersion Long expectedVersion) {
    }

    public record CancelTask(@TargetAggregateIdentifier UUID taskId, String reason, @TargetAggregateVersion Long expectedVersion) {
    }
}
