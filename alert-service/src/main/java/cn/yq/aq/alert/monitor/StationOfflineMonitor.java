package cn.yq.aq.alert.monitor;

import cn.yq.aq.alert.texts.MonitorTexts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.yq.aq.alert.store.MonitorStore;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.alert.event.AlertBus;
import cn.yq.aq.alert.event.AlertType;
import cn.yq.aq.alert.state.StateStore;
import cn.yq.aq.alert.system.AlertProperties;
import cn.yq.aq.registry.County;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Source;
import cn.yq.aq.registry.Station;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.support.influx.Rows;
import tools.jackson.databind.json.JsonMapper;

/**
 * STATION_OFFLINE: a station (or boiler CEMS) whose latest interval ended more than
 * {@code offline-after} ago (2 h by default) is offline: one {@code offline} alert to its county,
 * and one {@code restored} alert when data comes back. Subjects silent for longer than
 * {@code offline-lookback} are not watched (never started, or decommissioned).
 */
@Component
class StationOfflineMonitor implements Monitor {

    static final String PREFIX = StateStore.STATE + "offline/";

    /** The retained state of a silent station or source: since when, and the alert that said so. */
    record Offline(String since, String alertId) {
    }

    private final JsonMapper json;

    private final MonitorStore influx;
    private final Registry registry;
    private final Clock clock;
    private final AlertBus bus;
    private final StateStore store;
    private final AlertProperties properties;

    StationOfflineMonitor(MonitorStore influx, Registry registry, Clock clock, AlertBus bus, StateStore store,
                          AlertProperties properties, JsonMapper json) {
        this.json = json;
        this.influx = influx;
        this.registry = registry;
        this.clock = clock;
        this.bus = bus;
        this.store = store;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "station-offline";
    }

    /** The end of each subject's latest interval. */
    private Map<String, Instant> lastEnds(String measurement, String tag) {
        Instant since = clock.instant().minus(properties.monitor().offlineLookback());
        Map<String, Instant> ends = new HashMap<>();
        for (Rows.Row row : influx.latest(measurement, tag, since)) {
            Duration interval;
            try {
                interval = Duration.parse(row.tag("interval"));
            } catch (DateTimeParseException | NullPointerException e) {
                interval = Duration.ZERO;
            }
            Instant end = Instant.ofEpochMilli(((Number) row.get("time")).longValue()).plus(interval);
            ends.merge(row.tag(tag), end, (a, b) -> a.isAfter(b) ? a : b);
        }
        return ends;
    }

    @Override
    public void check() {
        Map<String, Instant> stations = lastEnds("ambient", "station");
        for (Station s : registry.stations()) {
            look(s.id(), s.name(), s.county(), "station", stations.get(s.id()));
        }
        Map<String, Instant> sources = lastEnds("cems", "source");
        for (Source s : registry.sources()) {
            look(s.id(), s.enterprise(), s.county(), "source", sources.get(s.id()));
        }
    }

    private void look(String id, String name, String county, String kind, Instant lastEnd) {
        Instant now = clock.instant();
        boolean wasOffline = store.get(PREFIX + id) != null;
        if (lastEnd == null) {
            return; // not watched (no data within the look-back)
        }
        Duration silent = Duration.between(lastEnd, now);
        boolean offline = silent.compareTo(properties.monitor().offlineAfter()) > 0;
        if (offline == wasOffline) {
            return;
        }
        String countyZh = registry.county(county).map(County::nameZh).orElse(county);
        String place = (name.startsWith(countyZh) ? "" : countyZh) + name + "（" + id + "）";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", kind);
        details.put("id", id);
        details.put("lastDataEnd", lastEnd.atZone(BeijingTime.ZONE).toOffsetDateTime().toString());
        details.put("silentMinutes", silent.toMinutes());
        if (offline) {
            MonitorTexts.Words words = MonitorTexts.offline(place, "source".equals(kind), lastEnd, silent);
            Alert a = bus.raise(bus.create(AlertType.STATION_OFFLINE, "offline", id, county, lastEnd, null, words.title(), words.text(),
                    details));
            store.put(PREFIX + id, json.writeValueAsString(new Offline(lastEnd.toString(), a.id())));
        } else {
            MonitorTexts.Words words = MonitorTexts.restored(place, "source".equals(kind));
            bus.raise(bus.create(AlertType.STATION_OFFLINE, "restored", id, county, null, null, words.title(), words.text(), details));
            store.remove(PREFIX + id);
        }
    }
}
