package cn.yq.aq.alert.warning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.alert.event.AlertBus;
import cn.yq.aq.alert.event.AlertType;
import cn.yq.aq.alert.state.StateStore;
import cn.yq.aq.alert.texts.WarningTexts;
import cn.yq.aq.registry.County;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.warning.WarningGrading;
import tools.jackson.databind.json.JsonMapper;

/**
 * The heavy-pollution warning lifecycle per scope (the city and each county). The days assessed are
 * today (the higher of the observed rolling 24-h AQI and today's forecast) and the forecast days
 * after it; the grading is the library's (2024 by default).
 * <ul>
 * <li>Issue or upgrade as soon as the assessment is higher than the current level (forecast or
 * observation).</li>
 * <li>Downgrade and lift only on a new forecast, never on an hourly observation: no flapping.
 * Lift when the days ahead stay at or below the level's lowest trigger for more than 36 h
 * ({@link WarningGrading#mayLift}); while they do not, the level stays.</li>
 * <li>An episode whose days above the trigger all have O3 as primary pollutant gives a health
 * advice (level {@code advice}), once per episode, not a coloured warning (环大气〔2024〕6号).</li>
 * </ul>
 * Every change is an alert; the state is kept on the broker (retained) and survives restarts.
 */
@Component
public class WarningEngine {

    static final String STATE = StateStore.STATE + "warnings/";
    static final String FORECASTS = StateStore.STATE + "forecasts/";
    private static final Logger log = LoggerFactory.getLogger(WarningEngine.class);

    /** The observed rolling 24-h AQI of a scope, with its primary pollutant, as of {@code at}. */
    public record Observed(int aqi, Pollutant primary, Instant at) {
    }

    private final WarningGrading grading;
    private final AlertBus bus;
    private final StateStore store;
    private final Registry registry;
    private final Clock clock;
    private final JsonMapper json;
    private final Map<String, Observed> observed = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> scopeLocks = new ConcurrentHashMap<>();

    public WarningEngine(WarningGrading grading, AlertBus bus, StateStore store, Registry registry, Clock clock, JsonMapper json) {
        this.json = json;
        this.grading = grading;
        this.bus = bus;
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    /** The scopes: {@code city} and every county code. */
    public List<String> scopes() {
        List<String> scopes = new ArrayList<>();
        scopes.add(Alert.CITY);
        registry.counties().forEach(c -> scopes.add(c.code()));
        return scopes;
    }

    public boolean knows(String scope) {
        return Alert.CITY.equals(scope) || registry.county(scope).isPresent();
    }

    /** A new forecast: stored, then assessed (it may issue, change or lift a warning). */
    public List<Alert> onForecast(Forecast forecast) {
        ready();
        return inScope(forecast.scope(), () -> {
            store.put(FORECASTS + forecast.scope(), json.writeValueAsString(forecast));
            return evaluate(forecast.scope(), true);
        });
    }

    /** A new observation: it may issue or raise a warning, never lower one. */
    public List<Alert> onObserved(String scope, Observed value) {
        ready();
        return inScope(scope, () -> {
            observed.put(scope, value);
            return evaluate(scope, false);
        });
    }

    /**
     * Runs a scope's assessment under that scope's lock, one at a time, on the caller's thread: a scope's changes
     * stay in order (other scopes go on).
     */
    private <T> T inScope(String scope, Callable<T> work) {
        ReentrantLock lock = lock(scope);
        lock.lock();
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            lock.unlock();
        }
    }

    private ReentrantLock lock(String scope) {
        return scopeLocks.computeIfAbsent(scope, s -> new ReentrantLock());
    }

    /** The state must be loaded before it is read or changed (else a restart would issue everything again). */
    private void ready() {
        if (!store.awaitReady(Duration.ofSeconds(30))) {
            throw new IllegalStateException("the warning state is not loaded (MQTT broker not reachable)");
        }
    }

    public WarningState state(String scope) {
        String doc = store.get(STATE + scope);
        return doc == null ? WarningState.none(scope) : json.readValue(doc, WarningState.class);
    }

