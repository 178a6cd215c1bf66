package cn.yq.aq.target.index;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.springframework.stereotype.Component;

import cn.yq.aq.target.store.AqiStore;
import cn.yq.aq.registry.County;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.evaluation.CompositeIndex;
import cn.yq.aq.standards.evaluation.DailyValues;
import cn.yq.aq.standards.evaluation.PeriodStatistics;
import cn.yq.aq.standards.evaluation.Ranking;
import cn.yq.aq.standards.evaluation.ValidityRules;
import cn.yq.aq.support.influx.Rows;
import cn.yq.aq.target.system.TargetProperties;

/**
 * The composite index of each county over a period, from the materialised daily county values
 * ({@code aqi_daily}, scope county): HJ 663 period statistics, the index with GB 3095-2012 Grade II
 * denominators, the ranking with ties, valid days and the good-days ratio. Also materialises
 * {@code composite_index} per county for a month ({@code period=month}) and the year to its end
 * ({@code period=ytd}).
 */
@Component
public class CompositeIndexService {

    private final AqiStore store;
    private final InfluxDB influx;
    private final Registry registry;
    private final TargetProperties properties;
    private final CompositeIndex index = CompositeIndex.standard();
    private final ValidityRules validity = ValidityRules.standard();

    public CompositeIndexService(AqiStore store, InfluxDB influx, Registry registry, TargetProperties properties) {
        this.store = store;
        this.influx = influx;
        this.registry = registry;
        this.properties = properties;
    }

    /** The counties ranked ascending by their composite index over {@code from} … {@code to}, from reviewed data. */
    public List<CountyIndex> counties(LocalDate from, LocalDate to) {
        return counties(from, to, false);
    }

    /** The same from the raw readings ({@code raw}) or from reviewed data. */
    public List<CountyIndex> counties(LocalDate from, LocalDate to, boolean raw) {
        Map<String, List<DailyValues>> days = new HashMap<>();
        Map<String, int[]> good = new HashMap<>(); // [valid days, good days, heavily polluted days]
        for (Rows.Row row : store.countyDays(raw ? AqiStore.RAW : AqiStore.REVIEWED, from, to)) {
            String county = row.tag("id");
            Map<String, Object> v = row.values();
            Map<Pollutant, Double> means = new EnumMap<>(Pollutant.class);
            for (Pollutant p : Pollutant.values()) {
                if (p != Pollutant.O3 && v.get(p.field()) instanceof Number n) {
                    means.put(p, n.doubleValue());
                }
            }
            Double o3 = v.get("o3_8h_max") instanceof Number n ? n.doubleValue() : null;
            days.computeIfAbsent(county, k -> new ArrayList<>()).add(new DailyValues(means, o3, null, Map.of()));
            int[] g = good.computeIfAbsent(county, k -> new int[3]);
            if (Boolean.TRUE.equals(v.get("valid")) && v.get("aqi") instanceof Number aqi) {
                g[0]++;
                if (aqi.intValue() <= 100) {
                    g[1]++;
                }
                if (aqi.intValue() > 200) {
                    g[2]++;
                }
            }
        }
        int minimumDays = minimumDays(from, to);
        Map<String, CompositeIndex.Result> results = new LinkedHashMap<>();
        Map<String, PeriodStatistics> stats = new HashMap<>();
        for (County c : registry.counties()) {
            PeriodStatistics ps = PeriodStatistics.of(days.getOrDefault(c.code(), List.of()), minimumDays);
            stats.put(c.code(), ps);
            try {
                results.put(c.code(), index.compute(ps.compositeInputs()));
            } catch (IllegalArgumentException missing) {
                // no data for a pollutant in the period: the county cannot be ranked
            }
        }
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        results.forEach((k, v) -> values.put(k, v.index()));
        Map<String, Integer> ranks = Ranking.ascending(values);
        List<CountyIndex> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : ranks.entrySet()) {
            String code = e.getKey();
            CompositeIndex.Result r = results.get(code);
            PeriodStatistics ps = stats.get(code);
            Map<String, Double> sub = new LinkedHashMap<>();
            r.subIndices().forEach((p, x) -> sub.put(p.field(), BigDecimal.valueOf(x).setScale(3, RoundingMode.HALF_UP).doubleValue()));
            Map<String, Number> conc = new LinkedHashMap<>();
            r.concentrations().forEach((p, x) -> {
                String key = p == Pollutant.CO ? "co_p95" : p == Pollutant.O3 ? "o3_8h_p90" : p.field();
                // no ?: for the value: it would promote the int to a double (192 → 192.0)
                if (p == Pollutant.CO) {
                    conc.put(key, x.doubleValue());
                } else {
                    conc.put(key, x.intValue());
                }
            });
            int[] g = good.getOrDefault(code, new int[3]);
            boolean valid = ps.pm25().valid() && ps.pm10().valid() && ps.so2().valid() && ps.no2().valid()
                    && ps.co().valid() && ps.o3Max8h().valid();
            out.add(new CountyIndex(code, registry.county(code).map(County::nameZh).orElse(code), r.index(), e.getValue(),
                    r.primary().stream().map(Pollutant::field).toList(), sub, conc, g[0],
                    g[0] == 0 ? 0 : BigDecimal.valueOf(g[1] * 100.0 / g[0]).setScale(1, RoundingMode.HALF_UP).doubleValue(), g[2], valid,
                    raw ? "raw" : "reviewed"));
        }
        return out;
    }

    /** Writes {@code composite_index} for the month and for the year to the month's end. */
    public int materialize(YearMonth month) {
        LocalDate monthEnd = month.atEndOfMonth();
        List<Point> points = new ArrayList<>();
        long time = month.atDay(1).atStartOfDay(BeijingTime.ZONE).toInstant().toEpochMilli();
        for (String period : List.of("month", "ytd")) {
            LocalDate from = period.equals("month") ? month.atDay(1) : month.atDay(1).withDayOfYear(1);
            for (CountyIndex ci : counties(from, monthEnd)) {
                Point.Builder b = Point.measurement("composite_index").tag("county", ci.county()).tag("period", period)
                        .time(time, TimeUnit.MILLISECONDS).addField("index", ci.compositeIndex().doubleValue())
                        .addField("rank", (long) ci.rank()).addField("valid_days", (long) ci.validDays())
                        .addField("good_days_ratio", ci.goodDaysRatio()).addField("heavy_days", (long) ci.heavyDays())
                        .addField("valid", ci.valid());
                ci.subIndices().forEach((p, v) -> b.addField("i_" + p, v));
                ci.concentrations().forEach((p, v) -> b.addField(p, v.doubleValue()));
                points.add(b.build());
            }
        }
        BatchPoints.Builder batch = BatchPoints.database(properties.influx().database())
                .retentionPolicy(properties.influx().retentionPolicy()).precision(TimeUnit.MILLISECONDS);
        points.forEach(batch::point);
        influx.write(batch.build());
        return points.size();
    }

    /** Valid days the period needs: a calendar month 27 (February 25), a calendar year 324, else none. */
    int minimumDays(LocalDate from, LocalDate to) {
        if (from.getDayOfMonth() == 1 && to.equals(YearMonth.from(from).atEndOfMonth())) {
            return validity.minDays(YearMonth.from(from));
        }
        if (from.getDayOfYear() == 1 && to.equals(from.withDayOfYear(from.lengthOfYear()))) {
            return validity.minDaysPerYear();
        }
        return 0;
    }

}
