package vn.chibo.events.meeting;

/** Xếp loại buổi sinh hoạt on the province's 100-point scheme. */
public enum MeetingLevel {
    GOOD("Tốt"),
    FAIR("Khá"),
    AVERAGE("Trung bình"),
    POOR("Kém");

    private final String label;

    MeetingLevel(String label) {
        this.label = label;
    }

    /** The Vietnamese name shown to users. */
    public String label() {
        return label;
    }
}
