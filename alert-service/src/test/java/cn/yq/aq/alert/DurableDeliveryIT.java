package cn.yq.aq.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.RealServers;

/**
 * Delivery survives a receiver outage and a crash of alert-service: every alert arrives, in the
 * order raised, and each id is answered 2xx exactly once.
 */
@RealServers(databases = "airquality")
class DurableDeliveryIT {

    static MosquittoServer mqtt;
    static InfluxServer influx;
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
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
    void aReceiverDownForTwoMinutesGetsEveryAlertInOrderOnce() throws Exception {
        receivers.answer("/hook/jiaoqu", 503);
        try (AlertService alerts = new AlertService(mqtt, influx, "outage", "--aq.delivery.max-backoff=5s")) {
            alerts.subscribe("jiaoqu", receivers.url("/hook/jiaoqu"), "jiaoqu-secret-0123456789");
            List<String> raised = fiveChanges(alerts, "jiaoqu");
            assertThat(raised).hasSize(5);
            Thread.sleep(Duration.ofMinutes(2).toMillis());
            List<Receivers.Received> during = receivers.received("/hook/jiaoqu");
            assertThat(during).as("retried during the outage").hasSizeGreaterThan(10)
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

    @Test
    void pendingDeliveriesSurviveAKilledAlertService() throws Exception {
        receivers.answer("/hook/gaoxin", 503);
        List<String> raised;
        AlertService alerts = new AlertService(mqtt, influx, "crash");
        try {
            alerts.subscribe("gaoxin", receivers.url("/hook/gaoxin"), "gaoxin-secret-0123456789");
            raised = fiveChanges(alerts, "gaoxin");
            Thread.sleep(1500);
            assertThat(receivers.delivered("/hook/gaoxin")).isEmpty();
            alerts.jar.kill(); // SIGKILL with five deliveries pending
        } finally {
            alerts.jar.kill();
        }
        receivers.answer("/hook/gaoxin", 200);
        Thread.sleep(1000);
        assertThat(receivers.delivered("/hook/gaoxin")).as("nobody delivers while alert-service is down").isEmpty();
        alerts.jar.start(); // the same client ids: the broker hands back the session with the pending alerts
        try {
            List<Receivers.Received> delivered = receivers.awaitDelivered("/hook/gaoxin", 5, Duration.ofSeconds(60));
            Thread.sleep(1000);
            delivered = receivers.delivered("/hook/gaoxin");
            assertThat(delivered).extracting(Receivers.Received::eventId).containsExactlyElementsOf(raised);
            // the warning state survived too: gaoxin's warning was lifted before the crash
            assertThat(alerts.bureau("GET", "/api/v1/warnings/current", null).body()).contains("{\"scope\":\"gaoxin\",\"level\":\"none\"");
        } finally {
            alerts.close();
        }
    }
}
