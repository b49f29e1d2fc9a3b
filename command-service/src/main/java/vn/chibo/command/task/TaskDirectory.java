package vn.chibo.command.task;

import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.chibo.command.orgunit.DirectoryProcessing;
import vn.chibo.events.task.TaskAssigned;

/** Which cell a task belongs to, so a write to it is checked against the caller's scope before it is sent. */
@Component
@ProcessingGroup(DirectoryProcessing.GROUP)
public class TaskDirectory {
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
        return jdbc.sql("SELECT cell_id FROM event_store.task_directory WHERE task_id = ?")
                .param(taskId).query(UUID.class).optional();
    }
}
