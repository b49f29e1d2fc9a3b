package vn.chibo.query.work;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The shapes the queries of members' work answer with. */
public final class WorkViews {
    private WorkViews() {
    }

    public record MemberRating(UUID memberId, String fullName, String rating, String ratingLabel, Integer score, String note,
                               int revisions) {
    }

    /**
     * Vượt tỷ lệ xuất sắc: in a year, EXCELLENT ratings above {@code ratio} of GOOD ones within one grassroots
     * organisation (the committee directly above the cell).
     */
    public record ExcellentCap(UUID organisationId, String organisationName, int year, long excellent, long good, double ratio,
                               boolean exceeded) {
    }

    /** A cell's ratings for one period: who is rated how, who is still missing, the counts per level. */
    public record CellRatings(String period, String kind, long members, long rated, Map<String, Long> counts,
                              List<MemberRating> ratings, List<UUID> missing, ExcellentCap excellentCap) {
    }

    /**
     * {@code version} is the task's own: every event of a task moves its row's {@code last_seq}, so a client that read
     * this row can complete, reopen or cancel the task with {@code If-Match} and be refused if it changed since.
     */
    public record TaskRow(UUID id, UUID memberId, String fullName, String title, LocalDate assignedOn, LocalDate dueOn,
                          String status, boolean overdue, LocalDate completedOn, Boolean late, UUID meetingId, long version) {
    }

    public record PeriodRating(String period, String kind, String rating, String ratingLabel, Integer score, String note,
                               int revisions, UUID cellId) {
    }

    public record RatingChange(String period, String change, String rating, Integer score, String previousRating,
                               Integer previousScore, String reason, String actor, Instant recordedAt) {
    }

    public record NotebookCheckRow(UUID checkId, LocalDate checkedOn, boolean ok, String note) {
    }

    public record Feedback(LocalDate receivedOn, String fromUnit, String assessment, String content) {
    }

    /** Everything the member page shows of the member's work. */
    public record MemberWork(List<PeriodRating> ratings, List<RatingChange> ratingHistory, List<TaskRow> tasks,
                             List<NotebookCheckRow> notebookChecks, NotebookCheckRow lastNotebookCheck,
                             List<Feedback> residenceFeedback, List<String> flags) {
    }
}
