package cn.yq.aq.target.store;

import cn.yq.aq.standards.BeijingTime;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.yq.aq.support.influx.Rows;

/** The materialised AQI: {@code aqi_hourly} (a station's real-time AQI) and {@code aqi_daily} (per scope and id). */
@Component
public class AqiStore {

    private final InfluxQl influx;

    AqiStore(InfluxQl influx) {
        this.influx = influx;
    }

    /** A station's latest hour of {@code aqi_hourly}: its columns by name, {@code time} in epoch ms. */
    public Optional<Map<String, Object>> latestHourly(String station) {
        return influx.select("SELECT * FROM aqi_hourly WHERE station = $station ORDER BY time DESC LIMIT 1",
                Map.of("station", station)).stream().findFirst().map(Rows.Row::values);
    }

    /** The days of one scope ({@code station}, {@code county}, {@code city}) and id, oldest first. */
    /** The official daily AQI, from reviewed data. */
    public static final String REVIEWED = "aqi_daily";
    /** The daily AQI of the raw readings, as they arrived ({@code ?data=raw}). */
    public static final String RAW = "aqi_daily_raw";

    /** The days of one scope and id from reviewed data. */
    public List<DailyRow> daily(String scope, String id, LocalDate from, LocalDate to) {
        return daily(REVIEWED, scope, id, from, to);
    }

    /** The days of one scope and id from {@code measurement} ({@link #REVIEWED} or {@link #RAW}). */
    public List<DailyRow> daily(String measurement, String scope, String id, LocalDate from, LocalDate to) {
        return influx.select("SELECT * FROM " + measurement(measurement) + " WHERE scope = $scope AND id = $id AND " + InfluxQl.IN_DAYS,
                with(InfluxQl.days(from, to), "scope", scope, "id", id)).stream().map(DailyRow::of).toList();
    }

    /**
     * One stored day of {@code aqi_daily}: its AQI (null: not computable), the IAQI and the daily concentration
     * (O3: the maximum 8-h mean, {@code o3_8h_max}) per pollutant field, the primary pollutants, whether the
     * day is valid by HJ 663, and the standard it was computed by.
     */
    public record DailyRow(LocalDate date, Integer aqi, Map<String, Integer> iaqi, Map<String, Double> concentrations,
                           List<String> primary, boolean valid, String standard) {

        static DailyRow of(Rows.Row row) {
            Map<String, Object> v = row.values();
            Map<String, Integer> iaqi = new java.util.LinkedHashMap<>();
            Map<String, Double> concentrations = new java.util.LinkedHashMap<>();
            v.forEach((k, x) -> {
                if (k.startsWith("iaqi_") && x instanceof Number n) {
                    iaqi.put(k.substring(5), n.intValue());
                }
            });
            for (cn.yq.aq.standards.Pollutant p : cn.yq.aq.standards.Pollutant.values()) {
                String field = p == cn.yq.aq.standards.Pollutant.O3 ? "o3_8h_max" : p.field();
                if (v.get(field) instanceof Number n) {
                    concentrations.put(field, n.doubleValue());
                }
            }
            String primary = v.get("primary") instanceof String s ? s : "";
            return new DailyRow(java.time.Instant.ofEpochMilli(((Number) v.get("time")).longValue()).atZone(BeijingTime.ZONE).toLocalDate(),
                    v.get("aqi") instanceof Number n ? n.intValue() : null, iaqi, concentrations,
                    primary.isEmpty() ? List.of() : List.of(primary.split(",")), Boolean.TRUE.equals(v.get("valid")),
                    v.get("standard") instanceof String s ? s : null);
        }
    }

    /** Every county's days from reviewed data, each row tagged with its county ({@code id}). */
    public List<Rows.Row> countyDays(LocalDate from, LocalDate to) {
        return countyDays(REVIEWED, from, to);
    }

    /** Every county's days from {@code measurement}, each row tagged with its county ({@code id}). */
    public List<Rows.Row> countyDays(String measurement, LocalDate from, LocalDate to) {
        return influx.select("SELECT * FROM " + measurement(measurement) + " WHERE scope = $scope AND " + InfluxQl.IN_DAYS + " GROUP BY id",
                with(InfluxQl.days(from, to), "scope", "county"));
    }

    /** Removes the days' daily AQI (and, with {@code hourly}, their hourly AQI) before they are computed again. */
    public void deleteDays(LocalDate from, LocalDate to, boolean hourly) {
        influx.execute("DELETE FROM aqi_daily WHERE " + InfluxQl.IN_DAYS, InfluxQl.days(from, to));
        influx.execute("DELETE FROM aqi_daily_raw WHERE " + InfluxQl.IN_DAYS, InfluxQl.days(from, to));
        if (hourly) {
            influx.execute("DELETE FROM aqi_hourly WHERE " + InfluxQl.IN_DAYS, InfluxQl.days(from, to));
        }
    }

    private static String measurement(String m) {
        if (!REVIEWED.equals(m) && !RAW.equals(m)) {
            throw new IllegalArgumentException("not a daily AQI measurement: " + m);
        }
        return m;
    }

    static Map<String, Object> with(Map<String, Object> values, String... more) {
        Map<String, Object> all = new HashMap<>(values);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return all;
    }
}
