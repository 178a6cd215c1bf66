package cn.yq.aq.alert.monitor;

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
        look(monthly, month.toString(), "monthly", "月度");
        look(ytd, month + "-ytd", "ytd", "年度累计");
        report(month, monthly, ytd);
    }

    static final Map<String, String> POLLUTANTS_ZH = Map.of("pm25", "PM2.5", "pm10", "PM10", "so2", "二氧化硫", "no2", "二氧化氮",
            "co", "一氧化碳", "o3", "臭氧");

    /**
     * RANKING_REPORT (每月通报排名): the first time the province's table of a month is seen (and again
     * when the bureau imports a corrected one), each county gets its own notice (its rank, composite
     * index, the change against the month before, its goals' status and gap, the sub-index that weighs
     * most; the year-to-date rank when that table is there too) and the bureau the summary of all its
     * units. A county's notice holds nothing about another county.
     */
    private void report(YearMonth month, JsonNode view, JsonNode ytd) {
        String period = month.toString();
        if (view == null) {
            return;
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
            StringBuilder text = new StringBuilder(name).append(period.substring(0, 4)).append("年").append(month.getMonthValue())
                    .append("月全省县级单位环境空气质量综合指数为").append(String.format(java.util.Locale.ROOT, "%.2f", index))
                    .append("，排名第").append(rank).append("名（共").append(of).append("个，")
                    .append(estimated ? "省厅表中未列出，按本市监测数据估算" : "省厅公布").append("）");
            JsonNode last = previous == null ? null : find(previous.path("ours"), county);
            if (last != null) {
                int change = last.path("rank").asInt() - rank;
                double delta = index - last.path("compositeIndex").asDouble();
                text.append("，较上月").append(change > 0 ? "上升" + change + "位" : change < 0 ? "下降" + (-change) + "位" : "持平")
                        .append("，综合指数").append(delta <= 0 ? "下降" : "上升")
                        .append(String.format(java.util.Locale.ROOT, "%.2f", Math.abs(delta)));
                details.put("previousRank", last.path("rank").asInt());
                details.put("previousCompositeIndex", last.path("compositeIndex").asDouble());
            }
            JsonNode ytdUnit = ytd == null ? null : find(ytd.path("ours"), county);
            if (ytdUnit != null) {
                text.append("；1—").append(month.getMonthValue()).append("月累计排名第").append(ytdUnit.path("rank").asInt()).append("名");
                details.put("ytdRank", ytdUnit.path("rank").asInt());
            }
            text.append("。");
            JsonNode mine = indices == null ? null : find(indices, county);
            if (mine != null && mine.path("subIndices").isObject()) {
                String top = null;
                double max = -1;
                for (Map.Entry<String, JsonNode> e : mine.path("subIndices").properties()) {
                    if (e.getValue().asDouble() > max) {
                        max = e.getValue().asDouble();
                        top = e.getKey();
                    }
                }
                if (top != null) {
                    text.append("分指数中").append(POLLUTANTS_ZH.getOrDefault(top, top)).append("最高（")
                            .append(String.format(java.util.Locale.ROOT, "%.2f", max)).append("），应作为下月管控重点。");
                    details.put("topSubIndex", top);
                    details.put("topSubIndexValue", max);
                }
            }
            List<String> goals = new java.util.ArrayList<>();
            for (JsonNode g : view.path("goals")) {
                if (county.equals(g.path("county").asString())) {
                    text.append("目标“").append(g.path("goal").asString()).append("”：").append(g.path("statusZh").asString())
                            .append("，").append(g.path("detailZh").asString()).append("。");
                    goals.add(g.path("goal").asString() + "：" + g.path("statusZh").asString());
                }
            }
            details.put("goals", goals);
            String title = name + month.getMonthValue() + "月全省空气质量排名通报" + (correction ? "（更正）" : "");
            bus.raise(bus.create(AlertType.RANKING_REPORT, "monthly", county, county, null, null, title, text.toString(), details));
            summary.add(name + "第" + rank + "名（" + String.format(java.util.Locale.ROOT, "%.2f", index) + (estimated ? "，估算" : "")
                    + (goals.isEmpty() ? "" : "；" + String.join("；", goals)) + "）");
        }
        if (!summary.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("period", period);
            details.put("units", units);
            String title = registry.nameZh() + "各县区" + month.getMonthValue() + "月全省空气质量排名通报" + (correction ? "（更正）" : "");
            String text = period + "全省共" + units + "个县级单位参与排名。本市：" + String.join("，", summary) + "。";
            bus.raise(bus.create(AlertType.RANKING_REPORT, "monthly", Alert.CITY, Alert.BUREAU, null, null, title, text, details));
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

    private void look(JsonNode view, String period, String kind, String kindZh) {
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
            String text = null;
            String name = u.path("nameZh").asString();
            String where = period + kindZh + "全省县级单位综合指数排名第" + rank + "名（共" + of + "个，" + (estimated ? "按本市监测数据估算" : "省厅公布") + "）";
            if (inBottom && (before == null || !before.inBottom() || !before.period().equals(period))) {
                level = "bottom";
                text = name + where + "，位列全省后" + bottom + "名。请对照大气质量持续改善行动计划，加强颗粒物和臭氧前体物管控。";
            } else if (before != null && !before.period().equals(period) && rank > before.rank()) {
                level = "dropped";
                text = name + where + "，较" + before.period() + "的第" + before.rank() + "名下降" + (rank - before.rank()) + "位。";
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
                String title = name + ("bottom".equals(level) ? "综合指数排名位列全省后" + bottom + "名" : "综合指数排名下降");
                bus.raise(bus.create(AlertType.RANKING, level, county, county, null, null, title, text, details));
            }
            store.put(key, json.writeValueAsString(now));
        }
    }
}
