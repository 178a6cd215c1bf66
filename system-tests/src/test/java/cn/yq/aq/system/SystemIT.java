package cn.yq.aq.system;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import cn.yq.aq.simulator.feed.Replay;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.RealServers;
import cn.yq.aq.testsupport.RepoPaths;
import cn.yq.aq.testsupport.Json;
import picocli.CommandLine;

/**
 * End to end, as an operator runs it: Mosquitto, InfluxDB and the four service jars with the dataset
 * registry ({@code AQ_REGISTRY=beijing}); three days of four Beijing stations replayed over MQTT by
 * the simulator (shifted to the last three days); daily AQI and county ranks read through the
 * gateway with bearer tokens; a forecast through the gateway raises a red warning that reaches the
 * county's webhook receiver (WireMock), signed.
 */
@RealServers
class SystemIT {

    static final Path DATASET = RepoPaths.resolve("datasets/beijing-multisite/beijing-multisite-2013-03_2014-02.csv.gz");
    static final List<String> STATIONS = List.of("bj-dongsi", "bj-tiantan", "bj-guanyuan", "bj-nongzhanguan");
    /** Replayed days of the dataset (a polluted stretch of January 2014) and where they land. */
    static final LocalDate DATA_FROM = LocalDate.of(2014, 1, 14);
    static final LocalDate FROM = LocalDate.now(BeijingTime.ZONE).minusDays(3);
    static final LocalDate TO = FROM.plusDays(2);
    static final String BUREAU = "e2e-bureau-7f1c", DONGSI = "e2e-dongsi-2b9e", SECRET = "dongsi-webhook-secret";

    static MosquittoServer mqtt;
    static InfluxServer influx;
    static List<BootJar> services = new ArrayList<>();
    static String gateway;
    static WireMockServer receiver;

    @BeforeAll
    static void start() throws Exception {
        receiver = new WireMockServer(wireMockConfig().dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlPathEqualTo("/dongsi")).willReturn(aResponse().withStatus(200)));
        influx.createDatabase("airquality");
        String infra = "--aq.influx.url=" + influx.url();
        String registry = "--aq.registry.name=beijing";
        BootJar ingest = start(BootJar.ofRepoModule("ingest-service", List.of(infra, registry, "--aq.mqtt.url=" + mqtt.url(), "--aq.hj212.port=0")));
        BootJar target = start(BootJar.ofRepoModule("target-service", List.of(infra, registry, "--aq.materialization.scheduled=false")));
        BootJar alert = start(BootJar.ofRepoModule("alert-service", List.of(infra, registry, "--aq.mqtt.url=" + mqtt.url(),
                "--aq.monitor.enabled=false")));
        BootJar door = start(BootJar.ofRepoModule("gateway", List.of(registry, "--aq.gateway.services.ingest=" + ingest.url(),
                "--aq.gateway.services.target=" + target.url(), "--aq.gateway.services.alert=" + alert.url(),
                "--aq.gateway.auth.clients[0].sha256=" + sha256(BUREAU), "--aq.gateway.auth.clients[0].role=bureau",
                "--aq.gateway.auth.clients[0].id=bureau",
                "--aq.gateway.auth.clients[1].sha256=" + sha256(DONGSI), "--aq.gateway.auth.clients[1].role=county",
                "--aq.gateway.auth.clients[1].id=bj-dongsi", "--aq.gateway.auth.clients[1].county=bj-dongsi")));
        gateway = door.url();

