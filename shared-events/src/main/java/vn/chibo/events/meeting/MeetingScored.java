package vn.chibo.events.meeting;

import java.util.Map;
import java.util.UUID;

/** The cell scored its meeting: points per criterion of the scheme in force, the total and the level. */
public record MeetingScored(UUID meetingId, UUID cellId, Map<String, Integer> criteria, int total, MeetingLevel level,
                            int ruleSetVersion) implements MeetingEvent {
}
