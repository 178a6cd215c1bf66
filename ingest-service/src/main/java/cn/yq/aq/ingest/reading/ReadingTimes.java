package cn.yq.aq.ingest.reading;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * A reading's {@code time} and {@code interval} text read fast in the form every station sends
 * ({@code 2025-01-15T08:00:00+08:00}, {@code PT1H}), and by {@code java.time}'s parsers otherwise.
 * {@code OffsetDateTime.parse} and {@code Duration.parse} (a regular expression) were a quarter of
 * ingest's CPU per reading. The fast path accepts only what the full parser accepts with the same
 * result; anything else (fractions of a second, {@code Z}, a day that does not exist, other durations)
 * goes to the full parser, which also gives the error.
 */
final class ReadingTimes {

    /** The contract's intervals by their text (Duration.toString() of each). */
    private static final Map<String, Duration> INTERVALS = Map.of(
            "PT0S", Duration.ZERO, "PT1M", Duration.ofMinutes(1), "PT5M", Duration.ofMinutes(5),
            "PT10M", Duration.ofMinutes(10), "PT15M", Duration.ofMinutes(15), "PT30M", Duration.ofMinutes(30),
            "PT1H", Duration.ofHours(1), "P1D", Duration.ofDays(1));

    private ReadingTimes() {
    }

    /** Like {@link Duration#parse}. */
    static Duration interval(String text) {
        Duration d = INTERVALS.get(text);
        return d != null ? d : Duration.parse(text);
    }

    /** Like {@code OffsetDateTime.parse(text).toInstant()}. */
    static Instant time(String text) {
        Instant fast = fast(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss±HH:MM}, or null when the text is not exactly that form of a real date-time. */
    private static Instant fast(String s) {
        if (s.length() != 25 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(22) != ':') {
            return null;
        }
        char sign = s.charAt(19);
        if (sign != '+' && sign != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int offsetHours = digits(s, 20, 2);
        int offsetMinutes = digits(s, 23, 2);
        if ((year | month | day | hour | minute | second | offsetHours | offsetMinutes) < 0) {
            return null;
        }
        try {
            // "-00:00" is accepted by OffsetDateTime.parse as UTC too
            ZoneOffset offset = sign == '+' ? ZoneOffset.ofHoursMinutes(offsetHours, offsetMinutes)
                    : ZoneOffset.ofHoursMinutes(-offsetHours, -offsetMinutes);
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(offset);
        } catch (DateTimeException e) {
            return null; // e.g. February 30th or offset +19:00: the full parser says what is wrong
        }
    }

    /** The decimal number of {@code n} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
