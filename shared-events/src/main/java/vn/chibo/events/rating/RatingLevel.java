package vn.chibo.events.rating;

/** Xếp loại đảng viên (Quy định 366-QĐ/TW). */
public enum RatingLevel {
    EXCELLENT("Hoàn thành xuất sắc nhiệm vụ"),
    GOOD("Hoàn thành tốt nhiệm vụ"),
    COMPLETED("Hoàn thành nhiệm vụ"),
    NOT_COMPLETED("Không hoàn thành nhiệm vụ");

    private final String label;

    RatingLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
