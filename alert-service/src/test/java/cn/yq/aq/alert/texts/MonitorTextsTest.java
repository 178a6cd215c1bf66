package cn.yq.aq.alert.texts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.yq.aq.alert.texts.MonitorTexts.EpisodeChange;

/** The words officials read, written out by hand: what happened, where, since when and what to do. */
class MonitorTextsTest {

    // 2026-01-10T00:00Z is 8 o'clock in Beijing
    static final Instant EIGHT = Instant.parse("2026-01-10T00:00:00Z");

    @Test
    void aBoilerOverItsLimitSaysWhichPollutantHowFarAndSinceWhen() {
        MonitorTexts.Words w = MonitorTexts.sourceExceedance(EpisodeChange.EXCEED, "平定县", "某热力公司", "YQ-PD-B01", EIGHT, EIGHT, 3,
                9, "超低排放", List.of(new MonitorTexts.Over("so2", 52.5, 35.0), new MonitorTexts.Over("nox", 61.0, 50.0)));
        assertThat(w.title()).isEqualTo("某热力公司排放超标");
        assertThat(w.text()).isEqualTo("平定县某热力公司（YQ-PD-B01）自1月10日8时起二氧化硫、氮氧化物小时均值（折算至基准氧含量9%）超过超低排放限值，"
                + "已超标3小时，二氧化硫最高52.5mg/m³（限值35.0），氮氧化物最高61.0mg/m³（限值50.0）。请督促企业立即排查治理并按要求报告。");
        assertThat(MonitorTexts.sourceExceedance(EpisodeChange.ENDED, "平定县", "某热力公司", "YQ-PD-B01", EIGHT,
                EIGHT.plus(Duration.ofHours(2)), 3, 9, "超低排放", List.of(new MonitorTexts.Over("pm", 12.0, 10.0))).text())
                .contains("至1月10日10时止共超标3小时，颗粒物最高12.0mg/m³（限值10.0）。现已恢复达标");
    }

    @Test
    void aStationOfflineSaysHowLongInHoursAndMinutes() {
        MonitorTexts.Words w = MonitorTexts.offline("平定县平定一中（YQ-PD-01）", false, EIGHT, Duration.ofMinutes(135));
        assertThat(w.title()).isEqualTo("平定县平定一中（YQ-PD-01）监测站数据中断");
        assertThat(w.text()).isEqualTo("平定县平定一中（YQ-PD-01）监测站自1月10日8时起已2小时15分钟无数据上报，请运维单位尽快检查设备、供电和通信。");
    }

    @Test
    void aCountysMonthlyReportGivesItsRankTheChangeAndWhatWeighsMost() {
        // rank 118 of 119, was 115: down 3 places; index 4.87 against 4.80: up 0.07
        MonitorTexts.CountyReport r = new MonitorTexts.CountyReport("平定县", YearMonth.of(2025, 11), 4.87, 118, 119, false, 115, 4.80,
                null, "pm25", 1.62, List.of(new MonitorTexts.Goal("退出后十", "存在风险", "需前进9位")));
        MonitorTexts.Words w = MonitorTexts.rankingReport(r, false);
        assertThat(w.title()).isEqualTo("平定县11月全省空气质量排名通报");
        assertThat(w.text()).isEqualTo("平定县2025年11月全省县级单位环境空气质量综合指数为4.87，排名第118名（共119个，省厅公布），"
                + "较上月下降3位，综合指数上升0.07。分指数中PM2.5最高（1.62），应作为下月管控重点。目标“退出后十”：存在风险，需前进9位。");
        assertThat(MonitorTexts.rankingSummaryLine(r)).isEqualTo("平定县第118名（4.87；退出后十：存在风险）");
        assertThat(MonitorTexts.rankingReport(r, true).title()).endsWith("（更正）");
    }
}
