package cn.yq.aq.alert.store;

import java.time.Instant;
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
import cn.yq.aq.support.influx.Rows;

/**
 * What the monitors read: the hours of target-service's derived measurements ({@code cems_hourly},
 * {@code vocs_hourly}) and each station's or source's latest reading. Measurements, fields and tag keys are ours;
 * times are bound. The client blocks: the monitors run on their own scheduler thread.
 */
@Component
public class MonitorStore {

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
