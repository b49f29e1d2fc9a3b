package vn.chibo.events.task;

import java.util.UUID;

public record TaskReopened(UUID taskId, UUID cellId, String reason) implements TaskEvent {
}
