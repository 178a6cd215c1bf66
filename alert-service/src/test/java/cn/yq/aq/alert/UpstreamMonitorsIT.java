package cn.yq.aq.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.testsupport.GatewaySigner;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.RealServers;
import cn.yq.aq.testsupport.RepoPaths;

/**
 * RANKING, TARGET_AT_RISK and DATA_SUSPECT from the real target-service (its jar, built earlier in the
 * reactor): a province table with 平定县 in the bottom 10, a city PM2.5 far above 35 µg/m³, and an hour of
 * ozone at zero that the pre-review finds.
 */
@RealServers(databases = "airquality")
class UpstreamMonitorsIT {

    static MosquittoServer mqtt;
    static InfluxServer influx;
    static Receivers receivers;
    static BootJar target;
    static AlertService alerts;
    static final List<String> COUNTIES = List.of("chengqu", "kuangqu", "jiaoqu", "pingding", "yuxian", "gaoxin");

    @BeforeAll
    static void start() throws Exception {
        Path jar = RepoPaths.resolve("target-service/target/target-service-0.1.0-SNAPSHOT.jar");
        assertThat(Files.isRegularFile(jar)).as(jar + " (built before alert-service in the reactor)").isTrue();
        LocalDate today = LocalDate.now(BeijingTime.ZONE);
        // the city's daily PM2.5 this year so far (aqi_daily, scope city, id = the registry's name): 60 µg/m³
        // every day, far above the 35 target
        List<String> lines = new ArrayList<>();
        for (LocalDate d = today.withDayOfYear(1); d.isBefore(today); d = d.plusDays(1)) {
            lines.add(String.format(Locale.ROOT, "aqi_daily,scope=city,id=yangquan aqi=82i,level=2i,pm25=60,valid=true %d",
                    d.atStartOfDay(BeijingTime.ZONE).toEpochSecond()));
        }
        influx.write("airquality", "s", String.join("\n", lines));
        YearMonth lastMonth = YearMonth.now(BeijingTime.ZONE).minusMonths(1);
        target = new BootJar(jar, List.of("--aq.influx.url=" + influx.url(), "--aq.materialization.scheduled=false",
                "--aq.targets[0].year=" + today.getYear(), "--aq.targets[0].scope=city", "--aq.targets[0].pm25Max=35",
                "--aq.ranking.goals[0].year=" + lastMonth.getYear(), "--aq.ranking.goals[0].county=pingding",
                "--aq.ranking.goals[0].notInBottom=10")).start();
        // the province's table for last month: 119 units, 平定县 at 115 (in the bottom 10), 盂县 at 20;
        // the month before: 平定县 at 117, 盂县 at 18
        importTable(lastMonth.minusMonths(1).toString(), 117, 18);
        importTable(lastMonth.toString(), 115, 20);

        receivers = new Receivers();
        COUNTIES.forEach(c -> receivers.answer("/hook/" + c, 200));
        // the monitors' first look waits until the counties have subscribed (an alert raised for a county
        // without a subscription is recorded, not delivered)
        alerts = new AlertService(mqtt, influx, "upstream", "--aq.upstream.target-service-url=" + target.url(),
                "--aq.upstream.every=2s", "--aq.monitor.initial-delay=6s");
        COUNTIES.forEach(c -> alerts.subscribe(c, receivers.url("/hook/" + c), c + "-secret-0123456789"));
        receivers.answer("/hook/city", 200);
        alerts.subscribe("city", receivers.url("/hook/city"), "city-secret-0123456789");
    }

