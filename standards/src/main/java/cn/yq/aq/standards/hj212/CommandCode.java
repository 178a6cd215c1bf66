package cn.yq.aq.standards.hj212;

import java.time.Duration;
import java.util.Optional;

/** CN command codes of HJ 212-2017 Table 9 that carry or answer data. */
public final class CommandCode {
    /** 2011: real-time data; DataTime is the acquisition time. */
    public static final String REALTIME = "2011";
    /** 2051: minute data; DataTime is the interval start. */
    public static final String MINUTE = "2051";
    /** 2061: hourly data; DataTime is the interval start (…080000 covers 08:00–09:00). */
    public static final String HOURLY = "2061";
    /** 2031: daily data; DataTime is the start of the day. */
    public static final String DAILY = "2031";
    /** 9014: data reply. */
    public static final String DATA_REPLY = "9014";

    private CommandCode() {
    }

    /**
     * The contract's interval for a data command: PT0S real-time, PT1H hourly, P1D daily; minute
     * data: {@code minuteInterval} (the logger's MinInterval, from the registry; 1–30 min).
     */
    public static Optional<Duration> interval(String cn, Duration minuteInterval) {
        return switch (cn) {
            case REALTIME -> Optional.of(Duration.ZERO);
            case MINUTE -> Optional.of(minuteInterval);
            case HOURLY -> Optional.of(Duration.ofHours(1));
            case DAILY -> Optional.of(Duration.ofDays(1));
            default -> Optional.empty();
        };
    }
}
