package vn.chibo.events.meeting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A cell scheduled a meeting. Everything a reader needs is here: the summoned list fixed at scheduling, the
 * notice actually given, whether it is off the cell's regular day (and why), whether it was entered after the
 * fact ({@code enteredAt} is the server's time, {@code announcedAt} the announcement's), whether a topical and
 * a regular meeting share this session ({@code combinedSession}: the longer minimum duration applies), and the
 * rule-set version that judged it.
 */
public record MeetingScheduled(
        UUID meetingId,
        UUID cellId,
        MeetingKind kind,
        Instant startsAt,
        LocalDate date,
        String location,
        String topic,
        List<String> agenda,
        UUID chairId,
        UUID recorderId,
        UUID presenterId,
        String presenterReason,
        String reason,
        boolean offRegularDay,
        Instant announcedAt,
        Instant enteredAt,
        boolean enteredLate,
        int noticeDays,
        List<SummonedMember> summoned,
        boolean combinedSession,
        int ruleSetVersion) implements MeetingEvent {
}
