package cn.yq.aq.ingest.reading;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * A reading's {@code time} and {@code interval} text read fast in the forms stations send
 * ({@code 2025-01-15T08:00:00+08:00}, {@code 2025-01-15T08:00+08:00}, {@code 2025-01-15T00:00:00.000Z}, {@code PT1H}),
 * and by {@code java.time}'s parsers otherwise.
 * {@code OffsetDateTime.parse} and {@code Duration.parse} (a regular expression) were a quarter of
 * ingest's CPU per reading. The fast path accepts only what the full parser accepts with the same
 * result; anything else (lower-case letters, offsets with seconds, a day that does not exist, other durations)
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

    /**
     * {@code yyyy-MM-ddTHH:mm[:ss[.f…]]} and {@code Z} or {@code ±HH:MM} (what stations and {@code OffsetDateTime.toString()}
     * write), or null when the text is not exactly such a form of a real date-time: the full parser then decides.
     */
    private static Instant fast(String s) {
        int n = s.length();
        if (n < 17 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = 0;
        int nano = 0;
        int i = 16;
        if (s.charAt(i) == ':' && n >= 20) {
            second = digits(s, 17, 2);
            i = 19;
            if (s.charAt(i) == '.') {
                int start = ++i;
                while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    nano = nano * 10 + (s.charAt(i++) - '0');
                }
                if (i == start) {
                    return null;
                }
                for (int k = i - start; k < 9; k++) {
                    nano *= 10;
                }
            }
        }
        if ((year | month | day | hour | minute | second) < 0 || i >= n) {
            return null;
        }
        try {
            ZoneOffset offset;
            char sign = s.charAt(i);
            if (sign == 'Z' && i + 1 == n) {
                offset = ZoneOffset.UTC;
            } else if ((sign == '+' || sign == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
                int offsetHours = digits(s, i + 1, 2);
                int offsetMinutes = digits(s, i + 4, 2);
                if ((offsetHours | offsetMinutes) < 0) {
                    return null;
                }
                // "-00:00" is accepted by OffsetDateTime.parse as UTC too
                offset = sign == '+' ? ZoneOffset.ofHoursMinutes(offsetHours, offsetMinutes)
                        : ZoneOffset.ofHoursMinutes(-offsetHours, -offsetMinutes);
            } else {
                return null;
            }
            return LocalDateTime.of(year, month, day, hour, minute, second, nano).toInstant(offset);
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
