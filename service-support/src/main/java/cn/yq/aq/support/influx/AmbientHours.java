package cn.yq.aq.support.influx;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.evaluation.HourlyValues;

/**
 * The one reader of stations' hourly values ({@code ambient}, {@code PT1H}) for the statistics:
 * per station, the values flagged N (no flag, or N) of the six pollutants, by Asia/Shanghai day and
 * hour. target-service's daily AQI and alert-service's observed 24-h AQI both read through it.
 */
public final class AmbientHours {


    private AmbientHours() {
    }

    /**
     * Hourly values of the given stations ({@code null}: all) with interval starts in
     * [{@code start}, {@code end}). Station ids come from the registry (letters, digits, '.', '_',
     * '-'): '.' is escaped for the regex.
     */
    public static Map<String, HourlyValues> read(InfluxDB influx, String database, Instant start, Instant end,
                                                 Collection<String> stations) {
        if (stations != null && stations.isEmpty()) {
            return new HashMap<>();
        }
        String only = stations == null ? "" : " AND station =~ /^(" + String.join("|",
                stations.stream().map(id -> id.replace(".", "\\.")).toList()) + ")$/";
        StringBuilder fields = new StringBuilder();
        for (Pollutant p : Pollutant.values()) {
            fields.append(fields.length() == 0 ? "" : ", ").append('"').append(p.field()).append("\", \"")
                    .append(p.field()).append("_flag\"");
        }
        // the times are ours (formatted instants), never user text: nothing to escape
        String q = "SELECT " + fields + " FROM ambient WHERE \"interval\" = 'PT1H' AND time >= '" + start
                + "' AND time < '" + end + "'" + only + " GROUP BY station";
        Map<String, HourlyValues> byStation = new HashMap<>();
        // column positions once per series, no map per row: a year of a thousand stations goes through here
        for (QueryResult.Series s : Rows.series(influx.query(new Query(q, database), TimeUnit.MILLISECONDS))) {
            HourlyValues values = byStation.computeIfAbsent(s.getTags().get("station"), k -> new HourlyValues());
            List<String> columns = s.getColumns();
            int[] value = new int[Pollutant.values().length];
            int[] flag = new int[value.length];
            for (Pollutant p : Pollutant.values()) {
                value[p.ordinal()] = columns.indexOf(p.field());
                flag[p.ordinal()] = columns.indexOf(p.field() + "_flag");
            }
            for (List<Object> row : s.getValues()) {
                ZonedDateTime t = Instant.ofEpochMilli(((Number) row.get(0)).longValue()).atZone(BeijingTime.ZONE);
                for (Pollutant p : Pollutant.values()) {
                    Object v = value[p.ordinal()] < 0 ? null : row.get(value[p.ordinal()]);
                    Object f = flag[p.ordinal()] < 0 ? null : row.get(flag[p.ordinal()]);
                    if (v instanceof Number n && (f == null || "N".equals(f))) {
                        values.put(t.toLocalDate(), t.getHour(), p, n.doubleValue());
                    }
                }
            }
        }
        return byStation;
    }
}
