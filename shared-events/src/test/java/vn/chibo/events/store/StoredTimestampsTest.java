package vn.chibo.events.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

class StoredTimestampsTest {
    @Test
    void every_time_axon_writes_is_read_as_axon_reads_it() {
        Random random = new Random(20261204);
        long from = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2100-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            String stored = DateTimeUtils.formatInstant(instant);
            assertThat(StoredTimestamps.parse(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
        }
        for (String stored : new String[]{"2028-02-29T23:59:59.999Z", "2026-12-31T23:59:59.999Z",
                "2027-01-01T00:00:00.000Z", "1999-12-31T16:59:59.000Z"}) {
            assertThat(StoredTimestamps.parse(stored)).isEqualTo(Instant.parse(stored));
        }
    }

    @Test
    void other_forms_are_read_or_refused_as_axon_reads_or_refuses_them() {
        for (String text : new String[]{"2026-01-01T00:00:00Z", "2026-01-01T00:00:00.1Z", "2026-01-01T00:00:00.12Z",
                "2026-01-01T00:00:00.123456789Z", "2026-01-01t00:00:00.000z", "2026-01-01T07:00:00.000+07:00",
                "0000-01-01T00:00:00.000Z", "+12026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.Z"}) {
            assertThat(StoredTimestamps.parse(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
        }
        for (String text : new String[]{"2026-01-01T00:00:00.1234567891Z", "2026-01-01T24:00:00.000Z",
                "2026-02-30T00:00:00.000Z", "2026-01-01T00:00:60.000Z", "2026-01-01T00:60:00.000Z",
                "2026-13-01T00:00:00.000Z", "2026-1-01T00:00:00.000Z",
                "2026-01-01T00:00:00,123Z", "2026-01-01 00:00:00.123Z", "2026-01-01T00:00:00.12aZ", "x"}) {
            assertThatThrownBy(() -> DateTimeUtils.parseInstant(text)).as("Axon refuses " + text)
                    .isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> StoredTimestamps.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}
