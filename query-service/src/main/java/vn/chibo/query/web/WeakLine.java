package vn.chibo.query.web;

import java.util.Locale;

/**
 * What a big reply needs on a commune's weak line besides its tag (Spring's {@code WebRequest.checkNotModified}):
 * gzipped when the browser takes gzip ({@code Accept-Encoding}). Tomcat's own compression would gzip a kept page
 * again for every read; the reply's owner gzips it once instead.
 */
public final class WeakLine {
    private WeakLine() {
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
