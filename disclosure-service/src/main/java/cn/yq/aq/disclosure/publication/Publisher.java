package cn.yq.aq.disclosure.publication;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.yq.aq.disclosure.publication.Publication.Day;
import cn.yq.aq.disclosure.publication.Publication.Exceedance;
import cn.yq.aq.disclosure.publication.Publication.Exceedances;
import cn.yq.aq.disclosure.publication.Publication.Month;
import cn.yq.aq.disclosure.publication.Publication.Place;
import cn.yq.aq.disclosure.publication.Publication.Rank;
import cn.yq.aq.disclosure.publication.Publication.Ranking;
import cn.yq.aq.disclosure.publication.Publication.Warning;
import cn.yq.aq.disclosure.system.DisclosureProperties;
import cn.yq.aq.disclosure.upstream.Upstream;
import cn.yq.aq.disclosure.upstream.Upstream.Service;
import cn.yq.aq.registry.County;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.warning.WarningLevel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;

/**
 * Makes the {@link Publication} from the services and keeps it for {@code aq.disclosure.refresh}: however many
 * residents ask, the services are asked once per period. Only the very first request waits for a snapshot; after
 * that a stale one is served while the next is made in the background (no resident waits for the services). When a
 * service cannot answer, the last snapshot is served on (it says when it was made) and tried again a period later.
 * What a snapshot has rendered (the page, the JSON, the feed, a month's tables) is kept with it.
 */
@Component
public class Publisher {

    private static final Logger log = LoggerFactory.getLogger(Publisher.class);
    static final int DAYS = 30;
    private static final Map<String, String> EMISSION_ZH = Map.of("pm", "颗粒物", "so2", "二氧化硫", "nox", "氮氧化物");

    /** One snapshot: the publication, when it was made, the warnings' alerts (for the feed) and what was rendered from it. */
    public record Snapshot(Publication publication, Instant madeAt, List<JsonNode> warningAlerts, Map<String, Object> rendered) {

        /** What {@code key} renders to, made once per snapshot. */
        @SuppressWarnings("unchecked")
        public <T> T rendered(String key, Supplier<T> make) {
            return (T) rendered.computeIfAbsent(key, k -> make.get());
        }
    }

    private final Upstream upstream;
    private final Registry registry;
    private final DisclosureProperties properties;
    private final Clock clock;
    private final Timer timer;
    private final ReentrantLock making = new ReentrantLock();
    private final java.util.concurrent.atomic.AtomicBoolean renewing = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.Executor background;
    private volatile Snapshot current;

    public Publisher(Upstream upstream, Registry registry, DisclosureProperties properties, Clock clock, MeterRegistry meters) {
        this.upstream = upstream;
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
        this.timer = Timer.builder("aq.disclosure.snapshot").description("making the public snapshot from the services").register(meters);
        this.background = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "public-snapshot");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The current snapshot. The first call makes it (blocking: call off the event loop); a stale one is returned at
     * once while the next is made in the background.
     */
    public Snapshot snapshot() {
        Snapshot s = current;
        if (s != null) {
            if (!fresh(s) && renewing.compareAndSet(false, true)) {
                background.execute(() -> {
                    try {
                        renew();
                    } catch (RuntimeException e) {
                        log.warn("public snapshot not renewed: {}", e.toString());
                    } finally {
                        renewing.set(false);
                    }
                });
            }
            return s;
        }
        return renew();
    }

    private Snapshot renew() {
        making.lock();
        try {
            Snapshot s = current;
            if (s != null && fresh(s)) {
                return s;
            }
            try {
                Timer.Sample sample = Timer.start();
                Snapshot made = make();
                sample.stop(timer);
                current = made;
                return made;
            } catch (Upstream.UpstreamException e) {
                if (s == null) {
                    throw e;
                }
                log.warn("public snapshot not renewed ({}): the one made at {} is served on", e.getMessage(), s.madeAt());
                // tried again after one more period, not on every request
                current = new Snapshot(s.publication(), clock.instant(), s.warningAlerts(), s.rendered());
                return current;
            }
        } finally {
            making.unlock();
        }
    }

    private boolean fresh(Snapshot s) {
        return s.madeAt().plus(properties.refresh()).isAfter(clock.instant());
    }

