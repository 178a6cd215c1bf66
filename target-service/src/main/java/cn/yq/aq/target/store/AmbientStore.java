package cn.yq.aq.target.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.springframework.stereotype.Component;

import cn.yq.aq.support.influx.Rows;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.target.system.TargetProperties;

/**
 * Reads what ingest stored: hourly ({@code PT1H}) ambient means per station. A value counts only
 * with flag N (no {@code <field>_flag}); days are natural days in Asia/Shanghai.
 */
@Component
public class AmbientStore {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final InfluxDB influx;
    private final String database;

    public AmbientStore(InfluxDB influx, TargetProperties properties) {
        this.influx = influx;
        this.database = properties.influx().database();
    }

    /** The number of hourly PM2.5 values per Asia/Shanghai day (all stations), for late-data detection. */
    public Map<LocalDate, Long> countsPerDay(LocalDate from, LocalDate to) {
        // ambient hours and boiler hours: late data of either changes a day's derived values
        Map<LocalDate, Long> counts = new HashMap<>();
        for (String q : List.of("SELECT count(pm25) FROM ambient", "SELECT count(o2) FROM cems")) {
            String query = q + " WHERE \"interval\" = 'PT1H' AND time >= '" + from.atStartOfDay(CHINA).toInstant()
                    + "' AND time < '" + to.plusDays(1).atStartOfDay(CHINA).toInstant() + "' GROUP BY time(1d) tz('Asia/Shanghai')";
            for (Rows.Row row : Rows.of(influx.query(new Query(query, database), TimeUnit.MILLISECONDS))) {
                if (row.get("count") instanceof Number n && n.longValue() > 0) {
                    counts.merge(Instant.ofEpochMilli(((Number) row.get("time")).longValue()).atZone(CHINA).toLocalDate(),
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
     * Hourly values of the given stations ({@code null}: all) for the days {@code from} … {@code to}.
     * Station ids come from the registry (letters, digits, '.', '_', '-'): '.' is escaped for the regex.
     */
    public Map<String, HourlyValues> hourly(LocalDate from, LocalDate to, java.util.Collection<String> stations) {
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
        Instant start = from.atStartOfDay(CHINA).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(CHINA).toInstant();
        // the times are ours (formatted instants), never user text: nothing to escape
        String q = "SELECT " + fields + " FROM ambient WHERE \"interval\" = 'PT1H' AND time >= '" + start
                + "' AND time < '" + end + "'" + only + " GROUP BY station";
        QueryResult result = influx.query(new Query(q, database), TimeUnit.MILLISECONDS);
        Map<String, HourlyValues> byStation = new HashMap<>();
        for (QueryResult.Result r : result.getResults()) {
            if (r.hasError()) {
                throw new IllegalStateException("InfluxDB: " + r.getError());
            }
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series s : r.getSeries()) {
                HourlyValues values = byStation.computeIfAbsent(s.getTags().get("station"), k -> new HourlyValues());
                List<String> columns = s.getColumns();
                for (List<Object> row : s.getValues()) {
                    ZonedDateTime t = Instant.ofEpochMilli(((Number) row.get(0)).longValue()).atZone(CHINA);
                    for (Pollutant p : Pollutant.values()) {
                        int i = columns.indexOf(p.field());
                        int flag = columns.indexOf(p.field() + "_flag");
                        Object v = row.get(i);
                        if (v instanceof Number n && (flag < 0 || row.get(flag) == null || "N".equals(row.get(flag)))) {
                            values.put(t.toLocalDate(), t.getHour(), p, n.doubleValue());
                        }
                    }
                }
            }
        }
        return byStation;
    }

}
