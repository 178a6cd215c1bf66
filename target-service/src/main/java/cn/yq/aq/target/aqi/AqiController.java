package cn.yq.aq.target.aqi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.aqi.Category;
import cn.yq.aq.standards.aqi.Hj633;
import cn.yq.aq.support.web.Problems;
import cn.yq.aq.target.review.Data;
import cn.yq.aq.target.review.Months;
import cn.yq.aq.target.store.AqiStore;
import cn.yq.aq.support.security.Principal;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Daily and real-time AQI from the materialised measurements, and the on-demand recompute. The
 * InfluxDB client blocks: every call runs on the bounded-elastic scheduler, never the event loop.
 */
@RestController
class AqiController {

    static final int MAX_DAYS = 731;

    private final AqiStore store;
    private final Months months;
    private final Registry registry;
    private final AqiMaterializer materializer;

    AqiController(AqiStore store, Registry registry, AqiMaterializer materializer, Months months) {
        this.months = months;
        this.store = store;
        this.registry = registry;
        this.materializer = materializer;
    }

    @GetMapping("/api/v1/aqi/daily")
    Mono<List<DailyAqi>> daily(@RequestParam(required = false) String station, @RequestParam(required = false) String county,
                               @RequestParam(required = false) Boolean city, @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to, @RequestParam(required = false) String data) {
        Data d = Data.of(data);
        int scopes = (station != null ? 1 : 0) + (county != null ? 1 : 0) + (Boolean.TRUE.equals(city) ? 1 : 0);
        if (scopes != 1) {
            return Mono.error(Problems.badParameter("give exactly one of 'station', 'county' or 'city=true'"));
        }
        LocalDate f = Problems.date("from", from);
        LocalDate t = Problems.date("to", to);
        Problems.range(f, t, MAX_DAYS);
        String scope;
        String id;
        if (station != null) {
            if (registry.station(station).isEmpty()) {
                return Mono.error(Problems.notFound("unknown-station", "未登记的监测站点", "station " + clean(station) + " is not in the registry"));
            }
            scope = "station";
            id = station;
        } else if (county != null) {
            if (registry.county(county).isEmpty()) {
                return Mono.error(Problems.notFound("unknown-county", "未登记的区县", "county " + clean(county) + " is not in the registry"));
            }
            scope = "county";
            id = county;
        } else {
            scope = "city";
            id = registry.name();
        }
        return Mono.fromCallable(() -> read(d, scope, id, f, t)).subscribeOn(Schedulers.boundedElastic());
    }

    /** The latest real-time (hourly) AQI of a station. */
    @GetMapping("/api/v1/aqi/realtime")
    Mono<RealtimeAqi> realtime(@RequestParam(required = false) String station) {
        if (station == null || registry.station(station).isEmpty()) {
            return Mono.error(Problems.notFound("unknown-station", "未登记的监测站点",
                    "station " + (station == null ? "(none)" : clean(station)) + " is not in the registry"));
        }
        // fromCallable completes empty when latest() finds nothing
        return Mono.fromCallable(() -> latest(station)).subscribeOn(Schedulers.boundedElastic())
                .switchIfEmpty(Mono.error(() -> Problems.notFound("no-data", "暂无数据",
                        "no real-time AQI for station " + station + " yet")));
    }

    /** Real-time AQI of one hour. */
    record RealtimeAqi(String station, String time, int aqi, int level, String category, String categoryEn, String colour,
                       List<String> primaryPollutants, Map<String, Integer> iaqi) {
    }

    private RealtimeAqi latest(String station) {
        return store.latestHourly(station).map(v -> {
            int aqi = ((Number) v.get("aqi")).intValue();
            Category c = Category.of(aqi);
            Map<String, Integer> iaqi = new LinkedHashMap<>();
            v.forEach((k, x) -> {
                if (k.startsWith("iaqi_") && x instanceof Number n) {
                    iaqi.put(k.substring(5), n.intValue());
                }
            });
            String primary = v.get("primary") instanceof String s ? s : "";
            String time = Instant.ofEpochMilli(((Number) v.get("time")).longValue()).atZone(BeijingTime.ZONE)
                    .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return new RealtimeAqi(station, time, aqi, c.level(), c.nameZh(), c.nameEn(), c.hex(),
                    primary.isEmpty() ? List.of() : Arrays.asList(primary.split(",")), iaqi);
        }).orElse(null);
    }

    /**
     * Recomputes the materialised AQI for those days now, and answers when done; {@code hourly=false}
     * skips the real-time AQI (bulk backfills of past years).
     */
    @PostMapping("/api/v1/admin/recompute")
    Mono<AqiMaterializer.Summary> recompute(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                            @RequestParam(defaultValue = "true") boolean hourly, ServerWebExchange exchange) {
        Principal.requireBureau(exchange, true, "only the bureau recomputes");
        LocalDate f = Problems.date("from", from);
        LocalDate t = Problems.date("to", to);
        Problems.range(f, t, 3700);
        return Mono.fromCallable(() -> materializer.recompute(f, t, hourly)).subscribeOn(Schedulers.boundedElastic());
    }

    private List<DailyAqi> read(Data data, String scope, String id, LocalDate from, LocalDate to) {
        Map<java.time.YearMonth, String> closedAt = months.closedAt();
        return store.daily(data.raw() ? AqiStore.RAW : AqiStore.REVIEWED, scope, id, from, to).stream()
                .map(v -> toDto(v, data.key(), closedAt.get(java.time.YearMonth.from(v.date())))).toList();
    }

    private static DailyAqi toDto(AqiStore.DailyRow v, String data, String closedAt) {
        Category category = v.aqi() == null ? null : Category.of(v.aqi());
        Map<String, Number> concentrations = new LinkedHashMap<>();
        for (Pollutant p : Pollutant.values()) {
            String field = p == Pollutant.O3 ? "o3_8h_max" : p.field();
            Double c = v.concentrations().get(field);
            if (c != null) {
                BigDecimal rounded = Hj633.roundConcentration(p, c);
                // no ?: here: it would promote the int to a double (80 → 80.0)
                if (p == Pollutant.CO) {
                    concentrations.put(field, rounded.doubleValue());
                } else {
                    concentrations.put(field, rounded.intValue());
                }
            }
        }
        return new DailyAqi(v.date(), v.aqi(), category == null ? null : category.level(),
                category == null ? null : category.nameZh(), category == null ? null : category.nameEn(),
                category == null ? null : category.hex(), v.primary(), v.iaqi(), concentrations, v.valid(), v.standard(), data,
                closedAt);
    }

    private static String clean(String s) {
        String shown = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
