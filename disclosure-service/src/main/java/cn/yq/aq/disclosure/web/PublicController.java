package cn.yq.aq.disclosure.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import cn.yq.aq.disclosure.publication.Publisher;
import cn.yq.aq.disclosure.system.DisclosureProperties;
import cn.yq.aq.disclosure.upstream.Upstream;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.support.web.Problems;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /public}: the page, its JSON and the Atom feed, each made once per snapshot and served from memory with
 * {@code Cache-Control: public, max-age} (the snapshot's refresh period) and an {@code ETag} ({@code 304} to
 * {@code If-None-Match}). Read-only: nothing here takes a body, and nothing here needs a token.
 */
@RestController
class PublicController {

    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);
    private static final MediaType ATOM = new MediaType("application", "atom+xml", java.nio.charset.StandardCharsets.UTF_8);

    private final Publisher publisher;
    private final JsonMapper json;
    private final DisclosureProperties properties;
    private final Registry registry;
    private final Page page = new Page();

    PublicController(Publisher publisher, JsonMapper json, DisclosureProperties properties, Registry registry) {
        this.publisher = publisher;
        this.json = json;
        this.properties = properties;
        this.registry = registry;
    }

    @GetMapping("/public")
    Mono<ResponseEntity<byte[]>> page(ServerWebExchange exchange) {
        return serve(exchange, s -> s.rendered("page", () -> Rendered.of(page.render(s.publication(), registry.nameZh(), "/public"), HTML)));
    }

    @GetMapping("/public/api/v1/aqi")
    Mono<ResponseEntity<byte[]>> aqi(ServerWebExchange exchange) {
        return serve(exchange, s -> s.rendered("aqi", () -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("generatedAt", s.publication().generatedAt());
            body.put("city", s.publication().city());
            body.put("counties", s.publication().counties());
            return json(body);
        }));
    }

    @GetMapping("/public/api/v1/warnings")
    Mono<ResponseEntity<byte[]>> warnings(ServerWebExchange exchange) {
        return serve(exchange, s -> s.rendered("warnings", () -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("generatedAt", s.publication().generatedAt());
            body.put("warnings", s.publication().warnings());
            return json(body);
        }));
    }

    @GetMapping("/public/api/v1/rankings/{month}")
    Mono<ResponseEntity<byte[]>> ranking(@PathVariable String month, ServerWebExchange exchange) {
        YearMonth m = month(month);
        return serve(exchange, s -> publisher.ranking(s, m).map(r -> s.rendered("ranking.json/" + m, () -> json(r)))
                .orElseThrow(() -> notPublished(m)));
    }

    @GetMapping("/public/api/v1/exceedances/{month}")
    Mono<ResponseEntity<byte[]>> exceedances(@PathVariable String month, ServerWebExchange exchange) {
        YearMonth m = month(month);
        return serve(exchange, s -> publisher.exceedances(s, m).map(r -> s.rendered("exceedances.json/" + m, () -> json(r)))
                .orElseThrow(() -> notPublished(m)));
    }

    @GetMapping("/public/feed.atom")
    Mono<ResponseEntity<byte[]>> feed(ServerWebExchange exchange) {
        return serve(exchange, s -> s.rendered("feed", () -> Rendered.of(Feed.render(s, registry.nameZh(), properties.publicUrl()), ATOM)));
    }

    private Mono<ResponseEntity<byte[]>> serve(ServerWebExchange exchange, Function<Publisher.Snapshot, Rendered> what) {
        return Mono.fromCallable(() -> what.apply(publisher.snapshot())).subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(Upstream.UpstreamException.class, e -> Problems.of(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
                        "figures-unavailable", "数据暂时无法获取，请稍后再试", "the figures could not be read: " + e.getMessage()))
                .map(r -> {
            CacheControl cache = CacheControl.maxAge(properties.refresh()).cachePublic();
            if (exchange.checkNotModified(r.etag())) {
                return ResponseEntity.status(304).cacheControl(cache).eTag(r.etag()).build();
            }
            return ResponseEntity.ok().contentType(r.type()).cacheControl(cache).eTag(r.etag()).body(r.body());
        });
    }

    private Rendered json(Object body) {
        return Rendered.of(json.writeValueAsString(body), MediaType.APPLICATION_JSON);
    }

    private static YearMonth month(String month) {
        try {
            if (month.matches("\\d{4}-\\d{2}")) {
                return YearMonth.parse(month);
            }
        } catch (DateTimeParseException e) {
            // below
        }
        throw Problems.badParameter("the month must be yyyy-MM, such as 2025-11");
    }

    private static RuntimeException notPublished(YearMonth m) {
        return Problems.notFound("not-published", "该月数据尚未审核封账，暂未公布",
                m + " is not published: its data are published once the bureau has closed the month");
    }
}
