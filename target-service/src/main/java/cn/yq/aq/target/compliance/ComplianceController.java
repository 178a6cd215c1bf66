package cn.yq.aq.target.compliance;

import java.time.LocalDate;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.support.web.Problems;
import cn.yq.aq.target.review.Data;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/v1/sources/compliance?from=&to=[&county=]}: per source and pollutant, valid
 * hours, exceedance hours, the largest corrected value and the limit applied; the period's list of
 * exceeding units (which the plan requires the bureau to publish); and NMHC at the industrial parks.
 */
@RestController
class ComplianceController {

    private final ComplianceService service;
    private final VocsService vocs;
    private final Registry registry;

    ComplianceController(ComplianceService service, VocsService vocs, Registry registry) {
        this.service = service;
        this.vocs = vocs;
        this.registry = registry;
    }

    /**
     * The sources' compliance over [from, to], the list of those that exceeded a limit, and the VOCs parks, from reviewed
     * hours (an hour an approved mark took out is not counted) or, with {@code ?data=raw}, from the raw readings;
     * {@code data} says which.
     */
    record Report(LocalDate from, LocalDate to, List<SourceCompliance> sources, List<Exceeding> exceeding, List<VocsService.ParkVocs> vocs,
                  String data) {
    }

    /** A source that exceeded: its enterprise, county, hours over a limit and the pollutants that were. */
    record Exceeding(String source, String enterprise, String county, int exceedanceHours, List<String> pollutants) {
    }

    @GetMapping("/api/v1/sources/compliance")
    Mono<Report> compliance(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                         @RequestParam(required = false) String county, @RequestParam(required = false) String data) {
        Data d = Data.of(data);
        LocalDate f = Problems.date("from", from);
        LocalDate t = Problems.date("to", to);
        Problems.range(f, t, 731);
        if (county != null && registry.county(county).isEmpty()) {
            return Mono.error(Problems.notFound("unknown-county", "未登记的区县", "county is not in the registry"));
        }
        return Mono.fromCallable(() -> {
            List<SourceCompliance> sources = service.compliance(f, t, county, d);
            return new Report(f, t, sources, sources.stream().filter(s -> s.exceedanceHours() > 0).map(s -> new Exceeding(
                    s.source(), s.enterprise(), s.county(), s.exceedanceHours(), s.pollutants().stream()
                            .filter(p -> p.exceedanceHours() > 0).map(SourceCompliance.PollutantCompliance::pollutant).toList())).toList(),
                    vocs.parks(f, t, county, d), d.key());
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
