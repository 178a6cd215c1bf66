package cn.yq.aq.ingest.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The fast readings of time and interval give what java.time's parsers give, and refuse what they refuse. */
class ReadingTimesTest {

    @Test
    void aRealDateTimeWithOffsetIsReadAsJavaTimeReadsIt() {
        SplittableRandom random = new SplittableRandom(20261206);
        for (int i = 0; i < 20_000; i++) {
            // any second from 1900 to 2100, any offset of whole quarter hours from −18:00 to +18:00
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_208_988_800L, 4_102_444_800L));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-72, 73) * 900);
            String text = OffsetDateTime.ofInstant(instant, offset).toString();
            if (text.length() == 25) { // the form with seconds (toString leaves ":00" seconds out)
                assertThat(ReadingTimes.time(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
            }
        }
    }

    @Test
    void otherFormsGoToJavaTimeWithItsAnswer() {
        for (String text : List.of("2025-01-15T08:00:00Z", "2025-01-15T08:00:00.5+08:00", "2025-01-15T08:00+08:00",
                "2024-02-29T23:59:59+08:00", "2025-01-15T08:00:00-00:00", "2025-01-15T08:00:00+18:00")) {
            assertThat(ReadingTimes.time(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
        // 2025 is not a leap year; hour 24; second 60; offset beyond ±18:00; a letter for a digit; a space for the T
        for (String text : List.of("2025-02-29T08:00:00+08:00", "2025-01-15T24:00:00+08:00", "2025-01-15T08:00:60+08:00",
                "2025-01-15T08:00:00+18:30", "2025-01-1xT08:00:00+08:00", "2025-01-15 08:00:00+08:00", "")) {
            assertThatThrownBy(() -> ReadingTimes.time(text)).as(text).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> OffsetDateTime.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void intervalsAreTheirDurations() {
        for (String text : List.of("PT0S", "PT1M", "PT5M", "PT10M", "PT15M", "PT30M", "PT1H", "P1D", "PT2H", "PT60M", "P2D")) {
            assertThat(ReadingTimes.interval(text)).as(text).isEqualTo(Duration.parse(text));
        }
        assertThatThrownBy(() -> ReadingTimes.interval("1h")).isInstanceOf(DateTimeParseException.class);
    }
}
