package cn.yq.aq.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.MqttTestClient;
import cn.yq.aq.testsupport.RealServers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * alert-service comes back after a crash whatever state it has accumulated: killed (SIGKILL) while
 * holding 2,000 retained state documents and 500 deliveries pending at six counties' receivers, it is
 * ready again within 30 s, delivers every alert once and in order per county, and the receivers'
 * last levels equal {@code /api/v1/warnings/current}. Then the broker restarts under it: it
 * resubscribes and goes on delivering. (Before the fix the restarted service never became ready:
 * its control session waited for a SUBACK on Paho's callback thread while the retained documents
 * filled Paho's inbound queue.)
 */
@RealServers(databases = "airquality")
class RecoveryIT {

    static final List<String> COUNTIES = List.of("chengqu", "kuangqu", "jiaoqu", "pingding", "yuxian", "gaoxin");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static MosquittoServer mqtt;
    static InfluxServer influx;
    Receivers receivers;

    @BeforeEach
    void receivers() {
        receivers = new Receivers();
    }

    @AfterEach
    void close() {
        receivers.close();
    }

    static String hook(String county) {
        return "/hook/" + county;
    }

    @Test
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
                raised.get(county).addAll(up ? DurableDeliveryIT.raise(alerts, county, 210, 120)
                        : DurableDeliveryIT.raise(alerts, county, 100, 90));
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
            System.out.printf("RecoveryIT: ready %d ms after the restart (JVM start included)%n", ready.toMillis());
            for (String c : COUNTIES) {
                List<String> ids = raised.get(c);
                receivers.awaitDelivered(hook(c), ids.size(), Duration.ofSeconds(60));
            }
            Thread.sleep(1000); // any duplicate would have arrived by now
            for (String c : COUNTIES) {
                assertThat(receivers.delivered(hook(c))).as(c).extracting(Receivers.Received::eventId)
                        .containsExactlyElementsOf(raised.get(c));
            }
            assertReceiversShowCurrentLevels(alerts);
            System.out.printf("RecoveryIT: 500 deliveries done %d ms after the restart%n", (System.nanoTime() - t0) / 1_000_000);

            // the broker restarts under the running service: it resubscribes and delivers what comes next
            mqtt.stop();
            Thread.sleep(2000);
            mqtt.start();
            awaitReady(alerts, Duration.ofSeconds(60));
            List<String> after = DurableDeliveryIT.raise(alerts, "pingding", 210, 220, 120);
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
        JsonNode current = JSON.readTree(alerts.bureau("GET", "/api/v1/warnings/current", null).body());
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
