package vn.chibo.query.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import vn.chibo.events.access.Caller;
import vn.chibo.events.problem.Problem;
import vn.chibo.query.dashboard.DashboardVersion.Asked;
import vn.chibo.query.dashboard.DashboardViews.Compliance;
import vn.chibo.query.dashboard.DashboardViews.ComplianceRow;
import vn.chibo.query.dashboard.DashboardViews.RatingRow;
import vn.chibo.query.dashboard.DashboardViews.RatingsDashboard;
import vn.chibo.query.dashboard.DashboardViews.TrendPoint;
import vn.chibo.query.organisation.ReadScope;
import vn.chibo.query.web.Csv;
import vn.chibo.query.web.QueryRefused;
import vn.chibo.query.web.WeakLine;
import vn.chibo.query.web.Xlsx;

/**
 * The department's dashboards for any unit's subtree: monthly compliance (JSON, CSV, .xlsx), ratings per month
 * or year (JSON, CSV, .xlsx), and monthly trends for charts.
 */
@RestController
public class DashboardController {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final List<String> COMPLIANCE_HEADER = List.of("Đơn vị", "Chi bộ", "Ngày sinh hoạt thường kỳ",
            "Báo trước (ngày)", "Khác ngày thường kỳ", "Lý do", "Tỷ lệ dự họp (%)", "Thời lượng (phút)", "Điểm buổi họp",
            "Biên bản hoàn thành", "Hoàn thành sau (ngày)", "Sinh hoạt chuyên đề trong quý", "Đã xếp loại", "Số đảng viên",
            "Nhiệm vụ quá hạn", "Cảnh báo");
    /**
     * A browser may keep a page, but asks each time whether it is still the page (never shows a stale one), and
     * every ask is checked against the caller's scope first. Kept on purpose instead of the {@code no-store} that
     * Spring Security sends by default: without a kept copy there is nothing to revalidate, and the page holds
     * figures per cell, no member's personal data. A browser shared in an office keeps the copy after a logout.
     */
    private static final CacheControl ASK_EACH_TIME = CacheControl.noCache().cachePrivate();
    /** Smaller JSON goes as it is: gzip would save less than its own framing is worth. */
    private static final int GZIP_FROM_BYTES = 2048;

    private final DashboardQueries queries;
    private final DashboardVersion version;
    private final ReadScope scope;
    private final Clock clock;

    public DashboardController(DashboardQueries queries, DashboardVersion version, ReadScope scope, Clock clock) {
        this.queries = queries;
        this.version = version;
        this.scope = scope;
        this.clock = clock;
    }

    /** The page a caller asked for: the unit (the caller's own by default), the month (this one) and today. */
    private Asked asked(UUID unit, String month, Caller caller) {
        UUID unitId = unit == null ? caller.unitId() : unit;
        scope.requireUnit(caller, unitId);
        return new Asked(unitId, month(month), LocalDate.now(clock));
    }

    private Compliance build(Asked asked) {
        return queries.compliance(asked.unitId(), asked.month(), asked.today());
    }

