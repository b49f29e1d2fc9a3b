package vn.chibo.query.organisation;

import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;

/**
 * Vietnamese lists sort by the given name, the last word of the full name ("Nguyễn Thị Minh Khai" under K),
 * then by the rest, with Vietnamese collation (a, ă, â, ..., đ after d; tones after the base letter).
 */
public final class VietnameseNames {
    private static final Collator COLLATOR = Collator.getInstance(Locale.forLanguageTag("vi-VN"));

    /** Plain Vietnamese collation, for unit names. */
    public static final Comparator<String> COLLATION = COLLATOR::compare;

    public static final Comparator<String> ORDER = Comparator
            .comparing(VietnameseNames::givenName, COLLATOR::compare)
            .thenComparing(VietnameseNames::rest, COLLATOR::compare);

    private VietnameseNames() {
    }

    static String givenName(String fullName) {
        String name = fullName.strip();
        return name.substring(name.lastIndexOf(' ') + 1);
    }

    static String rest(String fullName) {
        String name = fullName.strip();
        int space = name.lastIndexOf(' ');
        return space < 0 ? "" : name.substring(0, space);
    }
}
