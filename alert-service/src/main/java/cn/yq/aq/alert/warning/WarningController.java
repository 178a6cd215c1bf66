package cn.yq.aq.alert.warning;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    Mono<List<Map<String, Object>>> observed(@org.springframework.web.bind.annotation.RequestParam(required = false) String date) {
        LocalDate day = Problems.optionalDate("date", date);
        java.time.Instant last = day == null
                ? clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(java.time.Duration.ofHours(1))
                : day.atTime(23, 0).atZone(BeijingTime.ZONE).toInstant();
        return Mono.fromCallable(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            observed.observed(last).forEach((scope, r) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("scope", scope);
                m.put("from", last.minus(java.time.Duration.ofHours(23)).atZone(BeijingTime.ZONE).toOffsetDateTime().toString());
                m.put("to", last.plus(java.time.Duration.ofHours(1)).atZone(BeijingTime.ZONE).toOffsetDateTime().toString());
                m.put("aqi", r.aqi());
                m.put("level", r.aqi() == null ? null : r.category().level());
                m.put("primaryPollutants", r.primaryPollutants().stream().map(cn.yq.aq.standards.Pollutant::field).toList());
                out.add(m);
            });
            return out;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Operation(summary = "Submit a daily AQI forecast for the city or a county (bureau); answers with the alerts it raised")
    @PostMapping("/forecasts")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Map<String, Object>> forecast(@Valid @RequestBody Mono<Forecast> body, ServerWebExchange exchange) {
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
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("scope", forecast.scope());
            out.put("level", engine.state(forecast.scope()).level().code());
            out.put("alerts", raised.stream().map(Alert::toJson).toList());
            return out;
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
    Mono<List<Map<String, Object>>> current() {
        // the engine's lock may be held while it publishes: not on an event-loop thread
        return Mono.fromCallable(this::currentStates).subscribeOn(Schedulers.boundedElastic());
    }

    private List<Map<String, Object>> currentStates() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (WarningState s : engine.current()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scope", s.scope());
            m.put("level", s.level().code());
            m.put("levelZh", s.level().nameZh());
            m.put("ozoneAdvice", s.ozoneAdvice());
            m.put("since", s.since() == null ? null : s.since().atZone(BeijingTime.ZONE).toOffsetDateTime().toString());
            m.put("alertId", s.alertId());
            m.put("validFrom", s.validFrom() == null ? null : s.validFrom().atZone(BeijingTime.ZONE).toOffsetDateTime().toString());
            m.put("validTo", s.validTo() == null ? null : s.validTo().atZone(BeijingTime.ZONE).toOffsetDateTime().toString());
            WarningEngine.Observed o = engine.observed(s.scope());
            if (o != null) {
                m.put("observedAqi24h", o.aqi());
            }
            out.add(m);
        }
        return out;
    }
}
