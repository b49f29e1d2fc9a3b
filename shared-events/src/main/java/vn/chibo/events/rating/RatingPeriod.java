package vn.chibo.events.rating;

import java.time.LocalDate;
import java.time.YearMonth;

import vn.chibo.events.AsciiDigits;

/**
 * The period a rating is for: the cell's month ({@code 2026-10}), the official quarter ({@code 2026-Q4}) or
 * year ({@code 2026}). Dates are Vietnam's calendar days.
 */
public record RatingPeriod(Kind kind, String code, LocalDate start, LocalDate end) {
    public enum Kind {
        MONTH,
        QUARTER,
        YEAR
    }

    /**
     * Reads {@code 2026-10}, {@code 2026-Q4} or {@code 2026}; throws IllegalArgumentException otherwise. Read by hand,
     * not by patterns and a date parser: every rating event is read by two projections, and three patterns and
     * {@code YearMonth.parse} were a sixteenth of what a replay allocated (issue 7).
     */
    public static RatingPeriod parse(String code) {
        String text = code == null ? "" : code.strip().toUpperCase();
        int year = text.length() >= 4 ? AsciiDigits.valueOf(text, 0, 4) : -1;
        if (year >= 0 && text.length() == 4) {
            return new RatingPeriod(Kind.YEAR, text, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        }
        if (year >= 0 && text.length() == 7 && text.charAt(4) == '-') {
            char quarter = text.charAt(6);
            if (text.charAt(5) == 'Q' && quarter >= '1' && quarter <= '4') {
                LocalDate start = LocalDate.of(year, (quarter - '1') * 3 + 1, 1);
                return new RatingPeriod(Kind.QUARTER, text, start, start.plusMonths(3).minusDays(1));
            }
            int month = AsciiDigits.valueOf(text, 5, 7);
            if (month >= 0) {
                if (month < 1 || month > 12) {
                    throw new IllegalArgumentException("Not a month: " + code);
                }
                YearMonth yearMonth = YearMonth.of(year, month);
                return new RatingPeriod(Kind.MONTH, text, yearMonth.atDay(1), yearMonth.atEndOfMonth());
            }
        }
        throw new IllegalArgumentException("A period is 2026-10, 2026-Q4 or 2026, not " + code);
    }

    public int year() {
        return start.getYear();
    }
}
