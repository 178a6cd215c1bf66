package cn.yq.aq.target.ranking;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import cn.yq.aq.target.review.Data;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import cn.yq.aq.support.web.Problems;
import cn.yq.aq.support.security.Principal;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code PUT /api/v1/rankings/province/{period}} (CSV {@code unit,compositeIndex} or JSON
 * {@code [{"unit":…, "compositeIndex":…}]}, read by {@link ProvinceTables}) and {@code GET} of the same path.
 */
@RestController
class ProvinceRankingController {

    private final ProvinceRankingService service;

    ProvinceRankingController(ProvinceRankingService service) {
        this.service = service;
    }

    @PutMapping("/api/v1/rankings/province/{period}")
    Mono<Imported> put(@PathVariable String period, @RequestBody byte[] body,
                                  @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                 ServerWebExchange exchange) {
        Principal.requireBureau(exchange, false, "only the bureau imports the province's ranking");
        ProvinceRankingService.period(period);
        Map<String, BigDecimal> table = contentType != null && contentType.startsWith(MediaType.APPLICATION_JSON_VALUE)
                ? ProvinceTables.fromJson(body) : ProvinceTables.fromCsv(body);
        return Mono.fromCallable(() -> {
            List<ProvinceRankingService.Row> rows = service.importTable(period, table);
            return new Imported(period, rows.size());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** The answer to an import: the period and how many units its table held. */
    record Imported(String period, int units) {
    }

    @GetMapping("/api/v1/rankings/province/{period}")
    Mono<ProvinceRankingService.View> get(@PathVariable String period,
                                          @org.springframework.web.bind.annotation.RequestParam(required = false) String data) {
        ProvinceRankingService.period(period);
        Data d = Data.of(data);
        return Mono.fromCallable(() -> service.view(period, d).orElse(null)).subscribeOn(Schedulers.boundedElastic())
                .switchIfEmpty(Mono.error(() -> Problems.notFound("no-ranking", "未导入该期全省排名",
                        "no province ranking imported for " + period)));
    }
}
