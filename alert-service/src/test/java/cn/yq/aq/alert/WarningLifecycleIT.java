package cn.yq.aq.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.yq.aq.support.security.Principal;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.RealServers;
import tools.jackson.databind.JsonNode;

import cn.yq.aq.testsupport.Json;

/**
 * Forecasts drive the heavy-pollution warning lifecycle (环大气〔2024〕6号), and every step reaches
 * the subscribed county's webhook, signed, exactly once, in order; other counties get nothing.
 */
@RealServers(databases = "airquality")
class WarningLifecycleIT {

    static MosquittoServer mqtt;
    static InfluxServer influx;
    static Receivers receivers;
    static AlertService alerts;
    static final LocalDate TODAY = LocalDate.now(cn.yq.aq.standards.BeijingTime.ZONE);

    @BeforeAll
    static void start() {
        receivers = new Receivers();
        for (String c : List.of("pingding", "yuxian", "chengqu", "kuangqu", "jiaoqu", "gaoxin")) {
            receivers.answer("/hook/" + c, 200);
        }
        alerts = new AlertService(mqtt, influx, "warn");
        for (String c : List.of("pingding", "yuxian", "chengqu", "kuangqu", "jiaoqu", "gaoxin")) {
            alerts.subscribe(c, receivers.url("/hook/" + c), "secret-of-" + c + "-0123456789");
        }
    }

    @AfterAll
    static void stop() {
        alerts.close();
        receivers.close();
    }

    /** A forecast from tomorrow on. */
    static String forecast(String scope, int... aqi) {
        StringBuilder days = new StringBuilder();
        for (int i = 0; i < aqi.length; i++) {
            days.append(i == 0 ? "" : ",").append("{\"date\":\"").append(TODAY.plusDays(i + 1)).append("\",\"aqi\":")
                    .append(aqi[i]).append(",\"primaryPollutant\":\"PM2.5\"}");
        }
        return "{\"scope\":\"" + scope + "\",\"issuedAt\":\"" + TODAY + "T16:00:00+08:00\",\"days\":[" + days + "]}";
    }

    /** Waits until {@code path} got {@code n} alerts of {@code scope}. */
    static void awaitScoped(String path, String scope, int n) {
        receivers.awaitDelivered(path, x -> scope.equals(x.field("scope")), n, Duration.ofSeconds(20));
    }

    @Test
    void redThenOrangeThenLiftedReachPingdingSignedAndInOrder() throws Exception {
        // 2024 grading: red = AQI > 200 for 3 days and > 300 for 1 day: 243, 276, 338 (> 300), 310 → red
        AlertService.Response r = alerts.bureau("POST", "/api/v1/forecasts", forecast("pingding", 243, 276, 338, 310));
        assertThat(r.status()).isEqualTo(202);
        assertThat(json(r).path("level").stringValue()).isEqualTo("red");
        // the same forecast again changes nothing: no second alert
        assertThat(json(alerts.bureau("POST", "/api/v1/forecasts", forecast("pingding", 243, 276, 338, 310))).path("alerts"))
                .isEmpty();
        // 229, 293, 292: > 200 for 3 days but never > 300 → not red; > 200 for 2 days → orange
        r = alerts.bureau("POST", "/api/v1/forecasts", forecast("pingding", 229, 293, 292));
        assertThat(json(r).path("level").stringValue()).isEqualTo("orange");
        // one day at 140 is not enough to lift (the days ahead must stay ≤ 150, orange's lowest trigger, > 36 h)
        r = alerts.bureau("POST", "/api/v1/forecasts", forecast("pingding", 140));
        assertThat(json(r).path("level").stringValue()).isEqualTo("orange");
        assertThat(json(r).path("alerts")).isEmpty();
        // 120, 90: two days (48 h > 36 h) at or below 150 → lifted
        r = alerts.bureau("POST", "/api/v1/forecasts", forecast("pingding", 120, 90));
        assertThat(json(r).path("level").stringValue()).isEqualTo("none");

        awaitScoped("/hook/pingding", "pingding", 3);
        receivers.staysDelivered("nothing more follows", "/hook/pingding", x -> "pingding".equals(x.field("scope")), 3,
                Duration.ofSeconds(1));
        // (city-wide warnings from the other test reach pingding too; these are pingding's own)
        List<Receivers.Received> got = receivers.delivered("/hook/pingding").stream()
                .filter(x -> "pingding".equals(x.field("scope"))).toList();
        assertThat(got).extracting(x -> x.field("level")).containsExactly("red", "orange", "lifted");
        assertThat(got).allSatisfy(x -> {
            assertThat(x.signedWith("secret-of-pingding-0123456789")).as("valid HMAC-SHA256 signature").isTrue();
            assertThat(x.eventId()).isEqualTo(x.field("id"));
            assertThat(x.field("type")).isEqualTo("HEAVY_POLLUTION_WARNING");
            assertThat(x.field("county")).isEqualTo("pingding");
        });
        assertThat(got).extracting(Receivers.Received::eventId).doesNotHaveDuplicates();
        assertThat(got.get(0).field("title")).isEqualTo("平定县发布重污染天气红色预警");
        assertThat(got.get(1).field("title")).isEqualTo("平定县重污染天气预警由红色预警调整为橙色预警");
        assertThat(got.get(2).field("title")).isEqualTo("平定县解除重污染天气橙色预警");
        assertThat(got.get(0).field("validFrom")).isEqualTo(TODAY.plusDays(1) + "T00:00+08:00");
        assertThat(receivers.received("/hook/yuxian")).as("yuxian never gets pingding's warnings")
                .noneMatch(x -> "pingding".equals(x.field("scope")));

        // the state and the history
        assertThat(current("pingding").path("level").stringValue()).isEqualTo("none");
        String history = alerts.call("GET", "/api/v1/alerts?type=HEAVY_POLLUTION_WARNING", null, Principal.county("pingding")).body();
        assertThat(history).contains(got.get(0).eventId(), got.get(1).eventId(), got.get(2).eventId());
    }

