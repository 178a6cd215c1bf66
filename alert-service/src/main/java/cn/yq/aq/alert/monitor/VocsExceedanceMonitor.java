package cn.yq.aq.alert.monitor;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.influxdb.InfluxDB;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.alert.Alert;
import cn.yq.aq.alert.alert.AlertBus;
import cn.yq.aq.alert.alert.AlertType;
import cn.yq.aq.alert.state.StateStore;
import cn.yq.aq.alert.system.AlertProperties;
import cn.yq.aq.registry.County;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Station;
import cn.yq.aq.registry.StationType;
import cn.yq.aq.standards.emission.NmhcReference;

/**
 * VOCS_EXCEEDANCE: hourly NMHC ({@code PT1H}, flag N) at the industrial-park stations against the
 * configured reference (unverified [U]: configuration), one alert per episode.
 */
@Component
class VocsExceedanceMonitor implements Monitor {

    private final InfluxDB influx;
    private final Registry registry;
    private final Clock clock;
    private final AlertBus bus;
    private final AlertProperties properties;
    private final NmhcReference reference;
    private final ExceedanceTracker tracker;

    VocsExceedanceMonitor(InfluxDB influx, Registry registry, Clock clock, AlertBus bus, StateStore store,
                          AlertProperties properties) {
        this.influx = influx;
        this.registry = registry;
        this.clock = clock;
        this.bus = bus;
        this.properties = properties;
        NmhcReference base = List.of(NmhcReference.AMBIENT_DB13_1577_GRADE_II, NmhcReference.AMBIENT_DB13_1577_GRADE_I,
                        NmhcReference.FUGITIVE_GB37822, NmhcReference.FUGITIVE_GB37822_SPECIAL).stream()
                .filter(r -> r.id().equals(properties.monitor().vocsReference())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("aq.monitor.vocs-reference: unknown NMHC reference "
                        + properties.monitor().vocsReference()));
        Double local = properties.monitor().vocsHourlyLimit();
        this.reference = local == null ? base : new NmhcReference(base.id(), base.descriptionZh() + "（本地限值）", local);
        this.tracker = new ExceedanceTracker("vocs", store, bus, properties.monitor().episodeEndHours(),
                properties.monitor().escalationRatios());
    }

    @Override
    public String name() {
        return "vocs-exceedance";
    }

    @Override
    public void check() {
        Instant since = clock.instant().minus(properties.monitor().lookback());
        Map<String, NavigableMap<Instant, Map<String, Object>>> rows = HourlyRows.read(influx, properties.influx().database(),
                "ambient", "station", List.of("nmhc"), since);
        for (Station s : registry.stations()) {
            NavigableMap<Instant, Map<String, Object>> byHour = rows.get(s.id());
            if (s.type() != StationType.INDUSTRIAL_PARK || byHour == null) {
                continue;
            }
            NavigableMap<Instant, ExceedanceTracker.Hour> hours = new TreeMap<>();
            byHour.forEach((t, row) -> {
                Double nmhc = HourlyRows.valid(row, "nmhc");
                hours.put(t, new ExceedanceTracker.Hour(nmhc == null ? Map.of()
                        : Map.of("nmhc", new Episode.Worst(nmhc, reference.hourlyLimit()))));
            });
            tracker.update(s.id(), hours, (subject, level, e) -> alert(s, level, e));
        }
    }

    private Alert alert(Station s, String level, Episode e) {
        String county = registry.county(s.county()).map(County::nameZh).orElse(s.county());
        Episode.Worst w = e.worst().get("nmhc");
        String base = county + s.name() + "（" + s.id() + "）自" + ExceedanceTracker.hourZh(e.start()) + "起非甲烷总烃小时均值超过"
                + reference.descriptionZh() + "（" + reference.hourlyLimit() + "mg/m³）";
        String max = "最高" + SourceExceedanceMonitor.round(w.value()) + "mg/m³";
        String title;
        String text;
        switch (level) {
            case "ended" -> {
                title = s.name() + "VOCs超标过程结束";
                text = base + "，共" + e.hours() + "小时，" + max + "。现已恢复，请排查园区重点企业无组织排放原因。";
            }
            case "escalated" -> {
                title = s.name() + "VOCs超标加重";
                text = base + "，已持续" + e.hours() + "小时，" + max + "。请立即组织园区排查。";
            }
            default -> {
                title = s.name() + "VOCs超标";
                text = base + "，已" + e.hours() + "小时，" + max + "。请督促园区重点企业排查VOCs排放。";
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("station", s.id());
        details.put("reference", reference.id());
        details.put("limit", reference.hourlyLimit());
        details.put("hours", e.hours());
        details.put("max", SourceExceedanceMonitor.round(w.value()));
        details.put("exceedingHours", e.exceedingHours().stream().map(t -> t.atZone(Alert.CHINA).toOffsetDateTime().toString()).toList());
        return bus.create(AlertType.VOCS_EXCEEDANCE, level, s.id(), s.county(), e.start(),
                "ended".equals(level) ? e.lastExceeding().plusSeconds(3600) : null, title, text, details);
    }
}
