package cn.yq.aq.alert.monitor;

import cn.yq.aq.alert.texts.MonitorTexts;
import cn.yq.aq.alert.texts.MonitorTexts.EpisodeChange;

import java.time.Instant;
import java.util.ArrayList;
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
import cn.yq.aq.registry.Source;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.emission.LimitProfile;
import cn.yq.aq.standards.emission.LimitProfiles;

/**
 * SOURCE_EXCEEDANCE: each boiler's hours as target-service materialised them in {@code cems_hourly}
 * (corrected to its limit profile's reference O2, limit, exceedance); one alert per episode (see
 * {@link ExceedanceTracker}), sent to the county of the enterprise. The limit profile's name for the
 * text comes from the standards library; every figure comes from the measurement.
 */
@Component
class SourceExceedanceMonitor implements Monitor {

    private static final List<String> POLLUTANTS = List.of("pm", "so2", "nox");

    private final DerivedHours derived;
    private final Registry registry;
    private final AlertBus bus;
    private final LimitProfiles profiles = LimitProfiles.builtIn();
    private final ExceedanceTracker tracker;

    SourceExceedanceMonitor(DerivedHours derived, Registry registry, AlertBus bus) {
        this.derived = derived;
        this.registry = registry;
        this.bus = bus;
        this.tracker = derived.tracker("sources");
    }

    @Override
    public String name() {
        return "source-exceedance";
    }

    @Override
    public void check() {
        List<String> fields = new ArrayList<>();
        for (String p : POLLUTANTS) {
            fields.addAll(List.of(p + "_corrected", p + "_limit", p + "_exceed"));
        }
        fields.add("reference_o2");
        Map<String, NavigableMap<Instant, Map<String, Object>>> rows = derived.read("cems_hourly", "source", fields);
        for (Source s : registry.sources()) {
            NavigableMap<Instant, Map<String, Object>> byHour = rows.get(s.id());
            if (byHour == null) {
                continue;
            }
            NavigableMap<Instant, ExceedanceTracker.Hour> hours = new TreeMap<>();
            byHour.forEach((t, row) -> {
                Map<String, ExceedanceTracker.Value> values = new LinkedHashMap<>();
                for (String p : POLLUTANTS) {
                    ExceedanceTracker.Value v = HourlyRows.value(row, p + "_corrected", p + "_limit", p + "_exceed");
                    if (v != null) {
                        values.put(p, v);
                    }
                }
                hours.put(t, new ExceedanceTracker.Hour(values));
            });
            Object referenceO2 = byHour.lastEntry().getValue().get("reference_o2");
            tracker.update(s.id(), hours, (subject, change, e) -> alert(s, referenceO2, change, e));
        }
    }

    private Alert alert(Source s, Object referenceO2, EpisodeChange change, Episode e) {
        LimitProfile profile = profiles.get(s.limitProfile());
        String county = registry.county(s.county()).map(County::nameZh).orElse(s.county());
        List<MonitorTexts.Over> worst = new ArrayList<>();
        Map<String, Object> pollutants = new LinkedHashMap<>();
        e.worst().forEach((p, w) -> {
            worst.add(new MonitorTexts.Over(p, round(w.value()), round(w.limit())));
            pollutants.put(p, Map.of("max", round(w.value()), "limit", w.limit(), "ratio", round(w.ratio())));
        });
        MonitorTexts.Words words = MonitorTexts.sourceExceedance(change, county, s.enterprise(), s.id(), e.start(), e.lastExceeding(),
                e.hours(), referenceO2, profile.descriptionZh(), worst);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", s.id());
        details.put("enterprise", s.enterprise());
        details.put("limitProfile", profile.id());
        details.put("referenceO2", referenceO2);
        details.put("hours", e.hours());
        details.put("exceedingHours", e.exceedingHours().stream().map(t -> t.atZone(BeijingTime.ZONE).toOffsetDateTime().toString()).toList());
        details.put("pollutants", pollutants);
        return bus.create(AlertType.SOURCE_EXCEEDANCE, change.code(), s.id(), s.county(), e.start(),
                change == EpisodeChange.ENDED ? e.lastExceeding().plusSeconds(3600) : null, words.title(), words.text(), details);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
