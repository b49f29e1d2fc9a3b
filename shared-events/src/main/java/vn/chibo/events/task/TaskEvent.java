package vn.chibo.events.task;

import java.util.UUID;

/** What happens to a task assigned to a member. */
public sealed interface TaskEvent permits TaskAssigned, TaskCompleted, TaskReopened, TaskCancelled {
    UUID taskId();
}
