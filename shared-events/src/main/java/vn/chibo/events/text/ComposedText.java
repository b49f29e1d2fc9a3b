package vn.chibo.events.text;

import java.text.Normalizer;

/**
 * Vietnamese text in its composed form (Unicode NFC, "Unicode dựng sẵn"). The same word typed with a combining
 * keyboard setting (Unikey's "Unicode tổ hợp") or pasted from a macOS file name is another sequence of code points:
 * "Hòa" as {@code H o a U+0300} against {@code H ò a}. Kept that way, a cell's name would not match the same name in
 * an import file, nor sort or count with it. Text is composed where it enters, so what is stored is one form.
 */
public final class ComposedText {
    /** Below U+0300 (the first combining mark) nothing composes: ASCII and Latin-1 text is returned as it is. */
    private static final char FIRST_COMBINING = '\u0300';

    private ComposedText() {
    }

    /** {@code text} composed (NFC); null stays null, text already composed is returned itself. */
    public static String of(String text) {
        if (text == null || !mayCompose(text) || Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
            return text;
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static boolean mayCompose(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= FIRST_COMBINING) {
                return true;
            }
        }
        return false;
    }
}
