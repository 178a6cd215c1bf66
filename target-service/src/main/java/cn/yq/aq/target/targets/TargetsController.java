package cn.yq.aq.target.targets;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.yq.aq.target.store.AmbientStore;
import cn.yq.aq.support.web.Problems;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code GET /api/v1/targets/progress?year=[&asOf=]}: progress toward each configured target of the year. */
@RestController
class TargetsController {

    private final TargetsService service;
    private final Clock clock;

    TargetsController(TargetsService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @GetMapping("/api/v1/targets/progress")
    Mono<List<TargetProgress>> progress(@RequestParam(required = false) String year, @RequestParam(required = false) String asOf) {
        int y;
        try {
            y = Integer.parseInt(year == null ? "" : year);
        } catch (NumberFormatException e) {
            return Mono.error(Problems.badParameter("'year' must be a year such as 2025"));
        }
        if (y < 2013 || y > 2100) {
            return Mono.error(Problems.badParameter("'year' must be between 2013 and 2100"));
        }
        LocalDate day = asOf == null ? LocalDate.now(clock.withZone(AmbientStore.CHINA)) : Problems.date("asOf", asOf);
        return Mono.fromCallable(() -> service.progress(y, day)).subscribeOn(Schedulers.boundedElastic());
    }
}
