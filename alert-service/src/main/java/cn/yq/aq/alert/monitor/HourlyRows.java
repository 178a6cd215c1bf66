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

/** Hourly ({@code PT1H}) rows of a measurement since a time, per subject tag, by hour. */
final class HourlyRows {

    private HourlyRows() {
    }

    /**
     * @param fields the fields to read (their {@code _flag} fields are read too); names are ours, not user input
     */
    static Map<String, NavigableMap<Instant, Map<String, Object>>> read(InfluxDB influx, String database, String measurement,
                                                                      String subjectTag, List<String> fields, Instant since) {
        StringBuilder select = new StringBuilder();
        for (String f : fields) {
            select.append(select.isEmpty() ? "" : ", ").append(f).append(", ").append(f).append("_flag");
        }
        String q = "SELECT " + select + " FROM " + measurement + " WHERE \"interval\" = 'PT1H' AND time > '" + since
                + "' GROUP BY " + subjectTag;
        Map<String, NavigableMap<Instant, Map<String, Object>>> out = new HashMap<>();
        for (Rows.Row row : Rows.of(influx.query(new Query(q, database), TimeUnit.MILLISECONDS))) {
            Instant t = Instant.ofEpochMilli(((Number) row.get("time")).longValue());
            out.computeIfAbsent(row.tag(subjectTag), k -> new TreeMap<>()).put(t, row.values());
        }
        return out;
    }

    /** A field's value when present and flagged N (no flag field). */
    static Double valid(Map<String, Object> row, String field) {
        return row.get(field) instanceof Number n && row.get(field + "_flag") == null ? n.doubleValue() : null;
    }
}
