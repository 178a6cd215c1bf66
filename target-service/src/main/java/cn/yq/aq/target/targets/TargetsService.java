package cn.yq.aq.target.targets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import cn.yq.aq.target.store.ProgressStore;
import cn.yq.aq.target.store.AqiStore;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.target.review.Data;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.support.influx.Rows;
import cn.yq.aq.target.system.TargetProperties;

/**
 * Progress toward the configured targets, computed once per day from the materialised daily values
 * and materialised as {@code target_progress} (tags target, scope, indicator; per day: actual,
 * projection, target, required_rest, status, days_so_far, days_left). The REST answer and the 目标进展
 * dashboard read that measurement; a day not materialised yet is computed when first asked for.
 * <p>
 * For a day d of the year: the actual value over the days so far (Jan 1 … d), a projection to the
 * year's end (the days so far, then the same calendar days of the year before; the actual value
 * when there is no such data), what the rest of the year must average, and the status. PM2.5: the
 * annual mean is taken as the mean of the valid daily values (HJ 663), so the rest of the year must
 * average {@code (T × all days − actual × days so far) / days left}.
 */
@Component
@EnableConfigurationProperties(TargetsProperties.class)
public class TargetsService {

    /** A year without any configured target. */
    public static final class NoTargets extends RuntimeException {
        NoTargets(int year) {
            super("no target is configured for " + year + " (aq.targets)");
        }
    }

    private final AqiStore aqi;
    private final ProgressStore progress;
    private final InfluxDB influx;
    private final Registry registry;
    private final TargetsProperties targets;
    private final TargetProperties properties;
    private final Clock clock;

    public TargetsService(AqiStore aqi, ProgressStore progress, InfluxDB influx, Registry registry, TargetsProperties targets,
                          TargetProperties properties, Clock clock) {
        this.aqi = aqi;
        this.progress = progress;
        this.influx = influx;
        this.registry = registry;
        this.targets = targets;
        this.properties = properties;
        this.clock = clock;
    }

    /** A day's materialised values. */
    record Day(LocalDate date, Double pm25, Integer aqi, boolean valid) {
    }

    /**
     * Progress on {@code asOf} (the year's last day when later). From reviewed data: read from {@code target_progress},
     * computed and materialised first when that day is not there yet; from the raw readings: computed on each call
     * from {@code aqi_daily_raw}, never stored.
     *
     * @throws NoTargets when the year has no configured target
     */
    public List<TargetProgress> progress(int year, LocalDate asOf, Data data) {
        List<TargetsProperties.Target> ofYear = targets.targets().stream().filter(t -> t.year() == year).toList();
        if (ofYear.isEmpty()) {
            throw new NoTargets(year);
        }
        LocalDate day = asOf.isAfter(LocalDate.of(year, 12, 31)) ? LocalDate.of(year, 12, 31) : asOf;
        if (data.raw()) {
            List<TargetProgress> out = new ArrayList<>();
            for (TargetsProperties.Target t : ofYear) {
                String scope = t.scope().equals("city") ? "city" : "county";
                String id = t.scope().equals("city") ? registry.name() : t.scope();
                LocalDate start = LocalDate.of(t.year(), 1, 1);
                compute(t, day, days(AqiStore.RAW, scope, id, start, day),
                        days(AqiStore.RAW, scope, id, start.minusYears(1), start.minusDays(1))).forEach(p -> out.add(p.from(Data.RAW.key())));
            }
            return out;
        }
        java.util.Set<String> ids = ofYear.stream().map(TargetsProperties.Target::id).collect(java.util.stream.Collectors.toSet());
        List<TargetProgress> stored = read(day).stream().filter(p -> ids.contains(p.id())).toList();
        if (stored.size() < ofYear.stream().mapToLong(TargetsService::indicators).sum()) {
            ofYear.forEach(t -> materialize(t, day, day)); // not materialised yet: computed once, stored, then read
            stored = read(day).stream().filter(p -> ids.contains(p.id())).toList();
        }
        return stored;
    }

    private static long indicators(TargetsProperties.Target t) {
        return (t.pm25Max() == null ? 0 : 1) + (t.goodDaysRatioMin() == null ? 0 : 1) + (t.heavyDaysMax() == null ? 0 : 1);
    }

