package vn.chibo.events.organisation;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** Ngày làm việc: Monday to Friday (public holidays are not yet data; they count as working days). */
public final class WorkingDays {
    private WorkingDays() {
    }

    /** Working days after {@code from} up to and including {@code to}; 0 when {@code to} is not after {@code from}. */
    public static long between(LocalDate from, LocalDate to) {
        long days = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days++;
            }
        }
        return days;
    }
}
