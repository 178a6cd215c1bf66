package cn.yq.aq.target.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Station;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.evaluation.HourlyValues;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.registry.Source;
import cn.yq.aq.support.influx.Rows;
import cn.yq.aq.target.review.rules.AmbientRules;
import cn.yq.aq.target.review.rules.CemsRules;
import cn.yq.aq.target.store.EmissionStore;
import cn.yq.aq.target.store.AmbientStore;
import cn.yq.aq.target.store.ReviewStore;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The automatic pre-review (自动预审): with the hourly materialisation (and the days of a recompute), the
 * rules look at the raw hours of every station and every boiler's CEMS, a month at a time, and the suspects of those days replace
 * the ones found before ({@code review_suspects}). A suspect changes no figure; a reviewer answers it with
 * a mark ({@code suspect}: its id): an invalidation marks it, a restoration dismisses it.
 */
@Component
@org.springframework.boot.context.properties.EnableConfigurationProperties(ReviewProperties.class)
public class PreReview {

    private static final Logger log = LoggerFactory.getLogger(PreReview.class);

    /** A suspect as the API shows it, with its state: open, marked or dismissed. */
    public record View(String id, String target, String kind, String county, String pollutant, String from, String to, String rule,
                       Map<String, Object> evidence, String description, String status) {
    }

    private final AmbientStore ambient;
    private final ReviewStore store;
    private final Registry registry;
    private final AmbientRules rules;
    private final CemsRules cemsRules;
    private final EmissionStore emissions;
    /** Stations per query (and a quarter of the sources per query). */
    static final int BATCH = 25;
    private static final cn.yq.aq.standards.emission.LimitProfiles PROFILES = cn.yq.aq.standards.emission.LimitProfiles.builtIn();
    private final Marks marks;
    private final JsonMapper json;
    private final MeterRegistry meters;

    PreReview(AmbientStore ambient, ReviewStore store, Registry registry, ReviewProperties properties, Marks marks, JsonMapper json,
              MeterRegistry meters, EmissionStore emissions) {
        this.emissions = emissions;
        this.cemsRules = new CemsRules(properties, source -> PROFILES.get(source.limitProfile()));
        this.ambient = ambient;
        this.store = store;
        this.registry = registry;
        this.rules = new AmbientRules(properties);
        this.marks = marks;
        this.json = json;
        this.meters = meters;
    }

