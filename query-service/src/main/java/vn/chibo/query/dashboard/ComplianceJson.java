package vn.chibo.query.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import vn.chibo.query.dashboard.DashboardViews.Compliance;
import vn.chibo.query.dashboard.DashboardViews.ComplianceRow;
import vn.chibo.query.dashboard.DashboardViews.Totals;

/**
 * A compliance page written out as JSON field by field, by a generator of the service's mapper (the generator's
 * settings apply): the bytes the mapper itself writes for the records with Spring Boot's defaults (nulls included,
 * dates as ISO text, names as declared, the fields in their records' order, maps in their own order), checked byte for
 * byte against Spring Boot's mapper in {@code ComplianceJsonTest} and end to end in {@code MeetingMonthHttpTest}. A
 * mapper set otherwise writes the page itself. A province's page is 8,000 rows of 21 fields; writing them through the
 * mapper's bean serializers was about half of a built page's CPU (issue 7). Here each field's name is encoded once, each
 * value is written by the generator's own call for its type, and the page goes into one buffer sized for it: a province
 * month's page built in 22 ms (p50) instead of 28, with ~25% less CPU (performance log, 06/12/2026). A field added to
 * a record must be added here too: the tests build every record whole, so they fail until it is.
 */
final class ComplianceJson {
    /** A province's row is ~610 bytes: a guess on the large side, so that the buffer is seldom grown. */
    private static final int BYTES_A_ROW = 640;

    private static final SerializedString UNIT_ID = new SerializedString("unitId");
    private static final SerializedString UNIT_NAME = new SerializedString("unitName");
    private static final SerializedString MONTH = new SerializedString("month");
    private static final SerializedString ROWS = new SerializedString("rows");
    private static final SerializedString TOTAL = new SerializedString("total");
    private static final SerializedString BY_UNIT = new SerializedString("byUnit");

    private static final SerializedString CELL_ID = new SerializedString("cellId");
    private static final SerializedString CELL_NAME = new SerializedString("cellName");
    private static final SerializedString REGULAR_MEETING_ON = new SerializedString("regularMeetingOn");
    private static final SerializedString REGULAR_MEETING_HELD = new SerializedString("regularMeetingHeld");
    private static final SerializedString MEETING_ID = new SerializedString("meetingId");
    private static final SerializedString NOTICE_DAYS = new SerializedString("noticeDays");
    private static final SerializedString OFF_REGULAR_DAY = new SerializedString("offRegularDay");
    private static final SerializedString OFF_DAY_REASON = new SerializedString("offDayReason");
    private static final SerializedString ENTERED_LATE = new SerializedString("enteredLate");
    private static final SerializedString ATTENDANCE_RATE = new SerializedString("attendanceRate");
    private static final SerializedString DURATION_MINUTES = new SerializedString("durationMinutes");
    private static final SerializedString SCORE_TOTAL = new SerializedString("scoreTotal");
    private static final SerializedString SCORE_LEVEL = new SerializedString("scoreLevel");
    private static final SerializedString MINUTES_FINAL = new SerializedString("minutesFinal");
    private static final SerializedString MINUTES_DAYS = new SerializedString("minutesDays");
    private static final SerializedString TOPICAL = new SerializedString("topicalMeetingsThisQuarter");
    private static final SerializedString RATINGS_SUBMITTED = new SerializedString("ratingsSubmitted");
    private static final SerializedString MEMBERS = new SerializedString("members");
    private static final SerializedString OVERDUE_TASKS = new SerializedString("overdueTasks");
    private static final SerializedString FLAGS = new SerializedString("flags");

    private static final SerializedString CELLS = new SerializedString("cells");
    private static final SerializedString REGULAR_MEETINGS_HELD = new SerializedString("regularMeetingsHeld");
    private static final SerializedString HELD_ON_REGULAR_DAY = new SerializedString("heldOnRegularDay");
    private static final SerializedString MINUTES_LATE = new SerializedString("minutesLate");
    private static final SerializedString AVERAGE_ATTENDANCE = new SerializedString("averageAttendance");

    /** The classes written here, each as the mapper would write it unless a mix-in says otherwise. */
    private static final List<Class<?>> WRITTEN = List.of(Compliance.class, ComplianceRow.class, Totals.class, UUID.class,
            LocalDate.class, String.class, Integer.class, Long.class, Double.class, Boolean.class, List.class, Map.class);

    private final JsonGenerator out;

    private ComplianceJson(JsonGenerator out) {
        this.out = out;
    }

    /** The page as JSON, as {@code mapper} writes it: by a generator of it, or by the mapper if it is not set as assumed. */
    static byte[] write(Compliance page, ObjectMapper mapper) throws IOException {
        if (!setAsAssumed(mapper)) {
            return mapper.writeValueAsBytes(page);
        }
        int rows = page.rows() == null ? 0 : page.rows().size();
        // not Jackson's ByteArrayBuilder: its blocks are of 128 kB at most, ~40 of them for a province, then copied
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(rows * BYTES_A_ROW + 16 * 1024);
        try (JsonGenerator generator = mapper.createGenerator(buffer)) {
            new ComplianceJson(generator).page(page);
        }
        return buffer.toByteArray();
    }

