package cn.yq.aq.alert.warning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.alert.Alert;
import cn.yq.aq.alert.monitor.Monitor;
import cn.yq.aq.alert.system.AlertProperties;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Station;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.RuleCalendar;
import cn.yq.aq.standards.aqi.AqiResult;
import cn.yq.aq.standards.aqi.DailyConcentrations;
import cn.yq.aq.standards.evaluation.ValidityRules;
import cn.yq.aq.support.influx.Rows;

/**
 * The observed "daily AQI" for warnings: the AQI of the last 24 complete hours (any 24 consecutive
 * hours count, 环大气〔2024〕6号), per scope from the mean of its evaluation stations. Per station a
 * pollutant's 24-h mean needs 20 valid (flag N) hourly values (HJ 663); the 8-h O3 needs 6 of 8.
 * The result goes to the {@link WarningEngine}, which may issue or raise a warning from it.
 */
@Component
class ObservedAqiMonitor implements Monitor {

    private static final List<String> DAILY = List.of("pm25", "pm10", "so2", "no2", "co");

    private final InfluxDB influx;
    private final Registry registry;
    private final Clock clock;
    private final RuleCalendar rules;
    private final WarningEngine engine;
    private final AlertProperties properties;
    private final ValidityRules validity = ValidityRules.standard();

    ObservedAqiMonitor(InfluxDB influx, Registry registry, Clock clock, RuleCalendar rules, WarningEngine engine,
                       AlertProperties properties) {
        this.influx = influx;
        this.registry = registry;
        this.clock = clock;
        this.rules = rules;
        this.engine = engine;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "observed-aqi";
    }

    @Override
    public void check() {
        if (!properties.warning().observed()) {
            return;
        }
        Instant now = clock.instant();
        Instant last = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1)); // last complete hour
        Instant first = last.minus(Duration.ofHours(23));
        String q = "SELECT pm25, pm25_flag, pm10, pm10_flag, so2, so2_flag, no2, no2_flag, co, co_flag, o3, o3_flag"
                + " FROM ambient WHERE \"interval\" = 'PT1H' AND time >= '" + first.minus(Duration.ofHours(7))
                + "' AND time <= '" + last + "' GROUP BY station";
        Map<String, NavigableMap<Instant, Map<String, Object>>> rows = new HashMap<>();
        for (Rows.Row row : Rows.of(influx.query(new Query(q, properties.influx().database()), TimeUnit.MILLISECONDS))) {
            rows.computeIfAbsent(row.tag("station"), k -> new TreeMap<>())
                    .put(Instant.ofEpochMilli(((Number) row.get("time")).longValue()), row.values());
        }
        Map<String, Map<String, Double>> perStation = new HashMap<>();
        rows.forEach((station, hours) -> perStation.put(station, station(hours, first, last)));
        LocalDate today = LocalDate.ofInstant(now, Alert.CHINA);
        for (String scope : engine.scopes()) {
            List<Station> stations = Alert.CITY.equals(scope) ? registry.cityStations() : registry.evaluationStations(scope);
            Map<String, Double> mean = mean(stations, perStation);
            if (mean.isEmpty()) {
                continue;
            }
            AqiResult r = rules.aqi(today).daily(new DailyConcentrations(mean.get("pm25"), mean.get("pm10"), mean.get("so2"),
                    mean.get("no2"), mean.get("co"), mean.get("o3_8h"), mean.get("o3_1h")));
            if (r.aqi() != null) {
                Pollutant primary = r.primaryPollutants().isEmpty() ? null : r.primaryPollutants().get(0);
                engine.onObserved(scope, new WarningEngine.Observed(r.aqi(), primary, now));
            }
        }
    }

    /** One station's 24-h values: means, max 8-h O3, max 1-h O3; absent where not valid. */
    private Map<String, Double> station(NavigableMap<Instant, Map<String, Object>> hours, Instant first, Instant last) {
        Map<String, Double> out = new HashMap<>();
        for (String p : DAILY) {
            List<Double> values = new ArrayList<>();
            hours.subMap(first, true, last, true).values().forEach(row -> {
                if (row.get(p) instanceof Number n && row.get(p + "_flag") == null) {
                    values.add(n.doubleValue());
                }
            });
            if (values.size() >= validity.minHoursPerDay()) {
                out.put(p, values.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
            }
        }
        Double max8 = null;
        Double max1 = null;
        for (Instant end = first; !end.isAfter(last); end = end.plus(Duration.ofHours(1))) {
            List<Double> window = new ArrayList<>();
            for (Map<String, Object> row : hours.subMap(end.minus(Duration.ofHours(7)), true, end, true).values()) {
                if (row.get("o3") instanceof Number n && row.get("o3_flag") == null) {
                    window.add(n.doubleValue());
                }
            }
            if (window.size() >= validity.minHoursPer8h()) {
                double m = window.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                max8 = max8 == null ? m : Math.max(max8, m);
            }
            Map<String, Object> row = hours.get(end);
            if (row != null && row.get("o3") instanceof Number n && row.get("o3_flag") == null) {
                max1 = max1 == null ? n.doubleValue() : Math.max(max1, n.doubleValue());
            }
        }
        if (max8 != null) {
            out.put("o3_8h", max8);
        }
        if (max1 != null) {
            out.put("o3_1h", max1);
        }
        return out;
    }

    private static Map<String, Double> mean(List<Station> stations, Map<String, Map<String, Double>> perStation) {
        Map<String, Double> sum = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (Station s : stations) {
            perStation.getOrDefault(s.id(), Map.of()).forEach((k, v) -> {
                sum.merge(k, v, Double::sum);
                count.merge(k, 1, Integer::sum);
            });
        }
        Map<String, Double> out = new HashMap<>();
        sum.forEach((k, v) -> out.put(k, v / count.get(k)));
        return out;
    }
}