        int exit = new CommandLine(new Replay()).execute("--file=" + DATASET, "--mqtt-url=" + mqtt.url(), "--username=", "--password=",
                "--stations=" + String.join(",", STATIONS), "--from=" + DATA_FROM, "--days=3", "--shift-to=" + FROM);
        assertThat(exit).isZero();
        // every hourly PM2.5 value of those stations and days in the CSV (worked out here) arrives
        long expected = 0;
        for (String station : STATIONS) {
            for (int d = 0; d < 3; d++) {
                expected += rawPm25(station, DATA_FROM.plusDays(d)).size();
            }
        }
        long values = expected;
        assertThat(values).isGreaterThan(4 * 72 * 9 / 10);
        Platform.await(values + " PM2.5 values stored", Duration.ofSeconds(60),
                () -> influx.scalar("airquality", "SELECT count(pm25) FROM ambient") == values);
        HttpResponse<String> recompute = call("POST", "/api/v1/admin/recompute?from=" + FROM + "&to=" + TO, BUREAU, null);
        assertThat(recompute.statusCode()).as(recompute.body()).isEqualTo(200);
    }

    static BootJar start(BootJar jar) {
        services.add(jar);
        return jar.start();
    }

    @AfterAll
    static void stop() {
        java.util.Collections.reverse(services);
        services.forEach(BootJar::close);
        if (receiver != null) {
            receiver.stop();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void dailyAqiThroughTheGatewayMatchesTheReplayedHours() throws Exception {
        HttpResponse<String> r = call("GET", "/api/v1/aqi/daily?station=bj-dongsi&from=" + FROM + "&to=" + TO, BUREAU, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Map<String, Object>> days = Platform.json(r.body());
        assertThat(days).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> day = days.get(i);
            assertThat(day.get("date")).isEqualTo(FROM.plusDays(i).toString());
            assertThat(day.get("valid")).isEqualTo(true);
            // the day's PM2.5 is the mean of the dataset's 24 hourly values of that day, worked out here from the CSV
            double mean = rawDailyMean("bj-dongsi", DATA_FROM.plusDays(i));
            Map<String, Object> concentrations = (Map<String, Object>) day.get("concentrations");
            assertThat(((Number) concentrations.get("pm25")).doubleValue()).as("day " + i).isCloseTo(mean, org.assertj.core.data.Offset.offset(0.51));
            assertThat(((Number) day.get("aqi")).intValue()).isPositive();
        }
        // a county sees its own station, not another county's
        assertThat(call("GET", "/api/v1/aqi/daily?station=bj-dongsi&from=" + FROM + "&to=" + TO, DONGSI, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/aqi/daily?station=bj-tiantan&from=" + FROM + "&to=" + TO, DONGSI, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/aqi/daily?station=bj-dongsi&from=" + FROM + "&to=" + TO, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    @SuppressWarnings("unchecked")
    void countyRanksThroughTheGatewayFollowTheCompositeIndex() throws Exception {
        HttpResponse<String> r = call("GET", "/api/v1/index/counties?from=" + FROM + "&to=" + TO, DONGSI, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Map<String, Object>> units = Platform.json(r.body());
        List<Map<String, Object>> replayed = units.stream().filter(u -> STATIONS.contains(u.get("county"))).toList();
        assertThat(replayed).hasSize(4);
        List<Double> index = replayed.stream().map(u -> ((Number) u.get("compositeIndex")).doubleValue()).toList();
        assertThat(index).as("ranked ascending: the lower the index, the cleaner the air").isSorted();
        // competition ranking (ties share a rank, the next rank skips): 1 + the number of units with a lower index
        for (Map<String, Object> u : replayed) {
            double own = ((Number) u.get("compositeIndex")).doubleValue();
            assertThat(((Number) u.get("rank")).intValue()).as(u.get("county") + " rank")
                    .isEqualTo(1 + (int) index.stream().filter(i -> i < own).count());
        }
        assertThat(replayed).allSatisfy(u -> assertThat(((Number) u.get("validDays")).intValue()).isEqualTo(3));
    }

    @Test
    void aForecastThroughTheGatewayWarnsTheCountyAtItsWebhook() throws Exception {
        HttpResponse<String> subscribe = call("PUT", "/api/v1/subscriptions/bj-dongsi", BUREAU,
                "{\"url\":\"http://127.0.0.1:" + receiver.port() + "/dongsi\",\"secret\":\"" + SECRET + "\"}");
        assertThat(subscribe.statusCode()).as(subscribe.body()).isBetween(200, 204);
        HttpResponse<String> forecast = call("POST", "/api/v1/forecasts", BUREAU, Platform.redForecast("bj-dongsi"));
        assertThat(forecast.statusCode()).as(forecast.body()).isEqualTo(202);
        Platform.await("the warning at the county's receiver", Duration.ofSeconds(30),
                () -> !receiver.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/dongsi"))).isEmpty());
        LoggedRequest got = receiver.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/dongsi"))).get(0);
        String body = got.getBodyAsString();
        Json.assertFields(Json.parse(body), "/type", "HEAVY_POLLUTION_WARNING", "/level", "red", "/county", "bj-dongsi");
        assertThat(got.getHeader("X-AQ-Signature")).isEqualTo("sha256=" + hmac(SECRET, got.getBody()));
        assertThat(got.getHeader("X-AQ-Event-Id")).isNotBlank();
    }

    static HttpResponse<String> call(String method, String path, String token, String json) {
        return Platform.bearer(gateway, method, path, token, json);
    }

    /** The mean of a station's PM2.5 over a day of the dataset, from the CSV itself (NA skipped). */
    static double rawDailyMean(String id, LocalDate day) throws Exception {
        List<Double> values = rawPm25(id, day);
        assertThat(values.size()).as(id + " " + day + " hourly PM2.5 values").isGreaterThanOrEqualTo(20);
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** A station's hourly PM2.5 values of a day in the CSV (station id bj-<name>; NA skipped). */
    static List<Double> rawPm25(String id, LocalDate day) throws Exception {
        String station = id.substring(3);
        List<Double> values = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(DATASET)),
                StandardCharsets.UTF_8))) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] c = line.split(",");
                if (c[16].equalsIgnoreCase(station) && Integer.parseInt(c[0]) == day.getYear() && Integer.parseInt(c[1]) == day.getMonthValue()
                        && Integer.parseInt(c[2]) == day.getDayOfMonth() && !c[4].equals("NA")) {
                    values.add(Double.parseDouble(c[4]));
                }
            }
        }
        return values;
    }

    static String sha256(String s) {
        return Platform.sha256(s);
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
