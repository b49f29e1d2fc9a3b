package vn.chibo.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gzip is sent only where it is taken. */
class WeakLineTest {
    @ParameterizedTest(name = "Accept-Encoding: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "gzip, deflate, br, zstd | true",
            "GZIP;q=0.5              | true",
            "x-gzip                  | true",
            "*                       | true",
            "br;q=1.0, gzip;q=0      | false",
            "gzip; q=0.000           | false",
            "gzip;q=0, *             | false",
            "*;q=0                   | false",
            "identity                | false",
            "deflate, br             | false",
    })
    void gzip_goes_only_where_it_is_taken(String takes, boolean gzip) {
        assertThat(WeakLine.takesGzip(takes)).isEqualTo(gzip);
    }

    @Test
    void no_header_means_no_gzip() {
        assertThat(WeakLine.takesGzip(null)).isFalse();
    }
}
