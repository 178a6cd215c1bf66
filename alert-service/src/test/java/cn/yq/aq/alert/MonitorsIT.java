package cn.yq.aq.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.RealServers;
import cn.yq.aq.testsupport.Json;
import tools.jackson.databind.JsonNode;

/**
 * The monitors on real data: a boiler exceeding for hours gives one alert per episode (and one when
 * it ends, with all its hours); escalation re-alerts; a silent station is reported and cleared; VOCs.
 */
@RealServers(databases = "airquality")
class MonitorsIT {

    static MosquittoServer mqtt;
    static InfluxServer influx;
    static Receivers receivers;
    static AlertService alerts;
    static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS);
    static final List<String> COUNTIES = List.of("chengqu", "kuangqu", "jiaoqu", "pingding", "yuxian", "gaoxin");

    @BeforeAll
    static void start() {
        receivers = new Receivers();
        COUNTIES.forEach(c -> receivers.answer("/hook/" + c, 200));
        alerts = new AlertService(mqtt, influx, "monitors");
        COUNTIES.forEach(c -> alerts.subscribe(c, receivers.url("/hook/" + c), c + "-secret-0123456789"));
    }

    @AfterAll
    static void stop() {
        alerts.close();
        receivers.close();
    }

    /**
     * An hour of a gas boiler as target-service materialises it in cems_hourly (the monitor reads only
     * that): gas-low-nox, NOx limit 50 mg/m³ at 3.5 % O2, measured at 3.5 % (factor 1), so the corrected
     * value is the measured one; {@code exceed} is target-service's verdict (NOx above 50).
     */
    static void cems(String source, String county, Instant hour, double nox) {
        influx.write("airquality", "s", String.format(Locale.ROOT, "cems_hourly,source=%s,enterprise=e,county=%s,fuel=gas,"
                + "profile=gas-low-nox pm_corrected=5,pm_limit=5,pm_exceed=0i,so2_corrected=10,so2_limit=10,so2_exceed=0i,"
                + "nox_corrected=%s,nox_limit=50,nox_exceed=%di,o2=3.5,reference_o2=3.5 %d", source, county, nox, nox > 50 ? 1 : 0,
                hour.getEpochSecond()));
    }

    static List<Receivers.Received> ofType(String county, String type) {
        return receivers.delivered("/hook/" + county).stream().filter(x -> type.equals(x.field("type"))).toList();
    }

    static List<Receivers.Received> awaitType(String county, String type, int n) {
        return receivers.awaitDelivered("/hook/" + county, Receivers.ofType(type), n, Duration.ofSeconds(30));
    }

    @Test
    void aBoilerExceedingForFiveHoursGivesOneAlertThenOneEndWithTheHours() throws Exception {
        // YQ-JQ-B03, gas, profile gas-low-nox: NOx 50 mg/m³ at 3.5 % O2. Measured at O2 3.5 % the
        // correction factor is (21 − 3.5)/(21 − 3.5) = 1, so NOx 80 is 80 > 50 (1.6 × the limit).
        Instant start = HOUR.minus(Duration.ofHours(12));
        for (int h = 0; h < 5; h++) {
            cems("YQ-JQ-B03", "jiaoqu", start.plus(Duration.ofHours(h)), 80);
            Thread.sleep(1500); // the monitor (every 1 s) looks at each hour as it arrives
        }
        assertThat(awaitType("jiaoqu", "SOURCE_EXCEEDANCE", 1)).hasSize(1);
        // two compliant hours (NOx 30 ≤ 50) end the episode (episode-end-hours 2)
        cems("YQ-JQ-B03", "jiaoqu", start.plus(Duration.ofHours(5)), 30);
        cems("YQ-JQ-B03", "jiaoqu", start.plus(Duration.ofHours(6)), 30);
        List<Receivers.Received> got = awaitType("jiaoqu", "SOURCE_EXCEEDANCE", 2);
        receivers.staysDelivered("no alert after the end", "/hook/jiaoqu", Receivers.ofType("SOURCE_EXCEEDANCE"), 2, Duration.ofMillis(2500));
        got = ofType("jiaoqu", "SOURCE_EXCEEDANCE");
        assertThat(got).extracting(x -> x.field("level")).containsExactly("exceed", "ended");
        assertThat(got.get(0).field("title")).isEqualTo("郊区供热站排放超标");
        assertThat(got.get(0).field("text")).contains("氮氧化物", "80.0mg/m³（限值50.0）");
        Map<String, Object> ended = got.get(1).json();
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) ended.get("details");
        assertThat(details.get("hours")).isEqualTo(5);
        assertThat((List<?>) details.get("exceedingHours")).hasSize(5);
        assertThat(got.get(1).field("text")).contains("共超标5小时");
        assertThat(got).allSatisfy(x -> assertThat(x.field("county")).isEqualTo("jiaoqu"));
        // sent to the county of the enterprise only
        for (String other : List.of("chengqu", "kuangqu", "pingding", "yuxian", "gaoxin")) {
            assertThat(ofType(other, "SOURCE_EXCEEDANCE")).filteredOn(x -> "YQ-JQ-B03".equals(x.field("scope"))).isEmpty();
        }
    }

    @Test
    void anEpisodeThatGetsWorseIsAlertedAgain() throws Exception {
        // YQ-GX-B01 (gaoxin), gas-low-nox: NOx 60 = 1.2 × 50 (band 0), then 110 = 2.2 × 50 > 2.0 (band 2): escalated
        Instant start = HOUR.minus(Duration.ofHours(10));
        cems("YQ-GX-B01", "gaoxin", start, 60);
        assertThat(awaitType("gaoxin", "SOURCE_EXCEEDANCE", 1)).extracting(x -> x.field("level")).containsExactly("exceed");
        cems("YQ-GX-B01", "gaoxin", start.plus(Duration.ofHours(1)), 62);
        Thread.sleep(2000);
        cems("YQ-GX-B01", "gaoxin", start.plus(Duration.ofHours(2)), 110);
        List<Receivers.Received> got = awaitType("gaoxin", "SOURCE_EXCEEDANCE", 2);
        assertThat(got).extracting(x -> x.field("level")).containsExactly("exceed", "escalated");
        assertThat(got.get(1).field("text")).contains("已持续3小时", "110.0mg/m³");
    }

    @Test
    void aSilentStationIsReportedAndClearedWhenDataReturns() throws Exception {
        // YQ-CQ-02's latest hour started 4 h ago: it ended 3 h ago, more than 2 h without data
        influx.write("airquality", "s", String.format(Locale.ROOT,
                "ambient,station=YQ-CQ-02,county=chengqu,type=national,interval=PT1H pm25=40 %d",
                HOUR.minus(Duration.ofHours(4)).getEpochSecond()));
        List<Receivers.Received> got = awaitType("chengqu", "STATION_OFFLINE", 1);
        assertThat(got).extracting(x -> x.field("level")).containsExactly("offline");
        // the registry's name 城区南庄 already names the county
        assertThat(got.get(0).field("title")).isEqualTo("城区南庄（YQ-CQ-02）监测站数据中断");
        receivers.staysDelivered("one alert, not one per look", "/hook/chengqu", Receivers.ofType("STATION_OFFLINE"), 1,
                Duration.ofMillis(2500));
        // data again: the hour that started an hour ago has ended now
        influx.write("airquality", "s", String.format(Locale.ROOT,
                "ambient,station=YQ-CQ-02,county=chengqu,type=national,interval=PT1H pm25=42 %d",
                HOUR.minus(Duration.ofHours(1)).getEpochSecond()));
        got = awaitType("chengqu", "STATION_OFFLINE", 2);
        assertThat(got).extracting(x -> x.field("level")).containsExactly("offline", "restored");
        assertThat(got.get(1).field("title")).endsWith("数据恢复");
    }

    @Test
    void anObservedRolling24HourAqiAbove200IssuesAYellowWarning() throws Exception {
        // 盂县's evaluation stations YQ-YX-01 and YQ-YX-02, the last 24 complete hours at PM2.5 180 µg/m³.
        // HJ 633—2026 (data after 2026-03-01) PM2.5 24-h breakpoints 150 → 200, 250 → 300:
        // IAQI = (300 − 200)/(250 − 150) × (180 − 150) + 200 = 230 > 200 → yellow (2024: > 200 for one day)
        StringBuilder lines = new StringBuilder();
        for (int h = 1; h <= 24; h++) {
            for (String s : List.of("YQ-YX-01", "YQ-YX-02")) {
                lines.append(String.format(Locale.ROOT, "ambient,station=%s,county=yuxian,type=provincial,interval=PT1H pm25=180 %d%n",
                        s, HOUR.minus(Duration.ofHours(h)).getEpochSecond()));
            }
        }
        influx.write("airquality", "s", lines.toString().strip());
        List<Receivers.Received> got = awaitType("yuxian", "HEAVY_POLLUTION_WARNING", 1);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).field("level")).isEqualTo("yellow");
        assertThat(got.get(0).field("title")).isEqualTo("盂县发布重污染天气黄色预警");
        // an observation says so: 监测 (the last 24 hours), not a forecast's 预计 or "日AQI最高"
        assertThat(got.get(0).field("text")).contains("今日（", "监测近24小时AQI为230", "首要污染物PM2.5").doesNotContain("预计", "至");
        JsonNode yuxian = Json.parse(alerts.bureau("GET", "/api/v1/warnings/current", null).body()).valueStream()
                .filter(n -> "yuxian".equals(n.path("scope").stringValue())).findFirst().orElseThrow();
        assertThat(yuxian.path("level").stringValue()).isEqualTo("yellow");
        assertThat(yuxian.path("observedAqi24h").intValue()).isEqualTo(230);
        receivers.staysDelivered("observed again each look: no repeat", "/hook/yuxian", Receivers.ofType("HEAVY_POLLUTION_WARNING"), 1,
                Duration.ofMillis(2500));
    }

    @Test
    void nmhcAboveTheReferenceAtAParkIsAVocsAlert() throws Exception {
        // YQ-PD-P1 (industrial park, pingding); DB13/1577 grade II: NMHC 2.0 mg/m³ per hour; 3.1 > 2.0
        Instant start = HOUR.minus(Duration.ofHours(8));
        // (as target-service materialises it in vocs_hourly: the value, the reference and its verdict)
        for (int h = 0; h < 3; h++) {
            influx.write("airquality", "s", String.format(Locale.ROOT,
                    "vocs_hourly,station=YQ-PD-P1,county=pingding nmhc=%s,reference=2.0,exceed=%di %d",
                    h < 2 ? "3.1" : "1.2", h < 2 ? 1 : 0, start.plus(Duration.ofHours(h)).getEpochSecond()));
        }
        List<Receivers.Received> got = awaitType("pingding", "VOCS_EXCEEDANCE", 1);
        assertThat(got).extracting(x -> x.field("level")).containsExactly("exceed");
        assertThat(got.get(0).field("text")).contains("非甲烷总烃", "超过参考值（2.0mg/m³）", "最高3.1mg/m³");
    }
}
