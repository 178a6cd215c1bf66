package cn.yq.aq.alert.monitor;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.alert.event.AlertBus;
import cn.yq.aq.alert.event.AlertType;
import cn.yq.aq.alert.state.StateStore;
import cn.yq.aq.alert.system.AlertProperties;
import cn.yq.aq.alert.texts.MonitorTexts;
import cn.yq.aq.registry.County;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.standards.BeijingTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * DATA_SUSPECT: the automatic pre-review's open suspects (target-service, {@code /api/v1/review/suspects}) of
 * the last days, one notice to the bureau per suspect span (not per hour), once: the ids already noticed are
 * kept per day on the broker and forgotten when the day leaves the look-back.
 */
@Component
class SuspectMonitor implements Monitor {

    static final String PREFIX = StateStore.STATE + "suspects/";
    /** How many days back suspects are looked for (late data is reviewed when it is materialised). */
    static final int DAYS = 3;

    /** The suspect ids of a day that were noticed. */
    record Noticed(List<String> ids) {
    }

    private final TargetServiceClient target;
    private final AlertBus bus;
    private final StateStore store;
    private final Clock clock;
    private final AlertProperties properties;
    private final Registry registry;
    private final JsonMapper json;
    private Instant next = Instant.EPOCH;

    SuspectMonitor(TargetServiceClient target, AlertBus bus, StateStore store, Clock clock, AlertProperties properties,
                   Registry registry, JsonMapper json) {
        this.target = target;
        this.bus = bus;
        this.store = store;
        this.clock = clock;
        this.properties = properties;
        this.registry = registry;
        this.json = json;
    }

    @Override
    public String name() {
        return "data-suspect";
    }

    @Override
    public void check() {
        if (!target.configured() || clock.instant().isBefore(next)) {
            return;
        }
        next = clock.instant().plus(properties.upstream().every());
        LocalDate today = LocalDate.now(clock.withZone(BeijingTime.ZONE));
        LocalDate first = today.minusDays(DAYS - 1L);
        JsonNode suspects = target.get("/api/v1/review/suspects?from=" + first + "&to=" + today + "&status=open").orElse(null);
        if (suspects == null) {
            return;
        }
        Map<LocalDate, List<String>> noticed = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            String doc = store.get(PREFIX + d);
            noticed.put(d, doc == null ? new ArrayList<>() : new ArrayList<>(json.readValue(doc, Noticed.class).ids()));
        }
        Map<LocalDate, Integer> before = new LinkedHashMap<>();
        noticed.forEach((d, ids) -> before.put(d, ids.size()));
        for (JsonNode s : suspects) {
            String id = s.path("id").asString();
            LocalDate day = java.time.OffsetDateTime.parse(s.path("from").asString()).atZoneSameInstant(BeijingTime.ZONE).toLocalDate();
            List<String> ids = noticed.get(day);
            if (ids == null || ids.contains(id)) {
                continue;
            }
            String county = s.path("county").asString();
            MonitorTexts.Words words = MonitorTexts.dataSuspect(registry.county(county).map(County::nameZh).orElse(county),
                    s.path("rule").asString(), s.path("description").asString(), id);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("suspect", id);
            details.put("target", s.path("target").asString());
            details.put("county", county);
            details.put("rule", s.path("rule").asString());
            details.put("pollutant", s.path("pollutant").asString());
            details.put("from", s.path("from").asString());
            details.put("to", s.path("to").asString());
            bus.raise(bus.create(AlertType.DATA_SUSPECT, "suspect", s.path("target").asString(), Alert.BUREAU,
                    java.time.OffsetDateTime.parse(s.path("from").asString()).toInstant(),
                    java.time.OffsetDateTime.parse(s.path("to").asString()).toInstant(), words.title(), words.text(), details));
            ids.add(id);
        }
        noticed.forEach((d, ids) -> {
            if (ids.size() != before.get(d)) {
                store.put(PREFIX + d, json.writeValueAsString(new Noticed(ids)));
            }
        });
        if (store.get(PREFIX + first.minusDays(1)) != null) {
            store.remove(PREFIX + first.minusDays(1)); // the day that left the look-back
        }
    }
}