    /**
     * Whether the mapper writes these records as this class does: Spring Boot's defaults for what it decides itself
     * rather than its generator (which nulls, which names, dates as text, maps in their own order, no mix-in for
     * what it writes: Spring's builder adds one, for {@code ProblemDetail}).
     */
    static boolean setAsAssumed(ObjectMapper mapper) {
        JsonInclude.Include inclusion = mapper.getSerializationConfig().getDefaultPropertyInclusion().getValueInclusion();
        JsonInclude.Include content = mapper.getSerializationConfig().getDefaultPropertyInclusion().getContentInclusion();
        return !mapper.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                && !mapper.isEnabled(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                && mapper.getPropertyNamingStrategy() == null && WRITTEN.stream().allMatch(c -> mapper.findMixInClassFor(c) == null)
                && (inclusion == JsonInclude.Include.ALWAYS || inclusion == JsonInclude.Include.USE_DEFAULTS)
                && (content == JsonInclude.Include.ALWAYS || content == JsonInclude.Include.USE_DEFAULTS);
    }

    private void page(Compliance c) throws IOException {
        out.writeStartObject();
        out.writeFieldName(UNIT_ID);
        uuid(c.unitId());
        out.writeFieldName(UNIT_NAME);
        text(c.unitName());
        out.writeFieldName(MONTH);
        text(c.month());
        out.writeFieldName(ROWS);
        array(c.rows(), this::row);
        out.writeFieldName(TOTAL);
        totals(c.total());
        out.writeFieldName(BY_UNIT);
        array(c.byUnit(), this::totals);
        out.writeEndObject();
    }

    private void row(ComplianceRow r) throws IOException {
        if (r == null) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        out.writeFieldName(CELL_ID);
        uuid(r.cellId());
        out.writeFieldName(CELL_NAME);
        text(r.cellName());
        out.writeFieldName(UNIT_ID);
        uuid(r.unitId());
        out.writeFieldName(UNIT_NAME);
        text(r.unitName());
        out.writeFieldName(REGULAR_MEETING_ON);
        day(r.regularMeetingOn());
        out.writeFieldName(MEETING_ID);
        uuid(r.meetingId());
        out.writeFieldName(NOTICE_DAYS);
        number(r.noticeDays());
        out.writeFieldName(OFF_REGULAR_DAY);
        bool(r.offRegularDay());
        out.writeFieldName(OFF_DAY_REASON);
        text(r.offDayReason());
        out.writeFieldName(ENTERED_LATE);
        bool(r.enteredLate());
        out.writeFieldName(ATTENDANCE_RATE);
        number(r.attendanceRate());
        out.writeFieldName(DURATION_MINUTES);
        number(r.durationMinutes());
        out.writeFieldName(SCORE_TOTAL);
        number(r.scoreTotal());
        out.writeFieldName(SCORE_LEVEL);
        text(r.scoreLevel());
        out.writeFieldName(MINUTES_FINAL);
        bool(r.minutesFinal());
        out.writeFieldName(MINUTES_DAYS);
        number(r.minutesDays());
        out.writeFieldName(TOPICAL);
        out.writeNumber(r.topicalMeetingsThisQuarter());
        out.writeFieldName(RATINGS_SUBMITTED);
        out.writeNumber(r.ratingsSubmitted());
        out.writeFieldName(MEMBERS);
        out.writeNumber(r.members());
        out.writeFieldName(OVERDUE_TASKS);
        out.writeNumber(r.overdueTasks());
        out.writeFieldName(FLAGS);
        array(r.flags(), this::text);
        out.writeFieldName(REGULAR_MEETING_HELD);
        out.writeBoolean(r.regularMeetingHeld());
        out.writeEndObject();
    }

    private void totals(Totals t) throws IOException {
        if (t == null) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        out.writeFieldName(UNIT_ID);
        uuid(t.unitId());
        out.writeFieldName(UNIT_NAME);
        text(t.unitName());
        out.writeFieldName(CELLS);
        out.writeNumber(t.cells());
        out.writeFieldName(REGULAR_MEETINGS_HELD);
        out.writeNumber(t.regularMeetingsHeld());
        out.writeFieldName(HELD_ON_REGULAR_DAY);
        out.writeNumber(t.heldOnRegularDay());
        out.writeFieldName(MINUTES_FINAL);
        out.writeNumber(t.minutesFinal());
        out.writeFieldName(MINUTES_LATE);
        out.writeNumber(t.minutesLate());
        out.writeFieldName(AVERAGE_ATTENDANCE);
        number(t.averageAttendance());
        out.writeFieldName(RATINGS_SUBMITTED);
        out.writeNumber(t.ratingsSubmitted());
        out.writeFieldName(MEMBERS);
        out.writeNumber(t.members());
        out.writeFieldName(OVERDUE_TASKS);
        out.writeNumber(t.overdueTasks());
        out.writeFieldName(FLAGS);
        if (t.flags() == null) {
            out.writeNull();
        } else {
            out.writeStartObject();
            for (Map.Entry<String, Integer> flag : t.flags().entrySet()) {
                out.writeFieldName(flag.getKey());
                number(flag.getValue());
            }
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    /** Writes one element of an array. */
    private interface Element<T> {
        void write(T element) throws IOException;
    }

    private <T> void array(List<T> elements, Element<T> element) throws IOException {
        if (elements == null) {
            out.writeNull();
            return;
        }
        out.writeStartArray();
        for (T e : elements) {
            element.write(e);
        }
        out.writeEndArray();
    }

    private void text(String value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else {
            out.writeString(value);
        }
    }

    /** As Jackson writes a {@link UUID}: its 36 characters, lower-case hexadecimal. */
    private void uuid(UUID id) throws IOException {
        text(id == null ? null : id.toString());
    }

    /** As the mapper writes a {@link LocalDate} when dates are not timestamps: ISO text, {@code 2026-10-03}. */
    private void day(LocalDate day) throws IOException {
        text(day == null ? null : day.toString());
    }

    private void number(Integer value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else {
            out.writeNumber(value.intValue());
        }
    }

    private void number(Long value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else {
            out.writeNumber(value.longValue());
        }
    }

    private void number(Double value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else {
            out.writeNumber(value.doubleValue());
        }
    }

    private void bool(Boolean value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else {
            out.writeBoolean(value);
        }
    }
}