    /** 119 units with index 3.00 + 0.02 × position; 平定县 and 盂县 at the given positions. */
    static void importTable(String period, int pingding, int yuxian) throws Exception {
        StringBuilder csv = new StringBuilder("unit,compositeIndex\n");
        for (int i = 1; i <= 119; i++) {
            String unit = i == pingding ? "平定县" : i == yuxian ? "盂县" : "单位" + i;
            csv.append(unit).append(',').append(String.format(Locale.ROOT, "%.2f", 3.0 + i * 0.02)).append('\n');
        }
        HttpResponse<String> put = AlertService.fresh().send(GatewaySigner.bureau(URI.create(target.url()
                        + "/api/v1/rankings/province/" + period)).header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (alerts != null) {
            alerts.close();
        }
        if (target != null) {
            target.close();
        }
        receivers.close();
    }

    static List<Receivers.Received> awaitType(String county, String type, int n) {
        return receivers.awaitDelivered("/hook/" + county, Receivers.ofType(type), n, Duration.ofSeconds(40));
    }

    @Test
    void aUnitInTheBottomTenOfTheProvinceTableIsAlertedOnce() throws Exception {
        // rank 115 of 119: 115 > 119 − 10 = 109, so in the bottom 10 (monthly table; the YTD one is not imported)
        List<Receivers.Received> got = awaitType("pingding", "RANKING", 1);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).field("level")).isEqualTo("bottom");
        assertThat(got.get(0).field("title")).isEqualTo("平定县综合指数排名位列全省后10名");
        assertThat(got.get(0).field("text")).contains("第115名（共119个，省厅公布）");
        receivers.staysDelivered("two more looks: nothing new", "/hook/pingding", Receivers.ofType("RANKING"), 1, Duration.ofSeconds(5));
        // 盂县 at 20 is not in the bottom and had no earlier period: no alert
        assertThat(receivers.delivered("/hook/yuxian")).noneMatch(x -> "RANKING".equals(x.field("type")));
    }

    /**
     * The monthly ranking notice: each county in the table gets its own figures (rank of 119, index,
     * change against the month before, its goal's status and gap), nothing about another county; the
     * bureau gets the summary.
     */
    @Test
    void importingAMonthsProvinceTableSendsEachCountyItsOwnRankingReport() throws Exception {
        List<Receivers.Received> pingding = awaitType("pingding", "RANKING_REPORT", 1);
        List<Receivers.Received> yuxian = awaitType("yuxian", "RANKING_REPORT", 1);
        assertThat(pingding).hasSize(1);
        assertThat(yuxian).hasSize(1);
        YearMonth month = YearMonth.now(BeijingTime.ZONE).minusMonths(1);
        assertThat(pingding.get(0).field("title")).isEqualTo("平定县" + month.getMonthValue() + "月全省空气质量排名通报");
        // 平定县 at position 115: index 3.00 + 115 × 0.02 = 5.30; the month before 117 (5.34): up 2 places, index down 0.04.
        // Goal: out of the bottom 10 of 119 = rank ≤ 109; the 109th smallest of the other units is position 109
        // (3.00 + 109 × 0.02 = 5.18): the index must fall by 5.30 − 5.18 = 0.12
        assertThat(pingding.get(0).field("text")).contains("综合指数为5.30", "排名第115名（共119个，省厅公布）", "较上月上升2位",
                "综合指数下降0.04", "综合指数需下降0.12才能退出后10名").doesNotContain("盂县");
        // 盂县 from 18 to 20: down 2 places; no goal configured for it
        assertThat(yuxian.get(0).field("text")).contains("排名第20名（共119个，省厅公布）", "较上月下降2位").doesNotContain("平定");
        assertThat(yuxian.get(0).json().get("details")).asString().contains("previousRank=18");
        List<Receivers.Received> summary = receivers.delivered("/hook/city").stream()
                .filter(x -> "RANKING_REPORT".equals(x.field("type"))).toList();
        assertThat(summary).hasSize(1);
        assertThat(summary.get(0).field("county")).isEqualTo("bureau");
        assertThat(summary.get(0).field("text")).contains("全省共119个县级单位", "平定县第115名", "盂县第20名");
        // once per table: the next looks send nothing more
        receivers.staysDelivered("once per table", "/hook/pingding", Receivers.ofType("RANKING_REPORT"), 1, Duration.ofSeconds(5));
        // other counties are not in the table (and have no index of their own here): no notice
        assertThat(receivers.delivered("/hook/chengqu")).noneMatch(x -> "RANKING_REPORT".equals(x.field("type")));
    }

    @Test
    void aCityTargetThatWillBeMissedIsAlertedToEveryCounty() throws Exception {
        // PM2.5 mean so far 60 > 35 and the rest of the year cannot bring it down (or the projection stays above 35)
        for (String c : COUNTIES) {
            List<Receivers.Received> got = awaitType(c, "TARGET_AT_RISK", 1);
            assertThat(got).as(() -> c + ": progress " + target.get("/api/v1/targets/progress?year="
                    + LocalDate.now(BeijingTime.ZONE).getYear()).body() + "\nalert-service log:\n" + alerts.jar.logTail()).hasSize(1);
            assertThat(got.get(0).field("level")).isIn("at-risk", "missed");
            assertThat(got.get(0).field("title")).startsWith("阳泉市" + LocalDate.now(BeijingTime.ZONE).getYear() + "年PM2.5年均浓度目标");
            assertThat(got.get(0).field("text")).contains("目标为35", "截至目前为60");
        }
    }

    @Test
    void aSuspectSpanOfThePreReviewIsOneNoticeToTheBureau() throws Exception {
        // yesterday at YQ-PD-01: ordinary hours (PM2.5 alternating 59/61: the day's mean stays 60, nothing constant),
        // but ozone at 0 at 03:00: negative-or-zero, one span of one hour
        LocalDate yesterday = LocalDate.now(BeijingTime.ZONE).minusDays(1);
        List<String> lines = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            lines.add(String.format(Locale.ROOT, "ambient,station=YQ-PD-01,county=pingding,type=provincial,interval=PT1H "
                    + "pm25=%d,pm10=%d,so2=%d,no2=%d,co=0.5,o3=%d %d", h % 2 == 0 ? 59 : 61, 90 + h, 10 + h, 20 + h, h == 3 ? 0 : 40 + h,
                    yesterday.atTime(h, 0).atZone(BeijingTime.ZONE).toEpochSecond()));
        }
        influx.write("airquality", "s", String.join("\n", lines));
        HttpResponse<String> recompute = AlertService.fresh().send(GatewaySigner.bureau(URI.create(target.url()
                + "/api/v1/admin/recompute?from=" + yesterday + "&to=" + yesterday)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(recompute.statusCode()).as(recompute.body()).isEqualTo(200);
        List<Receivers.Received> got = receivers.awaitDelivered("/hook/city", Receivers.ofType("DATA_SUSPECT"), 1, Duration.ofSeconds(40));
        assertThat(got).hasSize(1);
        assertThat(got.get(0).field("county")).isEqualTo("bureau");
        assertThat(got.get(0).field("title")).isEqualTo("平定县监测数据疑似异常：零值或负值");
        assertThat(got.get(0).field("text")).contains("O3为0", "请审核员核实");
        assertThat(got.get(0).json().get("details")).asString().contains("rule=negative-or-zero", "pollutant=o3");
        // one notice per span, once: the next looks send nothing more, and no county hears of it
        receivers.staysDelivered("once per suspect", "/hook/city", Receivers.ofType("DATA_SUSPECT"), 1, Duration.ofSeconds(5));
        assertThat(receivers.delivered("/hook/pingding")).noneMatch(x -> "DATA_SUSPECT".equals(x.field("type")));
    }
}
