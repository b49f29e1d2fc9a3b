package vn.chibo.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A record as it stood after a given event: the events of its stream folded in order. Kept deliberately plain (the
 * last value of each field, plus the collections a page shows), so it can be read for any record and any day.
 */
final class StateFold {
    private final ObjectNode state = JsonNodeFactory.instance.objectNode();

    void apply(String eventType, JsonNode e) {
        switch (eventType) {
            case "MemberRated", "MemberRatingRevised" -> {
                ObjectNode rating = state.withObject("ratings").putObject(e.path("period").asText());
                rating.set("rating", e.path("rating"));
                rating.set("score", e.path("score"));
            }
            case "MemberTransferred" -> {
                state.set("cellId", e.path("toCellId"));
                state.set("memberSince", e.path("effectiveOn"));
                state.withArray("transfers").add(e);
            }
            case "MemberExempted" -> state.withArray("exemptions").add(e);
            case "ResidenceFeedbackReceived" -> state.withArray("residenceFeedback").add(e);
            case "MemberTemporarilyTransferred" -> state.withArray("temporaryTransfers").add(e);
            case "MinutesDrafted", "MinutesAmended" -> {
                state.set("minutes", e.path("sections"));
                state.set("minutesVersion", e.path("version"));
            }
            case "MinutesFinalised" -> {
                state.put("minutesFinal", true);
                state.set("minutesFinalisedOn", e.path("finalisedOn"));
            }
            case "MeetingCancelled" -> {
                state.put("status", "CANCELLED");
                state.set("cancelReason", e.path("reason"));
            }
            case "AttendanceRecorded" -> {
                state.put("status", "HELD");
                state.set("attendance", e);
            }
            case "VoteRecorded" -> state.withArray("votes").add(e);
            case "MeetingScored" -> state.set("score", e);
            case "MeetingBooked", "MeetingRebooked", "MeetingReleased" -> state.withArray("calendar").add(e);
            default -> e.fields().forEachRemaining(field -> state.set(field.getKey(), field.getValue()));
        }
    }

    JsonNode snapshot() {
        return state.deepCopy();
    }
}
