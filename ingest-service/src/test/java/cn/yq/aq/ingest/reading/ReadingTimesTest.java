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
        for (int i = 0; i < 40_000; i++) {
            String text = randomText(random);
            assertThat(ReadingTimes.time(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    /**
     * Every text one character away from a real date-time (a character replaced, dropped or added) reads as
     * java.time reads it, or is refused as java.time refuses it: the fast path never accepts what the full
     * parser would refuse, nor reads a different instant.
     */
    @Test
    void aTextOneCharacterAwayIsReadOrRefusedAsJavaTimeDoes() {
        SplittableRandom random = new SplittableRandom(6122026);
        String alphabet = "0123456789+-:.TZtz 9";
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 60_000; i++) {
            StringBuilder text = new StringBuilder(randomText(random));
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> text.deleteCharAt(at);
                default -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String mutated = text.toString();
            Instant expected;
            try {
                expected = OffsetDateTime.parse(mutated).toInstant();
            } catch (DateTimeParseException e) {
                refused++;
                assertThatThrownBy(() -> ReadingTimes.time(mutated)).as(mutated).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            accepted++;
            assertThat(ReadingTimes.time(mutated)).as(mutated).isEqualTo(expected);
        }
        // both kinds occurred often: the comparison covered acceptance and refusal
        assertThat(accepted).isGreaterThan(5_000);
        assertThat(refused).isGreaterThan(5_000);
    }

    /**
     * A real date-time as OffsetDateTime.toString() writes it: any second from 1900 to 2100 with no fraction, millis,
     * micros or nanos, any offset of whole quarter hours from −18:00 to +18:00 (UTC written Z); toString leaves out
     * ":00" seconds, so the form without seconds comes too.
     */
    private static String randomText(SplittableRandom random) {
        long second = random.nextLong(-2_208_988_800L, 4_102_444_800L);
        if (random.nextInt(4) == 0) {
            second -= second % 60; // whole minutes: written without seconds
        }
        int nanos = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
        };
        ZoneOffset offset = random.nextInt(5) == 0 ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(random.nextInt(-72, 73) * 900);
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(second, nanos), offset).toString();
    }

    @Test
    void otherFormsGoToJavaTimeWithItsAnswer() {
        for (String text : List.of("2025-01-15T08:00:00Z", "2025-01-15T08:00:00.5+08:00", "2025-01-15T08:00+08:00",
                "2024-02-29T23:59:59+08:00", "2025-01-15T08:00:00-00:00", "2025-01-15T08:00:00+18:00", "2025-01-15t08:00:00z",
                "2025-01-15T08:00:00.123456789Z", "2025-01-15T08:00:00+08:00:00", "2025-01-15T08:00Z",
                "2025-01-15T08:00:00.+08:00")) { // the last: java.time takes a decimal point without digits
            assertThat(ReadingTimes.time(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
        // 2025 is not a leap year; hour 24; second 60; offset beyond ±18:00; a letter for a digit; a space for the T
        for (String text : List.of("2025-02-29T08:00:00+08:00", "2025-01-15T24:00:00+08:00", "2025-01-15T08:00:60+08:00",
                "2025-01-15T08:00:00+18:30", "2025-01-1xT08:00:00+08:00", "2025-01-15 08:00:00+08:00", "",
                "2025-01-15T08:00:00.1234567891Z", "2025-01-15T08:00.5+08:00",
                "2025-01-15T08:00:00.5", "2025-01-15T08:00")) {
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
