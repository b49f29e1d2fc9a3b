package vn.chibo.events.meeting;

/** Sinh hoạt thường kỳ (REGULAR, monthly), chuyên đề (TOPICAL), bất thường (EXTRAORDINARY). */
public enum MeetingKind {
    REGULAR,
    TOPICAL,
    EXTRAORDINARY
}
