package vn.chibo.events.task;

import java.time.LocalDate;
import java.util.UUID;

/** Phân công nhiệm vụ: a task for a member with a deadline, possibly from a meeting's resolution. */
public record TaskAssigned(UUID taskId, UUID cellId, UUID memberId, String title, LocalDate assignedOn, LocalDate dueOn,
                           UUID meetingId) implements TaskEvent {
}