    /**
     * The compliance page as JSON, tagged: a browser that holds the page as it is now is told so (304) without the
     * page being built or sent, and one that takes gzip gets it gzipped (a province's 4.9 MB of JSON).
     */
    @GetMapping(path = "/api/dashboard/compliance", produces = "application/json")
    public ResponseEntity<byte[]> compliance(@RequestParam(required = false) UUID unit,
                                             @RequestParam(required = false) String month,
                                             @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String takes,
                                             Caller caller, WebRequest request) {
        Asked asked = asked(unit, month, caller);
        // Spring compares If-None-Match with the tag (weakly, lists, *) and answers 304 with it; the 304 also says
        // what the 200 would about caching
        if (request.checkNotModified(version.etag(asked))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).cacheControl(ASK_EACH_TIME)
                    .varyBy(HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_ENCODING).build();
        }
        CompliancePage page = version.compliance(asked, () -> build(asked));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().eTag(page.etag()).cacheControl(ASK_EACH_TIME)
                .varyBy(HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_ENCODING).contentType(MediaType.APPLICATION_JSON);
        byte[] plain = page.json();
        if (plain.length >= GZIP_FROM_BYTES && WeakLine.takesGzip(takes)) {
            return answer.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(page.gzipped());
        }
        return answer.body(plain);
    }

    /** The exports are built each time: they are rare, and a kept page keeps only its JSON. */
    @GetMapping(path = "/api/dashboard/compliance", produces = Csv.MEDIA_TYPE)
    public String complianceCsv(@RequestParam(required = false) UUID unit, @RequestParam(required = false) String month,
                                Caller caller) {
        Compliance c = build(asked(unit, month, caller));
        return Csv.of(List.of("unitName", "cellId", "cellName", "regularMeetingOn", "noticeDays", "offRegularDay", "offDayReason",
                        "attendanceRate", "durationMinutes", "scoreTotal", "minutesFinal", "minutesDays",
                        "topicalMeetingsThisQuarter", "ratingsSubmitted", "members", "overdueTasks", "flags", "regularMeetingHeld"),
                c.rows().stream().<List<?>>map(r -> Arrays.asList(r.unitName(), r.cellId(), r.cellName(), r.regularMeetingOn(),
                        r.noticeDays(), r.offRegularDay(), r.offDayReason(), r.attendanceRate(), r.durationMinutes(), r.scoreTotal(),
                        r.minutesFinal(), r.minutesDays(), r.topicalMeetingsThisQuarter(), r.ratingsSubmitted(), r.members(),
                        r.overdueTasks(), String.join(" ", r.flags()), r.regularMeetingHeld())).toList());
    }

    /** Báo cáo tình hình sinh hoạt chi bộ tháng, as a spreadsheet with Vietnamese headers and dd/MM/yyyy dates. */
    @GetMapping(path = "/api/dashboard/compliance", produces = Xlsx.MEDIA_TYPE)
    public ResponseEntity<byte[]> complianceXlsx(@RequestParam(required = false) UUID unit,
                                                 @RequestParam(required = false) String month, Caller caller) {
        Compliance c = build(asked(unit, month, caller));
        byte[] xlsx = Xlsx.of("Tháng " + c.month(), "Tình hình sinh hoạt chi bộ tháng " + c.month() + " — " + c.unitName(),
                COMPLIANCE_HEADER, c.rows().stream().<List<?>>map(DashboardController::complianceCells).toList());
        return attachment(xlsx, "sinh-hoat-chi-bo-" + c.month() + ".xlsx");
    }

    private static List<?> complianceCells(ComplianceRow r) {
        String meeting = r.regularMeetingOn() == null ? "Chưa họp"
                : (r.regularMeetingHeld() ? "" : "Dự kiến ") + DAY.format(r.regularMeetingOn());
        return Arrays.asList(r.unitName(), r.cellName(), meeting,
                r.noticeDays(), r.offRegularDay(), r.offDayReason(),
                r.attendanceRate() == null ? null : Math.round(r.attendanceRate() * 1000) / 10.0, r.durationMinutes(),
                r.scoreTotal(), r.minutesFinal(), r.minutesDays(), r.topicalMeetingsThisQuarter(), r.ratingsSubmitted(),
                r.members(), r.overdueTasks(), String.join(", ", r.flags()));
    }

    @GetMapping(path = "/api/dashboard/ratings", produces = "application/json")
    public RatingsDashboard ratings(@RequestParam(required = false) UUID unit, @RequestParam(required = false) String month,
                                    @RequestParam(required = false) Integer year, Caller caller) {
        UUID unitId = unit == null ? caller.unitId() : unit;
        scope.requireUnit(caller, unitId);
        LocalDate today = LocalDate.now(clock);
        if (year != null) {
            return queries.ratings(unitId, String.valueOf(year), true, today);
        }
        return queries.ratings(unitId, month(month).toString(), false, today);
    }

    @GetMapping(path = "/api/dashboard/ratings", produces = Csv.MEDIA_TYPE)
    public String ratingsCsv(@RequestParam(required = false) UUID unit, @RequestParam(required = false) String month,
                             @RequestParam(required = false) Integer year, Caller caller) {
        return Csv.of(List.of("unitName", "cellId", "cellName", "members", "rated", "EXCELLENT", "GOOD", "COMPLETED", "NOT_COMPLETED"),
                ratings(unit, month, year, caller).rows().stream().<List<?>>map(DashboardController::ratingCells).toList());
    }

    /** Báo cáo xếp loại đảng viên năm (or of a month), as a spreadsheet. */
    @GetMapping(path = "/api/dashboard/ratings", produces = Xlsx.MEDIA_TYPE)
    public ResponseEntity<byte[]> ratingsXlsx(@RequestParam(required = false) UUID unit, @RequestParam(required = false) String month,
                                              @RequestParam(required = false) Integer year, Caller caller) {
        RatingsDashboard d = ratings(unit, month, year, caller);
        byte[] xlsx = Xlsx.of("Xếp loại " + d.period(), "Kết quả xếp loại đảng viên " + d.period(),
                List.of("Đơn vị", "Mã chi bộ", "Chi bộ", "Số đảng viên", "Đã xếp loại", "Hoàn thành xuất sắc nhiệm vụ",
                        "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"),
                d.rows().stream().<List<?>>map(DashboardController::ratingCells).toList());
        return attachment(xlsx, "xep-loai-dang-vien-" + d.period() + ".xlsx");
    }

    private static List<?> ratingCells(RatingRow r) {
        return Arrays.asList(r.unitName(), r.cellId(), r.cellName(), r.members(), r.rated(), r.counts().get("EXCELLENT"),
                r.counts().get("GOOD"), r.counts().get("COMPLETED"), r.counts().get("NOT_COMPLETED"));
    }

    @GetMapping(path = "/api/dashboard/trends", produces = "application/json")
    public List<TrendPoint> trends(@RequestParam(required = false) UUID unit, @RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to, Caller caller) {
        UUID unitId = unit == null ? caller.unitId() : unit;
        scope.requireUnit(caller, unitId);
        YearMonth end = to == null ? YearMonth.now(clock) : month(to, "to");
        YearMonth start = from == null ? end.minusMonths(11) : month(from, "from");
        if (start.isAfter(end) || start.plusYears(5).isBefore(end)) {
            throw new QueryRefused(Problem.INVALID_VALUE, "Khoảng thời gian từ 1 tháng đến 5 năm, 'from' trước 'to'. (Invalid range.)", "from");
        }
        return queries.trends(unitId, start, end, LocalDate.now(clock));
    }

    @GetMapping(path = "/api/dashboard/trends", produces = Csv.MEDIA_TYPE)
    public String trendsCsv(@RequestParam(required = false) UUID unit, @RequestParam(required = false) String from,
                            @RequestParam(required = false) String to, Caller caller) {
        return Csv.of(List.of("month", "cells", "meetingsHeld", "onRegularDay", "minutesLate", "averageAttendance", "EXCELLENT",
                        "GOOD", "COMPLETED", "NOT_COMPLETED"),
                trends(unit, from, to, caller).stream().<List<?>>map(p -> Arrays.asList(p.month(), p.cells(), p.meetingsHeld(),
                        p.onRegularDay(), p.minutesLate(), p.averageAttendance(), p.ratings().get("EXCELLENT"),
                        p.ratings().get("GOOD"), p.ratings().get("COMPLETED"), p.ratings().get("NOT_COMPLETED"))).toList());
    }

    private YearMonth month(String month) {
        return month == null ? YearMonth.now(clock) : month(month, "month");
    }

    /** A month sent in the parameter {@code field}, which a refusal names. */
    private static YearMonth month(String month, String field) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new QueryRefused(Problem.INVALID_VALUE, "Tháng '" + month + "' phải có dạng 2026-10. (Month as 2026-10.)", field);
        }
    }

    private static ResponseEntity<byte[]> attachment(byte[] content, String filename) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .contentType(MediaType.parseMediaType(Xlsx.MEDIA_TYPE)).body(content);
    }
}
