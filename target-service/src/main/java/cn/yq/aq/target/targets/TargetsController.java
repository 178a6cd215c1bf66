package cn.yq.aq.target.targets;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import cn.yq.aq.target.review.Data;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.target.store.AmbientStore;
import cn.yq.aq.support.web.Problems;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/v1/targets/progress?year=[&asOf=]}: progress toward each configured target of the
 * year, as materialised in {@code target_progress}; 404 problems for a year without targets and a
 * year that has not begun.
 */
@RestController
class TargetsController {

    private final TargetsService service;
    private final Clock clock;

    TargetsController(TargetsService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @GetMapping("/api/v1/targets/progress")
    Mono<List<TargetProgress>> progress(@RequestParam(required = false) String year, @RequestParam(required = false) String asOf,
                                        @RequestParam(required = false) String data) {
        Data d = Data.of(data);
        int y;
        try {
            y = Integer.parseInt(year == null ? "" : year);
        } catch (NumberFormatException e) {
            return Mono.error(Problems.badParameter("'year' must be a year such as 2025"));
        }
        if (y < 2013 || y > 2100) {
            return Mono.error(Problems.badParameter("'year' must be between 2013 and 2100"));
        }
        LocalDate day = asOf == null ? LocalDate.now(clock.withZone(BeijingTime.ZONE)) : Problems.date("asOf", asOf);
        if (day.getYear() < y) {
            return Mono.error(Problems.of(HttpStatus.NOT_FOUND, "year-not-started", "该年度尚未开始",
                    "there is no progress toward " + y + "'s targets before " + y + "-01-01"));
        }
        return Mono.fromCallable(() -> service.progress(y, day, d)).subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(TargetsService.NoTargets.class, e -> Problems.of(HttpStatus.NOT_FOUND, "no-targets",
                        "该年度未配置目标", e.getMessage()));
    }
}
