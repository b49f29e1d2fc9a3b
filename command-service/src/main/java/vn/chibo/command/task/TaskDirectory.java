package vn.chibo.command.task;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.chibo.command.orgunit.DirectoryProcessing;
import vn.chibo.command.support.RecentReads;
import vn.chibo.events.task.TaskAssigned;

/** Which cell a task belongs to, so a write to it is checked against the caller's scope before it is sent. */
@Component
@ProcessingGroup(DirectoryProcessing.GROUP)
public class TaskDirectory {
    /** A task never changes cell: what was read once holds (kept an hour, to bound the memory). */
    private final RecentReads<UUID, UUID> cells = new RecentReads<>(Duration.ofHours(1), 50_000);
    private final JdbcClient jdbc;

    public TaskDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TaskAssigned e) {
        jdbc.sql("INSERT INTO event_store.task_directory (task_id, cell_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(e.taskId(), e.cellId()).update();
    }

    public Optional<UUID> cellOf(UUID taskId) {
        return Optional.ofNullable(cells.get(taskId, id -> jdbc.sql("SELECT cell_id FROM event_store.task_directory WHERE task_id = ?")
                .param(id).query(UUID.class).optional().orElse(null)));
    }
}
