package vn.chibo.query.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chibo.query.dashboard.DashboardViews.Compliance;

/**
 * One compliance page as the department reads it: its rows, the tag that tells a browser its copy is still the page
 * ({@code ETag}), and, once asked for, its JSON and that JSON gzipped. A kept province page is read again and again:
 * writing its 8,000 rows out as JSON again for each read made a read take 24 ms (p50) instead of 9 (issue 7). Its
 * 4.9 MB take 40 s at 1 Mbit/s, a commune's line on a bad day; gzipped, 0.56 MB. Two readers that ask at once may
 * both write it out: the same bytes, kept by whichever comes last.
 */
final class CompliancePage {
    private final Compliance compliance;
    private final String etag;
    private volatile byte[] json;
    private volatile byte[] gzipped;

    CompliancePage(Compliance compliance, String etag) {
        this.compliance = compliance;
        this.etag = etag;
    }

    Compliance compliance() {
        return compliance;
    }

    /** A weak tag: the same page whether sent gzipped or not. */
    String etag() {
        return etag;
    }

    byte[] json(ObjectMapper mapper) {
        byte[] written = json;
        if (written == null) {
            try {
                written = mapper.writeValueAsBytes(compliance);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("The compliance page could not be written as JSON", e);
            }
            json = written;
        }
        return written;
    }

    byte[] gzipped(ObjectMapper mapper) {
        byte[] written = gzipped;
        if (written == null) {
            written = gzip(json(mapper));
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
