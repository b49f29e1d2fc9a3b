package vn.chibo.command.meeting;

import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.chibo.command.orgunit.CellOfRecord;
import vn.chibo.command.orgunit.DirectoryProcessing;
import vn.chibo.events.meeting.MeetingScheduled;

/** Which cell a meeting belongs to, so a write to it is checked against the caller's scope before it is sent. */
@Component
@ProcessingGroup(DirectoryProcessing.GROUP)
public class MeetingDirectory {
    private final CellOfRecord cells;

    public MeetingDirectory(JdbcClient jdbc) {
        this.cells = new CellOfRecord(jdbc, "meeting_directory", "meeting_id");
    }

    @EventHandler
    void on(MeetingScheduled e) {
        cells.record(e.meetingId(), e.cellId());
    }

    public Optional<UUID> cellOf(UUID meetingId) {
        return cells.cellOf(meetingId);
    }
}
