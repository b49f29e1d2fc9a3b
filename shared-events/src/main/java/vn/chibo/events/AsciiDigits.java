package vn.chibo.events;

/**
 * Numbers written in ASCII digits inside a text (a period's year and month, a stored time's fields), read without
 * patterns or parsers on the paths that read every event (issue 7).
 */
public final class AsciiDigits {
    private AsciiDigits() {
    }

    /** The digits from {@code from} to {@code to} as a number, or -1 when one of them is not an ASCII digit. */
    public static int valueOf(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
