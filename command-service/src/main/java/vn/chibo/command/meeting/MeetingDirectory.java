package vn.chibo.command.meeting;

import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.chibo.command.orgunit.DirectoryProcessing;
import vn.chibo.events.meeting.MeetingScheduled;

/** Which cell a meeting belongs to, so a write to it is checked against the caller's scope before it is sent. */
@Component
@ProcessingGroup(DirectoryProcessing.GROUP)
public class MeetingDirectory {
    private final JdbcClient jdbc;

    public MeetingDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MeetingScheduled e) {
        jdbc.sql("INSERT INTO event_store.meeting_directory (meeting_id, cell_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(e.meetingId(), e.cellId()).update();
    }

    public Optional<UUID> cellOf(UUID meetingId) {
        return jdbc.sql("SELECT cell_id FROM event_store.meeting_directory WHERE meeting_id = ?")
                .param(meetingId).query(UUID.class).optional();
    }
}
