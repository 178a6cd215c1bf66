package cn.yq.aq.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.MqttTestClient;
import cn.yq.aq.testsupport.RealServers;
import cn.yq.aq.testsupport.Json;
import tools.jackson.databind.JsonNode;

/**
 * Delivery survives a receiver outage and a crash of alert-service, also one with a long history
 * (2,000 retained state documents, 500 deliveries pending): every alert arrives, in the order
 * raised, and each id is answered 2xx exactly once.
 */
@RealServers(databases = "airquality")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurableDeliveryIT {

    static MosquittoServer mqtt;
    static InfluxServer influx;
    static final LocalDate TODAY = LocalDate.now(cn.yq.aq.standards.BeijingTime.ZONE);
    /** How long the receiver outages last: {@code aq.it.outage} (the build's default 30 s; PT2M for the long run). */
    static final Duration OUTAGE = Duration.parse(System.getProperty("aq.it.outage", "PT2M"));
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    Receivers receivers;

    @BeforeEach
    void receivers() {
        receivers = new Receivers();
    }

    @AfterEach
    void close() {
        receivers.close();
    }

    /** Raises one warning change in {@code scope} by a forecast; returns the ids of the alerts it raised. */
    static List<String> raise(AlertService alerts, String scope, int... aqi) {
        String body = WarningLifecycleIT.forecast(scope, aqi);
        AlertService.Response r = alerts.bureau("POST", "/api/v1/forecasts", body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        List<String> ids = new ArrayList<>();
        Matcher m = ID.matcher(r.body());
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** yellow → orange → red → orange → lifted: five alerts for one county. */
    static List<String> fiveChanges(AlertService alerts, String county) {
        List<String> ids = new ArrayList<>();
        ids.addAll(raise(alerts, county, 210, 120, 110));            // > 200 one day: yellow
        ids.addAll(raise(alerts, county, 210, 220, 120));            // > 200 two days: orange
        ids.addAll(raise(alerts, county, 210, 220, 310, 120));       // > 200 three days and > 300: red
        ids.addAll(raise(alerts, county, 220, 230, 120));            // orange
        ids.addAll(raise(alerts, county, 100, 90));                  // lifted
        return ids;
    }

    @Test
    @Order(1)
    void aReceiverDownForAnOutageGetsEveryAlertInOrderOnce() throws Exception {
        receivers.answer("/hook/jiaoqu", 503);
        try (AlertService alerts = new AlertService(mqtt, influx, "outage", "--aq.delivery.max-backoff=2s")) {
            alerts.subscribe("jiaoqu", receivers.url("/hook/jiaoqu"), "jiaoqu-secret-0123456789");
            List<String> raised = fiveChanges(alerts, "jiaoqu");
            assertThat(raised).hasSize(5);
            Thread.sleep(OUTAGE.toMillis());
            List<Receivers.Received> during = receivers.received("/hook/jiaoqu");
            // back-off 1, 2, then every 2 s: about one attempt per 2 s of the outage
            assertThat(during).as("retried during the outage").hasSizeGreaterThan((int) (OUTAGE.toSeconds() / 4))
                    .allSatisfy(x -> assertThat(x.answered()).isEqualTo(503));
            // per-county order: the head of the line is retried, nothing overtakes it
            assertThat(during).extracting(Receivers.Received::eventId).containsOnly(raised.get(0));

            receivers.answer("/hook/jiaoqu", 200);
            List<Receivers.Received> delivered = receivers.awaitDelivered("/hook/jiaoqu", 5, Duration.ofSeconds(30));
            Thread.sleep(1000);
            delivered = receivers.delivered("/hook/jiaoqu");
            assertThat(delivered).extracting(Receivers.Received::eventId).containsExactlyElementsOf(raised);
            assertThat(delivered).extracting(x -> x.field("level")).containsExactly("yellow", "orange", "red", "orange", "lifted");
            assertThat(delivered).allSatisfy(x -> assertThat(x.signedWith("jiaoqu-secret-0123456789")).isTrue());
        }
    }

    /**
     * SIGKILL with deliveries pending on one channel of a county while its other channel has them all:
     * after the restart the pending channel gets every alert in order, and the channel that had them
     * does not get them again (each channel remembers what it delivered).
     */
    @Test
    @Order(2)
    void pendingDeliveriesOnSeveralChannelsSurviveAKilledAlertService() throws Exception {
        receivers.answer("/hook/gaoxin", 503);
        List<String> raised;
        AlertService alerts = new AlertService(mqtt, influx, "crash");
        try (Robots robots = new Robots()) {
            robots.wecom("gaoxin-crash-key", false);
            try {
                AlertService.Response r = alerts.bureau("PUT", "/api/v1/subscriptions/gaoxin", "{\"channels\":["
                        + "{\"kind\":\"webhook\",\"url\":\"" + receivers.url("/hook/gaoxin") + "\",\"secret\":\"gaoxin-secret-0123456789\"},"
                        + "{\"kind\":\"wecom\",\"url\":\"" + robots.wecomUrl("gaoxin-crash-key") + "\"}]}");
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                raised = fiveChanges(alerts, "gaoxin");
                org.awaitility.Awaitility.await("the robot channel is not held up by the webhook").atMost(Duration.ofSeconds(20))
                        .until(() -> robots.accepted("gaoxin-crash-key").size() >= 5);
                assertThat(robots.accepted("gaoxin-crash-key")).hasSize(5);
                assertThat(receivers.delivered("/hook/gaoxin")).isEmpty();
                alerts.jar.kill(); // SIGKILL with five deliveries pending on the webhook channel
            } finally {
                alerts.jar.kill();
            }
            receivers.answer("/hook/gaoxin", 200);
            receivers.staysDelivered("nobody delivers while alert-service is down", "/hook/gaoxin", r -> true, 0, Duration.ofSeconds(1));
            alerts.jar.start(); // the same client ids: the broker hands back the session with the pending alerts
            try {
                receivers.awaitDelivered("/hook/gaoxin", 5, Duration.ofSeconds(60));
                receivers.staysDelivered("no second copy after the restart", "/hook/gaoxin", r -> true, 5, Duration.ofMillis(1500));
                List<Receivers.Received> delivered = receivers.delivered("/hook/gaoxin");
                assertThat(delivered).extracting(Receivers.Received::eventId).containsExactlyElementsOf(raised);
                assertThat(robots.accepted("gaoxin-crash-key")).as("no second copy to the robot after the restart").hasSize(5);
                // the warning state survived too: gaoxin's warning was lifted before the crash
                Json.assertFields(Json.element(Json.parse(alerts.bureau("GET", "/api/v1/warnings/current", null).body()), "scope", "gaoxin"),
                        "/level", "none");
            } finally {
                alerts.close();
            }
        }
    }

    static final List<String> COUNTIES = List.of("chengqu", "kuangqu", "jiaoqu", "pingding", "yuxian", "gaoxin");
    static String hook(String county) {
        return "/hook/" + county;
    }

    /**
     * alert-service comes back after a crash whatever state it has accumulated: killed (SIGKILL) while
     * holding 2,000 retained state documents and 500 deliveries pending at six counties' receivers, it is
     * ready again within 30 s, delivers every alert once and in order per county, and the receivers'
     * last levels equal {@code /api/v1/warnings/current}. Then the broker restarts under it: it
     * resubscribes and goes on delivering. (Before the fix the restarted service never became ready:
     * its control session waited for a SUBACK on Paho's callback thread while the retained documents
     * filled Paho's inbound queue.)
     */
    /**
     * SIGKILL in the middle of a burst: twelve alerts on their way to a county's webhook, which takes 300 ms to
     * answer each; the service is killed 450 ms after the receiver got the sixth (the sixth has been answered,
     * the seventh is waiting for its answer). After the restart (the broker hands back the session with every
     * copy not acknowledged) none that had been answered is delivered again, and the rest arrive in order: the
     * delivered log is written before a delivery is acknowledged to the broker and before the next one is sent.
     */
    @Test
    @Order(3)
    void killedInTheMiddleOfABurstItDeliversNothingAgainThatHadBeenDelivered() throws Exception {
        receivers.answerAfter("/hook/kuangqu", 200, Duration.ofMillis(300));
        List<String> raised = new ArrayList<>();
        List<String> before;
        AlertService alerts = new AlertService(mqtt, influx, "burst", "--aq.monitor.enabled=false");
        try {
            alerts.subscribe("kuangqu", receivers.url("/hook/kuangqu"), "kuangqu-secret-0123456789");
            for (int i = 0; i < 6; i++) { // yellow, lifted, … : twelve alerts
                raised.addAll(raise(alerts, "kuangqu", 210, 120));
                raised.addAll(raise(alerts, "kuangqu", 100, 90));
            }
            assertThat(raised).hasSize(12);
            receivers.awaitDelivered("/hook/kuangqu", 6, Duration.ofSeconds(30)); // WireMock lists a request as it comes in
            Thread.sleep(450);
            alerts.jar.kill();
            before = receivers.received("/hook/kuangqu").stream().map(Receivers.Received::eventId).toList();
        } finally {
            alerts.jar.kill();
        }
        // the last one the receiver got was still waiting for its answer when the service was killed
        assertThat(before).as("killed in the middle of the burst").hasSizeBetween(7, 11)
                .containsExactlyElementsOf(raised.subList(0, before.size()));
        List<String> answered = before.subList(0, before.size() - 1);
        receivers.answer("/hook/kuangqu", 200);
        alerts.jar.start(); // same client ids: the broker hands back the session
        try {
            assertThat(awaitReady(alerts, Duration.ofSeconds(60))).isLessThan(Duration.ofSeconds(60));
            receivers.awaitDelivered("/hook/kuangqu", before.size() + raised.size() - answered.size(), Duration.ofSeconds(60));
            Thread.sleep(1500); // a second copy would come within this
            List<String> all = receivers.received("/hook/kuangqu").stream().map(Receivers.Received::eventId).toList();
            assertThat(all.subList(before.size(), all.size())).as("delivered after the restart")
                    .doesNotContainAnyElementsOf(answered)
                    .containsExactlyElementsOf(raised.subList(answered.size(), raised.size()));
        } finally {
            alerts.close();
        }
    }

    @Test
    @Order(4) // last: it leaves warnings raised and restarts the broker the other tests share
    void killedWithTwoThousandStateDocumentsAndFiveHundredPendingDeliveriesItIsReadyWithin30sAndDeliversEverything()
            throws Exception {
        COUNTIES.forEach(c -> receivers.answer(hook(c), 503));
        Map<String, List<String>> raised = new LinkedHashMap<>();
        AlertService alerts = new AlertService(mqtt, influx, "recovery", "--aq.delivery.max-backoff=2s", "--aq.monitor.enabled=false");
        try {
            for (String c : COUNTIES) {
                alerts.subscribe(c, receivers.url(hook(c)), c + "-secret-0123456789");
                raised.put(c, new ArrayList<>());
            }
            // the history of a long-running installation: 2,000 retained state documents
            try (MqttTestClient history = new MqttTestClient(mqtt.url(), "recovery-history")) {
                for (int i = 0; i < 2000; i++) {
                    history.publishRetained("aq/v1/state/episodes/history/ST-" + i,
                            ("{\"open\":false,\"lastProcessed\":\"2026-01-01T00:00:00Z\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
                }
            }
            // 500 warning changes (yellow, lifted, yellow, …) while every receiver answers 503: all pending
            for (int i = 0; raised.values().stream().mapToInt(List::size).sum() < 500; i++) {
                String county = COUNTIES.get(i % COUNTIES.size());
                boolean up = (i / COUNTIES.size()) % 2 == 0;
                raised.get(county).addAll(up ? raise(alerts, county, 210, 120)
                        : raise(alerts, county, 100, 90));
            }
            assertThat(raised.values().stream().mapToInt(List::size).sum()).isEqualTo(500);
            assertThat(COUNTIES).allSatisfy(c -> assertThat(receivers.delivered(hook(c))).isEmpty());
            alerts.jar.kill(); // SIGKILL: 500 deliveries unacknowledged in the broker's session
        } finally {
            alerts.jar.kill();
        }
        COUNTIES.forEach(c -> receivers.answer(hook(c), 200));

        long t0 = System.nanoTime();
        alerts.jar.start(); // same client ids: the broker hands back the sessions and the retained state
        try {
            awaitReady(alerts, Duration.ofSeconds(60));
            Duration ready = Duration.ofNanos(System.nanoTime() - t0); // from the restart, JVM start included
            assertThat(ready).as("ready after the restart (%s)\n%s", alerts.jar.get("/actuator/health/readiness").body(),
                    alerts.jar.logTail()).isLessThan(Duration.ofSeconds(30));
            System.out.printf("DurableDeliveryIT: ready %d ms after the restart (JVM start included)%n", ready.toMillis());
            for (String c : COUNTIES) {
                List<String> ids = raised.get(c);
                receivers.awaitDelivered(hook(c), ids.size(), Duration.ofSeconds(60));
            }
            for (String c : COUNTIES) { // any duplicate would arrive within a second
                receivers.staysDelivered(c + ": no duplicate", hook(c), r -> true, raised.get(c).size(), Duration.ofSeconds(1));
            }
            for (String c : COUNTIES) {
                assertThat(receivers.delivered(hook(c))).as(c).extracting(Receivers.Received::eventId)
                        .containsExactlyElementsOf(raised.get(c));
            }
            assertReceiversShowCurrentLevels(alerts);
            System.out.printf("DurableDeliveryIT: 500 deliveries done %d ms after the restart%n", (System.nanoTime() - t0) / 1_000_000);

            // the broker restarts under the running service: it resubscribes and delivers what comes next
            mqtt.stop();
            Thread.sleep(2000);
            mqtt.start();
            awaitReady(alerts, Duration.ofSeconds(60));
            List<String> after = raise(alerts, "pingding", 210, 220, 120);
            receivers.awaitDelivered(hook("pingding"), raised.get("pingding").size() + after.size(), Duration.ofSeconds(60));
            List<String> all = new ArrayList<>(raised.get("pingding"));
            all.addAll(after);
            assertThat(receivers.delivered(hook("pingding"))).extracting(Receivers.Received::eventId).containsExactlyElementsOf(all);
            assertThat(alerts.jar.logTail()).doesNotContain("subscribe failed: Timed out");
        } finally {
            alerts.close();
        }
    }

    /** Waits for readiness (200 on the readiness probe); returns how long it took. */
    static Duration awaitReady(AlertService alerts, Duration timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < timeout.toNanos()) {
            if (alerts.jar.get("/actuator/health/readiness").statusCode() == 200) {
                return Duration.ofNanos(System.nanoTime() - t0);
            }
            Thread.sleep(200);
        }
        return timeout;
    }

    /** Each county's last delivered level is its current warning. */
    void assertReceiversShowCurrentLevels(AlertService alerts) {
        JsonNode current = Json.parse(alerts.bureau("GET", "/api/v1/warnings/current", null).body());
        Map<String, String> levels = new LinkedHashMap<>();
        for (JsonNode w : current) {
            levels.put(w.path("scope").stringValue(), w.path("level").stringValue());
        }
        for (String c : COUNTIES) {
            List<Receivers.Received> got = receivers.delivered(hook(c));
            String last = got.get(got.size() - 1).field("level");
            String expected = levels.get(c);
            assertThat("lifted".equals(last) ? "none" : last).as(c).isEqualTo(expected);
        }
    }
}
