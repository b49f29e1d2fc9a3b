package vn.chibo.query.meeting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** The shapes the meeting queries answer with. */
public final class MeetingViews {
    private MeetingViews() {
    }

    /** One line of a cell's calendar. */
    public record CalendarEntry(UUID id, String kind, String status, Instant startsAt, LocalDate date, String location,
                                String topic, boolean offRegularDay, String reason, int noticeDays, boolean enteredLate,
                                Double attendanceRate, List<String> flags, Integer scoreTotal, String scoreLevel,
                                boolean minutesFinal, Boolean minutesLate) {
    }

    public record Person(UUID id, String fullName) {
    }

    /** A member at the meeting: summoned or not, present or absent (why, excused or not). */
    public record Participant(UUID memberId, String fullName, String status, boolean summoned, Boolean present,
                              String reason, Boolean excused, boolean repeatedAbsence) {
    }

    public record Vote(UUID id, String subject, int inFavour, int against, int abstain, int counted, boolean valid) {
    }

    public record Minutes(int version, boolean finalised, LocalDate finalisedOn, Long daysAfterMeeting, Boolean late,
                          JsonNode sections) {
    }

    /**
     * The meeting page. {@code version} is the meeting's version as the command-service counts it (the sequence number
     * of its last event this page shows), for {@code If-Match} on the next write: a page read before the read model
     * caught up gives an older one, and that write is refused as stale rather than overwriting what the page did not show.
     */
    public record MeetingView(UUID id, UUID cellId, String cellName, String kind, String status, Instant startsAt,
                              LocalDate date, String location, String topic, List<String> agenda, Person chair,
                              Person recorder, Person presenter, String presenterReason, String reason,
                              boolean offRegularDay, Instant announcedAt, Instant enteredAt, boolean enteredLate,
                              int noticeDays, int ruleSetVersion, String cancelReason, Instant startedAt, Instant endedAt,
                              Long durationMinutes, Double attendanceRate, List<String> flags, Integer scoreTotal,
                              String scoreLevel, String scoreLevelLabel, Map<String, Integer> scoreCriteria,
                              List<Participant> participants, List<Vote> votes, Minutes minutes, long version) {
    }

    public record MinutesVersion(int version, String kind, boolean finalised, String reason, List<String> changed,
                                 String actor, Instant recordedAt, JsonNode sections) {
    }

    public record DiffLine(String op, String text) {
    }

    public record SectionDiff(String section, List<DiffLine> lines) {
    }

    public record MinutesDiff(int from, int to, List<SectionDiff> sections) {
    }

    public record PresenterTurn(UUID memberId, String fullName, LocalDate lastPresentedOn) {
    }

    /** Whose turn it is to present current affairs, and the order after them. */
    public record PresenterRotation(PresenterTurn next, List<PresenterTurn> order) {
    }
}