    /**
     * Materialises {@code target_progress} after the daily values of {@code from} … {@code to} changed:
     * a day's progress depends on every earlier day of its year and on the year before, so each
     * target's days are rewritten from the first changed day of its year (from January 1 when the
     * year before changed) through today or the year's end.
     *
     * @return points written
     */
    public int materialize(LocalDate from, LocalDate to) {
        LocalDate today = LocalDate.now(clock.withZone(BeijingTime.ZONE));
        int written = 0;
        for (TargetsProperties.Target t : targets.targets()) {
            LocalDate start = LocalDate.of(t.year(), 1, 1);
            LocalDate end = LocalDate.of(t.year(), 12, 31);
            boolean year = !to.isBefore(start) && !from.isAfter(end);
            boolean yearBefore = !to.isBefore(start.minusYears(1)) && !from.isAfter(end.minusYears(1));
            if (year || yearBefore) {
                written += materialize(t, yearBefore || from.isBefore(start) ? start : from, today.isBefore(end) ? today : end);
            }
        }
        return written;
    }

    /** Writes one target's progress for the days {@code first} … {@code last} of its year. */
    private int materialize(TargetsProperties.Target t, LocalDate first, LocalDate last) {
        if (last.isBefore(first)) {
            return 0;
        }
        LocalDate start = LocalDate.of(t.year(), 1, 1);
        String scope = t.scope().equals("city") ? "city" : "county";
        String id = t.scope().equals("city") ? registry.name() : t.scope();
        List<Day> year = days(AqiStore.REVIEWED, scope, id, start, last);
        List<Day> before = days(AqiStore.REVIEWED, scope, id, start.minusYears(1), LocalDate.of(t.year() - 1, 12, 31));
        BatchPoints.Builder batch = BatchPoints.database(properties.influx().database())
                .retentionPolicy(properties.influx().retentionPolicy()).precision(TimeUnit.MILLISECONDS);
        int written = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (TargetProgress p : compute(t, d, year, before)) {
                batch.point(point(d, p));
                written++;
            }
        }
        influx.write(batch.build());
        return written;
    }

    /** The progress of one target on day {@code asOf}, from its year's days and the year before's. */
    static List<TargetProgress> compute(TargetsProperties.Target t, LocalDate asOf, List<Day> year, List<Day> yearBefore) {
        LocalDate end = LocalDate.of(t.year(), 12, 31);
        int daysLeft = (int) (end.toEpochDay() - asOf.toEpochDay());
        List<Day> soFar = year.stream().filter(d -> !d.date().isAfter(asOf)).toList();
        LocalDate restFrom = asOf.plusDays(1).minusYears(1);
        List<Day> rest = daysLeft == 0 ? List.of()
                : yearBefore.stream().filter(d -> !d.date().isBefore(restFrom) && !d.date().isAfter(end.minusYears(1))).toList();
        List<TargetProgress> out = new ArrayList<>();
        if (t.pm25Max() != null) {
            out.add(pm25(t, soFar, rest, daysLeft));
        }
        if (t.goodDaysRatioMin() != null) {
            out.add(goodDays(t, soFar, rest, daysLeft));
        }
        if (t.heavyDaysMax() != null) {
            out.add(heavyDays(t, soFar, rest, daysLeft));
        }
        return out;
    }

    private static TargetProgress pm25(TargetsProperties.Target t, List<Day> soFar, List<Day> rest, int daysLeft) {
        double[] values = soFar.stream().filter(d -> d.pm25() != null).mapToDouble(Day::pm25).toArray();
        int n = values.length;
        double actual = n == 0 ? 0 : java.util.Arrays.stream(values).sum() / n;
        double[] before = rest.stream().filter(d -> d.pm25() != null).mapToDouble(Day::pm25).toArray();
        double projection = before.length == 0 ? actual
                : (actual * n + java.util.Arrays.stream(before).sum() / before.length * daysLeft) / (n + daysLeft);
        Double required = daysLeft == 0 ? null : (t.pm25Max() * (n + daysLeft) - actual * n) / daysLeft;
        String status = daysLeft == 0 ? (round(actual, 0) <= t.pm25Max() ? "met" : "missed")
                : required < 0 ? "missed" : round(projection, 0) <= t.pm25Max() ? "on-track" : "at-risk";
        return new TargetProgress(t.id(), t.scope(), "pm25", indicatorZh("pm25"), t.pm25Max(), round(actual, 1),
                round(projection, 1), required == null ? null : round(required, 1), n, daysLeft, status, statusZh(status), TargetProgress.REVIEWED);
    }

    private static TargetProgress goodDays(TargetsProperties.Target t, List<Day> soFar, List<Day> rest, int daysLeft) {
        long valid = soFar.stream().filter(d -> d.valid() && d.aqi() != null).count();
        long good = soFar.stream().filter(d -> d.valid() && d.aqi() != null && d.aqi() <= 100).count();
        double actual = valid == 0 ? 0 : 100.0 * good / valid;
        long restValid = rest.stream().filter(d -> d.valid() && d.aqi() != null).count();
        long restGood = rest.stream().filter(d -> d.valid() && d.aqi() != null && d.aqi() <= 100).count();
        double projection = restValid == 0 ? actual : 100.0 * (good + (double) restGood / restValid * daysLeft) / (valid + daysLeft);
        Double required = daysLeft == 0 ? null : (t.goodDaysRatioMin() * (valid + daysLeft) / 100.0 - good) / daysLeft * 100;
        String status = daysLeft == 0 ? (actual >= t.goodDaysRatioMin() ? "met" : "missed")
                : required > 100 ? "missed" : projection >= t.goodDaysRatioMin() ? "on-track" : "at-risk";
        return new TargetProgress(t.id(), t.scope(), "goodDaysRatio", indicatorZh("goodDaysRatio"), t.goodDaysRatioMin(),
                round(actual, 1), round(projection, 1), required == null ? null : round(required, 1), (int) valid, daysLeft,
                status, statusZh(status), TargetProgress.REVIEWED);
    }

    private static TargetProgress heavyDays(TargetsProperties.Target t, List<Day> soFar, List<Day> rest, int daysLeft) {
        long heavy = soFar.stream().filter(d -> d.aqi() != null && d.aqi() > 200).count();
        long restHeavy = rest.stream().filter(d -> d.aqi() != null && d.aqi() > 200).count();
        double projection = heavy + restHeavy;
        String status = heavy > t.heavyDaysMax() ? "missed" : daysLeft == 0 ? "met"
                : projection <= t.heavyDaysMax() ? "on-track" : "at-risk";
        return new TargetProgress(t.id(), t.scope(), "heavyDays", indicatorZh("heavyDays"), t.heavyDaysMax(), heavy, projection,
                null, soFar.size(), daysLeft, status, statusZh(status), TargetProgress.REVIEWED);
    }

    private static Point point(LocalDate day, TargetProgress p) {
        Point.Builder b = Point.measurement("target_progress")
                .time(day.atStartOfDay(BeijingTime.ZONE).toInstant().toEpochMilli(), TimeUnit.MILLISECONDS)
                .tag("target", p.id()).tag("scope", p.scope()).tag("indicator", p.indicator())
                .addField("actual", p.actual()).addField("target", p.target())
                .addField("status", p.status()).addField("days_so_far", (long) p.daysSoFar())
                .addField("days_left", (long) p.daysLeft());
        if (p.projection() != null) {
            b.addField("projection", p.projection());
        }
        if (p.requiredRest() != null) {
            b.addField("required_rest", p.requiredRest());
        }
        return b.build();
    }

    /** The materialised progress of every target on {@code day}. */
    private List<TargetProgress> read(LocalDate day) {
        Map<String, Integer> order = new HashMap<>();
        List<String> indicators = List.of("pm25", "goodDaysRatio", "heavyDays");
        List<TargetProgress> out = new ArrayList<>();
        for (Rows.Row row : progress.progress(day)) {
            String indicator = row.tag("indicator");
            String status = (String) row.get("status");
            out.add(new TargetProgress(row.tag("target"), row.tag("scope"), indicator, indicatorZh(indicator),
                    number(row.get("target_value")), number(row.get("actual")), nullable(row.get("projection")),
                    nullable(row.get("required_rest")), (int) number(row.get("days_so_far")), (int) number(row.get("days_left")),
                    status, statusZh(status), TargetProgress.REVIEWED));
        }
        List<String> ids = targets.targets().stream().map(TargetsProperties.Target::id).toList();
        ids.forEach(id -> order.putIfAbsent(id, order.size()));
        out.sort(java.util.Comparator.<TargetProgress>comparingInt(p -> order.getOrDefault(p.id(), Integer.MAX_VALUE))
                .thenComparingInt(p -> indicators.indexOf(p.indicator())));
        return out;
    }

    private static double number(Object v) {
        return ((Number) v).doubleValue();
    }

    private static Double nullable(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
    }

    private List<Day> days(String measurement, String scope, String id, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return List.of();
        }
        List<Day> days = new ArrayList<>();
        for (AqiStore.DailyRow row : aqi.daily(measurement, scope, id, from, to)) {
            days.add(new Day(row.date(), row.concentrations().get("pm25"), row.aqi(), row.valid()));
        }
        return days;
    }

    static String indicatorZh(String indicator) {
        return switch (indicator) {
            case "pm25" -> "PM2.5年均浓度";
            case "goodDaysRatio" -> "优良天数比例";
            default -> "重污染天数";
        };
    }

    static String statusZh(String status) {
        return switch (status) {
            case "met" -> "已完成";
            case "on-track" -> "进度正常";
            case "at-risk" -> "存在风险";
            default -> "未完成";
        };
    }

    static double round(double v, int decimals) {
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
