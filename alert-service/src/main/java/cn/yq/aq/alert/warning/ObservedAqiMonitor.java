package cn.yq.aq.alert.warning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.alert.monitor.Monitor;
import cn.yq.aq.alert.store.MonitorStore;
import cn.yq.aq.alert.system.AlertProperties;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Station;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.RuleCalendar;
import cn.yq.aq.standards.aqi.AqiResult;
import cn.yq.aq.standards.evaluation.DailyStatistics;
import cn.yq.aq.standards.evaluation.DailyValues;
import cn.yq.aq.standards.evaluation.HourlyValues;

/**
 * The observed "daily AQI" for warnings: the AQI of the last 24 complete hours (any 24 consecutive
 * hours count, 环大气〔2024〕6号), per scope. Computed exactly as target-service computes a day's
 * AQI, with the same code and configuration: the stations' hourly values read by
 * {@link MonitorStore#ambientHours} (real-time, unreviewed), the scope's hour-by-hour mean of its evaluation stations (HJ 663 点位平均,
 * {@link HourlyValues#mean}), the day's statistics by the standards library's {@link DailyStatistics}
 * (20 valid hours per mean, 8-h O3 windows inside the 24 hours, {@code aq.rules}) and the AQI rules
 * of the {@link RuleCalendar} for the date of the last hour. For 24 hours that make a natural day
 * the result equals that day's {@code aqi_daily}. The result goes to the {@link WarningEngine},
 * which may issue or raise a warning from it.
 */
@Component
class ObservedAqiMonitor implements Monitor {

    private final MonitorStore store;
    private final Registry registry;
    private final Clock clock;
    private final RuleCalendar rules;
    private final DailyStatistics statistics;
    private final WarningEngine engine;
    private final AlertProperties properties;

    ObservedAqiMonitor(MonitorStore store, Registry registry, Clock clock, RuleCalendar rules, DailyStatistics statistics,
                       WarningEngine engine, AlertProperties properties) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        this.rules = rules;
        this.statistics = statistics;
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
        for (Map.Entry<String, AqiResult> e : observed(last).entrySet()) {
            AqiResult r = e.getValue();
            if (r.aqi() != null) {
                Pollutant primary = r.primaryPollutants().isEmpty() ? null : r.primaryPollutants().get(0);
                engine.onObserved(e.getKey(), new WarningEngine.Observed(r.aqi(), primary, now));
            }
        }
    }

    /** The AQI of the 24 hours ending with the hour starting at {@code last}, per warning scope. */
    Map<String, AqiResult> observed(Instant last) {
        Instant first = last.minus(Duration.ofHours(23));
        Map<String, HourlyValues> stations = store.ambientHours(first, last.plus(Duration.ofHours(1)));
        LocalDateTime lastHour = LocalDateTime.ofInstant(last, BeijingTime.ZONE);
        Map<String, AqiResult> out = new LinkedHashMap<>();
        for (String scope : engine.scopes()) {
            List<Station> members = Alert.CITY.equals(scope) ? registry.cityStations() : registry.evaluationStations(scope);
            List<HourlyValues> values = members.stream().map(s -> stations.get(s.id())).filter(Objects::nonNull).toList();
            if (values.isEmpty()) {
                continue;
            }
            DailyValues day = statistics.compute(HourlyValues.mean(values).window(lastHour));
            out.put(scope, rules.aqi(lastHour.toLocalDate()).daily(day.toConcentrations()));
        }
        return out;
    }
}
