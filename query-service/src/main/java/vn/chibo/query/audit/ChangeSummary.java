package vn.chibo.query.audit;

import com.fasterxml.jackson.databind.JsonNode;

/** A readable Vietnamese sentence for each kind of event, for inspectors reading a record's history. */
final class ChangeSummary {
    private ChangeSummary() {
    }

    static String of(String eventType, JsonNode e, String actor) {
        String who = "Đ/c " + (actor == null ? "hệ thống" : actor);
        return switch (eventType) {
            case "OrgUnitRegistered" -> who + " lập " + kind(e.path("kind").asText()) + " " + e.path("name").asText();
            case "CellSettingsChanged" -> who + " đổi ngày sinh hoạt thường kỳ từ ngày " + e.path("previousRegularDay").asInt()
                    + " thành ngày " + e.path("regularDay").asInt();
            case "MeetingBooked" -> who + " đưa buổi sinh hoạt ngày " + dmy(e.path("date")) + " vào lịch chi bộ";
            case "MeetingRebooked" -> who + " dời buổi sinh hoạt trong lịch chi bộ sang ngày " + dmy(e.path("date"));
            case "MeetingReleased" -> who + " bỏ buổi sinh hoạt đã hủy khỏi lịch chi bộ";
            case "MemberEnrolled" -> who + " nhập hồ sơ đảng viên " + e.path("fullName").asText() + " vào chi bộ, sinh hoạt từ "
                    + dmy(e.path("memberSince"));
            case "MemberTransferred" -> who + " chuyển sinh hoạt đảng viên sang chi bộ " + e.path("toCellId").asText() + " từ ngày "
                    + dmy(e.path("effectiveOn")) + ", lý do: " + e.path("reason").asText();
            case "MemberTemporarilyTransferred" -> who + " chuyển sinh hoạt tạm thời từ " + dmy(e.path("from")) + " đến "
                    + dmy(e.path("until")) + ", lý do: " + e.path("reason").asText();
            case "MemberTransferReceived" -> who + " tiếp nhận sinh hoạt ngày " + dmy(e.path("receivedOn"))
                    + (e.path("late").asBoolean() ? " (chậm " + e.path("workingDays").asLong() + " ngày làm việc)" : "");
            case "MemberExempted" -> who + " cho miễn sinh hoạt từ " + dmy(e.path("from"))
                    + (e.path("to").isNull() || e.path("to").isMissingNode() ? "" : " đến " + dmy(e.path("to")))
                    + ", lý do: " + e.path("reason").asText();
            case "ResidenceFeedbackReceived" -> who + " ghi nhận xét của " + e.path("fromUnit").asText() + ": "
                    + e.path("assessment").asText();
            case "MemberRated" -> who + " xếp loại " + period(e.path("period").asText()) + ": " + e.path("rating").asText()
                    + (e.path("score").isNumber() ? " (" + e.path("score").asInt() + " điểm)" : "");
            case "MemberRatingRevised" -> who + " sửa xếp loại " + period(e.path("period").asText()) + " từ "
                    + e.path("previousRating").asText() + " thành " + e.path("rating").asText() + ", lý do: " + e.path("reason").asText();
            case "MeetingScheduled" -> who + " lên lịch sinh hoạt " + meetingKind(e.path("kind").asText()) + " ngày " + dmy(e.path("date"))
                    + " tại " + e.path("location").asText() + ", báo trước " + e.path("noticeDays").asInt() + " ngày"
                    + (e.path("offRegularDay").asBoolean() ? ", khác ngày thường kỳ, lý do: " + e.path("reason").asText() : "");
            case "MeetingRescheduled" -> who + " dời buổi sinh hoạt sang ngày " + dmy(e.path("date")) + ", lý do: " + e.path("reason").asText();
            case "MeetingCancelled" -> who + " hủy buổi sinh hoạt, lý do: " + e.path("reason").asText();
            case "AttendanceRecorded" -> who + " điểm danh: có mặt " + e.path("present").size() + ", vắng " + e.path("absent").size()
                    + ", " + e.path("durationMinutes").asLong() + " phút";
            case "VoteRecorded" -> who + " ghi biểu quyết \"" + e.path("subject").asText() + "\": tán thành " + e.path("inFavour").asInt()
                    + "/" + e.path("counted").asInt() + (e.path("valid").asBoolean() ? ", thông qua" : ", không thông qua");
            case "MeetingScored" -> who + " chấm buổi sinh hoạt " + e.path("total").asInt() + " điểm";
            case "MinutesDrafted" -> who + " lưu bản nháp biên bản số " + e.path("version").asInt();
            case "MinutesFinalised" -> who + " hoàn thành biên bản (bản " + e.path("version").asInt() + "), sau "
                    + e.path("daysAfterMeeting").asLong() + " ngày";
            case "MinutesAmended" -> who + " sửa biên bản (bản " + e.path("version").asInt() + "), các mục "
                    + e.path("changedSections").toString() + ", lý do: " + e.path("reason").asText();
            case "TaskAssigned" -> who + " giao nhiệm vụ \"" + e.path("title").asText() + "\", hạn " + dmy(e.path("dueOn"));
            case "TaskCompleted" -> who + " ghi hoàn thành nhiệm vụ ngày " + dmy(e.path("completedOn"))
                    + (e.path("late").asBoolean() ? " (quá hạn)" : "");
            case "TaskReopened" -> who + " mở lại nhiệm vụ, lý do: " + e.path("reason").asText();
            case "TaskCancelled" -> who + " hủy nhiệm vụ, lý do: " + e.path("reason").asText();
            case "NotebooksChecked" -> who + " kiểm tra sổ tay của " + e.path("results").size() + " đảng viên ngày "
                    + dmy(e.path("checkedOn"));
            case "RuleSetPublished" -> who + " ban hành bộ quy định số " + e.path("version").asInt() + ", hiệu lực từ "
                    + dmy(e.path("effectiveFrom"));
            default -> who + ": " + eventType;
        };
    }

    private static String dmy(JsonNode date) {
        String text = date.asText("");
        return text.length() >= 10 ? text.substring(8, 10) + "/" + text.substring(5, 7) + "/" + text.substring(0, 4) : text;
    }

    private static String period(String code) {
        if (code.contains("-Q")) {
            return "quý " + code.substring(6) + "/" + code.substring(0, 4);
        }
        return code.length() == 7 ? "tháng " + code.substring(5) + "/" + code.substring(0, 4) : "năm " + code;
    }

    private static String kind(String kind) {
        return switch (kind) {
            case "PROVINCE" -> "Tỉnh ủy";
            case "COMMITTEE" -> "Đảng bộ";
            default -> "Chi bộ";
        };
    }

    private static String meetingKind(String kind) {
        return switch (kind) {
            case "REGULAR" -> "thường kỳ";
            case "TOPICAL" -> "chuyên đề";
            default -> "bất thường";
        };
    }
}
