package cn.yq.aq.target.store;

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
    public List<Map<String, Object>> daily(String scope, String id, LocalDate from, LocalDate to) {
        return influx.select("SELECT * FROM aqi_daily WHERE scope = $scope AND id = $id AND " + InfluxQl.IN_DAYS,
                with(InfluxQl.days(from, to), "scope", scope, "id", id)).stream().map(Rows.Row::values).toList();
    }

    /** Every county's days, each row tagged with its county ({@code id}). */
    public List<Rows.Row> countyDays(LocalDate from, LocalDate to) {
        return influx.select("SELECT * FROM aqi_daily WHERE scope = $scope AND " + InfluxQl.IN_DAYS + " GROUP BY id",
                with(InfluxQl.days(from, to), "scope", "county"));
    }

    /** Removes the days' daily AQI (and, with {@code hourly}, their hourly AQI) before they are computed again. */
    public void deleteDays(LocalDate from, LocalDate to, boolean hourly) {
        influx.execute("DELETE FROM aqi_daily WHERE " + InfluxQl.IN_DAYS, InfluxQl.days(from, to));
        if (hourly) {
            influx.execute("DELETE FROM aqi_hourly WHERE " + InfluxQl.IN_DAYS, InfluxQl.days(from, to));
        }
    }

    static Map<String, Object> with(Map<String, Object> values, String... more) {
        Map<String, Object> all = new HashMap<>(values);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return all;
    }
}
