package vn.chibo.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A browser's copy is recognised by its tag however it is written; gzip is sent only where it is taken. */
class WeakLineTest {
    private static final String TAG = "W/\"u.2026-10.2026-11-25.k3.42\"";

    @ParameterizedTest(name = "If-None-Match: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "W/\"u.2026-10.2026-11-25.k3.42\"                         | true",
            "\"u.2026-10.2026-11-25.k3.42\"                           | true",
            "\"other\", W/\"u.2026-10.2026-11-25.k3.42\"              | true",
            "*                                                       | true",
            "W/\"u.2026-10.2026-11-25.k3.41\"                         | false",
            "W/\"u.2026-10.2026-11-25.k3.4\"                          | false",
            "''                                                      | false",
    })
    void a_held_copy_is_the_page_only_with_its_own_tag(String held, boolean holds) {
        assertThat(WeakLine.holds(held, TAG)).isEqualTo(holds);
    }

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
    void no_header_means_no_copy_and_no_gzip() {
        assertThat(WeakLine.holds(null, TAG)).isFalse();
        assertThat(WeakLine.takesGzip(null)).isFalse();
    }
}
