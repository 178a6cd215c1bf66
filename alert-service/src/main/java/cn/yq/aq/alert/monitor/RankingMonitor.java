package cn.yq.aq.alert.monitor;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.yq.aq.alert.alert.Alert;
import cn.yq.aq.alert.alert.AlertBus;
import cn.yq.aq.alert.alert.AlertType;
import cn.yq.aq.alert.state.StateStore;
import cn.yq.aq.alert.system.AlertProperties;
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
    private final JsonMapper json = JsonMapper.builder().build();
    private Instant next = Instant.EPOCH;

    /** What we last saw of a unit in one kind of table. */
    record Seen(String period, int rank, int of, boolean inBottom) {
    }

    RankingMonitor(TargetServiceClient target, AlertBus bus, StateStore store, Clock clock, AlertProperties properties) {
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
        YearMonth month = YearMonth.now(clock.withZone(Alert.CHINA)).minusMonths(1);
        look(month.toString(), "monthly", "月度");
        look(month + "-ytd", "ytd", "年度累计");
    }

    private void look(String period, String kind, String kindZh) {
        JsonNode view = target.get("/api/v1/rankings/province/" + period).orElse(null);
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
