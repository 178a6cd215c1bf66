package cn.yq.aq.target.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.influxdb.dto.QueryResult;
import org.springframework.stereotype.Component;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.evaluation.HourlyValues;
import cn.yq.aq.support.influx.Rows;

/**
 * Reads what ingest stored: hourly ({@code PT1H}) ambient means per station. A value counts only
 * with flag N (no {@code <field>_flag}); days are natural days in Asia/Shanghai.
 */
@Component
public class AmbientStore {


    /** The six pollutants' values and flags. */
    private static final String FIELDS = String.join(", ", java.util.Arrays.stream(Pollutant.values())
            .map(p -> '"' + p.field() + "\", \"" + p.field() + "_flag\"").toList());

    private final InfluxQl influxQl;

    AmbientStore(InfluxQl influxQl) {
        this.influxQl = influxQl;
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

    /**
     * Hourly values of the given stations ({@code null}: all) for the days {@code from} … {@code to}: the
     * values flagged N (no flag, or N) of the six pollutants, by Asia/Shanghai day and hour.
     */
    public Map<String, HourlyValues> hourly(LocalDate from, LocalDate to, Collection<String> stations) {
        Map<String, HourlyValues> byStation = new HashMap<>();
        if (stations != null && stations.isEmpty()) {
            return byStation;
        }
        Map<String, Object> values = new HashMap<>(InfluxQl.days(from, to));
        values.put("interval", "PT1H");
        StringBuilder only = new StringBuilder();
        if (stations != null) {
            // InfluxQL binds no regex: one bound equality per station
            int i = 0;
            for (String id : stations) {
                only.append(i == 0 ? " AND (" : " OR ").append("station = $s").append(i);
                values.put("s" + i++, id);
            }
            only.append(')');
        }
        // column positions once per series, no map per row: a year of a thousand stations goes through here
        for (QueryResult.Series s : influxQl.series("SELECT " + FIELDS + " FROM ambient WHERE \"interval\" = $interval AND "
                + InfluxQl.IN_DAYS + only + " GROUP BY station", values)) {
            HourlyValues hours = byStation.computeIfAbsent(s.getTags().get("station"), k -> new HourlyValues());
            int[] value = new int[Pollutant.values().length];
            int[] flag = new int[value.length];
            for (Pollutant p : Pollutant.values()) {
                value[p.ordinal()] = s.getColumns().indexOf(p.field());
                flag[p.ordinal()] = s.getColumns().indexOf(p.field() + "_flag");
            }
            for (List<Object> row : s.getValues()) {
                ZonedDateTime t = Instant.ofEpochMilli(((Number) row.get(0)).longValue()).atZone(BeijingTime.ZONE);
                for (Pollutant p : Pollutant.values()) {
                    Object v = value[p.ordinal()] < 0 ? null : row.get(value[p.ordinal()]);
                    Object f = flag[p.ordinal()] < 0 ? null : row.get(flag[p.ordinal()]);
                    if (v instanceof Number n && (f == null || "N".equals(f))) {
                        hours.put(t.toLocalDate(), t.getHour(), p, n.doubleValue());
                    }
                }
            }
        }
        return byStation;
    }

}
