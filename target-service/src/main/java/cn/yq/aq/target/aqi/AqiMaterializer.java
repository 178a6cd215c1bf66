package cn.yq.aq.target.aqi;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.influxdb.InfluxDB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.yq.aq.registry.County;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Station;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.RuleCalendar;
import cn.yq.aq.standards.aqi.AqiResult;
import cn.yq.aq.standards.aqi.HourlyConcentrations;
import cn.yq.aq.standards.aqi.Hj633;
import cn.yq.aq.standards.evaluation.DailyStatistics;
import cn.yq.aq.standards.evaluation.DailyValues;
import cn.yq.aq.target.compliance.EmissionsMaterializer;
import cn.yq.aq.target.store.AmbientStore;
import cn.yq.aq.target.review.MarksChanged;
import cn.yq.aq.target.review.Months;
import cn.yq.aq.target.review.PreReview;
import cn.yq.aq.target.review.ReviewedData;
import cn.yq.aq.target.store.AqiStore;
import cn.yq.aq.target.store.Line;
import cn.yq.aq.target.targets.TargetsService;
import cn.yq.aq.standards.evaluation.HourlyValues;
import cn.yq.aq.target.system.TargetProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Materialises the AQI into InfluxDB: {@code aqi_hourly} (real-time AQI per station and hour) and
 * {@code aqi_daily} (daily AQI per station, county and city, with HJ 663 validity), then the
 * composite indices, {@code cems_hourly}/{@code vocs_hourly} and {@code target_progress}, for a range of
 * Asia/Shanghai days, with the rule set of each day's date. A county's and the city's values are
 * computed from the hour-by-hour mean of their evaluation stations (registry), accumulated ten stations
 * at a time and written as they are made, so that memory stays bounded for a city of any size. A recompute first
 * deletes the range's derived points, then writes them again: running it twice changes nothing,
 * and late data for a past day changes that day.
 */
@Component
public class AqiMaterializer {

    private static final Logger log = LoggerFactory.getLogger(AqiMaterializer.class);

    /** Stations per hourly query: a year of one station's hours is about 9,000 rows. */
    static final int STATIONS_PER_QUERY = 10;

    /** The longest piece a recompute does at once (a year, leap or not). */
    static final int MAX_DAYS = 366;

    /** What a recompute did. */
    public record Summary(LocalDate from, LocalDate to, int days, int stations, int dailyPoints, int hourlyPoints,
                          int cemsHours, int vocsHours, int targetProgressPoints, int suspects, long millis) {

        Summary plus(Summary o) {
            return new Summary(from, o.to, days + o.days, Math.max(stations, o.stations), dailyPoints + o.dailyPoints,
                    hourlyPoints + o.hourlyPoints, cemsHours + o.cemsHours, vocsHours + o.vocsHours,
                    targetProgressPoints + o.targetProgressPoints, suspects + o.suspects, millis + o.millis);
        }
    }

    private final AmbientStore store;
    private final InfluxDB influx;
    private final Registry registry;
    private final RuleCalendar calendar;
    private final DailyStatistics statistics;
    private final TargetProperties properties;
    private final AqiStore aqi;
    private final Clock clock;
    private final Timer timer;
    private final cn.yq.aq.target.index.CompositeIndexService indices;
    private final EmissionsMaterializer emissions;
    private final TargetsService targets;
    private final ReviewedData reviewed;
    private final PreReview preReview;
    private final Months months;
    /** Two workers: the machine's cores are shared with InfluxDB, which answers the queries. */
    private final org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor workers;
    /** The recomputes that approvals ask for, one after the other. */
    private final org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor afterReview;

    public AqiMaterializer(AmbientStore store, AqiStore aqi, InfluxDB influx, Registry registry, RuleCalendar calendar,
                           DailyStatistics statistics, TargetProperties properties, Clock clock, MeterRegistry meters,
                           cn.yq.aq.target.index.CompositeIndexService indices, EmissionsMaterializer emissions,
                           TargetsService targets, org.springframework.boot.task.ThreadPoolTaskExecutorBuilder executors,
                           ReviewedData reviewed, Months months, PreReview preReview) {
        this.preReview = preReview;
        this.reviewed = reviewed;
        this.months = months;
        this.workers = executors.corePoolSize(2).maxPoolSize(2).threadNamePrefix("aqi-recompute-").build();
        this.workers.setDaemon(true);
        this.workers.initialize();
        // its own thread: a recompute waits for the workers, so it must never take one of them
        this.afterReview = executors.corePoolSize(1).maxPoolSize(1).threadNamePrefix("aqi-after-review-").build();
        this.afterReview.setDaemon(true);
        this.afterReview.initialize();
        this.indices = indices;
        this.emissions = emissions;
        this.targets = targets;
        this.store = store;
        this.aqi = aqi;
        this.influx = influx;
        this.registry = registry;
        this.calendar = calendar;
        this.statistics = statistics;
        this.properties = properties;
        this.clock = clock;
        this.timer = Timer.builder("aq.target.recompute").description("AQI materialisation runs").register(meters);
    }

