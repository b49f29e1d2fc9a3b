package vn.chibo.command.task;

import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.chibo.command.orgunit.CellOfRecord;
import vn.chibo.command.orgunit.DirectoryProcessing;
import vn.chibo.events.task.TaskAssigned;

/** Which cell a task belongs to, so a write to it is checked against the caller's scope before it is sent. */
@Component
@ProcessingGroup(DirectoryProcessing.GROUP)
public class TaskDirectory {
    private final CellOfRecord cells;

    public TaskDirectory(JdbcClient jdbc) {
        this.cells = new CellOfRecord(jdbc, "task_directory", "task_id");
    }

    @EventHandler
    void on(TaskAssigned e) {
        cells.record(e.taskId(), e.cellId());
    }

    public Optional<UUID> cellOf(UUID taskId) {
        return cells.cellOf(taskId);
    }
}
