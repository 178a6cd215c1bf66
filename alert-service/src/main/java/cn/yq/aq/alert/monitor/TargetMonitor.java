package cn.yq.aq.alert.monitor;

import cn.yq.aq.alert.texts.MonitorTexts;

import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.alert.event.AlertBus;
import cn.yq.aq.alert.event.AlertType;
import cn.yq.aq.alert.state.StateStore;
import cn.yq.aq.alert.system.AlertProperties;
import cn.yq.aq.registry.County;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.standards.BeijingTime;
import tools.jackson.databind.JsonNode;

/**
 * TARGET_AT_RISK: reads this year's target progress from target-service; a target whose status
 * becomes {@code at-risk} or {@code missed} gets an alert (the city's to every county), once per change.
 */
@Component
class TargetMonitor implements Monitor {

    static final String PREFIX = StateStore.STATE + "targets/";
    private static final Set<String> BAD = Set.of("at-risk", "missed");

    private final TargetServiceClient target;
    private final AlertBus bus;
    private final StateStore store;
    private final Registry registry;
    private final Clock clock;
    private final AlertProperties properties;
    private Instant next = Instant.EPOCH;

    TargetMonitor(TargetServiceClient target, AlertBus bus, StateStore store, Registry registry, Clock clock,
                  AlertProperties properties) {
        this.target = target;
        this.bus = bus;
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "targets";
    }

    @Override
    public void check() {
        if (!target.configured() || clock.instant().isBefore(next)) {
            return;
        }
        next = clock.instant().plus(properties.upstream().every());
        int year = Year.now(clock.withZone(BeijingTime.ZONE)).getValue();
        JsonNode progress = target.get("/api/v1/targets/progress?year=" + year).orElse(null);
        if (progress == null) {
            return;
        }
        for (JsonNode p : progress) {
            String scope = p.path("scope").asString();
            String indicator = p.path("indicator").asString();
            String status = p.path("status").asString();
            String key = PREFIX + year + "/" + scope + "/" + indicator;
            String before = store.get(key);
            if (status.equals(before)) {
                continue;
            }
            if (BAD.contains(status)) {
                String place = Alert.CITY.equals(scope) ? registry.nameZh() : registry.county(scope).map(County::nameZh).orElse(scope);
                String indicatorZh = p.path("indicatorZh").asString();
                boolean rest = !p.path("requiredRest").isNull() && !p.path("requiredRest").isMissingNode();
                MonitorTexts.Words words = MonitorTexts.target(place, year, indicatorZh, p.path("statusZh").asString(),
                        num(p.path("target")), num(p.path("actual")),
                        p.path("projection").isNull() || p.path("projection").isMissingNode() ? null : num(p.path("projection")),
                        rest ? p.path("daysLeft").asInt() : null, rest ? num(p.path("requiredRest")) : null);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("year", year);
                details.put("indicator", indicator);
                details.put("target", p.path("target").asDouble());
                details.put("actual", p.path("actual").asDouble());
                details.put("status", status);
                bus.raise(bus.create(AlertType.TARGET_AT_RISK, status, scope, Alert.CITY.equals(scope) ? null : scope, null, null,
                        words.title(), words.text(), details));
            }
            store.put(key, status);
        }
    }

    private static String num(JsonNode n) {
        double v = n.asDouble();
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