    /** Looks at the days {@code from} … {@code to} again, reading the stations' hours itself; returns how many suspects they have. */
    public int run(LocalDate from, LocalDate to) {
        int found = 0;
        // a month at a time: a thousand stations' hours of a longer range would not fit the heap
        for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(31)) {
            LocalDate end = start.plusDays(30).isAfter(to) ? to : start.plusDays(30);
            Pass pass = begin(start, end);
            List<Station> stations = registry.stations();
            for (int i = 0; i < stations.size(); i += BATCH) {
                List<Station> batch = stations.subList(i, Math.min(stations.size(), i + BATCH));
                Map<String, HourlyValues> hours = ambient.hourly(start, end, batch.stream().map(Station::id).toList());
                for (Station s : batch) {
                    HourlyValues hv = hours.get(s.id());
                    if (hv != null) {
                        pass.station(s, hv);
                    }
                }
            }
            found += pass.finish();
        }
        return found;
    }

    /**
     * A pre-review of the days {@code from} … {@code to} that is handed the stations' raw hours by whoever reads them
     * (the AQI recompute: one read of the hours serves both), then {@link Pass#finish finished}.
     */
    public Pass begin(LocalDate from, LocalDate to) {
        return new Pass(from, to);
    }

    /**
     * One pre-review, in spans of 31 days (a suspect never crosses one). Each station handed to it is looked at by
     * the rules of one station at once, and only its PM2.5 is kept (as {@code float}: a year of a thousand
     * stations is 35 MB) for the neighbour rule, which needs them all and runs at the end with the boilers' rules.
     * Stations may be handed from several threads.
     */
    public final class Pass {

        private final List<Span> spans = new ArrayList<>();

        private Pass(LocalDate from, LocalDate to) {
            for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(31)) {
                spans.add(new Span(start, start.plusDays(30).isAfter(to) ? to : start.plusDays(30)));
            }
        }

        /** A station's raw hours (any range covering the pass's days): the rules of one station run now. */
        public void station(Station s, HourlyValues raw) {
            for (Span span : spans) {
                double[][] v = AmbientRules.series(raw, span.a, span.n);
                List<Suspect> found = new ArrayList<>();
                rules.perStation(s, v, span.a, found);
                double[] pm25 = v[cn.yq.aq.standards.Pollutant.PM25.ordinal()];
                float[] kept = new float[pm25.length];
                for (int i = 0; i < kept.length; i++) {
                    kept[i] = (float) pm25[i];
                }
                synchronized (span) {
                    span.suspects.addAll(found);
                    span.pm25.put(s, kept);
                }
            }
        }

        /** The neighbour rule and the boilers' rules; the suspects of the pass's days replace those found before. */
        public int finish() {
            int found = 0;
            // every span has the same stations (each station is handed to all): their neighbours, once
            Map<Station, List<Station>> near = rules.near(spans.get(0).pm25.keySet());
            for (Span span : spans) {
                List<Suspect> suspects = span.suspects;
                // in the registry's order, as doubles again (PM2.5 has at most one decimal: three keep it exactly)
                Map<Station, double[]> pm25 = new LinkedHashMap<>();
                for (Station s : registry.stations()) {
                    float[] kept = span.pm25.get(s);
                    if (kept != null) {
                        double[] v = new double[kept.length];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = Float.isNaN(kept[i]) ? Double.NaN : Math.round(kept[i] * 1000d) / 1000d;
                        }
                        pm25.put(s, v);
                    }
                }
                span.pm25.clear();
                rules.neighbours(pm25, near, span.a, suspects);
                pm25.clear();
                // the boilers a batch at a time: each source's own rules at once; identical-sources on per-hour hashes
                Map<Source, long[]> hashes = new LinkedHashMap<>();
                List<Source> sources = registry.sources();
                for (int i = 0; i < sources.size(); i += BATCH * 4) {
                    List<Source> batch = sources.subList(i, Math.min(sources.size(), i + BATCH * 4));
                    cemsHours(span.start, span.end, span.a, span.n, batch).forEach((src, h) -> {
                        cemsRules.perSource(src, h, span.a, span.n, suspects);
                        hashes.put(src, CemsRules.hashes(h, span.n));
                    });
                }
                cemsRules.identical(hashes, span.a, span.n, suspects);
                store.replaceSuspects(span.a, span.b, suspects, json);
                suspects.forEach(x -> meters.counter("aq.review.suspects", "rule", x.rule(), "county", x.county()).increment());
                found += suspects.size();
            }
            log.info("pre-review {}…{}: {} suspect spans", spans.get(0).start, spans.get(spans.size() - 1).end, found);
            return found;
        }
    }

    /** A span of at most 31 days of a pass: [a, b) in hours, what its rules found so far and the stations' PM2.5. */
    private static final class Span {
        final LocalDate start;
        final LocalDate end;
        final Instant a;
        final Instant b;
        final int n;
        final List<Suspect> suspects = new ArrayList<>();
        final Map<Station, float[]> pm25 = new HashMap<>();

        Span(LocalDate start, LocalDate end) {
            this.start = start;
            this.end = end;
            this.a = start.atStartOfDay(BeijingTime.ZONE).toInstant();
            this.b = end.plusDays(1).atStartOfDay(BeijingTime.ZONE).toInstant();
            this.n = (int) ((b.getEpochSecond() - a.getEpochSecond()) / 3600);
        }
    }

    /** The sources' raw hours of the span, as arrays (values flagged other than N left out). */
    private Map<Source, CemsRules.Hours> cemsHours(LocalDate start, LocalDate end, Instant a, int n, List<Source> batch) {
        Map<String, Source> sources = new HashMap<>();
        batch.forEach(x -> sources.put(x.id(), x));
        Map<Source, CemsRules.Hours> out = new LinkedHashMap<>();
        for (Rows.Row row : emissions.cemsRawHours(start, end, sources.keySet())) {
            Source s = sources.get(row.tag("source"));
            if (s == null) {
                continue;
            }
            CemsRules.Hours h = out.computeIfAbsent(s, k -> {
                Map<String, double[]> fields = new HashMap<>();
                for (String f : List.of("pm", "so2", "nox", "o2", "flow")) {
                    double[] v = new double[n];
                    java.util.Arrays.fill(v, Double.NaN);
                    fields.put(f, v);
                }
                return new CemsRules.Hours(fields);
            });
            int i = (int) ((((Number) row.get("time")).longValue() - a.toEpochMilli()) / 3_600_000L);
            if (i < 0 || i >= n) {
                continue;
            }
            for (String f : List.of("pm", "so2", "nox", "o2", "flow")) {
                Object flag = row.get(f + "_flag");
                if (row.get(f) instanceof Number x && (flag == null || "N".equals(flag))) {
                    h.of(f)[i] = x.doubleValue();
                }
            }
        }
        return out;
    }

    /** The suspects starting on the days {@code from} … {@code to}, as {@code who} may see them. */
    public List<View> list(Principal who, LocalDate from, LocalDate to, String county, String target, String status) {
        Map<String, String> state = new HashMap<>();
        for (Mark m : marks.all()) {
            if (m.suspect() == null || "rejected".equals(m.status())) {
                continue;
            }
            // an invalidation marks it; a restoration (the data are right) dismisses it, unless also marked
            state.merge(m.suspect(), "invalidate".equals(m.action()) ? "marked" : "dismissed",
                    (x, y) -> "marked".equals(x) || "marked".equals(y) ? "marked" : "dismissed");
        }
        List<View> out = new ArrayList<>();
        for (Suspect x : store.suspects(from.atStartOfDay(BeijingTime.ZONE).toInstant(),
                to.plusDays(1).atStartOfDay(BeijingTime.ZONE).toInstant(), json)) {
            String st = state.getOrDefault(x.id(), "open");
            if (!who.mayRead(x.county()) || (county != null && !county.equals(x.county())) || (target != null && !target.equals(x.target()))
                    || (status != null && !status.equals(st))) {
                continue;
            }
            out.add(new View(x.id(), x.target(), x.kind(), x.county(), x.pollutant(), Marks.iso(x.from()), Marks.iso(x.to()), x.rule(),
                    x.evidence(), x.descriptionZh(), st));
        }
        out.sort(java.util.Comparator.comparing(View::from).thenComparing(View::target));
        return out;
    }
}
