package cn.yq.aq.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.GatewaySigner;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.Json;
import cn.yq.aq.testsupport.RealServers;
import tools.jackson.databind.JsonNode;

/**
 * The data review on the real service and a real InfluxDB: a reviewer's proposal changes no figure; the
 * bureau's approval recomputes the station's daily AQI without the invalidated hours (worked out by hand
 * below), {@code ?data=raw} keeps the raw figure, and not one raw point changes; the trail holds every
 * act with who, role, when and why; a reviewer of another county, a county and a reviewer deciding are
 * refused; a closed month refuses marks (409) and freezes its figures until it is reopened, and the
 * reopening is in its history.
 */
@RealServers(mosquitto = false, databases = "airquality")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewIT {

    static final LocalDate DAY = LocalDate.of(2025, 11, 10);
    static final Principal REVIEWER = new Principal(Principal.Role.REVIEWER, "reviewer-pingding", "pingding");
    static final Principal OTHER_REVIEWER = new Principal(Principal.Role.REVIEWER, "reviewer-yuxian", "yuxian");
    static InfluxServer influx;
    static BootJar target;
    static String markId;
    static String rawBefore;

    @BeforeAll
    static void start() {
        // one target, for 平定县 (its one station YQ-PD-01 counts for the county, not for the city)
        target = BootJar.ofModule(List.of("--aq.influx.url=" + influx.url(), "--aq.materialization.scheduled=false",
                "--aq.targets[0].year=2025", "--aq.targets[0].scope=pingding", "--aq.targets[0].pm25Max=35")).start();
        // YQ-PD-01 on 2025-11-10: PM2.5 60 in hours 0–19 and 204 in hours 20–23 (an inlet calibrated with a span gas);
        // PM10 50, SO2 10, NO2 20, CO 0.5, O3 60 all day
        List<String> lines = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            long t = DAY.atTime(h, 0).atZone(BeijingTime.ZONE).toEpochSecond();
            lines.add(String.format(Locale.ROOT, "ambient,station=YQ-PD-01,county=pingding,type=provincial,interval=PT1H "
                    + "pm25=%d,pm10=50,so2=10,no2=20,co=0.5,o3=60 %d", h < 20 ? 60 : 204, t));
        }
        influx.write("airquality", "s", String.join("\n", lines));
        rawBefore = rawPoints();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    static String rawPoints() {
        return influx.query("airquality", "SELECT * FROM ambient", "ns") + influx.query("airquality", "SELECT * FROM cems", "ns");
    }

    static HttpResponse<String> call(Principal who, String method, String path, String body) {
        try {
            HttpRequest.Builder b = GatewaySigner.as(who, URI.create(target.url() + path)).timeout(Duration.ofSeconds(120))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            return cn.yq.aq.testsupport.TestHttp.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        }
    }

    static JsonNode day(String data) {
        HttpResponse<String> r = call(Principal.bureau(), "GET", "/api/v1/aqi/daily?station=YQ-PD-01&from=" + DAY + "&to=" + DAY
                + (data == null ? "" : "&data=" + data), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.only(Json.parse(r.body()));
    }

    static String mark(String from, String to) {
        return "{\"target\":\"YQ-PD-01\",\"pollutants\":[\"pm25\"],\"from\":\"" + from + "\",\"to\":\"" + to + "\","
                + "\"action\":\"invalidate\",\"reason\":\"calibration\",\"note\":\"20时起量程校准，通入标气\"}";
    }

    @Test
    @Order(1)
    void aProposalChangesNoFigure() {
        assertThat(call(Principal.bureau(), "POST", "/api/v1/admin/recompute?from=" + DAY + "&to=" + DAY, null).statusCode())
                .isEqualTo(200);
        // raw and reviewed alike: PM2.5 mean (20×60 + 4×204)/24 = 2016/24 = 84; IAQI (2012, 75–115 → 100–150):
        // 100 + 50/40×(84−75) = 111.25 → 112. PM10 50 → 50, NO2 20 → 25, CO 0.5 → 12.5 → 13, SO2 10 → 10,
        // O3 MDA8 60 → 30: AQI 112, primary PM2.5
        Json.assertFields(day(null), "/aqi", 112, "/primaryPollutants", List.of("pm25"), "/data", "reviewed");

        HttpResponse<String> proposed = call(REVIEWER, "POST", "/api/v1/review/marks",
                mark(DAY + "T20:00+08:00", DAY.plusDays(1) + "T00:00+08:00"));
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        JsonNode m = Json.parse(proposed.body());
        Json.assertFields(m, "/status", "proposed", "/county", "pingding", "/kind", "station", "/reason", "calibration");
        markId = m.path("id").asString();
        assertThat(call(Principal.bureau(), "POST", "/api/v1/admin/recompute?from=" + DAY + "&to=" + DAY, null).statusCode())
                .isEqualTo(200);
        Json.assertFields(day(null), "/aqi", 112);
    }

    @Test
    @Order(2)
    void othersAreRefused() {
        // a reviewer of another county, a county, a station: no mark; a reviewer cannot decide
        assertThat(call(OTHER_REVIEWER, "POST", "/api/v1/review/marks", mark(DAY + "T10:00+08:00", DAY + "T11:00+08:00")).statusCode())
                .isEqualTo(403);
        assertThat(call(Principal.county("pingding"), "POST", "/api/v1/review/marks",
                mark(DAY + "T10:00+08:00", DAY + "T11:00+08:00")).statusCode()).isEqualTo(403);
        assertThat(call(REVIEWER, "POST", "/api/v1/review/marks/" + markId + "/decision", "{\"decision\":\"approve\"}").statusCode())
                .isEqualTo(403);
        // another county's reviewer does not see the mark; a county sees its own
        assertThat(Json.values(Json.parse(call(OTHER_REVIEWER, "GET", "/api/v1/review/marks?from=" + DAY + "&to=" + DAY, null).body()),
                "id")).doesNotContain(markId);
        assertThat(Json.values(Json.parse(call(Principal.county("pingding"), "GET", "/api/v1/review/marks?from=" + DAY + "&to=" + DAY,
                null).body()), "id")).contains(markId);
        // not a whole hour, the reason other without a note, a pollutant a station has not: 400
        assertThat(call(REVIEWER, "POST", "/api/v1/review/marks", mark(DAY + "T10:30+08:00", DAY + "T11:00+08:00")).statusCode())
                .isEqualTo(400);
        assertThat(call(REVIEWER, "POST", "/api/v1/review/marks", mark(DAY + "T10:00+08:00", DAY + "T11:00+08:00")
                .replace("calibration", "other").replace("\"note\":\"20时起量程校准，通入标气\"", "\"note\":\"\"")).statusCode()).isEqualTo(400);
        assertThat(call(REVIEWER, "POST", "/api/v1/review/marks", mark(DAY + "T10:00+08:00", DAY + "T11:00+08:00")
                .replace("[\"pm25\"]", "[\"nox\"]")).statusCode()).isEqualTo(400);
        // the trail has no way to remove or rewrite a mark
        for (String method : List.of("DELETE", "PUT", "PATCH")) {
            assertThat(call(Principal.bureau(), method, "/api/v1/review/marks/" + markId, method.equals("DELETE") ? null : "{}")
                    .statusCode()).as(method).isIn(404, 405);
        }
    }

    @Test
    @Order(3)
    void theBureausApprovalRecomputesTheDayWithoutThoseHoursAndTouchesNoRawPoint() {
        HttpResponse<String> approved = call(Principal.bureau(), "POST", "/api/v1/review/marks/" + markId + "/decision",
                "{\"decision\":\"approve\",\"note\":\"运维记录核实\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        Json.assertFields(Json.parse(approved.body()), "/status", "approved");
        // without hours 20–23: 20 valid hours of PM2.5 60 (≥ 20: valid); IAQI (35–75 → 50–100): 50 + 50/40×(60−35) = 81.25 → 82
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> Json.assertFields(day(null), "/aqi", 82, "/valid", true, "/data", "reviewed"));
        Json.assertFields(day("raw"), "/aqi", 112, "/data", "raw");
        // 平定县's index of the day from its one station: PM2.5 60 from reviewed data, 84 from the raw readings
        for (String[] data : new String[][] {{"", "reviewed", "60"}, {"&data=raw", "raw", "84"}}) {
            JsonNode pingding = Json.element(Json.parse(call(Principal.bureau(), "GET", "/api/v1/index/counties?from=" + DAY + "&to=" + DAY
                    + data[0], null).body()), "county", "pingding");
            Json.assertFields(pingding, "/data", data[1], "/concentrations/pm25", Integer.parseInt(data[2]));
        }
        // the targets' progress on the day (its only day of the year): PM2.5 so far 60 (reviewed) or 84 (raw); with no
        // year before, the 51 days left must average (35 × 52 − 60)/51 = 1760/51 = 34.51 → 34.5, or (1820 − 84)/51 = 34.04 → 34.0
        for (String[] data : new String[][] {{"", "reviewed", "60.0", "34.5"}, {"&data=raw", "raw", "84.0", "34.0"}}) {
            JsonNode pm25 = Json.element(Json.parse(call(Principal.bureau(), "GET", "/api/v1/targets/progress?year=2025&asOf=" + DAY
                    + data[0], null).body()), "indicator", "pm25");
            Json.assertFields(pm25, "/scope", "pingding", "/data", data[1], "/actual", Double.parseDouble(data[2]),
                    "/requiredRest", Double.parseDouble(data[3]), "/daysSoFar", 1);
        }
        // our estimate in the province's table of November: 平定县's composite index from reviewed data or raw; the
        // difference is the PM2.5 term alone, (84 − 60)/35 = 0.69 (each index rounded to 0.01: 0.68–0.70)
        assertThat(call(Principal.bureau(), "PUT", "/api/v1/rankings/province/2025-11",
                "[{\"unit\":\"甲县\",\"compositeIndex\":3.0},{\"unit\":\"乙县\",\"compositeIndex\":4.0},"
                        + "{\"unit\":\"丙县\",\"compositeIndex\":6.0}]").statusCode()).isEqualTo(200);
        JsonNode reviewed = Json.parse(call(Principal.bureau(), "GET", "/api/v1/rankings/province/2025-11", null).body());
        JsonNode raw = Json.parse(call(Principal.bureau(), "GET", "/api/v1/rankings/province/2025-11?data=raw", null).body());
        Json.assertFields(reviewed, "/data", "reviewed");
        Json.assertFields(raw, "/data", "raw");
        JsonNode ours = Json.element(reviewed.path("ours"), "county", "pingding");
        JsonNode oursRaw = Json.element(raw.path("ours"), "county", "pingding");
        assertThat(oursRaw.path("compositeIndex").asDouble() - ours.path("compositeIndex").asDouble()).isBetween(0.675, 0.705);
        assertThat(call(Principal.bureau(), "GET", "/api/v1/rankings/province/2025-11?data=official", null).statusCode()).isEqualTo(400);
        assertThat(rawPoints()).as("every raw point, as it was").isEqualTo(rawBefore);
        // a decided mark is not decided again
        assertThat(call(Principal.bureau(), "POST", "/api/v1/review/marks/" + markId + "/decision", "{\"decision\":\"reject\"}")
                .statusCode()).isEqualTo(409);
    }

    @Test
    @Order(4)
    void theTrailHoldsEveryActWithWhoRoleWhenAndWhy() {
        JsonNode marks = Json.parse(call(Principal.bureau(), "GET", "/api/v1/review/marks?from=" + DAY + "&to=" + DAY, null).body());
        JsonNode m = Json.element(marks, "id", markId);
        Json.assertFields(m, "/status", "approved", "/from", DAY + "T20:00+08:00", "/to", DAY.plusDays(1) + "T00:00+08:00",
                "/history/0/act", "propose", "/history/0/by", "reviewer-pingding", "/history/0/role", "reviewer",
                "/history/0/note", "20时起量程校准，通入标气",
                "/history/1/act", "approve", "/history/1/by", "bureau", "/history/1/role", "bureau", "/history/1/note", "运维记录核实");
        assertThat(m.path("history")).hasSize(2);
        assertThat(m.path("history").get(0).path("at").asString()).endsWith("+08:00");
        // in InfluxDB: one point per act
        assertThat(Json.influxRows(influx.query("airquality", "SELECT * FROM review_marks", "ms"))).hasSize(2);
    }

    @Test
    @Order(5)
    void aClosedMonthRefusesMarksAndKeepsItsFiguresUntilReopened() {
        HttpResponse<String> closed = call(Principal.bureau(), "POST", "/api/v1/review/months/2025-11/close", "{\"note\":\"11月数据审核完毕\"}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        Json.assertFields(Json.parse(closed.body()), "/status", "closed", "/closedBy", "bureau");
        // a month not yet ended cannot be closed; a county cannot close
        assertThat(call(Principal.bureau(), "POST", "/api/v1/review/months/2099-01/close", "{}").statusCode()).isEqualTo(409);
        assertThat(call(Principal.county("pingding"), "POST", "/api/v1/review/months/2025-10/close", "{}").statusCode()).isEqualTo(403);
        // a new mark in November: 409
        HttpResponse<String> refused = call(REVIEWER, "POST", "/api/v1/review/marks", mark(DAY + "T08:00+08:00", DAY + "T09:00+08:00"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(Json.parse(refused.body()).path("reason").asString()).isEqualTo("month-closed");
        // frozen: a late hour of 500 arrives and a recompute is asked for: the official figure stays 82, marked closed
        long late = DAY.atTime(5, 0).atZone(BeijingTime.ZONE).toEpochSecond();
        influx.write("airquality", "s", "ambient,station=YQ-PD-01,county=pingding,type=provincial,interval=PT1H pm25=500 " + late);
        assertThat(call(Principal.bureau(), "POST", "/api/v1/admin/recompute?from=" + DAY + "&to=" + DAY, null).statusCode())
                .isEqualTo(200);
        JsonNode frozen = day(null);
        Json.assertFields(frozen, "/aqi", 82);
        assertThat(frozen.path("closedAt").asString()).endsWith("+08:00");

        // reopening needs a note, and is recorded
        assertThat(call(Principal.bureau(), "POST", "/api/v1/review/months/2025-11/reopen", "{}").statusCode()).isEqualTo(400);
        HttpResponse<String> reopened = call(Principal.bureau(), "POST", "/api/v1/review/months/2025-11/reopen",
                "{\"note\":\"平定县申诉，重新审核\"}");
        assertThat(reopened.statusCode()).as(reopened.body()).isEqualTo(200);
        JsonNode state = Json.parse(call(Principal.county("yuxian"), "GET", "/api/v1/review/months/2025-11", null).body());
        Json.assertFields(state, "/status", "open", "/history/0/act", "close", "/history/1/act", "reopen",
                "/history/1/note", "平定县申诉，重新审核");
        assertThat(call(REVIEWER, "POST", "/api/v1/review/marks", mark(DAY + "T08:00+08:00", DAY + "T09:00+08:00")).statusCode())
                .isEqualTo(201);
    }

    @Test
    @Order(6)
    void anApprovedMarkTakesABoilersHoursOutOfItsCompliance() {
        // YQ-PD-B01 (ultra-low: SO2 35 mg/m³ at 6 % O2) on 2025-10-20: O2 6 % all day, SO2 20 except hours 8–10 at 80
        // (corrected 80 × (21 − 6)/(21 − 6) = 80 > 35: three exceedance hours)
        LocalDate day = LocalDate.of(2025, 10, 20);
        List<String> lines = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            lines.add(String.format(Locale.ROOT, "cems,source=YQ-PD-B01,county=pingding,interval=PT1H pm=5,so2=%d,nox=30,o2=6.0,flow=%d %d",
                    h >= 8 && h < 11 ? 80 : 20, 100000 + h, day.atTime(h, 0).atZone(BeijingTime.ZONE).toEpochSecond()));
        }
        influx.write("airquality", "s", String.join("\n", lines));
        String before = rawPoints();
        assertThat(call(Principal.bureau(), "POST", "/api/v1/admin/recompute?from=" + day + "&to=" + day, null).statusCode()).isEqualTo(200);
        String compliance = "/api/v1/sources/compliance?from=" + day + "&to=" + day + "&county=pingding";
        JsonNode source = Json.element(Json.parse(call(Principal.bureau(), "GET", compliance, null).body()).path("sources"), "source", "YQ-PD-B01");
        Json.assertFields(source, "/exceedanceHours", 3);
        // the bureau's own mark (approved at once): the analyser was being repaired in those hours
        HttpResponse<String> marked = call(Principal.bureau(), "POST", "/api/v1/review/marks", "{\"target\":\"YQ-PD-B01\","
                + "\"pollutants\":[\"so2\"],\"from\":\"" + day + "T08:00+08:00\",\"to\":\"" + day + "T11:00+08:00\","
                + "\"action\":\"invalidate\",\"reason\":\"instrument-fault\",\"note\":\"SO2分析仪故障维修\"}");
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(201);
        Json.assertFields(Json.parse(marked.body()), "/status", "approved", "/kind", "source", "/history/1/act", "approve");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> Json.assertFields(
                Json.element(Json.parse(call(Principal.bureau(), "GET", compliance, null).body()).path("sources"), "source", "YQ-PD-B01"),
                "/exceedanceHours", 0));
        // the raw readings still have the three hours over the limit, and all 24 SO2 hours; the reviewed figures 21
        JsonNode raw = Json.parse(call(Principal.bureau(), "GET", compliance + "&data=raw", null).body());
        Json.assertFields(raw, "/data", "raw");
        Json.assertFields(Json.element(raw.path("sources"), "source", "YQ-PD-B01"), "/exceedanceHours", 3);
        Json.assertFields(Json.element(Json.element(raw.path("sources"), "source", "YQ-PD-B01").path("pollutants"), "pollutant", "so2"),
                "/validHours", 24, "/exceedanceHours", 3, "/maxCorrected", 80.0);
        JsonNode reviewed = Json.parse(call(Principal.bureau(), "GET", compliance, null).body());
        Json.assertFields(reviewed, "/data", "reviewed");
        Json.assertFields(Json.element(Json.element(reviewed.path("sources"), "source", "YQ-PD-B01").path("pollutants"), "pollutant", "so2"),
                "/validHours", 21, "/exceedanceHours", 0, "/maxCorrected", 20.0);
        assertThat(rawPoints()).as("the boiler's raw points, as they were").isEqualTo(before);
    }
}
