package cn.yq.aq.alert.texts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.yq.aq.alert.event.AlertLevel;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.alert.warning.WarningDecision;
import cn.yq.aq.standards.warning.WarningGrading;
import cn.yq.aq.standards.warning.WarningLevel;

/**
 * The Chinese texts of the warning alerts (templates only): what happened where, whether the AQI is
 * observed (监测) or forecast (预计), the grading it follows and the response to start or end.
 */
public final class WarningTexts {

    private WarningTexts() {
    }

    /** An alert's words, validity and details, before it gets an id and a time. */
    public record Draft(AlertLevel level, String title, String text, Instant validFrom, Instant validTo, Map<String, Object> details) {
    }

    /** The alert's words and validity for one transition of {@code place} (its Chinese name), as of {@code today}. */
    public static Draft draft(WarningGrading grading, WarningDecision.Transition t, String place, List<WarningDecision.Day> days,
                       LocalDate today) {
        String action = t.action().code();
        WarningLevel previous = t.from();
        WarningLevel assessed = t.assessed();
        boolean lifting = t.action() == WarningDecision.Action.LIFTED;
        List<WarningDecision.Day> episode = days.stream().filter(d -> d.aqi() > 150).toList();
        WarningDecision.Day max = days.stream().max((x, y) -> Integer.compare(x.aqi(), y.aqi())).orElse(null);
        String primary = max == null || max.primary() == null ? "" : "，首要污染物" + max.primary().symbol();
        Instant validFrom = episode.isEmpty() ? null : start(episode.get(0).date());
        Instant validTo = episode.isEmpty() ? null : start(episode.get(episode.size() - 1).date().plusDays(1));
        String range = episode.isEmpty() ? "" : episodeRange(episode.get(0).date(), episode.get(episode.size() - 1).date(), today);
        String will = !episode.isEmpty() && !episode.get(0).date().isAfter(today) ? "出现" : "将出现";
        // an observed value says so (监测, the last 24 hours); a forecast one is the day's AQI
        String highest = max == null ? "" : max.observed() ? "监测近24小时AQI为" + max.aqi() : "日AQI最高" + max.aqi();
        String title;
        String text;
        switch (t.action()) {
            case ADVICE -> {
                title = place + "臭氧污染健康提示";
                text = range + place + will + "以臭氧为首要污染物的污染过程，" + highest
                        + "。依据" + grading.name() + "，臭氧污染过程不启动重污染天气预警，特发布健康提示：儿童、老年人及心脏病、"
                        + "呼吸系统疾病患者应减少午后户外活动；请加强挥发性有机物（VOCs）和氮氧化物排放监管。";
            }
            case LIFTED -> {
                title = place + "解除重污染天气" + previous.nameZh();
                text = "预计" + place + "空气质量将持续改善，日AQI不高于" + liftThreshold(grading, previous) + "的时间超过"
                        + grading.liftHours() + "小时。自即时起解除" + previous.nameZh() + "（" + previous.gradeZh()
                        + "），各单位可终止相应应急响应措施。";
            }
            default -> {
                String verb = switch (t.action()) {
                    case UPGRADED -> "重污染天气预警由" + previous.nameZh() + "升级为" + assessed.nameZh();
                    case DOWNGRADED -> "重污染天气预警由" + previous.nameZh() + "调整为" + assessed.nameZh();
                    default -> "发布重污染天气" + assessed.nameZh();
                };
                title = place + verb;
                text = range + place + will + "重污染天气过程，" + highest + primary
                        + "。依据" + grading.name() + "，达到" + assessed.nameZh() + "（" + assessed.gradeZh() + "）启动条件，请立即启动"
                        + assessed.gradeZh() + "应急响应，落实减排和健康防护措施。";
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", action);
        details.put("previousLevel", previous == WarningLevel.NONE ? "none" : previous.code());
        details.put("grading", grading.name());
        List<Map<String, Object>> dayList = new ArrayList<>();
        for (WarningDecision.Day d : days) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("date", d.date().toString());
            m.put("aqi", d.aqi());
            if (d.primary() != null) {
                m.put("primaryPollutant", d.primary().symbol());
            }
            dayList.add(m);
        }
        details.put("days", dayList);
        return new Draft(t.alertLevel(), title, text, lifting ? null : validFrom, lifting ? null : validTo, details);
    }

    public static int liftThreshold(WarningGrading grading, WarningLevel level) {
        // the level's lowest trigger: the days ahead stay at or below it
        int lowest = Integer.MAX_VALUE;
        for (WarningGrading.Condition c : grading.levels().getOrDefault(level, List.of())) {
            for (WarningGrading.Run r : c.runs()) {
                lowest = Math.min(lowest, r.threshold());
            }
        }
        return lowest;
    }

    private static Instant start(LocalDate date) {
        return date.atStartOfDay(BeijingTime.ZONE).toInstant();
    }

    /**
     * When the episode is, as officials read it: days ahead are a forecast ("预计12月3日至12月5日"); an
     * episode that includes today (observed, or today's forecast) is not ("今日（12月2日）起至12月4日",
     * "今日（12月2日）"); one day is one date, never "12月2日至12月2日".
     */
    public static String episodeRange(LocalDate first, LocalDate last, LocalDate today) {
        if (first.isAfter(today)) {
            return "预计" + md(first) + (last.equals(first) ? "" : "至" + md(last));
        }
        String start = first.equals(today) ? "今日（" + md(first) + "）" : md(first);
        return last.equals(first) ? start : start + "起至" + md(last);
    }

    private static String md(LocalDate d) {
        return d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

}