    @Test
    void orangeDirectlyAndACityWarningReachesEveryCountyOnce() throws Exception {
        // 229, 293, 292 from no warning: orange is issued at once
        AlertService.Response r = alerts.bureau("POST", "/api/v1/forecasts", forecast("yuxian", 229, 293, 292));
        assertThat(json(r).path("level").stringValue()).isEqualTo("orange");
        List<Receivers.Received> yuxian = receivers.awaitDelivered("/hook/yuxian", 1, Duration.ofSeconds(20));
        assertThat(yuxian).extracting(x -> x.field("level")).containsExactly("orange");
        assertThat(yuxian.get(0).field("title")).isEqualTo("盂县发布重污染天气橙色预警");

        // a city yellow: 2024 yellow = > 150 for 2 days (160, 170; never > 200) → every county gets it once
        r = alerts.bureau("POST", "/api/v1/forecasts", forecast("city", 160, 170));
        assertThat(json(r).path("level").stringValue()).isEqualTo("yellow");
        for (String c : List.of("chengqu", "kuangqu", "jiaoqu", "gaoxin", "pingding", "yuxian")) {
            awaitScoped("/hook/" + c, "city", 1);
        }
        for (String c : List.of("chengqu", "kuangqu", "jiaoqu", "gaoxin", "pingding", "yuxian")) {
            receivers.staysDelivered(c + ": once", "/hook/" + c, x -> "city".equals(x.field("scope")), 1, Duration.ofMillis(500));
            assertThat(receivers.delivered("/hook/" + c)).filteredOn(x -> "city".equals(x.field("scope"))).hasSize(1)
                    .allSatisfy(x -> {
                        assertThat(x.field("title")).isEqualTo("阳泉市发布重污染天气黄色预警");
                        assertThat(x.signedWith("secret-of-" + c + "-0123456789")).isTrue();
                    });
        }
    }

    @Test
    void anOzoneEpisodeGivesHealthAdviceNotAColour() throws Exception {
        String days = "{\"date\":\"" + TODAY.plusDays(1) + "\",\"aqi\":210,\"primaryPollutant\":\"O3\"},"
                + "{\"date\":\"" + TODAY.plusDays(2) + "\",\"aqi\":205,\"primaryPollutant\":\"O3_8h\"}";
        AlertService.Response r = alerts.bureau("POST", "/api/v1/forecasts",
                "{\"scope\":\"kuangqu\",\"issuedAt\":\"" + TODAY + "T16:00:00+08:00\",\"days\":[" + days + "]}");
        // 2024 guidance: O3-driven episodes get health advice, no coloured warning
        assertThat(json(r).path("level").stringValue()).isEqualTo("none");
        assertThat(json(r).path("alerts").valueStream().map(a -> a.path("level").stringValue()).toList()).containsExactly("advice");
        JsonNode kuangqu = current("kuangqu");
        assertThat(kuangqu.path("level").stringValue()).isEqualTo("none");
        assertThat(kuangqu.path("levelZh").stringValue()).isEqualTo("无预警");
        assertThat(kuangqu.path("ozoneAdvice").booleanValue()).isTrue();
    }


    static JsonNode json(AlertService.Response r) {
        return Json.parse(r.body());
    }

    /** One scope's entry of {@code GET /api/v1/warnings/current}. */
    static JsonNode current(String scope) {
        return Json.parse(alerts.bureau("GET", "/api/v1/warnings/current", null).body()).valueStream()
                .filter(n -> scope.equals(n.path("scope").stringValue())).findFirst().orElseThrow();
    }

    @Test
    void forecastsAreValidatedAndOnlyTheBureauSendsThem() {
        AlertService.Response r = alerts.bureau("POST", "/api/v1/forecasts", forecast("nowhere", 200));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("请求参数错误", "scope");
        r = alerts.bureau("POST", "/api/v1/forecasts", forecast("city", 501));
        assertThat(r.status()).isEqualTo(400);
        // Bean Validation's answer in the services' problem shape, naming the field
        JsonNode problem = Json.parse(r.body());
        assertThat(problem.path("reason").stringValue()).isEqualTo("bad-parameter");
        assertThat(problem.path("title").stringValue()).isEqualTo("请求参数错误");
        assertThat(problem.path("detail").stringValue()).isEqualTo("days[0].aqi: must be 0 to 500");
        // an unreadable body (a date that is no date) is the same kind of answer, not Spring's default
        r = alerts.bureau("POST", "/api/v1/forecasts", "{\"scope\":\"city\",\"days\":[{\"date\":\"2026-02-30\",\"aqi\":100}]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(Json.parse(r.body()).path("reason").stringValue()).isEqualTo("bad-parameter");
        r = alerts.call("POST", "/api/v1/forecasts", forecast("pingding", 300, 300, 300), Principal.county("pingding"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("无权访问");
    }
}
