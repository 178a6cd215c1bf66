package cn.yq.aq.alert.store;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.dto.BoundParameterQuery;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.system.AlertProperties;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.evaluation.HourlyValues;
import cn.yq.aq.support.influx.Rows;

/**
 * What the monitors read: the hours of target-service's derived measurements ({@code cems_hourly},
 * {@code vocs_hourly}) and each station's or source's latest reading. Measurements, fields and tag keys are ours;
 * times are bound. The client blocks: the monitors run on their own scheduler thread.
 */
@Component
public class MonitorStore {

    private static final String AMBIENT_FIELDS = String.join(", ", java.util.Arrays.stream(Pollutant.values())
            .map(p -> '"' + p.field() + "\", \"" + p.field() + "_flag\"").toList());

    private final InfluxDB influx;
    private final String database;

    MonitorStore(InfluxDB influx, AlertProperties properties) {
        this.influx = influx;
        this.database = properties.influx().database();
    }

    /** The hours since {@code since} per subject ({@code subjectTag}) and hour: each row's fields by name. */
    public Map<String, NavigableMap<Instant, Map<String, Object>>> hours(String measurement, String subjectTag,
                                                                       List<String> fields, Instant since) {
        Map<String, NavigableMap<Instant, Map<String, Object>>> out = new HashMap<>();
        for (Rows.Row row : select("SELECT " + String.join(", ", fields) + " FROM " + measurement + " WHERE time > $since GROUP BY "
                + subjectTag, since)) {
            Instant t = Instant.ofEpochMilli(((Number) row.get("time")).longValue());
            out.computeIfAbsent(row.tag(subjectTag), k -> new TreeMap<>()).put(t, row.values());
        }
        return out;
    }

    /**
     * The stations' real-time hourly values ({@code ambient}, {@code PT1H}) with interval starts in
     * [{@code first}, {@code end}): per station, the values flagged N (no flag, or N) of the six pollutants, by
     * Asia/Shanghai day and hour. Raw as they arrived, unreviewed: warnings act on what is measured now.
     */
    public Map<String, HourlyValues> ambientHours(Instant first, Instant end) {
        Map<String, HourlyValues> byStation = new HashMap<>();
        for (Rows.Row row : Rows.of(influx.query(BoundParameterQuery.QueryBuilder.newQuery("SELECT " + AMBIENT_FIELDS
                + " FROM ambient WHERE \"interval\" = 'PT1H' AND time >= $first AND time < $end GROUP BY station")
                .forDatabase(database).bind("first", first.toString()).bind("end", end.toString()).create(), TimeUnit.MILLISECONDS))) {
            ZonedDateTime t = Instant.ofEpochMilli(((Number) row.get("time")).longValue()).atZone(BeijingTime.ZONE);
            HourlyValues hours = byStation.computeIfAbsent(row.tag("station"), k -> new HourlyValues());
            for (Pollutant p : Pollutant.values()) {
                Object flag = row.get(p.field() + "_flag");
                if (row.get(p.field()) instanceof Number n && (flag == null || "N".equals(flag))) {
                    hours.put(t.toLocalDate(), t.getHour(), p, n.doubleValue());
                }
            }
        }
        return byStation;
    }

    /** Each subject's latest reading per interval since {@code since}: rows tagged {@code tag} and {@code interval}. */
    public List<Rows.Row> latest(String measurement, String tag, Instant since) {
        return select("SELECT * FROM " + measurement + " WHERE time > $since GROUP BY " + tag
                + ", \"interval\" ORDER BY time DESC LIMIT 1", since);
    }

    private List<Rows.Row> select(String statement, Instant since) {
        return Rows.of(influx.query(BoundParameterQuery.QueryBuilder.newQuery(statement).forDatabase(database)
                .bind("since", since.toString()).create(), TimeUnit.MILLISECONDS));
    }
}
