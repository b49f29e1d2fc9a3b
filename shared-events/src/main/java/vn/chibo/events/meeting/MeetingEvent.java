package vn.chibo.events.meeting;

import java.util.UUID;

/** Everything that happens to one meeting of a cell: its schedule, attendance, votes, score and minutes. */
public sealed interface MeetingEvent permits MeetingScheduled, MeetingRescheduled, MeetingCancelled,
        AttendanceRecorded, VoteRecorded, MeetingScored, MinutesDrafted, MinutesFinalised, MinutesAmended {
    UUID meetingId();
}
