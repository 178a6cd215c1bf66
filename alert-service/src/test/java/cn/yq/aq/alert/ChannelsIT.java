package cn.yq.aq.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import cn.yq.aq.testsupport.FreePorts;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.PrometheusText;
import cn.yq.aq.testsupport.RealServers;
import cn.yq.aq.testsupport.Json;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * A county's notifications through every kind of channel, against the outside parties' real
 * contracts: the webhook and the SMS gateway (WireMock), the 企业微信 and 钉钉 group robots (WireMock
 * stubs that check the message shape and DingTalk's 加签 signature, and answer with errcodes),
 * and a real SMTP server (GreenMail). Each channel is a line of its own: one that is rate limited
 * or misconfigured holds only its own queue.
 */
@RealServers(databases = "airquality")
class ChannelsIT {

    static MosquittoServer mqtt;
    static InfluxServer influx;
    static Receivers receivers;
    static Robots robots;
    static GreenMail smtp;
    static AlertService alerts;
    static final Pattern ID = Pattern.compile("编号 ([0-9a-f-]{36})");

    @BeforeAll
    static void start() {
        receivers = new Receivers();
        receivers.answer("/hook/yuxian", 200);
        receivers.answer("/hook/gaoxin", 200);
        receivers.answer("/hook/city", 200);
        receivers.answer("/sms", 200);
        robots = new Robots();
        smtp = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        alerts = new AlertService(mqtt, influx, "channels", "--aq.sms.url=" + receivers.url("/sms"),
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.getSmtp().getPort(),
                "--aq.email.from=aq-alerts@yq.example", "--aq.monitor.enabled=false", "--aq.delivery.max-backoff=2s");
        // the bureau's own channel: DELIVERY_FAILED and city-wide notices
        put("city", "{\"channels\":[{\"kind\":\"webhook\",\"url\":\"" + receivers.url("/hook/city")
                + "\",\"secret\":\"city-secret-0123456789\"}]}");
    }

    @AfterAll
    static void stop() {
        alerts.close();
        smtp.stop();
        robots.close();
        receivers.close();
    }

    static JsonNode put(String scope, String body) {
        AlertService.Response r = alerts.bureau("PUT", "/api/v1/subscriptions/" + scope, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return Json.parse(r.body());
    }

    static List<String> ids(List<Robots.Message> messages) {
        List<String> out = new ArrayList<>();
        for (Robots.Message m : messages) {
            Matcher x = ID.matcher(m.markdown());
            assertThat(x.find()).as(m.markdown()).isTrue();
            out.add(x.group(1));
        }
        return out;
    }

    static void await(String what, Duration timeout, java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(200)).until(condition);
    }

    @Test
    void aRedWarningReachesAllFiveChannelsOfACountyInOrderExactlyOnceEach() throws Exception {
        robots.wecom("yuxian-wecom-key", false);
        robots.dingtalk("yuxian-ding-token", "SECyuxian0123456789");
        JsonNode view = put("yuxian", "{\"channels\":["
                + "{\"kind\":\"webhook\",\"url\":\"" + receivers.url("/hook/yuxian") + "\",\"secret\":\"yuxian-secret-0123456789\"},"
                + "{\"kind\":\"wecom\",\"url\":\"" + robots.wecomUrl("yuxian-wecom-key") + "\"},"
                + "{\"kind\":\"dingtalk\",\"url\":\"" + robots.dingtalkUrl("yuxian-ding-token") + "\",\"secret\":\"SECyuxian0123456789\","
                + "\"atMobiles\":[\"13800000001\"]},"
                + "{\"kind\":\"sms\",\"phones\":[\"13800000002\"]},"
                + "{\"kind\":\"email\",\"to\":[\"duty@yuxian.example\"]}]}");
        // secrets are never returned: no key, token, signing secret
        assertThat(view.toString()).doesNotContain("yuxian-wecom-key", "yuxian-ding-token", "SECyuxian", "yuxian-secret-0123456789");
        assertThat(view.path("channels")).hasSize(5);
        assertThat(view.path("channels").get(1).path("secretSet").asBoolean()).isTrue();
        assertThat(view.path("channels").get(2).path("url").asString()).endsWith("/robot/send");
        assertThat(alerts.call("GET", "/api/v1/subscriptions/yuxian", null,
                cn.yq.aq.support.security.Principal.county("yuxian")).body()).doesNotContain("yuxian-wecom-key", "SECyuxian");

        // yellow → orange → red → orange → lifted
        List<String> raised = DurableDeliveryIT.fiveChanges(alerts, "yuxian");
        assertThat(raised).hasSize(5);

        await("every channel has all five", Duration.ofSeconds(30), () -> receivers.delivered("/hook/yuxian").size() >= 5
                && robots.accepted("yuxian-wecom-key").size() >= 5 && robots.accepted("yuxian-ding-token").size() >= 5
                && receivers.delivered("/sms").size() >= 5 && smtp.getReceivedMessages().length >= 5);
        receivers.staysDelivered("no duplicate on the webhook", "/hook/yuxian", r -> true, 5, Duration.ofMillis(1500));
        assertThat(receivers.delivered("/hook/yuxian")).extracting(Receivers.Received::eventId).containsExactlyElementsOf(raised);
        assertThat(ids(robots.accepted("yuxian-wecom-key"))).containsExactlyElementsOf(raised);
        assertThat(ids(robots.accepted("yuxian-ding-token"))).containsExactlyElementsOf(raised);
        assertThat(receivers.delivered("/sms")).extracting(Receivers.Received::eventId).containsExactlyElementsOf(raised);
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(5);
        List<String> mailIds = new ArrayList<>();
        for (MimeMessage m : mails) {
            String body = (String) m.getContent(); // text/plain, decoded from its transfer encoding
            Matcher x = ID.matcher(body);
            assertThat(x.find()).as(body).isTrue();
            mailIds.add(x.group(1));
            assertThat(m.getAllRecipients()[0].toString()).isEqualTo("duty@yuxian.example");
            assertThat(m.getFrom()[0].toString()).isEqualTo("aq-alerts@yq.example");
        }
        assertThat(mailIds).containsExactlyElementsOf(raised);

        // what the officials read: the red warning, its colour, for whom, what to do
        Robots.Message red = robots.accepted("yuxian-wecom-key").get(2);
        assertThat(red.markdown()).contains("红色预警", "盂县", "I级应急响应", "对象：盂县", "warning");
        Robots.Message redDing = robots.accepted("yuxian-ding-token").get(2);
        assertThat(redDing.markdown()).contains("#FF0000", "红色预警", "@13800000001");
        assertThat(Json.MAPPER.writeValueAsString(redDing.body().get("at"))).contains("13800000001");
        // only red warnings @ people
        assertThat(robots.accepted("yuxian-ding-token").get(0).markdown()).doesNotContain("@13800000001");
        assertThat(mails[2].getSubject()).isEqualTo("【红色预警】盂县重污染天气预警由橙色预警升级为红色预警");
        assertThat(receivers.delivered("/sms").get(2).json().get("text")).asString().startsWith("【阳泉市生态环境局】盂县");
        // per channel metrics
        String metrics = alerts.jar.get("/actuator/prometheus").body();
        for (String kind : List.of("webhook", "wecom", "dingtalk", "sms", "email")) {
            assertThat(PrometheusText.sum(metrics, "aq_alert_delivery_total", Map.of("channel", kind, "county", "yuxian",
                    "outcome", "delivered"))).as(kind).isEqualTo(5.0);
        }
    }

    @Test
    void aWecomRobotRateLimitedForAnOutageDelaysOnlyItselfThenDeliversEverythingInOrder() throws Exception {
        robots.wecom("gaoxin-wecom-key", true); // 45009 from now on
        put("gaoxin", "{\"channels\":["
                + "{\"kind\":\"wecom\",\"url\":\"" + robots.wecomUrl("gaoxin-wecom-key") + "\"},"
                + "{\"kind\":\"webhook\",\"url\":\"" + receivers.url("/hook/gaoxin") + "\",\"secret\":\"gaoxin-secret-0123456789\"}]}");
        long t0 = System.nanoTime();
        List<String> raised = DurableDeliveryIT.fiveChanges(alerts, "gaoxin");
        // the webhook is not held up by the robot
        receivers.awaitDelivered("/hook/gaoxin", 5, Duration.ofSeconds(20));
        assertThat(receivers.delivered("/hook/gaoxin")).extracting(Receivers.Received::eventId).containsExactlyElementsOf(raised);
        assertThat(robots.accepted("gaoxin-wecom-key")).isEmpty();
        Thread.sleep(Math.max(0, DurableDeliveryIT.OUTAGE.toMillis() - (System.nanoTime() - t0) / 1_000_000));
        List<Robots.Message> tried = robots.received("gaoxin-wecom-key");
        // back-off 1, 2, then every 2 s (aq.delivery.max-backoff): about one attempt per 2 s of the outage
        assertThat(tried).as("retried while rate limited").hasSizeGreaterThan((int) (DurableDeliveryIT.OUTAGE.toSeconds() / 4)).noneMatch(Robots.Message::accepted);
        assertThat(ids(tried)).as("nothing overtakes the head of the line").containsOnly(raised.get(0));
        robots.wecom("gaoxin-wecom-key", false); // the limit is over
        await("the robot has all five", Duration.ofSeconds(30), () -> robots.accepted("gaoxin-wecom-key").size() >= 5);
        Thread.sleep(1000);
        assertThat(ids(robots.accepted("gaoxin-wecom-key"))).containsExactlyElementsOf(raised);
        // rate limiting is not a configuration fault: no DELIVERY_FAILED about it
        assertThat(receivers.delivered("/hook/city")).noneMatch(x -> "DELIVERY_FAILED".equals(x.field("type"))
                && String.valueOf(x.field("scope")).startsWith("gaoxin/"));
    }

    @Test
    void aDingtalkRobotWithAWrongSecretRaisesDeliveryFailedToTheBureauAndDeliversOnceFixed() throws Exception {
        robots.dingtalk("pingding-ding-token", "SECpingding-right-secret");
        put("pingding", "{\"channels\":[{\"id\":\"duty-group\",\"kind\":\"dingtalk\",\"url\":\"" + robots.dingtalkUrl("pingding-ding-token")
                + "\",\"secret\":\"SECpingding-WRONG-secret\"}]}");
        List<String> raised = DurableDeliveryIT.raise(alerts, "pingding", 210, 120, 110); // yellow
        await("DELIVERY_FAILED at the bureau", Duration.ofSeconds(30), () -> receivers.delivered("/hook/city").stream()
                .anyMatch(x -> "DELIVERY_FAILED".equals(x.field("type"))));
        Receivers.Received failed = receivers.delivered("/hook/city").stream().filter(x -> "DELIVERY_FAILED".equals(x.field("type")))
                .findFirst().orElseThrow();
        assertThat(failed.field("scope")).isEqualTo("pingding/duty-group");
        assertThat(failed.field("county")).isEqualTo("bureau");
        assertThat(failed.field("title")).isEqualTo("平定县钉钉机器人通知发送失败");
        assertThat(failed.field("text")).contains("duty-group", "310000", "加签");
        assertThat(failed.field("text")).doesNotContain("SECpingding");
        assertThat(robots.accepted("pingding-ding-token")).isEmpty();
        // the county does not see the bureau's notice; health and metrics show the failing channel
        assertThat(alerts.call("GET", "/api/v1/alerts?type=DELIVERY_FAILED", null,
                cn.yq.aq.support.security.Principal.county("pingding")).body()).isEqualTo("[]");
        assertThat(Json.parse(alerts.jar.get("/actuator/health").body()).at("/components/deliverer/details/failingChannels/pingding~1duty-group")
                .asString()).startsWith("errcode 310000");
        assertThat(PrometheusText.sum(alerts.jar.get("/actuator/prometheus").body(), "aq_alert_delivery_total",
                Map.of("channel", "dingtalk", "county", "pingding", "outcome", "rejected"))).isGreaterThanOrEqualTo(1.0);
        receivers.staysDelivered("one notice per failure, not one per retry", "/hook/city", Receivers.ofType("DELIVERY_FAILED"), 1,
                Duration.ofSeconds(3));

        // the bureau fixes the secret: the held warning goes out, nothing lost
        put("pingding", "{\"channels\":[{\"id\":\"duty-group\",\"kind\":\"dingtalk\",\"url\":\"" + robots.dingtalkUrl("pingding-ding-token")
                + "\",\"secret\":\"SECpingding-right-secret\"}]}");
        await("the robot has the warning", Duration.ofSeconds(30), () -> robots.accepted("pingding-ding-token").size() >= 1);
        assertThat(ids(robots.accepted("pingding-ding-token"))).containsExactlyElementsOf(raised);
        await("health clears", Duration.ofSeconds(10), () -> !alerts.jar.get("/actuator/health").body().contains("pingding/duty-group"));
    }

    @Test
    void subscriptionsRefuseWhatCannotBeDelivered() {
        for (String bad : List.of("{\"channels\":[{\"kind\":\"pager\"}]}",
                "{\"channels\":[{\"kind\":\"wecom\",\"url\":\"http://qyapi.example/cgi-bin/webhook/send\"}]}",
                "{\"channels\":[{\"kind\":\"dingtalk\",\"url\":\"http://oapi.example/robot/send?access_token=x\"}]}",
                "{\"channels\":[{\"kind\":\"email\",\"to\":[\"not an address\"]}]}",
                "{\"channels\":[{\"kind\":\"sms\",\"phones\":[]}]}",
                "{\"channels\":[{\"kind\":\"webhook\",\"url\":\"http://x.example/h\",\"secret\":\"short\"}]}",
                "{\"channels\":[{\"kind\":\"sms\",\"phones\":[\"13800000003\"],\"minLevel\":\"purple\"}]}",
                "{\"channels\":[{\"kind\":\"sms\",\"phones\":[\"13800000003\"],\"types\":[\"GOSSIP\"]}]}")) {
            AlertService.Response r = alerts.bureau("PUT", "/api/v1/subscriptions/jiaoqu", bad);
            assertThat(r.status()).as(bad + " → " + r.body()).isEqualTo(400);
            JsonNode problem = Json.parse(r.body());
            Json.assertFields(problem, "/status", 400);
            assertThat(problem.path("reason").asString()).as(r.body()).isNotBlank();
            assertThat(problem.path("detail").asString()).as(r.body()).isNotBlank();
        }
        // the first contract's shape still means a webhook (and an SMS channel for its phones)
        JsonNode old = put("jiaoqu", "{\"url\":\"" + receivers.url("/hook/jiaoqu") + "\",\"secret\":\"jiaoqu-secret-0123456789\","
                + "\"phones\":[\"13800000004\"]}");
        assertThat(old.path("channels")).hasSize(2);
        assertThat(old.path("channels").get(0).path("kind").asString()).isEqualTo("webhook");
        assertThat(old.path("channels").get(0).path("id").asString()).isEqualTo("webhook-1");
        assertThat(old.path("channels").get(1).path("phones").get(0).asString()).isEqualTo("13800000004");
        assertThat(old.toString()).doesNotContain("jiaoqu-secret-0123456789");
        assertThat(Map.of("status", alerts.bureau("PUT", "/api/v1/subscriptions/nowhere", "{\"channels\":[]}").status()))
                .containsEntry("status", 404);
    }
}
