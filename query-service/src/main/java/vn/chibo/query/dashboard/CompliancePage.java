package vn.chibo.query.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chibo.query.dashboard.DashboardViews.Compliance;

/**
 * One compliance page as the department reads it: its JSON, the tag that tells a browser its copy is still the page
 * ({@code ETag}), and, once asked for, that JSON gzipped. A kept province page is read again and again: writing its
 * 8,000 rows out as JSON again for each read made a read take 24 ms (p50) instead of 9 (issue 7). Its 4.9 MB take
 * 40 s at 1 Mbit/s, a commune's line on a bad day; gzipped, 0.56 MB. Two readers that ask at once may both gzip it:
 * the same bytes, kept by whichever comes last.
 * <p>
 * Only the JSON is kept, not the rows it was written from (~2 MB more for a province): every kept page is moved to
 * the old generation before it is dropped, and there it brings the next full collection nearer (issue 7).
 */
final class CompliancePage {
    private final byte[] json;
    private final int rows;
    private final String etag;
    private volatile byte[] gzipped;

    private CompliancePage(byte[] json, int rows, String etag) {
        this.json = json;
        this.rows = rows;
        this.etag = etag;
    }

    /** The page of {@code compliance}, written out as JSON by a generator of {@code mapper} ({@link ComplianceJson}). */
    static CompliancePage of(Compliance compliance, String etag, ObjectMapper mapper) {
        try {
            return new CompliancePage(ComplianceJson.write(compliance, mapper), compliance.rows().size(), etag);
        } catch (IOException e) {
            throw new IllegalStateException("The compliance page could not be written as JSON", e);
        }
    }

    /** How many cells the page lists. */
    int rows() {
        return rows;
    }

    /** A weak tag: the same page whether sent gzipped or not. */
    String etag() {
        return etag;
    }

    byte[] json() {
        return json;
    }

    byte[] gzipped() {
        byte[] written = gzipped;
        if (written == null) {
            written = gzip(json);
            gzipped = written;
        }
        return written;
    }

    /** The fastest level: the page's rows repeat their keys, so it still shrinks to a tenth or less. */
    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(512, content.length / 8));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
