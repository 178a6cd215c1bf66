package cn.yq.aq.target.ranking;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.influxdb.InfluxDB;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import cn.yq.aq.target.store.ProgressStore;
import cn.yq.aq.registry.County;
import cn.yq.aq.target.review.Data;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.evaluation.Ranking;
import cn.yq.aq.target.index.CompositeIndexService;
import cn.yq.aq.target.index.CountyIndex;
import cn.yq.aq.support.influx.Rows;
import cn.yq.aq.target.system.TargetProperties;
import cn.yq.aq.support.web.Problems;

/**
 * The province's county-level ranking table for a period ({@code 2025-03}: March; {@code 2025-03-ytd}:
 * January to March), imported by the bureau and kept in InfluxDB ({@code province_ranking}), and
 * the view of it: each of our units with its official rank, or, when the table lacks it, an
 * estimated rank from our own composite index inserted into the table; each ranking goal's
 * status and the gap to reach it.
 */
@Component
@EnableConfigurationProperties(RankingProperties.class)
public class ProvinceRankingService {

    static final Pattern PERIOD = Pattern.compile("(\\d{4})-(\\d{2})(-ytd)?");

    /** One unit of the province's table. */
    public record Row(String unit, BigDecimal compositeIndex, int rank) {
    }

    /** One of our units in the table. */
    public record OurUnit(String county, String nameZh, String unit, BigDecimal compositeIndex, int rank, int of,
                          boolean estimated) {
    }

    /** A ranking goal's status. */
    public record GoalStatus(String county, String goal, String status, String statusZh, BigDecimal gap, String detailZh) {
    }

    /**
     * A period's table as the API shows it. {@code data}: our estimates come from reviewed data; {@code closedAt}: when
     * the month was closed (封账), absent while it is open (an estimate of an open month is not official yet).
     */
    public record View(String period, int units, List<Row> table, List<OurUnit> ours, List<GoalStatus> goals, String data,
                       @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                       String closedAt) {
    }

    private final ProgressStore store;
    private final cn.yq.aq.target.review.Months months;
    private final InfluxDB influx;
    private final Registry registry;
    private final RankingProperties config;
    private final CompositeIndexService indices;
    private final String database;
    private final String retentionPolicy;

    public ProvinceRankingService(ProgressStore store, InfluxDB influx, Registry registry, RankingProperties config,
                                  CompositeIndexService indices, TargetProperties properties, cn.yq.aq.target.review.Months months) {
        this.months = months;
        this.store = store;
        this.influx = influx;
        this.registry = registry;
        this.config = config;
        this.indices = indices;
        this.database = properties.influx().database();
        this.retentionPolicy = properties.influx().retentionPolicy();
    }

