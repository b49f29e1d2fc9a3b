package vn.chibo.events.task;

import java.time.LocalDate;
import java.util.UUID;

public record TaskCompleted(UUID taskId, UUID cellId, LocalDate completedOn, boolean late, String note) implements TaskEvent {
}
