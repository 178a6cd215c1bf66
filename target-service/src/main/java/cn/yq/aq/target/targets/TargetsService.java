package cn.yq.aq.target.targets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.QueryResult;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.target.store.AmbientStore;
import cn.yq.aq.support.influx.Rows;
import cn.yq.aq.target.system.TargetProperties;

/**
 * Progress toward the configured targets from the materialised daily values: the actual value so
 * far, a projection to the year's end, the mean the rest of the year needs, and the status.
 * PM2.5: the annual mean is taken as the mean of the valid daily values (HJ 663), so the rest of
 * the year must average {@code (T × all days − actual × days so far) / days left}.
 */
@Component
@EnableConfigurationProperties(TargetsProperties.class)
public class TargetsService {

    private final InfluxDB influx;
    private final Registry registry;
    private final TargetsProperties targets;
    private final String database;

    public TargetsService(InfluxDB influx, Registry registry, TargetsProperties targets, TargetProperties properties) {
        this.influx = influx;
        this.registry = registry;
        this.targets = targets;
        this.database = properties.influx().database();
    }

    /** A day's materialised values. */
    record Day(LocalDate date, Double pm25, Integer aqi, boolean valid) {
    }

    public List<TargetProgress> progress(int year, LocalDate asOf) {
        LocalDate start = LocalDate.of(year, 1, 1);
        LocalDate end = LocalDate.of(year, 12, 31);
        LocalDate last = asOf.isAfter(end) ? end : asOf;
        int daysLeft = (int) (end.toEpochDay() - last.toEpochDay());
        List<TargetProgress> out = new ArrayList<>();
        for (TargetsProperties.Target t : targets.targets()) {
            if (t.year() != year) {
                continue;
            }
            String scope = t.scope().equals("city") ? "city" : "county";
            String id = t.scope().equals("city") ? registry.name() : t.scope();
            List<Day> soFar = days(scope, id, start, last);
            List<Day> lastYearRest = daysLeft == 0 ? List.of()
                    : days(scope, id, last.plusDays(1).minusYears(1), end.minusYears(1));
            if (t.pm25Max() != null) {
                out.add(pm25(t, soFar, lastYearRest, daysLeft));
            }
            if (t.goodDaysRatioMin() != null) {
                out.add(goodDays(t, soFar, lastYearRest, daysLeft));
            }
            if (t.heavyDaysMax() != null) {
                out.add(heavyDays(t, soFar, lastYearRest, daysLeft));
            }
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
        return new TargetProgress(t.scope(), "pm25", "PM2.5年均浓度", t.pm25Max(), round(actual, 1), round(projection, 1),
                required == null ? null : round(required, 1), n, daysLeft, status, statusZh(status));
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
        return new TargetProgress(t.scope(), "goodDaysRatio", "优良天数比例", t.goodDaysRatioMin(), round(actual, 1),
                round(projection, 1), required == null ? null : round(required, 1), (int) valid, daysLeft, status, statusZh(status));
    }

    private static TargetProgress heavyDays(TargetsProperties.Target t, List<Day> soFar, List<Day> rest, int daysLeft) {
        long heavy = soFar.stream().filter(d -> d.aqi() != null && d.aqi() > 200).count();
        long restHeavy = rest.stream().filter(d -> d.aqi() != null && d.aqi() > 200).count();
        double projection = heavy + restHeavy;
        String status = heavy > t.heavyDaysMax() ? "missed" : daysLeft == 0 ? "met"
                : projection <= t.heavyDaysMax() ? "on-track" : "at-risk";
        return new TargetProgress(t.scope(), "heavyDays", "重污染天数", t.heavyDaysMax(), heavy, projection, null,
                soFar.size(), daysLeft, status, statusZh(status));
    }

    private List<Day> days(String scope, String id, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return List.of();
        }
        String q = "SELECT pm25, aqi, valid FROM aqi_daily WHERE scope = $scope AND id = $id AND time >= '"
                + from.atStartOfDay(AmbientStore.CHINA).toInstant() + "' AND time < '"
                + to.plusDays(1).atStartOfDay(AmbientStore.CHINA).toInstant() + "'";
        QueryResult result = influx.query(BoundParameterQuery.QueryBuilder.newQuery(q).forDatabase(database)
                .bind("scope", scope).bind("id", id).create(), TimeUnit.MILLISECONDS);
        List<Day> days = new ArrayList<>();
        for (Rows.Row row : Rows.of(result)) {
            LocalDate date = java.time.Instant.ofEpochMilli(((Number) row.get("time")).longValue())
                    .atZone(AmbientStore.CHINA).toLocalDate();
            days.add(new Day(date, row.get("pm25") instanceof Number n ? n.doubleValue() : null,
                    row.get("aqi") instanceof Number a ? a.intValue() : null, Boolean.TRUE.equals(row.get("valid"))));
        }
        return days;
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
