package cn.yq.aq.alert.event;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import cn.yq.aq.alert.store.AlertHistory;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Alert history, the live stream and acknowledgements. A county sees its own alerts and the
 * city-wide ones, never another county's; the bureau sees all.
 */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {

    private final AlertHistory history;
    private final AlertRecorder recorder;
    private final Registry registry;
    private final Clock clock;

    AlertController(AlertHistory history, AlertRecorder recorder, Registry registry, Clock clock) {
        this.history = history;
        this.recorder = recorder;
        this.registry = registry;
        this.clock = clock;
    }

    @Operation(summary = "Alert history, newest first (bureau: all or ?county=; county: its own and the city-wide ones)")
    @GetMapping
    Mono<List<AlertHistory.View>> alerts(@RequestParam(required = false) String county,
                                           @RequestParam(required = false) String type,
                                           @RequestParam(required = false) String from,
                                           @RequestParam(required = false) String to,
                                           @RequestParam(defaultValue = "500") int limit,
                                           ServerWebExchange exchange) {
        Principal who = Principal.of(exchange);
        List<String> counties = counties(who, county);
        AlertType t;
        try {
            t = type == null || type.isBlank() ? null : AlertType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw Problems.badParameter("'type' must be one of " + List.of(AlertType.values()));
        }
        LocalDate f = Problems.optionalDate("from", from);
        LocalDate u = Problems.optionalDate("to", to);
        Instant start = f == null ? clock.instant().minusSeconds(30L * 86400) : f.atStartOfDay(BeijingTime.ZONE).toInstant();
        Instant end = u == null ? clock.instant().plusSeconds(60) : u.plusDays(1).atStartOfDay(BeijingTime.ZONE).toInstant();
        if (limit < 1 || limit > 5000) {
            throw Problems.badParameter("'limit' must be 1 to 5000");
        }
        String viewer = who.seesEverything() ? null : who.county();
        return Mono.fromCallable(() -> history.find(counties, t, start, end, limit).stream()
                .map(e -> e.as(viewer)).toList()).subscribeOn(Schedulers.boundedElastic());
    }

    /** The counties a request may see: a county only its own; the bureau all or the one it asks for. */
    private List<String> counties(Principal who, String county) {
        if (county != null && registry.county(county).isEmpty()) {
            throw Problems.badParameter("unknown county '" + county.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        if (who.seesEverything()) {
            return county == null ? null : List.of(county);
        }
        if (who.role() != Principal.Role.COUNTY) {
            throw Problems.forbidden("stations do not read alerts");
        }
        if (county != null && !county.equals(who.county())) {
            throw Problems.forbidden("a county reads only its own alerts");
        }
        return List.of(who.county());
    }

    @Operation(summary = "Server-Sent Events of new alerts (county: its own and the city-wide ones)")
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Alert>> stream(@RequestParam(required = false) String county, ServerWebExchange exchange) {
        List<String> counties = counties(Principal.of(exchange), county);
        Flux<ServerSentEvent<Alert>> alerts = recorder.stream()
                .filter(a -> counties == null || counties.stream().anyMatch(a::concerns))
                .map(a -> ServerSentEvent.builder(a).id(a.id()).event("alert").build());
        // a comment every 15 s keeps proxies from closing an idle stream
        Flux<ServerSentEvent<Alert>> heartbeat = Flux.interval(java.time.Duration.ofSeconds(15))
                .map(i -> ServerSentEvent.<Alert>builder().comment("keep-alive").build());
        return Flux.merge(alerts, heartbeat);
    }

    @Operation(summary = "Acknowledge an alert (the county it concerns, or the bureau)")
    @PostMapping("/{id}/ack")
    Mono<AlertHistory.View> ack(@PathVariable String id, ServerWebExchange exchange) {
        Principal who = Principal.of(exchange);
        if (!id.matches("[0-9a-fA-F-]{36}")) {
            throw Problems.notFound("unknown-alert", "告警不存在", "no alert " + id.replaceAll("\\p{Cntrl}", "?"));
        }
        return Mono.fromCallable(() -> {
            AlertHistory.Entry e = history.byId(id);
            if (e == null) {
                throw Problems.notFound("unknown-alert", "告警不存在", "no alert " + id);
            }
            boolean allowed = who.role() == Principal.Role.BUREAU
                    || (who.role() == Principal.Role.COUNTY && e.alert().concerns(who.county()));
            if (!allowed) {
                throw Problems.forbidden("a county acknowledges only its own alerts");
            }
            Instant now = clock.instant();
            String county = who.role() == Principal.Role.COUNTY ? who.county() : null;
            history.acknowledge(e.alert(), who.id(), county, now);
            return history.byId(id).as(county);
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
