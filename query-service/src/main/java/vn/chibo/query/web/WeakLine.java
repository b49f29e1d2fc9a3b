package vn.chibo.query.web;

import java.util.Locale;

/**
 * What a big reply needs on a commune's weak line: not sent again when the browser already holds it (its tag in
 * {@code If-None-Match}), and gzipped when the browser takes gzip ({@code Accept-Encoding}).
 */
public final class WeakLine {
    private WeakLine() {
    }

    /**
     * Whether {@code ifNoneMatch} names {@code etag}, compared weakly as RFC 9110 asks for {@code If-None-Match}
     * (the {@code W/} prefix ignored on both sides); {@code *} names any.
     */
    public static boolean holds(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String wanted = opaque(etag);
        for (String tag : ifNoneMatch.split(",")) {
            String held = tag.strip();
            if (held.equals("*") || opaque(held).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String etag) {
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }

    /**
     * Whether {@code acceptEncoding} takes gzip: named, or left to {@code *}, and not with {@code q=0}; a named gzip
     * decides over {@code *}.
     */
    public static boolean takesGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Boolean named = null;
        boolean any = false;
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].strip().toLowerCase(Locale.ROOT);
            boolean taken = true;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].replace(" ", "").toLowerCase(Locale.ROOT);
                taken &= !(parameter.startsWith("q=") && parameter.substring(2).matches("0(\\.0{0,3})?"));
            }
            if (name.equals("gzip") || name.equals("x-gzip")) {
                named = taken;
            } else if (name.equals("*")) {
                any = taken;
            }
        }
        return named != null ? named : any;
    }
}
