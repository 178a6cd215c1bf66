package cn.yq.aq.target.index;

import java.time.LocalDate;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.yq.aq.support.web.Problems;
import cn.yq.aq.target.review.Data;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/v1/index/counties?from=&to=[&data=raw]}: counties by composite index, best first, from reviewed data
 * (the official figures) or from the raw readings; each says which ({@code data}).
 */
@RestController
class IndexController {

    private final CompositeIndexService service;

    IndexController(CompositeIndexService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/index/counties")
    Mono<List<CountyIndex>> counties(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                     @RequestParam(required = false) String data) {
        Data d = Data.of(data);
        LocalDate f = Problems.date("from", from);
        LocalDate t = Problems.date("to", to);
        Problems.range(f, t, 731);
        return Mono.fromCallable(() -> service.counties(f, t, d.raw())).subscribeOn(Schedulers.boundedElastic());
    }
}
