package cn.yq.aq.standards;

import java.time.ZoneId;

/**
 * The time of the data: China Standard Time (UTC+8, no daylight saving). HJ 663's days, months and
 * years are natural days in it, readings carry its offset, and every service, dashboard and alert text
 * counts days by it. The one constant for it (the InfluxQL {@code tz('Asia/Shanghai')} says the same).
 */
public final class BeijingTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private BeijingTime() {
    }
}
