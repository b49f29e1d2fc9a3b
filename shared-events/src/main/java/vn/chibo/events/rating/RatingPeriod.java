package vn.chibo.events.rating;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    /** Reads {@code 2026-10}, {@code 2026-Q4} or {@code 2026}; throws IllegalArgumentException otherwise. */
    public static RatingPeriod parse(String code) {
        String text = code == null ? "" : code.strip().toUpperCase();
        Matcher quarter = QUARTER.matcher(text);
        if (quarter.matches()) {
            int year = Integer.parseInt(quarter.group(1));
            int q = Integer.parseInt(quarter.group(2));
            LocalDate start = LocalDate.of(year, (q - 1) * 3 + 1, 1);
            return new RatingPeriod(Kind.QUARTER, text, start, start.plusMonths(3).minusDays(1));
        }
        if (YEAR.matcher(text).matches()) {
            int year = Integer.parseInt(text);
            return new RatingPeriod(Kind.YEAR, text, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        }
        if (MONTH.matcher(text).matches()) {
            try {
                YearMonth month = YearMonth.parse(text);
                return new RatingPeriod(Kind.MONTH, text, month.atDay(1), month.atEndOfMonth());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Not a month: " + code, e);
            }
        }
        throw new IllegalArgumentException("A period is 2026-10, 2026-Q4 or 2026, not " + code);
    }

    public int year() {
        return start.getYear();
    }
}
