package cn.yq.aq.alert.monitor;

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

    static final Map<String, String> NAMES_ZH = Map.of("pm", "颗粒物", "so2", "二氧化硫", "nox", "氮氧化物");
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
            tracker.update(s.id(), hours, (subject, level, e) -> alert(s, referenceO2, level, e));
        }
    }

    private Alert alert(Source s, Object referenceO2, String level, Episode e) {
        LimitProfile profile = profiles.get(s.limitProfile());
        String county = registry.county(s.county()).map(County::nameZh).orElse(s.county());
        StringBuilder worst = new StringBuilder();
        Map<String, Object> pollutants = new LinkedHashMap<>();
        e.worst().forEach((p, w) -> {
            worst.append(worst.isEmpty() ? "" : "，").append(NAMES_ZH.getOrDefault(p, p)).append("最高")
                    .append(round(w.value())).append("mg/m³（限值").append(round(w.limit())).append("）");
            pollutants.put(p, Map.of("max", round(w.value()), "limit", w.limit(), "ratio", round(w.ratio())));
        });
        String what = String.join("、", e.worst().keySet().stream().map(p -> NAMES_ZH.getOrDefault(p, p)).toList());
        String title;
        String text;
        String base = county + s.enterprise() + "（" + s.id() + "）自" + ExceedanceTracker.hourZh(e.start()) + "起" + what
                + "小时均值（折算至基准氧含量" + referenceO2 + "%）超过" + profile.descriptionZh() + "限值";
        switch (level) {
            case "ended" -> {
                title = s.enterprise() + "排放超标过程结束";
                text = base + "，至" + ExceedanceTracker.hourZh(e.lastExceeding()) + "止共超标" + e.hours() + "小时，" + worst
                        + "。现已恢复达标，请核实超标原因，纳入超标单位名单并依法处理。";
            }
            case "escalated" -> {
                title = s.enterprise() + "排放超标加重";
                text = base + "，已持续" + e.hours() + "小时，超标程度加重：" + worst + "。请立即督促企业采取措施并现场核查。";
            }
            default -> {
                title = s.enterprise() + "排放超标";
                text = base + "，已超标" + e.hours() + "小时，" + worst + "。请督促企业立即排查治理并按要求报告。";
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", s.id());
        details.put("enterprise", s.enterprise());
        details.put("limitProfile", profile.id());
        details.put("referenceO2", referenceO2);
        details.put("hours", e.hours());
        details.put("exceedingHours", e.exceedingHours().stream().map(t -> t.atZone(BeijingTime.ZONE).toOffsetDateTime().toString()).toList());
        details.put("pollutants", pollutants);
        return bus.create(AlertType.SOURCE_EXCEEDANCE, level, s.id(), s.county(), e.start(),
                "ended".equals(level) ? e.lastExceeding().plusSeconds(3600) : null, title, text, details);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