    public Forecast forecast(String scope) {
        String doc = store.get(FORECASTS + scope);
        return doc == null ? null : json.readValue(doc, Forecast.class);
    }

    public Observed observed(String scope) {
        return observed.get(scope);
    }


    /** Today and the days after it, as assessed. */
    private List<WarningDecision.Day> days(String scope) {
        LocalDate today = LocalDate.now(clock.withZone(BeijingTime.ZONE));
        Forecast f = forecast(scope);
        Observed o = observed.get(scope);
        if (o != null && o.at().isBefore(clock.instant().minusSeconds(3 * 3600))) {
            o = null; // stale
        }
        List<WarningDecision.Day> days = new ArrayList<>();
        Forecast.Day todayForecast = f == null ? null
                : f.days().stream().filter(d -> d.date().equals(today)).findFirst().orElse(null);
        if (o != null || todayForecast != null) {
            int forecastAqi = todayForecast == null ? -1 : todayForecast.aqi();
            if (o != null && o.aqi() >= forecastAqi) {
                days.add(new WarningDecision.Day(today, o.aqi(), o.primary(), true));
            } else {
                days.add(new WarningDecision.Day(today, forecastAqi, todayForecast.primary().orElse(null), false));
            }
        }
        if (f != null) {
            f.days().stream().filter(d -> d.date().isAfter(today))
                    .forEach(d -> days.add(new WarningDecision.Day(d.date(), d.aqi(), d.primary().orElse(null), false)));
        }
        return days;
    }

    private List<Alert> evaluate(String scope, boolean mayLower) {
        List<WarningDecision.Day> days = days(scope);
        WarningState current = state(scope);
        WarningDecision.Outcome outcome = WarningDecision.decide(grading, current.level(), current.ozoneAdvice(), days, mayLower);
        LocalDate today = LocalDate.now(clock.withZone(BeijingTime.ZONE));
        String place = Alert.CITY.equals(scope) ? registry.nameZh() : registry.county(scope).map(County::nameZh).orElse(scope);
        List<Alert> raised = new ArrayList<>();
        WarningState next = new WarningState(scope, current.level(), outcome.advice(), current.since(), current.alertId(),
                current.validFrom(), current.validTo());
        for (WarningDecision.Transition t : outcome.transitions()) {
            WarningTexts.Draft d = WarningTexts.draft(grading, t, place, days, today);
            Alert alert = bus.raise(bus.create(AlertType.HEAVY_POLLUTION_WARNING, d.level(), scope,
                    Alert.CITY.equals(scope) ? null : scope, d.validFrom(), d.validTo(), d.title(), d.text(), d.details()));
            raised.add(alert);
            if (t.action() != WarningDecision.Action.ADVICE) {
                next = new WarningState(scope, t.to(), outcome.advice(), alert.issuedAt(), alert.id(), alert.validFrom(),
                        alert.validTo());
            }
        }
        if (!next.equals(current)) {
            store.put(STATE + scope, json.writeValueAsString(next));
        }
        return raised;
    }

    /**
     * Every scope's current state, for {@code GET /api/v1/warnings/current}. A scope's assessment raises
     * its alert (the broker has it, deliveries may start) before it stores the new state, so a reader
     * waits for the assessment in progress (the scope's lock, up to {@link #SETTLE}): whoever has
     * received a warning then sees it here. Past that (the broker unreachable mid-assessment) the
     * stored state is answered rather than none at all.
     */
    public List<WarningState> current() {
        long deadline = System.nanoTime() + SETTLE.toNanos(); // elapsed time, not the (business) clock
        return scopes().stream().map(scope -> settled(scope, deadline)).toList();
    }

    static final Duration SETTLE = Duration.ofSeconds(5);

    private WarningState settled(String scope, long deadline) {
        ReentrantLock lock = lock(scope);
        try {
            if (lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                try {
                    return state(scope);
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return state(scope);
        }
        log.warn("warning state of {}: the assessment in progress did not finish within {}; answering the stored state",
                scope, SETTLE);
        return state(scope);
    }
}
