package vn.chibo.command.task;

import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Commands on a task assigned to a member. */
public final class TaskCommands {
    private TaskCommands() {
    }

    public record AssignTask(@TargetAggregateIdentifier UUID taskId, UUID cellId, UUID memberId, String title, LocalDate dueOn,
                             UUID meetingId) {
    }

    public record CompleteTask(@TargetAggregateIdentifier UUID taskId, String note, @TargetAggregateVersion Long expectedVersion) {
    }

    public record ReopenTask(@TargetAggregateIdentifier UUID taskId, String reason, @TargetAggregateVersion Long expectedVersion) {
    }

    public record CancelTask(@TargetAggregateIdentifier UUID taskId, String reason, @TargetAggregateVersion Long expectedVersion) {
    }
}
