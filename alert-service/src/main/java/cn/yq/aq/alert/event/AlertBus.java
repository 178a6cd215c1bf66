package cn.yq.aq.alert.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.state.StateStore;
import cn.yq.aq.registry.County;
import cn.yq.aq.registry.Registry;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raises alerts: each alert is published at QoS 1 to {@code aq/v1/alerts/<county>} for every county
 * it concerns (a city-wide alert to all of them) and is raised once the broker has acknowledged every
 * copy. From there the broker holds it for the persistent sessions of the deliverer (webhook, SMS) and
 * the recorder (history, SSE) until they acknowledge it, across restarts of either side.
 */
@Component
public class AlertBus {

    public static final String TOPIC = "aq/v1/alerts/";
    private static final Logger log = LoggerFactory.getLogger(AlertBus.class);

    private final StateStore store;
    private final Registry registry;
    private final Clock clock;
    private final MeterRegistry meters;
    private final JsonMapper json;
    private final BooleanSupplier consumersReady;
    private Instant last = Instant.EPOCH;

    public AlertBus(StateStore store, Registry registry, Clock clock, MeterRegistry meters, List<DurableConsumer> consumers, JsonMapper json) {
        this.json = json;
        this.consumersReady = () -> consumers.stream().allMatch(DurableConsumer::everConnected);
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        this.meters = meters;
    }

    /** A new alert with a fresh id and the current time (strictly increasing: the history keys on it). */
    public synchronized Alert create(AlertType type, AlertLevel level, String scope, String county, Instant validFrom,
                                     Instant validTo, String title, String text, Map<String, Object> details) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (!now.isAfter(last)) {
            now = last.plusNanos(1000);
        }
        last = now;
        return new Alert(UUID.randomUUID().toString(), type, level, scope, county, now, validFrom, validTo, title, text, details);
    }

    /** A new alert of a type other than a warning, whose level is its monitor's plain code. */
    public Alert create(AlertType type, String level, String scope, String county, Instant validFrom, Instant validTo,
                        String title, String text, Map<String, Object> details) {
        if (type == AlertType.HEAVY_POLLUTION_WARNING) {
            throw new IllegalArgumentException("a warning's level is typed: create(type, AlertLevel, …)");
        }
        return create(type, new AlertLevel.Other(level), scope, county, validFrom, validTo, title, text, details);
    }

    /**
     * The subscription scopes an alert goes to: a county's alert to that county; a city-wide alert
     * to every county and to the city (the bureau's subscription); a bureau-only alert to the city.
     */
    public List<String> recipients(Alert a) {
        if (a.county() == null) {
            List<String> all = new java.util.ArrayList<>(registry.counties().stream().map(County::code).toList());
            all.add(Alert.CITY);
            return all;
        }
        return Alert.BUREAU.equals(a.county()) ? List.of(Alert.CITY) : List.of(a.county());
    }

    /**
     * Publishes the alert to each concerned county's topic; returns once the broker has every copy.
     *
     * @throws IllegalStateException when the broker is not reachable (the caller tries again later)
     */
    public Alert raise(Alert a) {
        if (!store.awaitReady(Duration.ofSeconds(30)) || !waitFor(consumersReady, Duration.ofSeconds(30))) {
            throw new IllegalStateException("alert delivery is not ready (MQTT broker not reachable)");
        }
        byte[] payload = json.writeValueAsBytes(a);
        Map<String, byte[]> copies = new java.util.LinkedHashMap<>();
        for (String county : recipients(a)) {
            copies.put(TOPIC + county, payload);
        }
        store.publishAll(copies);
        meters.counter("aq.alert.raised", "type", a.type().name(), "level", a.level().code(), "county", a.countyTag()).increment();
        log.info("alert {} {} {} for {} raised: {}", a.id(), a.type(), a.level().code(), a.countyTag(), a.title());
        return a;
    }

    private static boolean waitFor(BooleanSupplier condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
