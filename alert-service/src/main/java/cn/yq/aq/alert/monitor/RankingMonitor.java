package cn.yq.aq.alert.monitor;

import cn.yq.aq.alert.texts.MonitorTexts;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.alert.event.AlertBus;
import cn.yq.aq.alert.event.AlertType;
import cn.yq.aq.alert.state.StateStore;
import cn.yq.aq.alert.system.AlertProperties;
import cn.yq.aq.standards.BeijingTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * RANKING: reads the province's composite-index table of the last month (monthly and year-to-date)
 * from target-service; a unit that enters the bottom {@code bottom} of the table, or whose rank is
 * worse than in the previous period, gets an alert (once per period and change).
 */
@Component
class RankingMonitor implements Monitor {

    static final String PREFIX = StateStore.STATE + "ranking/";

    private final TargetServiceClient target;
    private final AlertBus bus;
    private final StateStore store;
    private final Clock clock;
    private final AlertProperties properties;
    private final cn.yq.aq.registry.Registry registry;
    private final JsonMapper json;
    private Instant next = Instant.EPOCH;

    /** What we last saw of a unit in one kind of table. */
    record Seen(String period, int rank, int of, boolean inBottom) {
    }

    RankingMonitor(TargetServiceClient target, AlertBus bus, StateStore store, Clock clock, AlertProperties properties,
                   cn.yq.aq.registry.Registry registry, JsonMapper json) {
        this.json = json;
        this.registry = registry;
        this.target = target;
        this.bus = bus;
        this.store = store;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "ranking";
    }

    @Override
    public void check() {
        if (!target.configured() || clock.instant().isBefore(next)) {
            return;
        }
        next = clock.instant().plus(properties.upstream().every());
        YearMonth month = YearMonth.now(clock.withZone(BeijingTime.ZONE)).minusMonths(1);
        // each table once per look: the rank alerts and the monthly report read the same answers
        JsonNode monthly = target.get("/api/v1/rankings/province/" + month).orElse(null);
        JsonNode ytd = target.get("/api/v1/rankings/province/" + month + "-ytd").orElse(null);
        look(monthly, month.toString(), "monthly");
        look(ytd, month + "-ytd", "ytd");
        report(month, monthly, ytd);
    }