    /** The period's first day and last day; a bad period is a problem (400). */
    static LocalDate[] period(String period) {
        Matcher m = PERIOD.matcher(period == null ? "" : period);
        if (!m.matches()) {
            throw Problems.badParameter("period must be YYYY-MM (a month) or YYYY-MM-ytd (January to that month)");
        }
        YearMonth month;
        try {
            month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (java.time.DateTimeException e) {
            throw Problems.badParameter("no such month: " + period);
        }
        LocalDate from = m.group(3) == null ? month.atDay(1) : month.atDay(1).withDayOfYear(1);
        return new LocalDate[] {from, month.atEndOfMonth()};
    }

    /** Replaces the period's table. Ranks are computed from the indices (ascending, ties share). */
    public List<Row> importTable(String period, Map<String, BigDecimal> table) {
        LocalDate[] p = period(period);
        if (table.isEmpty()) {
            throw Problems.badParameter("the table holds no unit");
        }
        Map<String, Integer> ranks = Ranking.ascending(table);
        long time = p[0].atStartOfDay(BeijingTime.ZONE).toInstant().toEpochMilli();
        store.deleteRankingTable(period);
        BatchPoints.Builder batch = BatchPoints.database(database).retentionPolicy(retentionPolicy).precision(TimeUnit.MILLISECONDS);
        List<Row> rows = new ArrayList<>();
        ranks.forEach((unit, rank) -> {
            batch.point(Point.measurement("province_ranking").tag("period", period).tag("unit", unit).time(time, TimeUnit.MILLISECONDS)
                    .addField("index", table.get(unit).doubleValue()).addField("rank", (long) rank).build());
            rows.add(new Row(unit, table.get(unit).setScale(2, java.math.RoundingMode.HALF_UP), rank));
        });
        influx.write(batch.build());
        return rows;
    }

    /** A period's table with our estimates from reviewed data (the official figures) or from the raw readings. */
    public Optional<View> view(String period, Data data) {
        LocalDate[] p = period(period);
        List<Row> table = table(period);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        int n = table.size();
        Map<String, CountyIndex> computed = new LinkedHashMap<>();
        for (CountyIndex ci : indices.counties(p[0], p[1], data.raw())) {
            computed.put(ci.county(), ci);
        }
        List<OurUnit> ours = new ArrayList<>();
        for (County c : registry.counties()) {
            Optional<Row> official = table.stream().filter(r -> isOurs(c, r.unit())).findFirst();
            if (official.isPresent()) {
                ours.add(new OurUnit(c.code(), c.nameZh(), official.get().unit(), official.get().compositeIndex(),
                        official.get().rank(), n, false));
            } else if (computed.containsKey(c.code())) {
                BigDecimal mine = computed.get(c.code()).compositeIndex();
                int rank = 1 + (int) table.stream().filter(r -> r.compositeIndex().compareTo(mine) < 0).count();
                ours.add(new OurUnit(c.code(), c.nameZh(), null, mine, rank, n + 1, true));
            }
        }
        List<GoalStatus> goals = new ArrayList<>();
        int year = p[1].getYear();
        for (RankingProperties.Goal g : config.goals()) {
            if (g.year() != year) {
                continue;
            }
            ours.stream().filter(u -> u.county().equals(g.county())).findFirst().ifPresent(u -> {
                if (g.notInBottom() != null) {
                    goals.add(bottomGoal(g, u, table));
                }
                if (Boolean.TRUE.equals(g.improve())) {
                    goals.add(improveGoal(g, u, period));
                }
            });
        }
        java.time.YearMonth month = java.time.YearMonth.parse(period.substring(0, 7));
        return Optional.of(new View(period, n, table, ours, goals, data.key(), months.state(month).closedAt()));
    }

    /**
     * Out of the bottom K of N: rank ≤ N − K. With ties sharing a rank, that holds once our index is
     * at most the (N − K)-th smallest of the others: the gap is how far it must fall to get there.
     */
    static GoalStatus bottomGoal(RankingProperties.Goal g, OurUnit u, List<Row> table) {
        int k = g.notInBottom();
        List<Row> others = table.stream().filter(r -> !r.unit().equals(u.unit()))
                .sorted(Comparator.comparing(Row::compositeIndex)).toList();
        int lastSafeRank = u.of() - k;
        String goal = "不进入全省后" + k + "名";
        if (u.rank() <= lastSafeRank) {
            return new GoalStatus(u.county(), goal, "met", "达标", BigDecimal.ZERO,
                    u.nameZh() + "排名第" + u.rank() + "（共" + u.of() + "个），不在后" + k + "名");
        }
        // to be ranked lastSafeRank at most, our index must be below the (lastSafeRank)-th smallest of the others
        BigDecimal bar = others.get(Math.max(0, lastSafeRank - 1)).compositeIndex();
        BigDecimal gap = u.compositeIndex().subtract(bar);
        return new GoalStatus(u.county(), goal, "at-risk", "未达标", gap,
                u.nameZh() + "综合指数需下降" + gap.toPlainString() + "才能退出后" + k + "名");
    }

    private GoalStatus improveGoal(RankingProperties.Goal g, OurUnit u, String period) {
        String goal = "排名提升";
        Optional<String> previous = previousPeriod(period);
        Optional<Row> before = previous.flatMap(prev -> table(prev).stream().filter(r -> r.unit().equals(u.unit())).findFirst());
        if (before.isEmpty()) {
            return new GoalStatus(u.county(), goal, "unknown", "无上期排名", null, "缺少上一期全省排名表");
        }
        boolean better = u.rank() < before.get().rank();
        return new GoalStatus(u.county(), goal, better ? "met" : "at-risk", better ? "达标" : "未达标", null,
                u.nameZh() + "排名由第" + before.get().rank() + "名变为第" + u.rank() + "名");
    }

    static Optional<String> previousPeriod(String period) {
        Matcher m = PERIOD.matcher(period);
        if (!m.matches()) {
            return Optional.empty();
        }
        YearMonth prev = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))).minusMonths(1);
        return Optional.of(prev + (m.group(3) == null ? "" : "-ytd"));
    }

    private boolean isOurs(County c, String unit) {
        return unit.equals(c.code()) || unit.equals(c.nameZh()) || unit.equals(registry.nameZh() + c.nameZh())
                || config.aliases().getOrDefault(c.code(), List.of()).contains(unit);
    }

    List<Row> table(String period) {
        List<Row> rows = new ArrayList<>();
        for (Rows.Row row : store.rankingTable(period)) {
            rows.add(new Row((String) row.get("unit"), BigDecimal.valueOf(((Number) row.get("index")).doubleValue())
                    .setScale(2, java.math.RoundingMode.HALF_UP), ((Number) row.get("rank")).intValue()));
        }
        rows.sort(Comparator.comparingInt(Row::rank).thenComparing(Row::unit));
        return rows;
    }

}
