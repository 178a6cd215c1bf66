package cn.yq.aq.alert.monitor;

import cn.yq.aq.alert.texts.MonitorTexts;
import cn.yq.aq.alert.texts.MonitorTexts.EpisodeChange;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.alert.event.AlertBus;
import cn.yq.aq.alert.event.AlertType;
import cn.yq.aq.registry.County;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Station;
import cn.yq.aq.registry.StationType;
import cn.yq.aq.standards.BeijingTime;

/**
 * VOCS_EXCEEDANCE: the industrial-park stations' hours as target-service materialised them in
 * {@code vocs_hourly} (NMHC, the configured reference {@code aq.vocs.reference}, exceedance), one
 * alert per episode.
 */
@Component
class VocsExceedanceMonitor implements Monitor {

    private final DerivedHours derived;
    private final Registry registry;
    private final AlertBus bus;
    private final ExceedanceTracker tracker;

    VocsExceedanceMonitor(DerivedHours derived, Registry registry, AlertBus bus) {
        this.derived = derived;
        this.registry = registry;
        this.bus = bus;
        this.tracker = derived.tracker("vocs");
    }

    @Override
    public String name() {
        return "vocs-exceedance";
    }

    @Override
    public void check() {
        Map<String, NavigableMap<Instant, Map<String, Object>>> rows = derived.read("vocs_hourly", "station",
                List.of("nmhc", "reference", "exceed"));
        for (Station s : registry.stations()) {
            NavigableMap<Instant, Map<String, Object>> byHour = rows.get(s.id());
            if (s.type() != StationType.INDUSTRIAL_PARK || byHour == null) {
                continue;
            }
            NavigableMap<Instant, ExceedanceTracker.Hour> hours = new TreeMap<>();
            byHour.forEach((t, row) -> {
                ExceedanceTracker.Value nmhc = HourlyRows.value(row, "nmhc", "reference", "exceed");
                hours.put(t, new ExceedanceTracker.Hour(nmhc == null ? Map.of() : Map.of("nmhc", nmhc)));
            });
            tracker.update(s.id(), hours, (subject, change, e) -> alert(s, change, e));
        }
    }

    private Alert alert(Station s, EpisodeChange change, Episode e) {
        String county = registry.county(s.county()).map(County::nameZh).orElse(s.county());
        Episode.Worst w = e.worst().get("nmhc");
        MonitorTexts.Words words = MonitorTexts.vocsExceedance(change, county, s.name(), s.id(), e.start(), e.hours(),
                SourceExceedanceMonitor.round(w.value()), w.limit());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("station", s.id());
        details.put("limit", w.limit());
        details.put("hours", e.hours());
        details.put("max", SourceExceedanceMonitor.round(w.value()));
        details.put("exceedingHours", e.exceedingHours().stream().map(t -> t.atZone(BeijingTime.ZONE).toOffsetDateTime().toString()).toList());
        return bus.create(AlertType.VOCS_EXCEEDANCE, change.code(), s.id(), s.county(), e.start(),
                change == EpisodeChange.ENDED ? e.lastExceeding().plusSeconds(3600) : null, words.title(), words.text(), details);
    }
}
