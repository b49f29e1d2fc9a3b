package vn.chibo.query.organisation;

import java.text.CollationKey;
import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    /** Names of units and people change rarely: their sort keys are kept (up to this many). */
    private static final int KEPT_KEYS = 100_000;
    private static final Map<String, CollationKey> KEYS = new ConcurrentHashMap<>();

    /**
     * The sort key of a name: to sort thousands of rows, compare keys computed once (comparing with the collator
     * itself is slow and serialised: 0.4 s for the 8,000 cells of a province, measured in issue 7).
     */
    public static CollationKey collationKey(String name) {
        String key = name == null ? "" : name;
        CollationKey known = KEYS.get(key);
        if (known != null) {
            return known;
        }
        if (KEYS.size() >= KEPT_KEYS) {
            KEYS.clear();
        }
        return KEYS.computeIfAbsent(key, COLLATOR::getCollationKey);
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
