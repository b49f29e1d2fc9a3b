package vn.chibo.query.meeting;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chibo.events.VietnamTime;
import vn.chibo.query.meeting.MeetingViews.MeetingView;
import vn.chibo.query.meeting.MeetingViews.Participant;
import vn.chibo.query.meeting.MeetingViews.Vote;
import vn.chibo.query.meeting.PdfLayout.Align;
import vn.chibo.query.meeting.PdfLayout.Line;

/**
 * Biên bản sinh hoạt chi bộ as a PDF in the usual layout: the committee and the cell at the head, the Party's
 * name and the date, the title, time and place, chair and recorder, attendance with the absent and their
 * reasons, the sections, the votes, and the signatures of the recorder and the chair.
 */
@Component
public class MinutesPdf {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH 'giờ' mm");
    private static final List<String[]> SECTIONS = List.of(
            new String[]{"currentAffairs", "Thông tin thời sự"},
            new String[]{"policies", "Phổ biến chủ trương, chính sách mới và chỉ đạo của cấp trên"},
            new String[]{"thinking", "Tình hình tư tưởng của đảng viên"},
            new String[]{"lastMonthReview", "Kiểm điểm việc thực hiện nhiệm vụ tháng trước"},
            new String[]{"selfCriticism", "Tự phê bình và phê bình"},
            new String[]{"discussion", "Ý kiến thảo luận"},
            new String[]{"conclusions", "Kết luận"},
            new String[]{"nextMonthTasks", "Nhiệm vụ tháng tới"});
    private static final String[] ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};

    public byte[] render(MeetingView m, String committeeName) {
        Map<UUID, String> names = m.participants().stream().filter(p -> p.fullName() != null)
                .collect(Collectors.toMap(Participant::memberId, Participant::fullName, (a, b) -> a));
        try (PdfLayout pdf = new PdfLayout()) {
            LocalDateTime starts = LocalDateTime.ofInstant(m.startedAt() == null ? m.startsAt() : m.startedAt(), VietnamTime.ZONE);
            pdf.columns(
                    List.of(new Line(upper(committeeName == null ? "" : committeeName), pdf.regular, 11),
                            new Line(upper(m.cellName()), pdf.bold, 11), new Line("*", pdf.regular, 11)),
                    List.of(new Line("ĐẢNG CỘNG SẢN VIỆT NAM", pdf.bold, 12),
                            new Line(m.location() + ", ngày " + starts.getDayOfMonth() + " tháng " + starts.getMonthValue()
                                    + " năm " + starts.getYear(), pdf.italic, 11)));
            pdf.space(18);
            pdf.paragraph("BIÊN BẢN SINH HOẠT CHI BỘ", pdf.bold, 15, Align.CENTER, 0);
            pdf.paragraph("(" + kindLabel(m.kind()) + " tháng " + starts.getMonthValue() + "/" + starts.getYear() + ")",
                    pdf.italic, 12, Align.CENTER, 0);
            pdf.space(10);
            pdf.paragraph("Thời gian: bắt đầu lúc " + TIME.format(starts) + ", ngày " + DAY.format(starts) + ".", pdf.regular, 12, Align.LEFT, 0);
            pdf.paragraph("Địa điểm: " + m.location() + ".", pdf.regular, 12, Align.LEFT, 0);
            pdf.paragraph("Chủ trì: đồng chí " + name(m.chair()) + ". Thư ký: đồng chí " + name(m.recorder()) + ".",
                    pdf.regular, 12, Align.LEFT, 0);
            if (m.presenter() != null) {
                pdf.paragraph("Báo cáo thời sự: đồng chí " + name(m.presenter()) + ".", pdf.regular, 12, Align.LEFT, 0);
            }
            pdf.paragraph(attendance(m), pdf.regular, 12, Align.LEFT, 0);
            if (m.agenda() != null && !m.agenda().isEmpty() && !m.agenda().get(0).isBlank()) {
                pdf.paragraph("Nội dung: " + String.join("; ", m.agenda()) + ".", pdf.regular, 12, Align.LEFT, 0);
            }
            JsonNode sections = m.minutes().sections();
            int n = 0;
            for (String[] section : SECTIONS) {
                JsonNode value = sections.get(section[0]);
                if (value == null || value.isNull() || (value.isArray() && value.isEmpty())) {
                    continue;
                }
                pdf.space(6);
                pdf.paragraph(ROMAN[n++] + ". " + section[1].toUpperCase(Locale.forLanguageTag("vi")), pdf.bold, 12, Align.LEFT, 0);
                if (value.isArray()) {
                    for (JsonNode opinion : value) {
                        pdf.paragraph(opinion(opinion, names::get), pdf.regular, 12, Align.LEFT, 20);
                    }
                } else {
                    pdf.paragraph(value.asText(), pdf.regular, 12, Align.LEFT, 20);
                }
            }
            if (!m.votes().isEmpty()) {
                pdf.space(6);
                pdf.paragraph(ROMAN[n] + ". BIỂU QUYẾT", pdf.bold, 12, Align.LEFT, 0);
                for (Vote vote : m.votes()) {
                    pdf.paragraph(vote.subject() + ": tán thành " + vote.inFavour() + "/" + vote.counted() + " đảng viên, không tán thành "
                            + vote.against() + ", không biểu quyết " + vote.abstain() + " — "
                            + (vote.valid() ? "thông qua." : "không đủ quá nửa, không thông qua."), pdf.regular, 12, Align.LEFT, 20);
                }
            }
            pdf.space(6);
            if (m.endedAt() != null) {
                pdf.paragraph("Buổi sinh hoạt kết thúc lúc " + TIME.format(LocalDateTime.ofInstant(m.endedAt(), VietnamTime.ZONE))
                        + " cùng ngày.", pdf.regular, 12, Align.LEFT, 0);
            }
            if (m.minutes().version() > 1) {
                pdf.paragraph("Biên bản phiên bản " + m.minutes().version() + ".", pdf.italic, 11, Align.LEFT, 0);
            }
            pdf.space(14);
            pdf.columns(
                    List.of(new Line("THƯ KÝ", pdf.bold, 12), new Line("(Ký, ghi rõ họ tên)", pdf.italic, 10),
                            new Line(" ", pdf.regular, 24), new Line(name(m.recorder()), pdf.bold, 12)),
                    List.of(new Line("CHỦ TRÌ", pdf.bold, 12), new Line("(Ký, ghi rõ họ tên)", pdf.italic, 10),
                            new Line(" ", pdf.regular, 24), new Line(name(m.chair()), pdf.bold, 12)));
            return pdf.toBytes();
        }
    }

    private static String attendance(MeetingView m) {
        List<Participant> summoned = m.participants().stream().filter(Participant::summoned).toList();
        long present = summoned.stream().filter(p -> Boolean.TRUE.equals(p.present())).count();
        List<Participant> absent = m.participants().stream().filter(p -> Boolean.FALSE.equals(p.present())).toList();
        StringBuilder text = new StringBuilder("Đảng viên được triệu tập: " + summoned.size() + "; có mặt: " + present
                + "; vắng mặt: " + absent.size());
        if (!absent.isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (Participant p : absent) {
                lines.add("đồng chí " + p.fullName() + " (" + (Boolean.TRUE.equals(p.excused()) ? "có lý do" : "không lý do")
                        + ": " + p.reason() + ")");
            }
            text.append(" — ").append(String.join("; ", lines));
        }
        return text.append('.').toString();
    }

    private static String opinion(JsonNode opinion, Function<UUID, String> names) {
        String who = opinion.hasNonNull("memberId") ? names.apply(UUID.fromString(opinion.get("memberId").asText())) : null;
        String text = "- " + (who == null ? "" : "Đồng chí " + who + ": ") + opinion.path("opinion").asText();
        if ("EXPLAINED".equals(opinion.path("disposition").asText())) {
            return text + " (Giải trình: " + opinion.path("answer").asText() + ")";
        }
        return text + " (Tiếp thu)";
    }

    private static String name(MeetingViews.Person person) {
        return person == null || person.fullName() == null ? "" : person.fullName();
    }

    private static String kindLabel(String kind) {
        return switch (kind) {
            case "REGULAR" -> "Sinh hoạt thường kỳ";
            case "TOPICAL" -> "Sinh hoạt chuyên đề";
            default -> "Sinh hoạt bất thường";
        };
    }

    private static String upper(String text) {
        return text == null ? "" : text.toUpperCase(Locale.forLanguageTag("vi"));
    }
}