    /**
     * RANKING_REPORT (每月通报排名): the first time the province's table of a month is seen (and again
     * when the bureau imports a corrected one), each county gets its own notice (its rank, composite
     * index, the change against the month before, its goals' status and gap, the sub-index that weighs
     * most; the year-to-date rank when that table is there too) and the bureau the summary of all its
     * units. A county's notice holds nothing about another county. A report with any of our own estimates (a unit the
 * province's table does not list) waits until the month is closed.
     */
    private void report(YearMonth month, JsonNode view, JsonNode ytd) {
        String period = month.toString();
        if (view == null) {
            return;
        }
        boolean estimates = false;
        for (JsonNode u : view.path("ours")) {
            estimates |= u.path("estimated").asBoolean();
        }
        if (estimates && !view.path("closedAt").isString()) {
            return; // our own estimates are published from closed months only (封账): the report waits for the close
        }
        String signature = Integer.toHexString(view.path("table").toString().hashCode());
        String key = PREFIX + "report/" + period;
        String before = store.get(key);
        if (before != null && before.contains(signature)) {
            return;
        }
        boolean correction = before != null;
        JsonNode previous = target.get("/api/v1/rankings/province/" + month.minusMonths(1)).orElse(null);
        JsonNode indices = target.get("/api/v1/index/counties?from=" + month.atDay(1) + "&to=" + month.atEndOfMonth()).orElse(null);
        List<String> summary = new java.util.ArrayList<>();
        int units = view.path("units").asInt();
        for (JsonNode u : view.path("ours")) {
            String county = u.path("county").asString();
            String name = u.path("nameZh").asString();
            int rank = u.path("rank").asInt();
            int of = u.path("of").asInt();
            boolean estimated = u.path("estimated").asBoolean();
            double index = u.path("compositeIndex").asDouble();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("period", period);
            details.put("rank", rank);
            details.put("of", of);
            details.put("estimated", estimated);
            details.put("compositeIndex", index);
            JsonNode last = previous == null ? null : find(previous.path("ours"), county);
            if (last != null) {
                details.put("previousRank", last.path("rank").asInt());
                details.put("previousCompositeIndex", last.path("compositeIndex").asDouble());
            }
            JsonNode ytdUnit = ytd == null ? null : find(ytd.path("ours"), county);
            if (ytdUnit != null) {
                details.put("ytdRank", ytdUnit.path("rank").asInt());
            }
            JsonNode mine = indices == null ? null : find(indices, county);
            String top = null;
            double max = -1;
            if (mine != null && mine.path("subIndices").isObject()) {
                for (Map.Entry<String, JsonNode> e : mine.path("subIndices").properties()) {
                    if (e.getValue().asDouble() > max) {
                        max = e.getValue().asDouble();
                        top = e.getKey();
                    }
                }
                if (top != null) {
                    details.put("topSubIndex", top);
                    details.put("topSubIndexValue", max);
                }
            }
            List<MonitorTexts.Goal> goals = new java.util.ArrayList<>();
            for (JsonNode g : view.path("goals")) {
                if (county.equals(g.path("county").asString())) {
                    goals.add(new MonitorTexts.Goal(g.path("goal").asString(), g.path("statusZh").asString(), g.path("detailZh").asString()));
                }
            }
            details.put("goals", goals.stream().map(g -> g.goal() + "：" + g.statusZh()).toList());
            MonitorTexts.CountyReport report = new MonitorTexts.CountyReport(name, month, index, rank, of, estimated,
                    last == null ? null : last.path("rank").asInt(), last == null ? null : last.path("compositeIndex").asDouble(),
                    ytdUnit == null ? null : ytdUnit.path("rank").asInt(), top, top == null ? null : max, goals);
            MonitorTexts.Words words = MonitorTexts.rankingReport(report, correction);
            bus.raise(bus.create(AlertType.RANKING_REPORT, "monthly", county, county, null, null, words.title(), words.text(), details));
            summary.add(MonitorTexts.rankingSummaryLine(report));
        }
        if (!summary.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("period", period);
            details.put("units", units);
            MonitorTexts.Words words = MonitorTexts.rankingSummary(registry.nameZh(), month, units, summary, correction);
            bus.raise(bus.create(AlertType.RANKING_REPORT, "monthly", Alert.CITY, Alert.BUREAU, null, null, words.title(), words.text(),
                    details));
        }
        store.put(key, json.writeValueAsString(Map.of("signature", signature)));
    }

    private static JsonNode find(JsonNode list, String county) {
        for (JsonNode n : list) {
            if (county.equals(n.path("county").asString())) {
                return n;
            }
        }
        return null;
    }

    private void look(JsonNode view, String period, String kind) {
        if (view == null) {
            return; // not imported yet
        }
        int bottom = properties.monitor().bottom();
        for (JsonNode u : view.path("ours")) {
            String county = u.path("county").asString();
            int rank = u.path("rank").asInt();
            int of = u.path("of").asInt();
            boolean estimated = u.path("estimated").asBoolean();
            boolean inBottom = rank > of - bottom;
            String key = PREFIX + kind + "/" + county;
            Seen before = store.get(key) == null ? null : json.readValue(store.get(key), Seen.class);
            Seen now = new Seen(period, rank, of, inBottom);
            if (now.equals(before)) {
                continue;
            }
            String level = null;
            MonitorTexts.Words words = null;
            String name = u.path("nameZh").asString();
            String where = MonitorTexts.rankWhere(period, "ytd".equals(kind), rank, of, estimated);
            if (inBottom && (before == null || !before.inBottom() || !before.period().equals(period))) {
                level = "bottom";
                words = MonitorTexts.rankingBottom(name, where, bottom);
            } else if (before != null && !before.period().equals(period) && rank > before.rank()) {
                level = "dropped";
                words = MonitorTexts.rankingDropped(name, where, before.period(), before.rank(), rank);
            }
            if (level != null) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("period", period);
                details.put("rank", rank);
                details.put("of", of);
                details.put("estimated", estimated);
                details.put("compositeIndex", u.path("compositeIndex").asDouble());
                if (before != null) {
                    details.put("previousPeriod", before.period());
                    details.put("previousRank", before.rank());
                }
                bus.raise(bus.create(AlertType.RANKING, level, county, county, null, null, words.title(), words.text(), details));
            }
            store.put(key, json.writeValueAsString(now));
        }
    }
}
