package cn.yq.aq.disclosure.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import cn.yq.aq.disclosure.publication.Publication;
import cn.yq.aq.disclosure.publication.Publisher;
import cn.yq.aq.testsupport.AtomFeeds;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The page and the feed from a publication made by hand: what residents read, escaped, and a valid Atom feed. */
class PageAndFeedTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    /** 30 days of AQI 50, then today's {@code today}. */
    static Publication.Place place(String code, String nameZh, int today, int level, String categoryZh, String colour) {
        List<Publication.Day> days = new ArrayList<>();
        for (int i = 29; i > 0; i--) {
            days.add(new Publication.Day(TODAY.minusDays(i), 50, 1, "优", "#00E400", List.of(), true, false));
        }
        Publication.Day d = new Publication.Day(TODAY, today, level, categoryZh, colour, List.of("pm25"), false, false);
        days.add(d);
        return new Publication.Place(code, nameZh, d, days);
    }

    static Publication publication(List<Publication.Warning> warnings, Publication.Ranking ranking, Publication.Exceedances exceedances,
                                   List<Publication.Month> published) {
        return new Publication("2026-12-07T09:30:00+08:00", place("city", "阳泉市", 160, 4, "中度污染", "#FF0000"),
                List.of(place("pingding", "平定县", 120, 3, "轻度污染", "#FF7E00")), warnings, ranking, exceedances, published);
    }

    @Test
    void thePageShowsTodaysAqiItsAdviceAndSaysWhatIsNotPublishedYet() {
        Publication p = publication(List.of(), new Publication.Ranking("2026-11", false, null, List.of()),
                new Publication.Exceedances("2026-11", false, null, List.of()), List.of());
        Document page = Jsoup.parse(new Page().render(p, "阳泉市", "/public"));
        assertThat(page.getElementById("city-aqi").text()).isEqualTo("160");
        assertThat(page.getElementById("city-category").text()).isEqualTo("中度污染");
        // HJ 633-2012 表 2, 中度污染 (AQI 151–200): its health effect and its measures
        assertThat(page.getElementById("today").text()).contains("进一步加剧易感人群症状，可能对健康人群心脏、呼吸系统有影响")
                .contains("儿童、老年人及心脏病、呼吸系统疾病患者避免长时间、高强度的户外锻炼，一般人群适量减少户外运动")
                .contains("首要污染物： PM2.5");
        assertThat(page.getElementById("no-warning").text()).isEqualTo("暂无预警");
        assertThat(page.getElementById("ranking-unpublished").text()).isEqualTo("2026年11月数据正在审核，封账后公布排名。");
        assertThat(page.select("#counties tr[data-county=pingding] .county-aqi").text()).isEqualTo("120");
        // the chart: 30 bars; AQI 50 is 50/3 = 16.7 of the 100 units high, today's 160 is 53.3 (y = 100 − 53.3)
        List<org.jsoup.nodes.Element> bars = page.select("#today svg rect");
        assertThat(bars).hasSize(30);
        assertThat(Double.parseDouble(bars.get(0).attr("height"))).isCloseTo(16.67, org.assertj.core.data.Offset.offset(0.01));
        assertThat(Double.parseDouble(bars.get(29).attr("y"))).isCloseTo(46.67, org.assertj.core.data.Offset.offset(0.01));
        assertThat(bars.get(29).attr("fill")).isEqualTo("#FF0000");
        assertThat(page.select("script")).isEmpty();
    }

    @Test
    void aPublishedMonthShowsItsRankingAndItsListAndEveryTextIsEscaped() {
        Publication.Ranking ranking = new Publication.Ranking("2026-11", true, "2026-12-03T10:00:00+08:00", List.of(
                new Publication.Rank(1, "pingding", "平定县", new BigDecimal("3.60"), new BigDecimal("4.00"), new BigDecimal("-10.0"),
                        null, null)));
        Publication.Exceedances list = new Publication.Exceedances("2026-11", true, "2026-12-03T10:00:00+08:00", List.of(
                new Publication.Exceedance("<script>alert(1)</script>热电厂", "pingding", "平定县", "so2", "二氧化硫", 3)));
        Publication.Warning warning = new Publication.Warning("city", "阳泉市", "orange", "橙色预警", "#FF7E00", "2026-12-07T08:00:00+08:00",
                null, "阳泉市启动重污染天气橙色预警", "预计未来三天… & <b>");
        Publication p = publication(List.of(warning), ranking, list, List.of(new Publication.Month("2026-11", "2026-12-03T10:00:00+08:00")));
        String html = new Page().render(p, "阳泉市", "/public");
        Document page = Jsoup.parse(html);
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;热电厂").doesNotContain("<b>");
        assertThat(page.select("#warnings .warn").attr("data-level")).isEqualTo("orange");
        assertThat(page.select("#warnings .warn").text()).contains("阳泉市 橙色预警").contains("预计未来三天… & <b>");
        var row = page.selectFirst("#ranking tr[data-county=pingding]");
        assertThat(row.attr("data-index")).isEqualTo("3.60");
        assertThat(row.select("td").eachText()).containsExactly("1", "平定县", "3.60", "-10.0%", "—");
        assertThat(row.select("td").get(3).className()).isEqualTo("better");
        assertThat(page.select("#exceedances td").eachText()).containsExactly("<script>alert(1)</script>热电厂", "平定县", "二氧化硫", "3");
    }

    @Test
    void theFeedIsAtomWithAnEntryPerWarningAndPerPublishedMonth() {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode alert = json.readTree("{\"id\":\"0b6e0f5e-1111-4a5e-9c0d-2b1f3c4d5e6f\",\"title\":\"阳泉市启动重污染天气橙色预警\","
                + "\"issuedAt\":\"2026-12-07T08:00:00+08:00\",\"text\":\"预计未来三天AQI>200 & 持续\"}");
        Publication p = publication(List.of(), new Publication.Ranking("2026-11", true, "2026-12-03T10:00:00+08:00", List.of()),
                new Publication.Exceedances("2026-11", true, null, List.of()), List.of(new Publication.Month("2026-11", "2026-12-03T10:00:00+08:00")));
        Publisher.Snapshot s = new Publisher.Snapshot(p, Instant.now(), List.of(alert), new ConcurrentHashMap<>());
        AtomFeeds.Feed feed = AtomFeeds.parse(Feed.render(s, "阳泉市", "https://aq.example.cn/public"));
        assertThat(feed.title()).isEqualTo("阳泉市空气质量信息公开");
        assertThat(feed.entries()).extracting(AtomFeeds.Entry::id)
                .containsExactly("urn:uuid:0b6e0f5e-1111-4a5e-9c0d-2b1f3c4d5e6f", "tag:aq.yq.cn,2025:publication/2026-11");
        assertThat(feed.entries().get(0).summary()).isEqualTo("预计未来三天AQI>200 & 持续");
        assertThat(feed.entries().get(1).title()).isEqualTo("阳泉市2026年11月空气质量状况及区县排名、超标排放单位名单");
        assertThat(feed.updated()).isEqualTo(feed.entries().get(0).updated());
    }
}
