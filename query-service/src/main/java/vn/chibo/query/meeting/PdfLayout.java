package vn.chibo.query.meeting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import vn.chibo.events.text.ComposedText;

/**
 * A small flowing layout on A4 for documents in Vietnamese: paragraphs wrapped by word, centred or indented
 * lines, two columns side by side, new pages as needed. DejaVu Serif is embedded (subset), so every
 * diacritic prints as typed on any reader.
 */
final class PdfLayout implements AutoCloseable {
    enum Align { LEFT, CENTER }

    private static final String FONTS = "/net/sf/jasperreports/fonts/dejavu/";
    private static final float MM = 72f / 25.4f;
    private static final float LEFT = 30 * MM;
    private static final float RIGHT = PDRectangle.A4.getWidth() - 20 * MM;
    private static final float TOP = PDRectangle.A4.getHeight() - 20 * MM;
    private static final float BOTTOM = 20 * MM;

    private final PDDocument document = new PDDocument();
    final PDType0Font regular;
    final PDType0Font bold;
    final PDType0Font italic;
    private PDPageContentStream content;
    private float y;

    PdfLayout() {
        try {
            regular = font("DejaVuSerif.ttf");
            bold = font("DejaVuSerif-Bold.ttf");
            italic = font("DejaVuSerif-Italic.ttf");
            newPage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PDType0Font font(String file) throws IOException {
        try (InputStream in = PdfLayout.class.getResourceAsStream(FONTS + file)) {
            if (in == null) {
                throw new IOException("Font " + file + " not on the classpath (jasperreports-fonts)");
            }
            return PDType0Font.load(document, in);
        }
    }

    private void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = TOP;
    }

    void space(float points) {
        y -= points;
    }

    /** A paragraph wrapped to the text width, its first line indented by {@code indent} points. */
    void paragraph(String text, PDType0Font font, float size, Align align, float indent) {
        if (text == null) {
            return;
        }
        for (String block : clean(text).split("\n", -1)) {
            List<String> lines = wrap(block, font, size, RIGHT - LEFT - indent);
            for (String line : lines) {
                line(line, font, size, align, LEFT + indent, RIGHT);
            }
        }
    }

    /** Two blocks of centred lines side by side (the heading of a document, the signatures). */
    void columns(List<Line> left, List<Line> right) {
        float middle = (LEFT + RIGHT) / 2;
        float start = y;
        float leftEnd = column(left, LEFT - 10 * MM, middle - 5 * MM, start);
        float rightEnd = column(right, middle, RIGHT + 10 * MM, start);
        y = Math.min(leftEnd, rightEnd);
    }

    record Line(String text, PDType0Font font, float size) {
    }

    private float column(List<Line> lines, float from, float to, float start) {
        y = start;
        for (Line line : lines) {
            for (String part : wrap(clean(line.text()), line.font(), line.size(), to - from)) {
                line(part, line.font(), line.size(), Align.CENTER, from, to);
            }
        }
        return y;
    }

    private void line(String text, PDType0Font font, float size, Align align, float from, float to) {
        try {
            float height = size * 1.4f;
            if (y - height < BOTTOM) {
                newPage();
            }
            y -= height;
            float width = font.getStringWidth(text) / 1000 * size;
            float x = align == Align.CENTER ? from + (to - from - width) / 2 : from;
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, y);
            content.showText(text);
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> wrap(String text, PDType0Font font, float size, float width) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (!current.isEmpty() && widthOf(candidate, font, size) > width) {
                lines.add(current.toString());
                current = new StringBuilder(word);
            } else {
                current = new StringBuilder(candidate);
            }
        }
        lines.add(current.toString());
        return lines;
    }

    private static float widthOf(String text, PDType0Font font, float size) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tabs and control characters have no glyph; text is normalised to composed (NFC) Vietnamese. */
    private static String clean(String text) {
        return ComposedText.of(text)
                .replace("\t", "    ").replace("\r", "").replaceAll("[\\p{Cntrl}&&[^\n]]", "");
    }

    byte[] toBytes() {
        try {
            content.close();
            content = null;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (content != null) {
                content.close();
            }
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
