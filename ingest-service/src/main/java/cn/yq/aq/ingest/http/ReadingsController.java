package cn.yq.aq.ingest.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import cn.yq.aq.ingest.deadletter.DeadLetterPublisher;
import cn.yq.aq.ingest.pipeline.Channel;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.ingest.pipeline.IngestPipeline;
import cn.yq.aq.ingest.reading.JsonReadingParser;
import cn.yq.aq.ingest.reading.Reading;
import cn.yq.aq.ingest.reading.Rejection;
import cn.yq.aq.ingest.system.IngestProperties;
import cn.yq.aq.ingest.validation.Claim;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/readings}: one reading or an array, the MQTT JSON. Answers 202 once every
 * valid item is stored, with a result per item (rejected items carry a problem detail); 422 problem
 * details if no item is valid (with each item's problem); 400 if the body is not JSON; 503 (retry the request: writes are idempotent) if InfluxDB could not take the
 * valid items in time.
 */
@RestController
class ReadingsController {

    static final int MAX_ITEMS = 5000;

    private final IngestPipeline pipeline;
    private final DeadLetterPublisher deadLetters;
    private final JsonReadingParser parser;
    private final Duration storeTimeout;

    ReadingsController(IngestPipeline pipeline, JsonReadingParser parser, IngestProperties properties, DeadLetterPublisher deadLetters) {
        this.pipeline = pipeline;
        this.deadLetters = deadLetters;
        this.parser = parser;
        this.storeTimeout = properties.validation().storeTimeout();
    }

    /** One item's outcome. */
    record ItemResult(int index, String status, String id, String time, ProblemDetail problem) {
    }

    @PostMapping(path = "/api/v1/readings", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Object>> post(@RequestBody byte[] body, ServerWebExchange exchange) {
        Principal who = Principal.of(exchange);
        if (who.role() != Principal.Role.STATION && who.role() != Principal.Role.BUREAU) {
            return Mono.just(forbidden("only stations and the bureau post readings"));
        }
        JsonNode document;
        try {
            document = parser.tree(body);
        } catch (Rejection r) {
            return Mono.just(ResponseEntity.badRequest().body(ProblemTypes.of(HttpStatus.BAD_REQUEST, r.reason(), r.detail())));
        }
        List<JsonNode> items = new ArrayList<>();
        if (document.isArray()) {
            document.forEach(items::add);
        } else {
            items.add(document);
        }
        if (items.isEmpty()) {
            return Mono.just(ResponseEntity.badRequest().body(ProblemTypes.of(HttpStatus.BAD_REQUEST, "invalid-reading",
                    "the array holds no reading")));
        }
        if (items.size() > MAX_ITEMS) {
            return Mono.just(ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ProblemTypes.of(
                    HttpStatus.CONTENT_TOO_LARGE, "too-many-readings", items.size() + " readings; at most " + MAX_ITEMS
                            + " per request")));
        }
        // a station posts for itself only: its token's id must be every item's station or source
        Claim claim = Claim.station(who.role() == Principal.Role.STATION ? who.id() : null);
        if (claim.id() != null) {
            for (JsonNode item : items) {
                String id = item.path("station").isString() ? item.path("station").stringValue()
                        : item.path("source").isString() ? item.path("source").stringValue() : null;
                if (!claim.admits(id)) {
                    return Mono.just(forbidden("station " + claim.id() + " may post only its own readings, not "
                            + (id == null ? "readings without an id" : Rejection.quote(id))));
                }
            }
        }
        String origin = "http:" + who.role().code() + ":" + who.id();
        List<CompletableFuture<Reading>> futures = items.stream().map(item -> {
            CompletableFuture<Reading> f = pipeline.acceptJson(Channel.HTTP, item, claim);
            // the caller reads the problem in the answer; the station's operator finds it among the dead letters too
            f.whenComplete((r, e) -> {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof Rejection rejection) {
                    deadLetters.publish(rejection, Channel.HTTP, origin, item.toString().getBytes(StandardCharsets.UTF_8));
                }
            });
            return f;
        }).toList();
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        return Mono.fromFuture(all.handle((x, e) -> null)).timeout(storeTimeout, Mono.just(new Object()))
                .then(Mono.fromSupplier(() -> respond(futures)));
    }

    private static String reasonOf(ProblemDetail p) {
        Object reason = p.getProperties() == null ? null : p.getProperties().get("reason");
        return reason == null ? "invalid-reading" : reason.toString();
    }

    private static ResponseEntity<Object> forbidden(String detail) {
        ProblemDetail p = ProblemTypes.of(HttpStatus.FORBIDDEN, "forbidden", detail);
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private ResponseEntity<Object> respond(List<CompletableFuture<Reading>> futures) {
        List<ItemResult> results = new ArrayList<>();
        int stored = 0;
        int rejected = 0;
        int unavailable = 0;
        for (int i = 0; i < futures.size(); i++) {
            CompletableFuture<Reading> f = futures.get(i);
            if (!f.isDone()) {
                unavailable++;
                results.add(new ItemResult(i, "retry", null, null, ProblemTypes.of(HttpStatus.SERVICE_UNAVAILABLE,
                        "storage-unavailable", "not stored within " + storeTimeout.toSeconds() + " s")));
                continue;
            }
            try {
                Reading r = f.join();
                stored++;
                results.add(new ItemResult(i, "stored", r.id(), r.time().toString(), null));
            } catch (CompletionException e) {
                if (e.getCause() instanceof Rejection r) {
                    rejected++;
                    results.add(new ItemResult(i, "rejected", r.id(), null, ProblemTypes.of(r)));
                } else {
                    unavailable++;
                    results.add(new ItemResult(i, "retry", null, null, ProblemTypes.of(HttpStatus.SERVICE_UNAVAILABLE,
                            "storage-unavailable", String.valueOf(e.getCause()))));
                }
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("stored", stored);
        summary.put("rejected", rejected);
        summary.put("results", results);
        if (unavailable > 0) {
            ProblemDetail p = ProblemTypes.of(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable",
                    unavailable + " reading(s) could not be stored now; send the request again");
            p.setProperty("stored", stored);
            p.setProperty("rejected", rejected);
            p.setProperty("results", results);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(p);
        }
        if (stored == 0) {
            // nothing in it could be stored: the request as a whole is refused, with each item's problem
            ProblemDetail one = results.get(0).problem();
            ProblemDetail p = rejected == 1 ? ProblemTypes.of(HttpStatus.UNPROCESSABLE_CONTENT, reasonOf(one), one.getDetail())
                    : ProblemTypes.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-readings", rejected + " readings, none valid");
            p.setProperty("stored", 0);
            p.setProperty("rejected", rejected);
            p.setProperty("results", results);
            return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(summary);
    }
}
