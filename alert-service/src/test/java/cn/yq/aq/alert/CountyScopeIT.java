package cn.yq.aq.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.security.PrincipalHeaders;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.RealServers;
import cn.yq.aq.testsupport.Json;

/**
 * A county sees and acknowledges its own alerts (and the city-wide ones), never another county's;
 * requests that did not come through the gateway are refused.
 */
@RealServers(databases = "airquality")
class CountyScopeIT {

    static MosquittoServer mqtt;
    static InfluxServer influx;
    static Receivers receivers;
    static AlertService alerts;
    static String pingdingAlert;
    static String yuxianAlert;

    @BeforeAll
    static void start() throws Exception {
        receivers = new Receivers();
        receivers.answer("/hook/pingding", 200);
        receivers.answer("/hook/yuxian", 200);
        receivers.answer("/sms", 200);
        alerts = new AlertService(mqtt, influx, "scope", "--aq.sms.url=" + receivers.url("/sms"), "--aq.sms.api-key=sms-key-1");
        alerts.subscribe("pingding", receivers.url("/hook/pingding"), "pingding-secret-0123456789");
        AlertService.Response r = alerts.bureau("PUT", "/api/v1/subscriptions/yuxian", "{\"url\":\"" + receivers.url("/hook/yuxian")
                + "\",\"secret\":\"yuxian-secret-0123456789\",\"phones\":[\"13800000001\",\"13800000002\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        pingdingAlert = DurableDeliveryIT.raise(alerts, "pingding", 250).get(0);
        yuxianAlert = DurableDeliveryIT.raise(alerts, "yuxian", 250).get(0);
        receivers.awaitDelivered("/hook/pingding", 1, Duration.ofSeconds(20));
        receivers.awaitDelivered("/hook/yuxian", 1, Duration.ofSeconds(20));
        // the history is written by the recorder: wait until both are there
        org.awaitility.Awaitility.await("both alerts in the history").atMost(Duration.ofSeconds(20)).until(() -> {
            String history = alerts.bureau("GET", "/api/v1/alerts", null).body();
            return history.contains(yuxianAlert) && history.contains(pingdingAlert);
        });
    }

    @AfterAll
    static void stop() {
        alerts.close();
        receivers.close();
    }

    @Test
    void eachReceiverGetsOnlyItsCounty() {
        // (other tests here raise more alerts for both counties: each receiver still sees only its own)
        assertThat(receivers.received("/hook/pingding")).extracting(Receivers.Received::eventId).contains(pingdingAlert)
                .doesNotContain(yuxianAlert);
        assertThat(receivers.received("/hook/pingding")).allSatisfy(x -> assertThat(x.field("county")).isEqualTo("pingding"));
        assertThat(receivers.received("/hook/yuxian")).extracting(Receivers.Received::eventId).contains(yuxianAlert)
                .doesNotContain(pingdingAlert);
        assertThat(receivers.received("/hook/yuxian")).allSatisfy(x -> assertThat(x.field("county")).isEqualTo("yuxian"));
    }

    @Test
    void aCountyWithPhonesGetsTheAlertAsAChineseSms() throws Exception {
        // 250 > 200 for one day: yellow (2024); yuxian has two phone numbers, pingding none
        List<Receivers.Received> sms = receivers.awaitDelivered("/sms", 1, Duration.ofSeconds(20));
        assertThat(sms).isNotEmpty();
        var first = sms.get(0).json();
        assertThat(first.get("phones")).isEqualTo(List.of("13800000001", "13800000002"));
        assertThat((String) first.get("text")).startsWith("【阳泉市生态环境局】盂县发布重污染天气黄色预警。");
        assertThat(first.get("eventId")).isEqualTo(yuxianAlert);
        assertThat(receivers.server.getAllServeEvents()).filteredOn(e -> e.getRequest().getUrl().equals("/sms"))
                .allSatisfy(e -> assertThat(e.getRequest().getHeader("Authorization")).isEqualTo("Bearer sms-key-1"));
        assertThat(sms).extracting(x -> x.json().get("eventId")).doesNotContain(pingdingAlert);
    }

    @Test
    void aCountyReadsOnlyItsOwnAlerts() {
        AlertService.Response own = alerts.call("GET", "/api/v1/alerts", null, Principal.county("pingding"));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).contains(pingdingAlert).doesNotContain(yuxianAlert);
        AlertService.Response other = alerts.call("GET", "/api/v1/alerts?county=yuxian", null, Principal.county("pingding"));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body()).contains("无权访问").doesNotContain(yuxianAlert);
        // the bureau sees both
        assertThat(alerts.bureau("GET", "/api/v1/alerts", null).body()).contains(pingdingAlert, yuxianAlert);
        assertThat(alerts.bureau("GET", "/api/v1/alerts?county=yuxian", null).body()).contains(yuxianAlert).doesNotContain(pingdingAlert);
        // a station reads no alerts
        assertThat(alerts.call("GET", "/api/v1/alerts", null, new Principal(Principal.Role.STATION, "YQ-PD-01", "pingding"))
                .status()).isEqualTo(403);
    }

    @Test
    void aCountyAcknowledgesOnlyItsOwnAlerts() {
        assertThat(alerts.call("POST", "/api/v1/alerts/" + yuxianAlert + "/ack", null, Principal.county("pingding")).status())
                .isEqualTo(403);
        AlertService.Response ack = alerts.call("POST", "/api/v1/alerts/" + pingdingAlert + "/ack", null, Principal.county("pingding"));
        assertThat(ack.status()).isEqualTo(200);
        Json.assertFields(Json.parse(ack.body()), "/id", pingdingAlert, "/state", "acknowledged", "/ackedBy", "pingding");
        Json.assertFields(Json.element(Json.parse(alerts.call("GET", "/api/v1/alerts", null, Principal.county("pingding")).body()),
                "id", pingdingAlert), "/state", "acknowledged", "/ackedBy", "pingding");
        assertThat(Json.values(Json.parse(alerts.call("GET", "/api/v1/alerts", null, Principal.county("yuxian")).body()), "state"))
                .isNotEmpty().doesNotContain("acknowledged");
        assertThat(alerts.call("POST", "/api/v1/alerts/00000000-0000-0000-0000-000000000000/ack", null,
                Principal.county("pingding")).status()).isEqualTo(404);
    }

    @Test
    void theStreamCarriesOnlyTheCountysAlerts() throws Exception {
        String value = alerts.gateway.value(Principal.county("pingding"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(alerts.jar.url() + "/api/v1/alerts/stream"))
                .header(PrincipalHeaders.PRINCIPAL, value).header(PrincipalHeaders.SIGNATURE, alerts.gateway.sign(value))
                .header("Accept", "text/event-stream").build();
        var lines = new java.util.concurrent.LinkedBlockingQueue<String>();
        // read the endless stream on a thread of our own, with a client of its own: a blocking body
        // consumer on the shared client's internal threads stalls every later request
        java.net.http.HttpClient sse = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        Thread reader = new Thread(() -> {
            try {
                sse.send(request, HttpResponse.BodyHandlers.ofLines()).body().forEach(lines::add);
            } catch (Exception e) {
                lines.add("error: " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        Thread.sleep(1000); // subscribed
        String yuxianNew = DurableDeliveryIT.raise(alerts, "yuxian", 310, 320).get(0);    // yuxian: upgrade, not for pingding
        String pingdingNew = DurableDeliveryIT.raise(alerts, "pingding", 310, 320).get(0); // pingding: upgrade
        // the events' data read as JSON: the alert ids the stream carried, until pingding's arrives
        StringBuilder seen = new StringBuilder();
        List<String> ids = new java.util.ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!ids.contains(pingdingNew) && System.nanoTime() < end) {
            String line = lines.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                if (line.startsWith("data:")) {
                    ids.add(Json.parse(line.substring("data:".length())).path("id").asString());
                }
            }
        }
        reader.interrupt();
        assertThat(ids).as(seen.toString()).contains(pingdingNew).doesNotContain(yuxianNew);
        assertThat(seen.toString()).contains("event:alert", "id:" + pingdingNew);
    }

    @Test
    void requestsThatDidNotComeThroughTheGatewayAreRefused() throws Exception {
        // no identity at all
        AlertService.Response none = alerts.call("GET", "/api/v1/alerts", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body()).contains("请求未经网关认证");
        // a client inventing the header: the signature does not match
        HttpRequest forged = HttpRequest.newBuilder(URI.create(alerts.jar.url() + "/api/v1/alerts")).timeout(Duration.ofSeconds(30))
                .header(PrincipalHeaders.PRINCIPAL, "role=bureau;id=bureau;ts=" + (System.currentTimeMillis() / 1000))
                .header(PrincipalHeaders.SIGNATURE, "00".repeat(32)).build();
        assertThat(AlertService.fresh().send(forged, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        // a county's genuine header with the county changed
        String value = alerts.gateway.value(Principal.county("pingding"));
        HttpRequest changed = HttpRequest.newBuilder(URI.create(alerts.jar.url() + "/api/v1/alerts?county=yuxian")).timeout(Duration.ofSeconds(30))
                .header(PrincipalHeaders.PRINCIPAL, value.replace("pingding", "yuxian"))
                .header(PrincipalHeaders.SIGNATURE, alerts.gateway.sign(value)).build();
        assertThat(AlertService.fresh().send(changed, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        // probes stay open
        assertThat(alerts.jar.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void subscriptionsAreValidatedAndTheirSecretsNeverShown() {
        assertThat(alerts.bureau("PUT", "/api/v1/subscriptions/pingding", "{\"url\":\"ftp://x\",\"secret\":\"0123456789abcdef\"}")
                .status()).isEqualTo(400);
        AlertService.Response weak = alerts.bureau("PUT", "/api/v1/subscriptions/pingding", "{\"url\":\"http://x.cn/h\",\"secret\":\"short\"}");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.body()).contains("签名密钥过短");
        assertThat(alerts.bureau("PUT", "/api/v1/subscriptions/atlantis", "{\"url\":\"http://x.cn/h\",\"secret\":\"0123456789abcdef\"}")
                .status()).isEqualTo(404);
        assertThat(alerts.call("PUT", "/api/v1/subscriptions/pingding", "{\"url\":\"http://evil.example/h\",\"secret\":\"0123456789abcdef\"}",
                Principal.county("pingding")).status()).isEqualTo(403);
        AlertService.Response view = alerts.call("GET", "/api/v1/subscriptions/pingding", null, Principal.county("pingding"));
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body()).contains(receivers.url("/hook/pingding"), "\"secretSet\":true").doesNotContain("pingding-secret");
        assertThat(alerts.call("GET", "/api/v1/subscriptions/yuxian", null, Principal.county("pingding")).status()).isEqualTo(403);
    }
}
