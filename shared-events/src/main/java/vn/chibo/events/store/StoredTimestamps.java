package vn.chibo.events.store;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.common.DateTimeUtils;

import vn.chibo.events.AsciiDigits;

/**
 * An event's stored time as Axon writes it ({@code 2026-12-04T03:21:07.123Z}: UTC, seconds, three to nine digits of
 * a second), read by hand; any other form is read by Axon's own parser. Axon's parser builds a map of fields and a
 * {@code BigDecimal} for the fraction each time: a replay read every event's time twice that way, a tenth of what it
 * allocated (issue 7).
 */
final class StoredTimestamps {
    private StoredTimestamps() {
    }

    static Instant parse(String text) {
        Instant read = readUtc(text);
        return read != null ? read : DateTimeUtils.parseInstant(text);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.fffffffff]Z}, or null when the text has another form or names no real time. */
    private static Instant readUtc(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = AsciiDigits.valueOf(text, 0, 4);
        int month = AsciiDigits.valueOf(text, 5, 7);
        int day = AsciiDigits.valueOf(text, 8, 10);
        int hour = AsciiDigits.valueOf(text, 11, 13);
        int minute = AsciiDigits.valueOf(text, 14, 16);
        int second = AsciiDigits.valueOf(text, 17, 19);
        int nanos = 0;
        int end = length - 1;
        if (end > 19) {
            if (text.charAt(19) != '.' || end == 20) {
                return null;
            }
            int fraction = AsciiDigits.valueOf(text, 20, end);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int digits = end - 20; digits < 9; digits++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
