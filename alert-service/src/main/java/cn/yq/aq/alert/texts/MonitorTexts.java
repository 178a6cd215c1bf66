package cn.yq.aq.alert.texts;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.yq.aq.standards.BeijingTime;

/**
 * The Chinese words of the monitors' alerts (exceedances of sources and VOCs parks, stations offline, targets
 * at risk, ranking drops and the monthly ranking report) and of a failed delivery: what happened, where,
 * since when, and what the official should do. Templates only: the monitors decide, this room words it.
 */
public final class MonitorTexts {

    private MonitorTexts() {
    }

    /** An alert's title and text. */
    public record Words(String title, String text) {
    }

    /** What changed in an exceedance episode (the alert's {@code level}). */
    public enum EpisodeChange {
        EXCEED("exceed"), ESCALATED("escalated"), ENDED("ended");

        private final String code;

        EpisodeChange(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** A pollutant over its limit at its worst hour (mg/m³, rounded to 0.01). */
    public record Over(String pollutant, double max, double limit) {
    }

    /** Flue-gas pollutants by their CEMS field. */
    public static final Map<String, String> FLUE_GAS_ZH = Map.of("pm", "颗粒物", "so2", "二氧化硫", "nox", "氮氧化物");
    /** Ambient pollutants by their field. */
    public static final Map<String, String> AMBIENT_ZH = Map.of("pm25", "PM2.5", "pm10", "PM10", "so2", "二氧化硫", "no2", "二氧化氮",
            "co", "一氧化碳", "o3", "臭氧");

    /** 1月10日8时, as officials read an hour. */
    public static String hourZh(Instant t) {
        var z = t.atZone(BeijingTime.ZONE);
        return z.getMonthValue() + "月" + z.getDayOfMonth() + "日" + z.getHour() + "时";
    }

    /** A boiler's emission over its limit ({@code SOURCE_EXCEEDANCE}). */
    public static Words sourceExceedance(EpisodeChange change, String countyZh, String enterprise, String source, Instant start,
                                         Instant lastExceeding, int hours, Object referenceO2, String limitsZh, List<Over> worst) {
        StringBuilder worstZh = new StringBuilder();
        for (Over o : worst) {
            worstZh.append(worstZh.isEmpty() ? "" : "，").append(FLUE_GAS_ZH.getOrDefault(o.pollutant(), o.pollutant())).append("最高")
                    .append(o.max()).append("mg/m³（限值").append(o.limit()).append("）");
        }
        String what = String.join("、", worst.stream().map(o -> FLUE_GAS_ZH.getOrDefault(o.pollutant(), o.pollutant())).toList());
        String base = countyZh + enterprise + "（" + source + "）自" + hourZh(start) + "起" + what
                + "小时均值（折算至基准氧含量" + referenceO2 + "%）超过" + limitsZh + "限值";
        return switch (change) {
            case ENDED -> new Words(enterprise + "排放超标过程结束", base + "，至" + hourZh(lastExceeding) + "止共超标" + hours + "小时，"
                    + worstZh + "。现已恢复达标，请核实超标原因，纳入超标单位名单并依法处理。");
            case ESCALATED -> new Words(enterprise + "排放超标加重", base + "，已持续" + hours + "小时，超标程度加重：" + worstZh
                    + "。请立即督促企业采取措施并现场核查。");
            case EXCEED -> new Words(enterprise + "排放超标", base + "，已超标" + hours + "小时，" + worstZh + "。请督促企业立即排查治理并按要求报告。");
        };
    }

    /** A park's NMHC over its reference value ({@code VOCS_EXCEEDANCE}). */
    public static Words vocsExceedance(EpisodeChange change, String countyZh, String station, String id, Instant start, int hours,
                                       double max, double limit) {
        String base = countyZh + station + "（" + id + "）自" + hourZh(start) + "起非甲烷总烃小时均值超过参考值（" + limit + "mg/m³）";
        String maxZh = "最高" + max + "mg/m³";
        return switch (change) {
            case ENDED -> new Words(station + "VOCs超标过程结束", base + "，共" + hours + "小时，" + maxZh + "。现已恢复，请排查园区重点企业无组织排放原因。");
            case ESCALATED -> new Words(station + "VOCs超标加重", base + "，已持续" + hours + "小时，" + maxZh + "。请立即组织园区排查。");
            case EXCEED -> new Words(station + "VOCs超标", base + "，已" + hours + "小时，" + maxZh + "。请督促园区重点企业排查VOCs排放。");
        };
    }

    /** A station's or source's data stopped ({@code STATION_OFFLINE}, level offline). */
    public static Words offline(String place, boolean source, Instant lastEnd, Duration silent) {
        String what = what(source);
        return new Words(place + what + "数据中断", place + what + "自" + hourZh(lastEnd) + "起已" + silent.toHours() + "小时"
                + silent.toMinutesPart() + "分钟无数据上报，请运维单位尽快检查设备、供电和通信。");
    }

    /** Its data came back (level restored). */
    public static Words restored(String place, boolean source) {
        return new Words(place + what(source) + "数据恢复", place + what(source) + "已恢复数据上报。");
    }

    private static String what(boolean source) {
        return source ? "在线监测（CEMS）" : "监测站";
    }

    /**
     * A yearly target at risk or missed ({@code TARGET_AT_RISK}); numbers as target-service gave them, the
     * projection and what the rest of the year needs when known.
     */
    public static Words target(String place, int year, String indicatorZh, String statusZh, String target, String actual,
                               String projection, Integer daysLeft, String requiredRest) {
        StringBuilder text = new StringBuilder(place).append(year).append("年").append(indicatorZh).append("目标为").append(target)
                .append("，截至目前为").append(actual);
        if (projection != null) {
            text.append("，预计全年").append(projection);
        }
        text.append("，").append(statusZh);
        if (requiredRest != null) {
            text.append("。剩余").append(daysLeft).append("天需达到").append(requiredRest);
        }
        text.append("。请加大管控力度。");
        return new Words(place + year + "年" + indicatorZh + "目标" + statusZh, text.toString());
    }

    /** Where a unit stands in a province table: "2025-11月度全省县级单位综合指数排名第118名（共119个，省厅公布）". */
    public static String rankWhere(String period, boolean yearToDate, int rank, int of, boolean estimated) {
        return period + (yearToDate ? "年度累计" : "月度") + "全省县级单位综合指数排名第" + rank + "名（共" + of + "个，" + (estimated ? "按本市监测数据估算" : "省厅公布") + "）";
    }

    /** A county in the province's last {@code bottom} ({@code RANKING}, level bottom). */
    public static Words rankingBottom(String name, String where, int bottom) {
        return new Words(name + "综合指数排名位列全省后" + bottom + "名",
                name + where + "，位列全省后" + bottom + "名。请对照大气质量持续改善行动计划，加强颗粒物和臭氧前体物管控。");
    }

    /** A county's rank fell against the period before ({@code RANKING}, level dropped). */
    public static Words rankingDropped(String name, String where, String previousPeriod, int previousRank, int rank) {
        return new Words(name + "综合指数排名下降",
                name + where + "，较" + previousPeriod + "的第" + previousRank + "名下降" + (rank - previousRank) + "位。");
    }

    /** A goal of the county and its state, as target-service words them. */
    public record Goal(String goal, String statusZh, String detailZh) {
    }

    /**
     * One county's monthly report ({@code RANKING_REPORT}): its index and rank, the change against the month
     * before and the year-to-date rank when known, the sub-index that weighs most, its goals.
     */
    public record CountyReport(String name, YearMonth month, double index, int rank, int of, boolean estimated,
                               Integer previousRank, Double previousIndex, Integer ytdRank, String topSubIndex, Double topValue,
                               List<Goal> goals) {
    }

    public static Words rankingReport(CountyReport r, boolean correction) {
        StringBuilder text = new StringBuilder(r.name()).append(r.month().getYear()).append("年").append(r.month().getMonthValue())
                .append("月全省县级单位环境空气质量综合指数为").append(two(r.index()))
                .append("，排名第").append(r.rank()).append("名（共").append(r.of()).append("个，")
                .append(r.estimated() ? "省厅表中未列出，按本市监测数据估算" : "省厅公布").append("）");
        if (r.previousRank() != null) {
            int change = r.previousRank() - r.rank();
            double delta = r.index() - r.previousIndex();
            text.append("，较上月").append(change > 0 ? "上升" + change + "位" : change < 0 ? "下降" + (-change) + "位" : "持平")
                    .append("，综合指数").append(delta <= 0 ? "下降" : "上升").append(two(Math.abs(delta)));
        }
        if (r.ytdRank() != null) {
            text.append("；1—").append(r.month().getMonthValue()).append("月累计排名第").append(r.ytdRank()).append("名");
        }
        text.append("。");
        if (r.topSubIndex() != null) {
            text.append("分指数中").append(AMBIENT_ZH.getOrDefault(r.topSubIndex(), r.topSubIndex())).append("最高（")
                    .append(two(r.topValue())).append("），应作为下月管控重点。");
        }
        for (Goal g : r.goals()) {
            text.append("目标“").append(g.goal()).append("”：").append(g.statusZh()).append("，").append(g.detailZh()).append("。");
        }
        return new Words(r.name() + r.month().getMonthValue() + "月全省空气质量排名通报" + (correction ? "（更正）" : ""), text.toString());
    }

    /** The county's line in the bureau's summary: "平定县第118名（4.87；目标：存在风险）". */
    public static String rankingSummaryLine(CountyReport r) {
        return r.name() + "第" + r.rank() + "名（" + two(r.index()) + (r.estimated() ? "，估算" : "")
                + (r.goals().isEmpty() ? "" : "；" + String.join("；", r.goals().stream().map(g -> g.goal() + "：" + g.statusZh()).toList()))
                + "）";
    }

    /** The bureau's summary of all its units. */
    public static Words rankingSummary(String cityZh, YearMonth month, int units, List<String> lines, boolean correction) {
        return new Words(cityZh + "各县区" + month.getMonthValue() + "月全省空气质量排名通报" + (correction ? "（更正）" : ""),
                month + "全省共" + units + "个县级单位参与排名。本市：" + String.join("，", lines) + "。");
    }

    /** A channel refused a notice ({@code DELIVERY_FAILED}, to the bureau). */
    public static Words deliveryFailed(String who, String channelZh, String channelId, String alertTypeZh, String alertTitle,
                                       String reason, String scope) {
        return new Words(who + channelZh + "通知发送失败", who + "的" + channelZh + "通道（" + channelId + "）拒绝了" + alertTypeZh + "“"
                + alertTitle + "”：" + reason + "。请核对该通道的地址、密钥或加签设置（PUT /api/v1/subscriptions/"
                + scope + "），修正后该通道积压的通知将按顺序补发。");
    }

    /** The pre-review's rules as a reviewer names them. */
    public static final Map<String, String> RULES_ZH = Map.of("pm25-exceeds-pm10", "PM2.5大于PM10", "constant", "数据恒定",
            "spike", "数据突变", "neighbour-divergence", "与周边站点明显偏离", "negative-or-zero", "零值或负值",
            "o2-ambient", "氧含量接近空气", "o2-constant", "氧含量恒定", "flow-zero", "流量为零", "near-limit", "长期贴近限值",
            "identical-sources", "多源数据雷同");

    /** A suspect span of the automatic pre-review ({@code DATA_SUSPECT}, to the bureau). */
    public static Words dataSuspect(String countyZh, String rule, String description, String suspectId) {
        return new Words(countyZh + "监测数据疑似异常：" + RULES_ZH.getOrDefault(rule, rule),
                description + "。该时段数据尚未改变任何统计结果，请审核员核实：属实的提交审核标记（suspect=" + suspectId
                        + "），经市局审核通过后按无效数据处理；数据无误的提交恢复标记予以排除。");
    }

    private static String two(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