    /** A published month's ranking, or empty when that month is not published (not closed, or too far back). */
    public Optional<Ranking> ranking(Snapshot s, YearMonth month) {
        return published(s, month).map(m -> s.rendered("ranking/" + month, () -> ranking(s.publication().published(), m)));
    }

    /** A published month's list of units that exceeded their limits, or empty when it is not published. */
    public Optional<Exceedances> exceedances(Snapshot s, YearMonth month) {
        return published(s, month).map(m -> s.rendered("exceedances/" + month, () -> exceedances(m)));
    }

    private static Optional<Month> published(Snapshot s, YearMonth month) {
        return s.publication().published().stream().filter(m -> m.month().equals(month.toString())).findFirst();
    }

    private Snapshot make() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, BeijingTime.ZONE);
        YearMonth thisMonth = YearMonth.from(today);
        List<Month> published = new ArrayList<>();
        for (int i = 1; i <= properties.monthsBack(); i++) {
            YearMonth m = thisMonth.minusMonths(i);
            upstream.get(Service.TARGET, "/api/v1/review/months/" + m).filter(n -> "closed".equals(n.path("status").asString()))
                    .ifPresent(n -> published.add(new Month(m.toString(), n.path("closedAt").asString())));
        }
        java.util.Set<String> official = new java.util.HashSet<>();
        published.forEach(m -> official.add(m.month()));
        String range = "&from=" + today.minusDays(DAYS - 1) + "&to=" + today;
        Place city = place("city", registry.nameZh(), "/api/v1/aqi/daily?city=true" + range, today, official);
        List<Place> counties = new ArrayList<>();
        for (County c : registry.counties()) {
            counties.add(place(c.code(), c.nameZh(), "/api/v1/aqi/daily?county=" + c.code() + range, today, official));
        }
        List<JsonNode> alerts = new ArrayList<>();
        upstream.get(Service.ALERT, "/api/v1/alerts?type=HEAVY_POLLUTION_WARNING&limit=5000&from="
                + today.minusDays(properties.feedDays()) + "&to=" + today).ifPresent(a -> a.forEach(alerts::add));
        Map<String, JsonNode> byId = new HashMap<>();
        alerts.forEach(a -> byId.put(a.path("id").asString(), a));
        List<Warning> warnings = new ArrayList<>();
        upstream.get(Service.ALERT, "/api/v1/warnings/current").ifPresent(list -> list.forEach(w -> {
            String level = w.path("level").asString();
            if (level.isEmpty() || "none".equals(level)) {
                return;
            }
            JsonNode alert = byId.get(w.path("alertId").asString());
            String scope = w.path("scope").asString();
            warnings.add(new Warning(scope, scopeZh(scope), level, w.path("levelZh").asString(),
                    WarningLevel.valueOf(level.toUpperCase(java.util.Locale.ROOT)).hex(), text(w, "since"), text(w, "validTo"),
                    alert == null ? null : text(alert, "title"), alert == null ? null : text(alert, "text")));
        }));
        warnings.sort(Comparator.comparing((Warning w) -> !"city".equals(w.scope())));
        Ranking ranking;
        Exceedances exceedances;
        if (published.isEmpty()) {
            String last = thisMonth.minusMonths(1).toString();
            ranking = new Ranking(last, false, null, List.of());
            exceedances = new Exceedances(last, false, null, List.of());
        } else {
            ranking = ranking(published, published.get(0));
            exceedances = exceedances(published.get(0));
        }
        Publication p = new Publication(now.atZone(BeijingTime.ZONE).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), city, counties,
                warnings, ranking, exceedances, List.copyOf(published));
        return new Snapshot(p, now, List.copyOf(alerts), new ConcurrentHashMap<>());
    }

    private String scopeZh(String scope) {
        return "city".equals(scope) ? registry.nameZh() : registry.county(scope).map(County::nameZh).orElse(scope);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asString();
    }

    /** The last 30 days of one place (a day without data: no AQI). */
    private Place place(String code, String nameZh, String path, LocalDate today, java.util.Set<String> official) {
        Map<LocalDate, JsonNode> byDate = new HashMap<>();
        upstream.get(Service.TARGET, path).ifPresent(a -> a.forEach(d -> byDate.put(LocalDate.parse(d.path("date").asString()), d)));
        List<Day> days = new ArrayList<>(DAYS);
        for (LocalDate d = today.minusDays(DAYS - 1); !d.isAfter(today); d = d.plusDays(1)) {
            JsonNode n = byDate.get(d);
            boolean closed = official.contains(YearMonth.from(d).toString());
            if (n == null || !n.path("aqi").isNumber()) {
                days.add(new Day(d, null, null, null, null, List.of(), false, closed));
            } else {
                List<String> primary = new ArrayList<>();
                n.path("primaryPollutants").forEach(x -> primary.add(x.asString()));
                days.add(new Day(d, n.path("aqi").asInt(), n.path("level").asInt(), n.path("category").asString(),
                        n.path("colour").asString(), primary, n.path("valid").asBoolean(), closed));
            }
        }
        return new Place(code, nameZh, days.get(days.size() - 1), days);
    }

    private Ranking ranking(List<Month> published, Month month) {
        YearMonth m = YearMonth.parse(month.month());
        Map<String, BigDecimal> previous = index(published, m.minusMonths(1));
        Map<String, BigDecimal> lastYear = index(published, m.minusYears(1));
        List<Rank> rows = new ArrayList<>();
        upstream.get(Service.TARGET, "/api/v1/index/counties?from=" + m.atDay(1) + "&to=" + m.atEndOfMonth()).ifPresent(a -> a.forEach(c -> {
            if (!c.path("compositeIndex").isNumber()) {
                return;
            }
            String county = c.path("county").asString();
            BigDecimal index = c.path("compositeIndex").decimalValue();
            BigDecimal before = previous.get(county);
            BigDecimal yearBefore = lastYear.get(county);
            rows.add(new Rank(c.path("rank").asInt(), county, c.path("nameZh").asString(), index, before, change(index, before),
                    yearBefore, change(index, yearBefore)));
        }));
        rows.sort(Comparator.comparingInt(Rank::rank));
        return new Ranking(month.month(), true, month.closedAt(), rows);
    }

    /** The counties' composite index of a published month; empty when that month is not published. */
    private Map<String, BigDecimal> index(List<Month> published, YearMonth m) {
        Map<String, BigDecimal> out = new HashMap<>();
        if (published.stream().anyMatch(x -> x.month().equals(m.toString()))) {
            upstream.get(Service.TARGET, "/api/v1/index/counties?from=" + m.atDay(1) + "&to=" + m.atEndOfMonth()).ifPresent(a -> a.forEach(c -> {
                if (c.path("compositeIndex").isNumber()) {
                    out.put(c.path("county").asString(), c.path("compositeIndex").decimalValue());
                }
            }));
        }
        return out;
    }

    /** (now − before) / before in %, one decimal; null without a before. */
    static BigDecimal change(BigDecimal now, BigDecimal before) {
        if (before == null || before.signum() == 0) {
            return null;
        }
        return now.subtract(before).multiply(BigDecimal.valueOf(100)).divide(before, 1, RoundingMode.HALF_UP);
    }

    private Exceedances exceedances(Month month) {
        YearMonth m = YearMonth.parse(month.month());
        List<Exceedance> rows = new ArrayList<>();
        upstream.get(Service.TARGET, "/api/v1/sources/compliance?from=" + m.atDay(1) + "&to=" + m.atEndOfMonth()).ifPresent(r ->
                r.path("sources").forEach(s -> s.path("pollutants").forEach(p -> {
                    int hours = p.path("exceedanceHours").asInt();
                    if (hours > 0) {
                        String pollutant = p.path("pollutant").asString();
                        String county = s.path("county").asString();
                        rows.add(new Exceedance(s.path("enterprise").asString(), county, scopeZh(county), pollutant,
                                EMISSION_ZH.getOrDefault(pollutant, pollutant), hours));
                    }
                })));
        rows.sort(Comparator.comparingInt(Exceedance::hours).reversed().thenComparing(Exceedance::enterprise));
        return new Exceedances(month.month(), true, month.closedAt(), rows);
    }
}
