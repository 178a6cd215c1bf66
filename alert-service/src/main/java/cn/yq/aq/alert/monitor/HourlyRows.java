package cn.yq.aq.alert.monitor;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;

import cn.yq.aq.support.influx.Rows;

/**
 * Hours of one of target-service's derived measurements ({@code cems_hourly}, {@code vocs_hourly})
 * since a time, per subject tag, by hour: the monitors alert on what target-service computed, never
 * on a computation of their own.
 */
final class HourlyRows {

    private HourlyRows() {
    }

    /** @param fields the fields to read; names are ours, not user input */
    static Map<String, NavigableMap<Instant, Map<String, Object>>> read(InfluxDB influx, String database, String measurement,
                                                                      String subjectTag, List<String> fields, Instant since) {
        String q = "SELECT " + String.join(", ", fields) + " FROM " + measurement + " WHERE time > '" + since
                + "' GROUP BY " + subjectTag;
        Map<String, NavigableMap<Instant, Map<String, Object>>> out = new HashMap<>();
        for (Rows.Row row : Rows.of(influx.query(new Query(q, database), TimeUnit.MILLISECONDS))) {
            Instant t = Instant.ofEpochMilli(((Number) row.get("time")).longValue());
            out.computeIfAbsent(row.tag(subjectTag), k -> new TreeMap<>()).put(t, row.values());
        }
        return out;
    }

    /** A pollutant's hour: its value against its limit, and whether target-service found it exceeding. */
    static ExceedanceTracker.Value value(Map<String, Object> row, String value, String limit, String exceed) {
        if (row.get(value) instanceof Number v && row.get(limit) instanceof Number l && row.get(exceed) instanceof Number e) {
            return new ExceedanceTracker.Value(new Episode.Worst(v.doubleValue(), l.doubleValue()), e.intValue() == 1);
        }
        return null;
    }
}
