package vn.chibo.events;

import java.time.ZoneId;

/**
 * Every calendar date in chibo ("today", the 3rd of the month, a deadline, a month of ratings) is a date in
 * Vietnam; instants stay UTC.
 */
public final class VietnamTime {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private VietnamTime() {
    }
}
