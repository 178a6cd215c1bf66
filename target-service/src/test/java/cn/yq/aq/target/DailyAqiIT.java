package cn.yq.aq.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
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
import cn.yq.aq.testsupport.Json;
import cn.yq.aq.testsupport.RealServers;
import tools.jackson.databind.JsonNode;

/**
 * target-service's daily AQI, as deployed, against a real InfluxDB: hourly {@code ambient} points
 * are written as ingest writes them, {@code POST /api/v1/admin/recompute} materialises, the API
 * reads. Expected values are worked out by hand from HJ 633 / HJ 663 (arithmetic in the comments).
 */
@RealServers(mosquitto = false, databases = "airquality")
class DailyAqiIT {

    static InfluxServer influx;
    static BootJar target;
    /** A client per request: pooled JDK HttpClient connections were seen to hang requests on CI. */
    static HttpClient http() {
        return cn.yq.aq.testsupport.TestHttp.client();
    }

    @BeforeAll
    static void start() {
        target = BootJar.ofModule(List.of("--aq.influx.url=" + influx.url(), "--aq.materialization.scheduled=false",
                "--aq.targets[0].year=2024", "--aq.targets[0].scope=city", "--aq.targets[0].pm25Max=35",
                "--aq.targets[0].goodDaysRatioMin=80", "--aq.targets[0].heavyDaysMax=2",
                "--aq.ranking.goals[0].year=2024", "--aq.ranking.goals[0].county=pingding", "--aq.ranking.goals[0].notInBottom=3",
                "--aq.ranking.goals[1].year=2024", "--aq.ranking.goals[1].county=yuxian", "--aq.ranking.goals[1].notInBottom=3",
                "--aq.ranking.goals[2].year=2024", "--aq.ranking.goals[2].county=yuxian", "--aq.ranking.goals[2].improve=true",
                "--aq.ranking.goals[3].year=2024", "--aq.ranking.goals[3].county=gaoxin", "--aq.ranking.goals[3].notInBottom=3")).start();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    /** 24 hourly points of a station-day, each pollutant constant unless overridden. */
    static void day(String station, LocalDate day, double pm25, double pm10, double so2, double no2, double co, double o3,
                    int hours) {
        List<String> lines = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            long t = day.atTime(h, 0).atZone(BeijingTime.ZONE).toInstant().getEpochSecond();
            lines.add(String.format(Locale.ROOT, "ambient,station=%s,county=x,type=national,interval=PT1H "
                    + "pm25=%s,pm10=%s,so2=%s,no2=%s,co=%s,o3=%s %d", station, pm25, pm10, so2, no2, co, o3, t));
        }
        influx.write("airquality", "s", String.join("\n", lines));
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http().send(GatewaySigner.bureau(URI.create(target.url() + path)).timeout(java.time.Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return Json.parse(r.body());
    }

    static HttpResponse<String> recompute(String from, String to) throws Exception {
        return http().send(GatewaySigner.bureau(URI.create(target.url() + "/api/v1/admin/recompute?from=" + from + "&to=" + to))
                .timeout(java.time.Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFullDayGivesTheDailyAqiOfTheStandard() throws Exception {
        // PM2.5 80 all day (2012): (150−100)/(115−75)×(80−75)+100 = 106.25 → 107; PM10 100: (100−50)/(150−50)×50+50 = 75;
        // SO2 20: 20 → 20; NO2 40 → 50; CO 1.0 → 25; O3 100: MDA8 100 → 50, 1-h max 100 → 100/160×50 = 31.25 → 32.
        // AQI 107 (轻度污染, level 3), primary PM2.5.
        day("YQ-CQ-01", LocalDate.of(2025, 1, 10), 80, 100, 20, 40, 1.0, 100, 24);
        assertThat(recompute("2025-01-10", "2025-01-10").statusCode()).isEqualTo(200);
        JsonNode day = Json.only(json("/api/v1/aqi/daily?station=YQ-CQ-01&from=2025-01-10&to=2025-01-10"));
        Json.assertFields(day, "/date", "2025-01-10", "/aqi", 107, "/level", 3, "/category", "轻度污染",
                "/primaryPollutants", List.of("pm25"), "/valid", true, "/standard", "HJ 633-2012", "/colour", "#FF7E00",
                "/iaqi/pm25_24h", 107, "/iaqi/pm10_24h", 75, "/iaqi/so2_24h", 20, "/iaqi/no2_24h", 50, "/iaqi/co_24h", 25,
                "/iaqi/o3_8h", 50, "/iaqi/o3_1h", 32,
                "/concentrations/pm25", 80, "/concentrations/co", 1.0, "/concentrations/o3_8h_max", 100);
    }

    @Test
    void nineteenValidHoursMakeAnInvalidDay() throws Exception {
        // PM2.5 in 19 hours only (< 20): no daily PM2.5, the day is not valid
        day("YQ-CQ-02", LocalDate.of(2025, 1, 11), 50, 60, 10, 20, 0.5, 50, 24);
        List<String> drop = new ArrayList<>();
        for (int h = 19; h < 24; h++) {
            long t = LocalDate.of(2025, 1, 11).atTime(h, 0).atZone(BeijingTime.ZONE).toInstant().getEpochSecond();
            drop.add(String.format(Locale.ROOT, "ambient,station=YQ-CQ-02,county=x,type=national,interval=PT1H pm25_flag=\"M\" %d", t));
        }
        influx.write("airquality", "s", String.join("\n", drop)); // 5 hours flagged M: 19 valid
        recompute("2025-01-11", "2025-01-11");
        JsonNode day = Json.only(json("/api/v1/aqi/daily?station=YQ-CQ-02&from=2025-01-11&to=2025-01-11"));
        Json.assertFields(day, "/valid", false);
        assertThat(Json.names(day.path("concentrations"))).doesNotContain("pm25");
        assertThat(Json.names(day.path("iaqi"))).doesNotContain("pm25_24h");
    }

    @Test
    void aDayStraddlingTheSwitchUsesEachDaysRuleSet() throws Exception {
        // PM2.5 70: 2012 (2026-02-28) → 50 + 50/40×35 = 93.75 → 94; 2026 (2026-03-01) → 100 + 50/55×10 = 109.09 → 110
        day("YQ-KQ-01", LocalDate.of(2026, 2, 28), 70, 20, 5, 10, 0.3, 30, 24);
        day("YQ-KQ-01", LocalDate.of(2026, 3, 1), 70, 20, 5, 10, 0.3, 30, 24);
        recompute("2026-02-28", "2026-03-01");
        JsonNode days = json("/api/v1/aqi/daily?station=YQ-KQ-01&from=2026-02-28&to=2026-03-01");
        JsonNode february = Json.element(days, "date", "2026-02-28");
        JsonNode march = Json.element(days, "date", "2026-03-01");
        Json.assertFields(february, "/aqi", 94, "/standard", "HJ 633-2012");
        Json.assertFields(march, "/aqi", 110, "/standard", "HJ 633-2026");
        // 2026's daily report has no 1-h O3 (2012's has)
        assertThat(Json.names(february.path("iaqi"))).contains("o3_1h");
        assertThat(Json.names(march.path("iaqi"))).contains("o3_8h").doesNotContain("o3_1h");
    }

    @Test
    void daysAreNaturalDaysInAsiaShanghai() throws Exception {
        // 2025-01-12 PM2.5 40 all day; 2025-01-13 PM2.5 60 all day. 2025-01-13 00:00+08 is 2025-01-12 16:00Z:
        // UTC days would mix them (16 h of 40 and 8 h of 60 in one day). Shanghai days, 2012 table:
        // 40 → (100−50)/(75−35)×(40−35)+50 = 56.25 → 57; 60 → 50/40×25+50 = 81.25 → 82
        day("YQ-GX-01", LocalDate.of(2025, 1, 12), 40, 20, 5, 10, 0.3, 30, 24);
        day("YQ-GX-01", LocalDate.of(2025, 1, 13), 60, 20, 5, 10, 0.3, 30, 24);
        recompute("2025-01-12", "2025-01-13");
        JsonNode days = json("/api/v1/aqi/daily?station=YQ-GX-01&from=2025-01-12&to=2025-01-13");
        Json.assertFields(Json.element(days, "date", "2025-01-12"), "/aqi", 57);
        Json.assertFields(Json.element(days, "date", "2025-01-13"), "/aqi", 82);
    }

    @Test
    void lateDataChangesItsDayAndRecomputingAgainChangesNothing() throws Exception {
        // 20 hours of PM2.5 35 → 50, valid; then the late hours 20–23 at 95: mean (20×35 + 4×95)/24 = 45 → 50+50/40×10 = 62.5 → 63
        day("YQ-JQ-01", LocalDate.of(2025, 2, 1), 35, 20, 5, 10, 0.3, 30, 20);
        recompute("2025-02-01", "2025-02-01");
        Json.assertFields(Json.only(json("/api/v1/aqi/daily?station=YQ-JQ-01&from=2025-02-01&to=2025-02-01")),
                "/aqi", 50, "/valid", true);
        List<String> late = new ArrayList<>();
        for (int h = 20; h < 24; h++) {
            long t = LocalDate.of(2025, 2, 1).atTime(h, 0).atZone(BeijingTime.ZONE).toInstant().getEpochSecond();
            late.add(String.format(Locale.ROOT, "ambient,station=YQ-JQ-01,county=x,type=national,interval=PT1H "
                    + "pm25=95,pm10=20,so2=5,no2=10,co=0.3,o3=30 %d", t));
        }
        influx.write("airquality", "s", String.join("\n", late));
        recompute("2025-02-01", "2025-02-01");
        String second = get("/api/v1/aqi/daily?station=YQ-JQ-01&from=2025-02-01&to=2025-02-01").body();
        Json.assertFields(Json.only(Json.parse(second)), "/aqi", 63, "/concentrations/pm25", 45);
        recompute("2025-02-01", "2025-02-01");
        assertThat(get("/api/v1/aqi/daily?station=YQ-JQ-01&from=2025-02-01&to=2025-02-01").body()).isEqualTo(second);
        assertThat(influx.scalar("airquality", "SELECT count(aqi) FROM aqi_daily WHERE scope = 'station' AND id = 'YQ-JQ-01'"))
                .isEqualTo(1.0);
    }

    @Test
    void aBulkRecomputeWithoutHourlyLeavesTheRealtimeAqiAlone() throws Exception {
        // PM2.5 80 all day → daily 107 (see aFullDay…); hourly AQI of 23:00 also 107
        day("YQ-YX-02", LocalDate.of(2025, 4, 2), 80, 100, 20, 40, 1.0, 100, 24);
        recompute("2025-04-02", "2025-04-02");
        Json.assertFields(json("/api/v1/aqi/realtime?station=YQ-YX-02"), "/aqi", 107);
        // the day's PM2.5 rises to 160 (daily (300−200)/(250−150)×10+200 = 210); a recompute with hourly=false
        // changes the daily AQI, not the stored real-time AQI
        day("YQ-YX-02", LocalDate.of(2025, 4, 2), 160, 100, 20, 40, 1.0, 100, 24);
        HttpResponse<String> r = http().send(GatewaySigner.bureau(URI.create(target.url()
                + "/api/v1/admin/recompute?from=2025-04-02&to=2025-04-02&hourly=false")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        Json.assertFields(Json.parse(r.body()), "/hourlyPoints", 0);
        Json.assertFields(Json.only(json("/api/v1/aqi/daily?station=YQ-YX-02&from=2025-04-02&to=2025-04-02")), "/aqi", 210);
        Json.assertFields(json("/api/v1/aqi/realtime?station=YQ-YX-02"), "/aqi", 107);
    }

    @Test
    void countyAndCityAreTheMeanOfTheirEvaluationStations() throws Exception {
        // 平定县 = YQ-PD-01 and YQ-PD-02 (not the industrial park YQ-PD-P1): PM2.5 50 and 90 → 70 → 94 (2012);
        // the park's 300 must not count
        LocalDate d = LocalDate.of(2025, 3, 5);
        day("YQ-PD-01", d, 50, 20, 5, 10, 0.3, 30, 24);
        day("YQ-PD-02", d, 90, 20, 5, 10, 0.3, 30, 24);
        day("YQ-PD-P1", d, 300, 20, 5, 10, 0.3, 30, 24);
        recompute("2025-03-05", "2025-03-05");
        Json.assertFields(Json.only(json("/api/v1/aqi/daily?county=pingding&from=2025-03-05&to=2025-03-05")),
                "/aqi", 94, "/concentrations/pm25", 70);
        Json.assertFields(Json.only(json("/api/v1/aqi/daily?city=true&from=2025-03-05&to=2025-03-05")), "/date", "2025-03-05");
    }

    @Test
    void theRealtimeAqiIsTheLatestHourOfTheStation() throws Exception {
        // last hour 2025-04-01 23:00: PM2.5 1-h 80 on the 24-h table (2012 practice): 106.25 → 107; O3 1-h 100 → 32;
        // O3 8-h moving average of the last 8 hours 100 → 50; AQI 107
        day("YQ-YX-01", LocalDate.of(2025, 4, 1), 80, 100, 20, 40, 1.0, 100, 24);
        recompute("2025-04-01", "2025-04-01");
        HttpResponse<String> r = get("/api/v1/aqi/realtime?station=YQ-YX-01");
        assertThat(r.statusCode()).isEqualTo(200);
        Json.assertFields(Json.parse(r.body()), "/station", "YQ-YX-01", "/time", "2025-04-01T23:00:00+08:00", "/aqi", 107,
                "/category", "轻度污染", "/primaryPollutants", List.of("pm25"), "/iaqi/o3", 50);
        // a registered station without data (no test here writes the roadside station), and an unknown one
        HttpResponse<String> noData = get("/api/v1/aqi/realtime?station=YQ-CQ-R1");
        assertThat(noData.statusCode()).isEqualTo(404);
        Json.assertFields(Json.parse(noData.body()), "/type", "/problems/no-data");
        HttpResponse<String> unknown = get("/api/v1/aqi/realtime?station=YQ-NOPE");
        assertThat(unknown.statusCode()).isEqualTo(404);
        Json.assertFields(Json.parse(unknown.body()), "/type", "/problems/unknown-station");
    }

    @Test
    void countiesAreRankedByTheCompositeIndex() throws Exception {
        // three days of constant hourly values, so means, CO P95 and O3 MDA8 P90 equal the constants.
        // 高新区 (YQ-GX-01): 21/35 + 39/70 + 9/60 + 15/40 + 0.7/4 + 192/160 = 3.06 (the worked example)
        // 城区 (YQ-CQ-01, YQ-CQ-02): every pollutant at its Grade II limit: 6 × 1 = 6.00
        // 矿区 (YQ-KQ-01): PM2.5 twice the limit: 2 + 5 = 7.00
        for (LocalDate d = LocalDate.of(2025, 5, 1); d.isBefore(LocalDate.of(2025, 5, 4)); d = d.plusDays(1)) {
            day("YQ-GX-01", d, 21, 39, 9, 15, 0.7, 192, 24);
            day("YQ-CQ-01", d, 35, 70, 60, 40, 4, 160, 24);
            day("YQ-CQ-02", d, 35, 70, 60, 40, 4, 160, 24);
            day("YQ-KQ-01", d, 70, 70, 60, 40, 4, 160, 24);
        }
        recompute("2025-05-01", "2025-05-03");
        JsonNode counties = json("/api/v1/index/counties?from=2025-05-01&to=2025-05-03");
        assertThat(Json.values(counties, "county").subList(0, 3)).containsExactly("gaoxin", "chengqu", "kuangqu");
        // good days: 城区 AQI 100 (CO 4 → 100, O3 8-h 160 → 100) is good; 高新区 O3 8-h 192 → 50/55×32+100 = 129.1 → 130 is not;
        // 矿区 PM2.5 70 → 50/40×35+50 = 93.75 → 94 is good
        Json.assertFields(Json.element(counties, "county", "gaoxin"), "/nameZh", "高新区", "/compositeIndex", 3.06, "/rank", 1,
                "/primaryPollutants", List.of("o3"), "/validDays", 3, "/goodDaysRatio", 0.0, "/heavyDays", 0,
                "/concentrations/co_p95", 0.7, "/concentrations/o3_8h_p90", 192);
        Json.assertFields(Json.element(counties, "county", "chengqu"), "/nameZh", "城区", "/compositeIndex", 6.00, "/rank", 2,
                "/validDays", 3, "/goodDaysRatio", 100.0, "/heavyDays", 0);
        Json.assertFields(Json.element(counties, "county", "kuangqu"), "/nameZh", "矿区", "/compositeIndex", 7.00, "/rank", 3,
                "/validDays", 3, "/goodDaysRatio", 100.0, "/heavyDays", 0);
        // materialised for the month (May: 3 valid days of 27 needed → not valid)
        assertThat(influx.scalar("airquality", "SELECT \"index\" FROM composite_index WHERE county = 'gaoxin' AND period = 'month'"
                + " AND time = '2025-04-30T16:00:00Z'")).isEqualTo(3.06);
        Json.assertFields(Json.only(Json.influxRows(influx.query("airquality",
                "SELECT valid FROM composite_index WHERE county = 'gaoxin' AND period = 'month'"
                + " AND time = '2025-04-30T16:00:00Z'", "s"))), "/1", false);
    }

    @Test
    void cemsComplianceCorrectsToTheProfilesReferenceO2AndCountsExceedanceHours() throws Exception {
        // 郊区供热站 YQ-JQ-B03, gas-low-nox: NOx 50 mg/m³ at 3.5 % O2
        //   08:00 NOx 30 at O2 8:  30 × (21 − 3.5)/(21 − 8)  = 40.38 ≤ 50
        //   09:00 NOx 35 at O2 10: 35 × 17.5/11 = 55.68 > 50 → exceedance
        //   10:00 NOx 60 with O2 flagged M: not a valid hour
        // 阳泉市热力公司热源厂 YQ-CQ-B01, ultra-low (PM 10, SO2 35, NOx 50 at 6 %):
        //   08:00 PM 8, SO2 20, NOx 41 at O2 10.2: PM 8 × 15/10.8 = 11.11 > 10, SO2 27.78, NOx 56.94 > 50 → 2 exceedances
        //   09:00 PM 5, SO2 20, NOx 30 at O2 9: PM 6.25, SO2 25, NOx 37.5 → none
        long t8 = LocalDate.of(2025, 12, 1).atTime(8, 0).atZone(BeijingTime.ZONE).toEpochSecond();
        influx.write("airquality", "s", String.join("\n",
                "cems,source=YQ-JQ-B03,interval=PT1H nox=30,o2=8 " + t8,
                "cems,source=YQ-JQ-B03,interval=PT1H nox=35,o2=10 " + (t8 + 3600),
                "cems,source=YQ-JQ-B03,interval=PT1H nox=60,o2=9,o2_flag=\"M\" " + (t8 + 7200),
                "cems,source=YQ-CQ-B01,interval=PT1H pm=8,so2=20,nox=41,o2=10.2 " + t8,
                "cems,source=YQ-CQ-B01,interval=PT1H pm=5,so2=20,nox=30,o2=9 " + (t8 + 3600)));
        recompute("2025-12-01", "2025-12-01");
        // materialised once, at the profile's reference O2, in cems_hourly (what the alerts and dashboards read)
        // rows: time, nox_corrected, nox_limit, nox_exceed, o2, reference_o2 (the 10:00 hour is not there)
        JsonNode hours = Json.influxRows(influx.query("airquality", "SELECT nox_corrected, nox_limit, nox_exceed, o2, reference_o2"
                + " FROM cems_hourly WHERE source = 'YQ-JQ-B03' AND profile = 'gas-low-nox'", "s"));
        assertThat(hours.size()).as(hours.toString()).isEqualTo(2);
        Json.assertFields(hours.get(0), "/0", t8, "/2", 50, "/3", 0, "/4", 8, "/5", 3.5);
        assertThat(hours.get(0).get(1).doubleValue()).isCloseTo(40.3846, within(1e-4));
        Json.assertFields(hours.get(1), "/0", t8 + 3600, "/2", 50, "/3", 1, "/4", 10, "/5", 3.5);
        assertThat(hours.get(1).get(1).doubleValue()).isCloseTo(55.6818, within(1e-4));
        JsonNode compliance = json("/api/v1/sources/compliance?from=2025-12-01&to=2025-12-01");
        JsonNode heating = Json.element(compliance.path("sources"), "source", "YQ-JQ-B03");
        Json.assertFields(heating, "/enterprise", "郊区供热站", "/county", "jiaoqu", "/fuel", "gas", "/limitProfile", "gas-low-nox",
                "/referenceO2", 3.5, "/exceedanceHours", 1);
        Json.assertFields(Json.element(heating.path("pollutants"), "pollutant", "nox"),
                "/validHours", 2, "/exceedanceHours", 1, "/maxCorrected", 55.68, "/limit", 50.0);
        JsonNode plant = Json.element(compliance.path("sources"), "source", "YQ-CQ-B01");
        Json.assertFields(Json.element(plant.path("pollutants"), "pollutant", "pm"),
                "/validHours", 2, "/exceedanceHours", 1, "/maxCorrected", 11.11, "/limit", 10.0);
        Json.assertFields(Json.element(plant.path("pollutants"), "pollutant", "so2"),
                "/validHours", 2, "/exceedanceHours", 0, "/maxCorrected", 27.78, "/limit", 35.0);
        Json.assertFields(Json.element(plant.path("pollutants"), "pollutant", "nox"),
                "/validHours", 2, "/exceedanceHours", 1, "/maxCorrected", 56.94, "/limit", 50.0);
        // the list to publish: both units (no other source has data), with what they exceeded
        JsonNode exceeding = compliance.path("exceeding");
        assertThat(Json.values(exceeding, "source")).containsExactlyInAnyOrder("YQ-JQ-B03", "YQ-CQ-B01");
        assertThat(Json.values(Json.element(exceeding, "source", "YQ-CQ-B01").path("pollutants"), null))
                .containsExactlyInAnyOrder("pm", "nox");
        // VOCs: 平定工业园区 NMHC 1.5 (≤ 2.0), 2.5 (> 2.0: exceedance), 3.0 flagged M (not counted), DB13/1577 Grade II 2.0
        influx.write("airquality", "s", String.join("\n",
                "ambient,station=YQ-PD-P1,interval=PT1H,type=industrial-park nmhc=1.5 " + t8,
                "ambient,station=YQ-PD-P1,interval=PT1H,type=industrial-park nmhc=2.5 " + (t8 + 3600),
                "ambient,station=YQ-PD-P1,interval=PT1H,type=industrial-park nmhc=3.0,nmhc_flag=\"M\" " + (t8 + 7200)));
        recompute("2025-12-01", "2025-12-01");
        Json.assertFields(Json.element(json("/api/v1/sources/compliance?from=2025-12-01&to=2025-12-01").path("vocs"), "station", "YQ-PD-P1"),
                "/name", "平定工业园区", "/county", "pingding", "/reference", "db13-1577-ii",
                "/referenceZh", "DB13/1577—2012 二级 小时值", "/limit", 2.0, "/validHours", 2, "/exceedanceHours", 1, "/max", 2.5);
        // a county sees its own sources only
        JsonNode jiaoqu = json("/api/v1/sources/compliance?from=2025-12-01&to=2025-12-01&county=jiaoqu");
        assertThat(Json.values(jiaoqu.path("sources"), "source")).containsExactly("YQ-JQ-B03");
        assertThat(Json.values(jiaoqu.path("exceeding"), "source")).containsExactly("YQ-JQ-B03");
        // the station corrects itself: the 09:00 NOx is flagged M after all; the recompute removes that hour
        // (it no longer counts anywhere) instead of leaving the old exceedance in cems_hourly
        influx.write("airquality", "s", "cems,source=YQ-JQ-B03,interval=PT1H nox=35,o2=10,nox_flag=\"M\" " + (t8 + 3600));
        recompute("2025-12-01", "2025-12-01");
        JsonNode corrected = Json.only(json("/api/v1/sources/compliance?from=2025-12-01&to=2025-12-01&county=jiaoqu").path("sources"));
        Json.assertFields(Json.element(corrected.path("pollutants"), "pollutant", "nox"),
                "/validHours", 1, "/exceedanceHours", 0, "/maxCorrected", 40.38, "/limit", 50.0);
        assertThat(influx.scalar("airquality", "SELECT count(nox_corrected) FROM cems_hourly WHERE source = 'YQ-JQ-B03'")).isEqualTo(1.0);
    }

    static final List<String> NATIONAL = List.of("YQ-CQ-01", "YQ-CQ-02", "YQ-KQ-01", "YQ-GX-01"); // the city's stations

    @Test
    void targetsProgressWithProjectionRequiredMeanAndStatus() throws Exception {
        // 2024 (366 days), as of 2024-01-10: Jan 1–8 PM2.5 40 (AQI 50/40×5+50 = 56.25 → 57, good),
        // Jan 9–10 PM2.5 160 (AQI (300−200)/(250−150)×10+200 = 210: heavily polluted, not good)
        for (LocalDate d = LocalDate.of(2024, 1, 1); d.isBefore(LocalDate.of(2024, 1, 11)); d = d.plusDays(1)) {
            for (String s : NATIONAL) {
                day(s, d, d.getDayOfMonth() <= 8 ? 40 : 160, 20, 5, 10, 0.3, 30, 24);
            }
        }
        recompute("2024-01-01", "2024-01-10");
        JsonNode progress = json("/api/v1/targets/progress?year=2024&asOf=2024-01-10");
        // PM2.5: actual (8×40 + 2×160)/10 = 64; required (35×366 − 64×10)/356 = 34.19 → 34.2; no 2023 data: projection 64
        Json.assertFields(Json.element(progress, "indicator", "pm25"), "/id", "2024-city", "/scope", "city",
                "/indicatorZh", "PM2.5年均浓度", "/target", 35.0, "/actual", 64.0, "/projection", 64.0, "/requiredRest", 34.2,
                "/daysSoFar", 10, "/daysLeft", 356, "/status", "at-risk", "/statusZh", "存在风险");
        // good days 8 of 10 = 80.0 % (floor 80): required (0.8×366 − 8)/356 = 80.0 %; on track
        Json.assertFields(Json.element(progress, "indicator", "goodDaysRatio"), "/indicatorZh", "优良天数比例", "/target", 80.0,
                "/actual", 80.0, "/projection", 80.0, "/requiredRest", 80.0);
        // heavily polluted days: 2 of at most 2: on track, one more misses it
        Json.assertFields(Json.element(progress, "indicator", "heavyDays"), "/indicatorZh", "重污染天数", "/target", 2.0,
                "/actual", 2.0, "/projection", 2.0, "/requiredRest", null, "/daysSoFar", 10, "/daysLeft", 356, "/status", "on-track");

        // with last year's same days (2023-01-11 … 12-31, PM2.5 30, AQI 50/35×30 = 42.9 → 43, good) the projection
        // becomes (64×10 + 30×356)/366 = 30.93 → 30.9: on track; good days 100×(8 + 356)/366 = 99.45 → 99.5
        List<String> lines = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2023, 1, 11); !d.isAfter(LocalDate.of(2023, 12, 31)); d = d.plusDays(1)) {
            for (String s : NATIONAL) {
                for (int h = 0; h < 24; h++) {
                    lines.add(String.format(Locale.ROOT, "ambient,station=%s,county=x,type=national,interval=PT1H "
                            + "pm25=30,pm10=20,so2=5,no2=10,co=0.3,o3=30 %d", s, d.atTime(h, 0).atZone(BeijingTime.ZONE).toEpochSecond()));
                }
            }
        }
        for (int i = 0; i < lines.size(); i += 10_000) {
            influx.write("airquality", "s", String.join("\n", lines.subList(i, Math.min(lines.size(), i + 10_000))));
        }
        recompute("2023-01-11", "2023-12-31");
        JsonNode after = json("/api/v1/targets/progress?year=2024&asOf=2024-01-10");
        Json.assertFields(Json.element(after, "indicator", "pm25"), "/actual", 64.0, "/projection", 30.9, "/requiredRest", 34.2,
                "/daysSoFar", 10, "/daysLeft", 356, "/status", "on-track", "/statusZh", "进度正常");
        Json.assertFields(Json.element(after, "indicator", "goodDaysRatio"), "/actual", 80.0, "/projection", 99.5);
        // per county over the same ten days (城区 = its two national stations): 8 good days of 10, 2 heavily polluted
        Json.assertFields(Json.element(json("/api/v1/index/counties?from=2024-01-01&to=2024-01-10"), "county", "chengqu"),
                "/validDays", 10, "/goodDaysRatio", 80.0, "/heavyDays", 2);
        // the year over (as of 2024-12-31 nothing more arrived): actual 64 > 35 → missed
        Json.assertFields(Json.element(json("/api/v1/targets/progress?year=2024&asOf=2024-12-31"), "indicator", "pm25"),
                "/status", "missed", "/statusZh", "未完成");
        assertThat(get("/api/v1/targets/progress?year=twenty").statusCode()).isEqualTo(400);
        // a year without configured targets is a clear problem, not an empty list
        HttpResponse<String> none = get("/api/v1/targets/progress?year=2023");
        assertThat(none.statusCode()).isEqualTo(404);
        Json.assertFields(Json.parse(none.body()), "/reason", "no-targets", "/title", "该年度未配置目标");
        // the answer is what target_progress holds for that day (the dashboard reads the same points)
        Json.assertFields(Json.only(Json.influxRows(influx.query("airquality", "SELECT actual, projection, required_rest, status"
                + " FROM target_progress WHERE \"target\"::tag = '2024-city' AND indicator = 'pm25'"
                + " AND time = '2024-01-10T00:00:00+08:00'", "s"))), "/1", 64, "/2", 30.9, "/3", 34.2, "/4", "on-track");
    }

    static HttpResponse<String> put(String path, String contentType, String body) throws Exception {
        return http().send(GatewaySigner.bureau(URI.create(target.url() + path)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void provinceRankingOfficialAndEstimatedRanksAndGoals() throws Exception {
        // May: 阳泉市盂县 5th of 6 (the previous period, for the "rank improves" goal)
        assertThat(put("/api/v1/rankings/province/2024-05", "application/json", "[{\"unit\":\"A\",\"compositeIndex\":3.0},"
                + "{\"unit\":\"B\",\"compositeIndex\":3.2},{\"unit\":\"C\",\"compositeIndex\":3.3},{\"unit\":\"D\",\"compositeIndex\":3.4},"
                + "{\"unit\":\"阳泉市盂县\",\"compositeIndex\":3.9},{\"unit\":\"F\",\"compositeIndex\":4.5}]").statusCode()).isEqualTo(200);
        // June, 12 units, CSV. Sorted: 3.10 U1, 3.50 U2, 3.80 盂县, 4.00 U4, 4.20 U5, 4.30 U7, 4.45 U8, 4.60 U9, 4.70 U10,
        // 4.90 平定县 (10th), 5.10 U11, 5.30 U12
        HttpResponse<String> imported = put("/api/v1/rankings/province/2024-06", "text/csv", "unit,compositeIndex\n"
                + "U1,3.10\nU2,3.50\n阳泉市盂县,3.80\nU4,4.00\nU5,4.20\n阳泉市平定县,4.90\nU7,4.30\nU8,4.45\nU9,4.60\nU10,4.70\n"
                + "U11,5.10\nU12,5.30\n");
        assertThat(imported.statusCode()).isEqualTo(200);
        Json.assertFields(Json.parse(imported.body()), "/units", 12);
        // 高新区 is not in the table: its own index for June (3 days at the worked example's values: 3.06) is inserted
        for (LocalDate d = LocalDate.of(2024, 6, 1); d.isBefore(LocalDate.of(2024, 6, 4)); d = d.plusDays(1)) {
            day("YQ-GX-01", d, 21, 39, 9, 15, 0.7, 192, 24);
        }
        recompute("2024-06-01", "2024-06-03");
        JsonNode view = json("/api/v1/rankings/province/2024-06");
        Json.assertFields(Json.element(view.path("ours"), "county", "pingding"), "/nameZh", "平定县", "/unit", "阳泉市平定县",
                "/compositeIndex", 4.90, "/rank", 10, "/of", 12, "/estimated", false);
        // 3.06 < 3.10: estimated 1st of 13
        Json.assertFields(Json.element(view.path("ours"), "county", "gaoxin"), "/nameZh", "高新区", "/unit", null,
                "/compositeIndex", 3.06, "/rank", 1, "/of", 13, "/estimated", true);
        // out of the bottom 3 of 12 means rank ≤ 9: the 9th smallest of the others is U10's 4.70, so 平定县's index must fall
        // by 4.90 − 4.70 = 0.20
        JsonNode goals = view.path("goals");
        Json.assertFields(Json.element(goals, "county", "pingding", "goal", "不进入全省后3名"), "/status", "at-risk",
                "/statusZh", "未达标", "/gap", 0.20, "/detailZh", "平定县综合指数需下降0.20才能退出后3名");
        Json.assertFields(Json.element(goals, "county", "yuxian", "goal", "不进入全省后3名"), "/status", "met");
        // 盂县 5th in May, 3rd in June: improved
        Json.assertFields(Json.element(goals, "county", "yuxian", "goal", "排名提升"), "/status", "met", "/statusZh", "达标",
                "/gap", null, "/detailZh", "盂县排名由第5名变为第3名");
        Json.assertFields(Json.element(goals, "county", "gaoxin", "goal", "不进入全省后3名"), "/status", "met");
        // bad input
        assertThat(put("/api/v1/rankings/province/2024-13", "text/csv", "U1,3").statusCode()).isEqualTo(400);
        Json.assertFields(Json.parse(put("/api/v1/rankings/province/2024-07", "text/csv", "U1,3\nU1,4").body()),
                "/type", "/problems/duplicate-unit");
        assertThat(put("/api/v1/rankings/province/2024-07", "text/csv", "U1,abc").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/rankings/province/2023-01").statusCode()).isEqualTo(404);
    }

    @Test
    void unitNamesWithQuotesCommasAndBackslashesGoInAndComeBackAsWritten() throws Exception {
        // CSV quoting: "O'Brien县, 东" is one field holding a comma and a single quote; "双引号""县" holds a
        // double quote; the backslash is a plain character. They become InfluxDB tag values (line protocol
        // escaping) and are read back and deleted by period through bound InfluxQL parameters.
        String period = "2024-08";
        assertThat(put("/api/v1/rankings/province/" + period, "text/csv", "unit,compositeIndex\n"
                + "\"O'Brien县, 东\",3.10\n\"反斜杠\\县\",3.20\n\"双引号\"\"县\",3.30\n").statusCode()).isEqualTo(200);
        JsonNode table = Json.parse(get("/api/v1/rankings/province/" + period).body()).path("table");
        assertThat(table.valueStream().map(r -> r.path("unit").stringValue() + "=" + r.path("rank").intValue()).toList())
                .containsExactly("O'Brien县, 东=1", "反斜杠\\县=2", "双引号\"县=3");
        // importing the period again replaces the table: the old units (quotes and all) are deleted
        assertThat(put("/api/v1/rankings/province/" + period, "text/csv", "U1,4.0\n").statusCode()).isEqualTo(200);
        table = Json.parse(get("/api/v1/rankings/province/" + period).body()).path("table");
        assertThat(table.valueStream().map(r -> r.path("unit").stringValue()).toList()).containsExactly("U1");
    }

    @Test
    void badParametersAreProblemDetails() throws Exception {
        HttpResponse<String> badDate = get("/api/v1/aqi/daily?station=YQ-CQ-01&from=2025-13-01&to=2025-01-01");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = Json.parse(badDate.body());
        Json.assertFields(problem, "/type", "/problems/bad-parameter", "/title", "请求参数错误", "/status", 400);
        assertThat(problem.path("detail").asString()).contains("'from'", "2025-13-01");
        HttpResponse<String> unknown = get("/api/v1/aqi/daily?station=YQ-NOPE&from=2025-01-01&to=2025-01-02");
        assertThat(unknown.statusCode()).isEqualTo(404);
        Json.assertFields(Json.parse(unknown.body()), "/type", "/problems/unknown-station", "/title", "未登记的监测站点");
        assertThat(get("/api/v1/aqi/daily?from=2025-01-01&to=2025-01-02").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/aqi/daily?station=YQ-CQ-01&from=2025-02-01&to=2025-01-01").statusCode()).isEqualTo(400);
        assertThat(recompute("2025-01-01", "yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void theOpenApiDocumentListsTheApi() throws Exception {
        JsonNode api = json("/v3/api-docs");
        Json.assertFields(api, "/info/title", "target-service");
        assertThat(Json.names(api.path("paths"))).contains("/api/v1/aqi/daily", "/api/v1/aqi/realtime", "/api/v1/index/counties",
                "/api/v1/targets/progress", "/api/v1/sources/compliance", "/api/v1/admin/recompute",
                "/api/v1/rankings/province/{period}");
    }
}
