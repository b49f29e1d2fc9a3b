package vn.chibo.query.eventstore;

/**
 * Published once a replay's rebuilt read models are served in place of the old ones: whatever was kept in memory of
 * the old ones (a page, a count) no longer holds.
 */
public record ReadModelsSwapped() {
}
