package cn.yq.aq.alert.monitor;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import cn.yq.aq.alert.store.MonitorStore;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import cn.yq.aq.alert.event.AlertBus;
import cn.yq.aq.alert.state.StateStore;
import cn.yq.aq.alert.system.AlertProperties;

/**
 * What the hourly exceedance monitors share: the look-back window ({@code aq.monitor.lookback}) of a
 * measurement target-service derived ({@code cems_hourly}, {@code vocs_hourly}) and an episode tracker
 * configured by {@code aq.monitor} whose state is kept on the broker.
 */
@Component
class DerivedHours {

    private final MonitorStore influx;
    private final Clock clock;
    private final AlertProperties properties;
    private final StateStore store;
    private final AlertBus bus;
    private final JsonMapper json;

    DerivedHours(MonitorStore influx, Clock clock, AlertProperties properties, StateStore store, AlertBus bus, JsonMapper json) {
        this.json = json;
        this.influx = influx;
        this.clock = clock;
        this.properties = properties;
        this.store = store;
        this.bus = bus;
    }

    /** The window's rows by subject ({@code tag}) and hour. */
    Map<String, NavigableMap<Instant, Map<String, Object>>> read(String measurement, String tag, List<String> fields) {
        return influx.hours(measurement, tag, fields, clock.instant().minus(properties.monitor().lookback()));
    }

    /** A tracker of episodes whose state lives under {@code name}. */
    ExceedanceTracker tracker(String name) {
        return new ExceedanceTracker(name, store, bus, properties.monitor().episodeEndHours(), properties.monitor().escalationRatios(), json);
    }
}
