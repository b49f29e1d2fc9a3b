package vn.chibo.events.ruleset;

import java.util.List;

/**
 * Thang điểm chấm buổi sinh hoạt chi bộ: criteria whose points add up to 100, and the lowest score of each
 * level (Tốt ≥ good, Khá ≥ fair, Trung bình ≥ average, otherwise Kém).
 */
public record MeetingScoreScheme(List<ScoreCriterion> criteria, int good, int fair, int average) {

    public static MeetingScoreScheme defaults() {
        return new MeetingScoreScheme(List.of(
                new ScoreCriterion("preparation", "Chuẩn bị (thông báo, tài liệu, chương trình)", 20),
                new ScoreCriterion("attendance", "Tỷ lệ đảng viên dự họp", 20),
                new ScoreCriterion("conduct", "Điều hành, nội dung, tự phê bình và phê bình", 40),
                new ScoreCriterion("closing", "Kết luận, nghị quyết, biên bản", 20)), 90, 70, 50);
    }

    public int maxTotal() {
        return criteria.stream().mapToInt(ScoreCriterion::maxPoints).sum();
    }
}
