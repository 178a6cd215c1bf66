package cn.yq.aq.alert.warning;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Forecast input (bureau) and the current warnings (everyone). */
@RestController
@RequestMapping("/api/v1")
class WarningController {

    private final WarningEngine engine;
    private final ObservedAqiMonitor observed;
    private final java.time.Clock clock;

    WarningController(WarningEngine engine, ObservedAqiMonitor observed, java.time.Clock clock) {
        this.engine = engine;
        this.observed = observed;
        this.clock = clock;
    }

    @Operation(summary = "The observed 24-h AQI per warning scope, as the warnings use it: of the last 24 complete hours,"
            + " or of a natural day (?date=); for a natural day it equals target-service's daily AQI")
    @GetMapping("/warnings/observed")
    Mono<List<ObservedAqi>> observed(@org.springframework.web.bind.annotation.RequestParam(required = false) String date) {
        LocalDate day = Problems.optionalDate("date", date);
        java.time.Instant last = day == null
                ? clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(java.time.Duration.ofHours(1))
                : day.atTime(23, 0).atZone(BeijingTime.ZONE).toInstant();
        return Mono.fromCallable(() -> {
            List<ObservedAqi> out = new ArrayList<>();
            observed.observed(last).forEach((scope, r) -> out.add(new ObservedAqi(scope, Alert.iso(last.minus(java.time.Duration.ofHours(23))),
                    Alert.iso(last.plus(java.time.Duration.ofHours(1))), r.aqi(), r.aqi() == null ? null : r.category().level(),
                    r.primaryPollutants().stream().map(cn.yq.aq.standards.Pollutant::field).toList())));
            return out;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** A scope's AQI of 24 hours ({@code from} … {@code to}, +08:00), its HJ 633 level (1 … 6) and primary pollutants. */
    record ObservedAqi(String scope, String from, String to, Integer aqi, Integer level, List<String> primaryPollutants) {
    }

    /** The answer to a forecast: the scope's warning level now and the alerts the forecast raised. */
    record ForecastAnswer(String scope, String level, List<Alert> alerts) {
    }

    /**
     * A scope's current warning: level code and Chinese name, whether an ozone advice is on, since when, the alert
     * that set it and its validity (+08:00), and the observed 24-h AQI when one is known.
     */
    record CurrentWarning(String scope, String level, String levelZh, boolean ozoneAdvice, String since, String alertId,
                          String validFrom, String validTo, @JsonInclude(JsonInclude.Include.NON_NULL) Integer observedAqi24h) {
    }

    @Operation(summary = "Submit a daily AQI forecast for the city or a county (bureau); answers with the alerts it raised")
    @PostMapping("/forecasts")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<ForecastAnswer> forecast(@Valid @RequestBody Mono<Forecast> body, ServerWebExchange exchange) {
        // who may first; the body (read and validated when subscribed) after
        Principal.requireBureau(exchange, true, "only the bureau submits forecasts");
        return body.publishOn(Schedulers.boundedElastic()).map(forecast -> {
            validate(forecast);
            List<Alert> raised;
            try {
                raised = engine.onForecast(forecast);
            } catch (IllegalStateException e) {
                throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "alerting-unavailable", "预警服务暂不可用，请稍后重试", e.getMessage());
            }
            return new ForecastAnswer(forecast.scope(), engine.state(forecast.scope()).level().code(), raised);
        });
    }

    /** What spans fields (each field's form: Bean Validation on {@link Forecast}). */
    private void validate(Forecast f) {
        if (!engine.knows(f.scope())) {
            throw Problems.badParameter("'scope' must be 'city' or a county code of the registry");
        }
        LocalDate previous = null;
        for (Forecast.Day d : f.days()) {
            if (previous != null && !d.date().equals(previous.plusDays(1))) {
                throw Problems.badParameter("'days' must be consecutive dates: " + d.date() + " follows " + previous);
            }
            if (d.primaryPollutant() != null && d.primary().isEmpty()) {
                throw Problems.badParameter("unknown primary pollutant '" + d.primaryPollutant().replaceAll("\\p{Cntrl}", "?") + "'");
            }
            previous = d.date();
        }
    }

    @Operation(summary = "The current heavy-pollution warning level of the city and each county")
    @GetMapping("/warnings/current")
    Mono<List<CurrentWarning>> current() {
        // the engine's lock may be held while it publishes: not on an event-loop thread
        return Mono.fromCallable(this::currentStates).subscribeOn(Schedulers.boundedElastic());
    }

    private List<CurrentWarning> currentStates() {
        List<CurrentWarning> out = new ArrayList<>();
        for (WarningState s : engine.current()) {
            WarningEngine.Observed o = engine.observed(s.scope());
            out.add(new CurrentWarning(s.scope(), s.level().code(), s.level().nameZh(), s.ozoneAdvice(), Alert.iso(s.since()),
                    s.alertId(), Alert.iso(s.validFrom()), Alert.iso(s.validTo()), o == null ? null : o.aqi()));
        }
        return out;
    }
}
