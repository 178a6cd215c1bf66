package cn.yq.aq.target.review;

import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /api/v1/review}: marks and decisions (the audit trail) and month close. A reviewer marks only
 * its own county's stations and sources; the bureau decides and closes; nothing here removes or changes a
 * mark, and there is no DELETE, PUT or PATCH.
 */
@RestController
@RequestMapping("/api/v1/review")
class ReviewController {

    /** A note with an act (close, reopen). */
    record Note(@Size(max = 1000) String note) {
    }

    private final Marks marks;
    private final Months months;
    private final PreReview preReview;

    ReviewController(Marks marks, Months months, PreReview preReview) {
        this.marks = marks;
        this.months = months;
        this.preReview = preReview;
    }

    @Operation(summary = "The automatic pre-review's suspect spans, each with its rule, evidence and state (open, marked, dismissed)")
    @GetMapping("/suspects")
    Mono<List<PreReview.View>> suspects(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                        @RequestParam(required = false) String county, @RequestParam(required = false) String target,
                                        @RequestParam(required = false) String status, ServerWebExchange exchange) {
        return listed(from, to, county, exchange, (who, days) -> preReview.list(who, days[0], days[1], county, target, status));
    }

    /** What a run of the pre-review found. */
    record PreReviewRun(LocalDate from, LocalDate to, int suspects, long millis) {
    }

    @Operation(summary = "Run the automatic pre-review of those days again now (bureau; after changing its thresholds); answers when done")
    @PostMapping("/prereview")
    Mono<PreReviewRun> prereview(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 ServerWebExchange exchange) {
        Principal.requireBureau(exchange, true, "only the bureau runs the pre-review");
        LocalDate f = Problems.date("from", from);
        LocalDate t = Problems.date("to", to);
        Problems.range(f, t, 366);
        return Mono.fromCallable(() -> {
            long t0 = System.nanoTime();
            int n = preReview.run(f, t);
            return new PreReviewRun(f, t, n, (System.nanoTime() - t0) / 1_000_000);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Operation(summary = "Propose a mark (reviewer, own county) or set one (bureau: approved at once)")
    @PostMapping("/marks")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Mark> propose(@Valid @RequestBody Mono<MarkRequest> body, ServerWebExchange exchange) {
        Principal who = Principal.of(exchange);
        if (who.role() != Principal.Role.BUREAU && who.role() != Principal.Role.REVIEWER) {
            return Mono.error(Problems.forbidden("only a reviewer or the bureau marks data"));
        }
        return body.publishOn(Schedulers.boundedElastic()).map(r -> marks.propose(who, r));
    }

    @Operation(summary = "Approve or reject a proposed mark (bureau)")
    @PostMapping("/marks/{id}/decision")
    Mono<Mark> decide(@PathVariable String id, @Valid @RequestBody Mono<DecisionRequest> body, ServerWebExchange exchange) {
        Principal who = Principal.requireBureau(exchange, false, "only the bureau approves or rejects marks");
        return body.publishOn(Schedulers.boundedElastic()).map(d -> marks.decide(who, id, d));
    }

    @Operation(summary = "The audit trail: every mark touching the days, with every act on it (nothing is ever removed)")
    @GetMapping("/marks")
    Mono<List<Mark>> marks(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                           @RequestParam(required = false) String county, @RequestParam(required = false) String target,
                           @RequestParam(required = false) String status, ServerWebExchange exchange) {
        return listed(from, to, county, exchange, (who, days) -> marks.list(who, days[0], days[1], county, target, status));
    }

    /**
     * A list of days {@code from} … {@code to} (at most a year) for the caller, who may name only a county it may
     * read; read off the event loop.
     */
    private static <T> Mono<List<T>> listed(String from, String to, String county, ServerWebExchange exchange,
                                            java.util.function.BiFunction<Principal, LocalDate[], List<T>> read) {
        Principal who = Principal.of(exchange);
        LocalDate f = Problems.date("from", from);
        LocalDate t = Problems.date("to", to);
        Problems.range(f, t, 366);
        if (county != null && !who.mayRead(county)) {
            return Mono.error(Problems.forbidden("a county reads only its own data (county=" + county + ")"));
        }
        return Mono.fromCallable(() -> read.apply(who, new LocalDate[] {f, t})).subscribeOn(Schedulers.boundedElastic());
    }

    @Operation(summary = "A month's state (open or closed) and its history of closes and reopens")
    @GetMapping("/months/{month}")
    Mono<Months.MonthState> month(@PathVariable String month) {
        java.time.YearMonth m = Months.parse(month);
        return Mono.fromCallable(() -> months.state(m)).subscribeOn(Schedulers.boundedElastic());
    }

    @Operation(summary = "Close a month that has ended (封账, bureau): its official figures are frozen")
    @PostMapping("/months/{month}/close")
    Mono<Months.MonthState> close(@PathVariable String month, @Valid @RequestBody(required = false) Mono<Note> body,
                                  ServerWebExchange exchange) {
        Principal who = Principal.requireBureau(exchange, false, "only the bureau closes a month");
        java.time.YearMonth m = Months.parse(month);
        return body.map(n -> n.note() == null ? "" : n.note()).defaultIfEmpty("").publishOn(Schedulers.boundedElastic())
                .map(note -> months.close(who, m, note.isEmpty() ? null : note));
    }

    @Operation(summary = "Reopen a closed month (bureau, with a note saying why)")
    @PostMapping("/months/{month}/reopen")
    Mono<Months.MonthState> reopen(@PathVariable String month, @Valid @RequestBody(required = false) Mono<Note> body,
                                   ServerWebExchange exchange) {
        Principal who = Principal.requireBureau(exchange, false, "only the bureau reopens a month");
        java.time.YearMonth m = Months.parse(month);
        return body.map(n -> n.note() == null ? "" : n.note()).defaultIfEmpty("").publishOn(Schedulers.boundedElastic())
                .map(note -> months.reopen(who, m, note));
    }
}