    /** Hourly values seen per day at the last scheduled run (late-data detection). */
    private final Map<LocalDate, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The scheduled run: recomputes the recent days, and any earlier day (within
     * {@code late-data-days}) whose number of hourly values changed since the last run: late or
     * backfilled data is picked up without anyone asking. The first run after a start recomputes the
     * whole window. Older backfills: the recompute endpoint.
     */
    @Scheduled(fixedDelayString = "${aq.materialization.every:1h}", initialDelayString = "${aq.materialization.initial-delay:PT30S}")
    public void scheduled() {
        if (!properties.materialization().scheduled()) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(BeijingTime.ZONE));
        try {
            LocalDate recent = today.minusDays(properties.materialization().recentDays());
            Map<LocalDate, Long> counts = store.countsPerDay(today.minusDays(properties.materialization().lateDataDays()), today);
            if (seen.isEmpty()) {
                // the first run (after a start or a restart) cannot know what changed meanwhile: the whole window
                recompute(today.minusDays(properties.materialization().lateDataDays()), today);
            } else {
                List<LocalDate> changed = counts.entrySet().stream()
                        .filter(e -> e.getKey().isBefore(recent) && !e.getValue().equals(seen.get(e.getKey())))
                        .map(Map.Entry::getKey).sorted().toList();
                for (LocalDate day : changed) {
                    log.info("late data for {}: recomputing it", day);
                    recompute(day, day);
                }
                recompute(recent, today);
            }
            seen.clear();
            seen.putAll(counts);
        } catch (RuntimeException e) {
            log.warn("scheduled AQI recompute failed: {}", e.toString());
        }
    }

    /** Recomputes the days {@code from} … {@code to} (inclusive), hourly AQI included. Blocking: call off the event loop. */
    public Summary recompute(LocalDate from, LocalDate to) {
        return recompute(from, to, true);
    }

    /**
     * Recomputes the days {@code from} … {@code to} (inclusive). {@code hourly = false} leaves the
     * real-time AQI ({@code aqi_hourly}) as it is and recomputes the daily AQI and the indices only:
     * for bulk backfills of past years, where the hourly AQI would cost as many writes as the data.
     */
    public synchronized Summary recompute(LocalDate from, LocalDate to, boolean hourly) {
        // a closed month's official figures are frozen: only the open days are computed again
        java.util.Set<java.time.YearMonth> closed = months.closedMonths();
        Summary total = null;
        LocalDate start = null;
        for (LocalDate day = from; !day.isAfter(to.plusDays(1)); day = day.plusDays(1)) {
            boolean open = !day.isAfter(to) && !closed.contains(java.time.YearMonth.from(day));
            if (open && start != null && day.toEpochDay() - start.toEpochDay() >= MAX_DAYS) {
                // a long backfill in pieces of a year: the pre-review keeps a piece's PM2.5 of every station
                Summary part = recomputeOpen(start, day.minusDays(1), hourly);
                total = total == null ? part : total.plus(part);
                start = null;
            }
            if (open && start == null) {
                start = day;
            } else if (!open && start != null) {
                Summary part = recomputeOpen(start, day.minusDays(1), hourly);
                total = total == null ? part : total.plus(part);
                start = null;
            }
        }
        if (total == null) {
            log.info("AQI recompute {}…{}: every day lies in a closed month, nothing computed", from, to);
            return new Summary(from, to, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new Summary(from, to, total.days(), total.stations(), total.dailyPoints(), total.hourlyPoints(), total.cemsHours(),
                total.vocsHours(), total.targetProgressPoints(), total.suspects(), total.millis());
    }

    /** Approved marks changed these days: recomputed (off the caller's thread, within a minute). */
    @org.springframework.context.event.EventListener
    public void on(MarksChanged changed) {
        afterReview.execute(() -> {
            try {
                recompute(changed.from(), changed.to(), true);
            } catch (RuntimeException e) {
                log.warn("recompute after a review decision ({}…{}) failed: {}", changed.from(), changed.to(), e.toString());
            }
        });
    }

    private Summary recomputeOpen(LocalDate from, LocalDate to, boolean hourly) {
        long t0 = System.nanoTime();
        ReviewedData.Approved approved = reviewed.approved(from.minusDays(1), to);
        // the automatic pre-review of the same days looks at the raw hours this read brings (it changes no figure)
        PreReview.Pass review = preReview.begin(from, to);
        aqi.deleteDays(from, to, hourly);
        // one county's stations at a time (memory stays bounded however many stations the city has);
        // the city's hourly series accumulates over the batches
        HourlyValues.Accumulator city = new HourlyValues.Accumulator();
        HourlyValues.Accumulator cityRaw = approved.isEmpty() ? city : new HourlyValues.Accumulator();
        java.util.concurrent.atomic.AtomicInteger withData = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger dailyCount = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger hourlyCount = new java.util.concurrent.atomic.AtomicInteger();
        // counties in parallel (reading and parsing the hourly answers is most of the work)
        List<java.util.concurrent.Future<?>> work = new ArrayList<>();
        for (County c : registry.counties()) {
            work.add(workers.submit(() -> {
                PointWriter out = new PointWriter();
                List<Station> members = registry.stations().stream().filter(s -> s.county().equals(c.code())).toList();
                HourlyValues.Accumulator county = new HourlyValues.Accumulator();
                HourlyValues.Accumulator countyRaw = approved.isEmpty() ? county : new HourlyValues.Accumulator();
                // a few stations per query: the answer of a year of hourly values is large
                for (int i = 0; i < members.size(); i += STATIONS_PER_QUERY) {
                    List<Station> batch = members.subList(i, Math.min(members.size(), i + STATIONS_PER_QUERY));
                    // the day before feeds the 24-h SO2 and 8-h O3 moving averages of the first hours
                    Map<String, HourlyValues> stations = store.hourly(from.minusDays(1), to, batch.stream().map(Station::id).toList());
                    withData.addAndGet(stations.size());
                    for (Station s : batch) {
                        HourlyValues raw = stations.getOrDefault(s.id(), new HourlyValues());
                        if (stations.containsKey(s.id())) {
                            review.station(s, raw);
                        }
                        HourlyValues values = approved.apply(s.id(), raw);
                        if (s.countsForCounty()) {
                            county.add(values);
                            if (countyRaw != county) {
                                countyRaw.add(raw);
                            }
                        }
                        if (s.countsForCity()) {
                            synchronized (city) {
                                city.add(values);
                                if (cityRaw != city) {
                                    cityRaw.add(raw);
                                }
                            }
                        }
                        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                            dailyPoints("station", s.id(), day, values, raw).forEach(out::add);
                            dailyCount.incrementAndGet();
                            if (hourly) {
                                List<String> hours = new ArrayList<>(24);
                                hourlyPoints(s, day, values, hours);
                                hours.forEach(out::add);
                                hourlyCount.addAndGet(hours.size());
                            }
                        }
                    }
                }
                HourlyValues countyMean = county.mean();
                HourlyValues countyRawMean = countyRaw == county ? countyMean : countyRaw.mean();
                for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                    dailyPoints("county", c.code(), day, countyMean, countyRawMean).forEach(out::add);
                    dailyCount.incrementAndGet();
                }
                out.flush();
            }));
        }
        for (java.util.concurrent.Future<?> f : work) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("recompute interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        PointWriter out = new PointWriter();
        HourlyValues cityMean = city.mean();
        HourlyValues cityRawMean = cityRaw == city ? cityMean : cityRaw.mean();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            dailyPoints("city", registry.name(), day, cityMean, cityRawMean).forEach(out::add);
            dailyCount.incrementAndGet();
        }
        out.flush();
        long written = System.nanoTime();
        // the months touched: their composite index, and the year-to-date index at their end
        for (java.time.YearMonth m = java.time.YearMonth.from(from); !m.isAfter(java.time.YearMonth.from(to)); m = m.plusMonths(1)) {
            indices.materialize(m);
        }
        long indexed = System.nanoTime();
        // the boilers' and parks' hours of these days, and the targets' progress from the first day on
        // (a day's progress depends on every earlier day of its year)
        EmissionsMaterializer.Summary hours = emissions.recompute(from, to);
        long emitted = System.nanoTime();
        int progress = targets.materialize(from, to);
        long progressed = System.nanoTime();
        int suspects = review.finish();
        long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        log.info("AQI recompute {}…{}: AQI (with the pre-review's per-station rules) in {} ms, indices in {} ms, emissions in {} ms,"
                + " targets in {} ms, the pre-review's neighbour rule, boilers and suspects in {} ms", from, to, (written - t0) / 1_000_000,
                (indexed - written) / 1_000_000, (emitted - indexed) / 1_000_000, (progressed - emitted) / 1_000_000,
                (System.nanoTime() - progressed) / 1_000_000);
        timer.record(Duration.ofMillis(millis));
        Summary summary = new Summary(from, to, (int) (to.toEpochDay() - from.toEpochDay() + 1), withData.get(),
                dailyCount.get(), hourlyCount.get(), hours.cemsHours(), hours.vocsHours(), progress, suspects, millis);
        log.info("AQI recomputed: {}", summary);
        return summary;
    }

    /**
     * The day's {@code aqi_daily} point from reviewed hours and its {@code aqi_daily_raw} point from the raw
     * ones (computed once when they are the same hours).
     */
    private List<String> dailyPoints(String scope, String id, LocalDate day, HourlyValues reviewedHours, HourlyValues rawHours) {
        DailyValues dv = statistics.compute(reviewedHours.day(day));
        DailyValues raw = rawHours == reviewedHours ? dv : statistics.compute(rawHours.day(day));
        return List.of(dailyPoint(AqiStore.REVIEWED, scope, id, day, dv), dailyPoint(AqiStore.RAW, scope, id, day, raw));
    }

    private String dailyPoint(String measurement, String scope, String id, LocalDate day, DailyValues dv) {
        Hj633 rules = calendar.aqi(day);
        AqiResult aqi = rules.daily(dv.toConcentrations());
        Line b = Line.of(measurement).tag("scope", scope).tag("id", id)
                .field("valid", dv.complete()).field("standard", calendar.aqiStandardName(day));
        if (aqi.aqi() != null) {
            b.field("aqi", (long) aqi.aqi()).field("level", (long) aqi.category().level())
                    .field("primary", aqi.primaryPollutants().stream().map(Pollutant::field).collect(Collectors.joining(",")))
                    .field("publishable", aqi.publishable());
        }
        aqi.iaqi().forEach((indicator, v) -> b.field("iaqi_" + indicator.key(), (long) v));
        dv.means().forEach((p, v) -> {
            if (p != Pollutant.O3) {
                b.field(p.field(), v);
            }
        });
        if (dv.o3Max8h() != null) {
            b.field("o3_8h_max", dv.o3Max8h());
        }
        if (dv.o3Max1h() != null) {
            b.field("o3_1h_max", dv.o3Max1h());
        }
        return b.at(day.atStartOfDay(BeijingTime.ZONE).toInstant().toEpochMilli());
    }

    /** Real-time AQI of each hour with data (HJ 633 real-time report, the day's rule set). */
    private void hourlyPoints(Station s, LocalDate day, HourlyValues values, List<String> out) {
        Hj633 rules = calendar.aqi(day);
        for (int h = 0; h < 24; h++) {
            Map<Pollutant, Double> now = new LinkedHashMap<>();
            for (Pollutant p : Pollutant.values()) {
                Double v = values.value(day, h, p);
                if (v != null) {
                    now.put(p, v);
                }
            }
            if (now.isEmpty()) {
                continue;
            }
            LocalDateTime hour = day.atTime(h, 0);
            Double o3Avg8h = statistics.movingAverage8h(previous(values, hour, Pollutant.O3, 8));
            Double so2Avg24h = statistics.movingAverage24h(previous(values, hour, Pollutant.SO2, 24));
            AqiResult aqi = rules.realtime(new HourlyConcentrations(now.get(Pollutant.PM25), now.get(Pollutant.PM10),
                    now.get(Pollutant.SO2), now.get(Pollutant.NO2), now.get(Pollutant.CO), now.get(Pollutant.O3), o3Avg8h,
                    so2Avg24h));
            if (aqi.aqi() == null) {
                continue;
            }
            Line b = Line.of("aqi_hourly").tag("station", s.id()).tag("county", s.county())
                    .field("aqi", (long) aqi.aqi()).field("level", (long) aqi.category().level())
                    .field("primary", aqi.primaryPollutants().stream().map(Pollutant::field).collect(Collectors.joining(",")));
            aqi.iaqiByPollutant().forEach((p, v) -> b.field("iaqi_" + p.field(), (long) v));
            out.add(b.at(hour.atZone(BeijingTime.ZONE).toInstant().toEpochMilli()));
        }
    }

    /** The {@code n} hourly values up to and including {@code hour}. */
    private static List<Double> previous(HourlyValues values, LocalDateTime hour, Pollutant p, int n) {
        Double[] window = new Double[n];
        for (int i = 0; i < n; i++) {
            LocalDateTime t = hour.minusHours(n - 1 - i);
            window[i] = values.value(t.toLocalDate(), t.getHour(), p);
        }
        return Arrays.asList(window);
    }

    /** Writes lines in batches of 5,000 as they are made, so that a recompute never holds them all. */
    private final class PointWriter {
        private final List<String> pending = new ArrayList<>(5000);

        void add(String line) {
            pending.add(line);
            if (pending.size() >= 5000) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            influx.write(properties.influx().database(), properties.influx().retentionPolicy(), InfluxDB.ConsistencyLevel.ONE,
                    TimeUnit.MILLISECONDS, new ArrayList<>(pending));
            pending.clear();
        }
    }
}
