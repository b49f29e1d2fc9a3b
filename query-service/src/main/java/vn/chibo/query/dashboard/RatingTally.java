package vn.chibo.query.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import vn.chibo.events.rating.RatingLevel;

/**
 * What a batch of events adds to the rating counts of each period and cell: a cell's sheet of 25 ratings becomes one
 * change to its count row instead of 25. A revision takes one from the level it had and gives one to the new level.
 */
final class RatingTally {
    private final Map<PeriodCell, int[]> changes = new LinkedHashMap<>();

    void add(String period, UUID cellId, RatingLevel level, int change) {
        changes.computeIfAbsent(new PeriodCell(period, cellId), key -> new int[RatingLevel.values().length])[level.ordinal()] += change;
    }

    boolean isEmpty() {
        return changes.isEmpty();
    }

    /** One set of parameters per period and cell for {@code UPSERT}, named as its placeholders. */
    List<Map<String, Object>> params() {
        return changes.entrySet().stream().map(change -> params(change.getKey(), change.getValue())).toList();
    }

    private static Map<String, Object> params(PeriodCell key, int[] n) {
        return Map.of("period", key.period(), "cell", key.cellId(),
                "excellent", n[RatingLevel.EXCELLENT.ordinal()], "good", n[RatingLevel.GOOD.ordinal()],
                "completed", n[RatingLevel.COMPLETED.ordinal()], "notCompleted", n[RatingLevel.NOT_COMPLETED.ordinal()]);
    }

    /** Adds a batch's changes to the count rows, making those not there yet. */
    static final String UPSERT = """
            INSERT INTO dash_rating_count AS c (period, cell_id, excellent, good, completed, not_completed)
            VALUES (:period, :cell, :excellent, :good, :completed, :notCompleted)
            ON CONFLICT (period, cell_id) DO UPDATE SET excellent = c.excellent + excluded.excellent,
                good = c.good + excluded.good, completed = c.completed + excluded.completed,
                not_completed = c.not_completed + excluded.not_completed""";

    private record PeriodCell(String period, UUID cellId) {
    }
}
