package cn.yq.aq.target.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.influxdb.InfluxDB;
import org.springframework.stereotype.Component;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.evaluation.HourlyValues;
import cn.yq.aq.support.influx.AmbientHours;
import cn.yq.aq.support.influx.Rows;
import cn.yq.aq.target.system.TargetProperties;

/**
 * Reads what ingest stored: hourly ({@code PT1H}) ambient means per station. A value counts only
 * with flag N (no {@code <field>_flag}); days are natural days in Asia/Shanghai.
 */
@Component
public class AmbientStore {


    private final InfluxDB influx;
    private final InfluxQl influxQl;
    private final String database;

    AmbientStore(InfluxDB influx, InfluxQl influxQl, TargetProperties properties) {
        this.influx = influx;
        this.influxQl = influxQl;
        this.database = properties.influx().database();
    }

    /** The number of hourly PM2.5 values per Asia/Shanghai day (all stations), for late-data detection. */
    public Map<LocalDate, Long> countsPerDay(LocalDate from, LocalDate to) {
        // ambient hours and boiler hours: late data of either changes a day's derived values
        Map<LocalDate, Long> counts = new HashMap<>();
        for (String q : List.of("SELECT count(pm25) FROM ambient", "SELECT count(o2) FROM cems")) {
            String query = q + " WHERE \"interval\" = $interval AND " + InfluxQl.IN_DAYS + " GROUP BY time(1d) tz('Asia/Shanghai')";
            for (Rows.Row row : influxQl.select(query, AqiStore.with(InfluxQl.days(from, to), "interval", "PT1H"))) {
                if (row.get("count") instanceof Number n && n.longValue() > 0) {
                    counts.merge(Instant.ofEpochMilli(((Number) row.get("time")).longValue()).atZone(BeijingTime.ZONE).toLocalDate(),
                            n.longValue(), Long::sum);
                }
            }
        }
        return counts;
    }

    /** Hourly values per station for the days {@code from} … {@code to} (inclusive). */
    public Map<String, HourlyValues> hourly(LocalDate from, LocalDate to) {
        return hourly(from, to, null);
    }

    /** Hourly values of the given stations ({@code null}: all) for the days {@code from} … {@code to}. */
    public Map<String, HourlyValues> hourly(LocalDate from, LocalDate to, java.util.Collection<String> stations) {
        return AmbientHours.read(influx, database, from.atStartOfDay(BeijingTime.ZONE).toInstant(), to.plusDays(1).atStartOfDay(BeijingTime.ZONE).toInstant(),
                stations);
    }

}
