package vn.chibo.command.meeting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import vn.chibo.events.meeting.Absence;
import vn.chibo.events.meeting.MeetingKind;
import vn.chibo.events.meeting.MinutesSections;

/** Commands on a meeting of a cell. */
public final class MeetingCommands {
    private MeetingCommands() {
    }

    /** Schedule a meeting; {@code announcedAt} null means now (in the past: a meeting entered after the fact). */
    public record ScheduleMeeting(@TargetAggregateIdentifier UUID meetingId, UUID cellId, MeetingKind kind,
                                  Instant startsAt, String location, String topic, List<String> agenda, UUID chairId,
                                  UUID recorderId, UUID presenterId, String presenterReason, String reason,
                                  Instant announcedAt, boolean combinedSession) {
    }

    public record RescheduleMeeting(@TargetAggregateIdentifier UUID meetingId, Instant startsAt, String reason,
                                    @TargetAggregateVersion Long expectedVersion) {
    }

    public record CancelMeeting(@TargetAggregateIdentifier UUID meetingId, String reason,
                                @TargetAggregateVersion Long expectedVersion) {
    }

    public record RecordAttendance(@TargetAggregateIdentifier UUID meetingId, List<UUID> present, List<Absence> absent,
                                   Instant startedAt, Instant endedAt, @TargetAggregateVersion Long expectedVersion) {
    }

    public record RecordVote(@TargetAggregateIdentifier UUID meetingId, UUID voteId, String subject, int inFavour,
                             int against, int abstain) {
    }

    public record ScoreMeeting(@TargetAggregateIdentifier UUID meetingId, Map<String, Integer> criteria,
                               @TargetAggregateVersion Long expectedVersion) {
    }

    public record DraftMinutes(@TargetAggregateIdentifier UUID meetingId, MinutesSections sections,
                               @TargetAggregateVersion Long expectedVersion) {
    }

    /** Sign the minutes; {@code expectedVersion} (If-Match) makes sure the version signed is the one the signers read. */
    public record FinaliseMinutes(@TargetAggregateIdentifier UUID meetingId, UUID chairId, UUID recorderId,
                                  @TargetAggregateVersion Long expectedVersion) {
    }

    /** Change finalised minutes: only the sections given (non-null) change; the reason is required. */
    public record AmendMinutes(@TargetAggregateIdentifier UUID meetingId, MinutesSections sections, String reason,
                               @TargetAggregateVersion Long expectedVersion) {
    }
}
