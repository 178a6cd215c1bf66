package cn.yq.aq.ingest;

import static cn.yq.aq.ingest.IngestFixture.DB;
import static cn.yq.aq.ingest.IngestFixture.ambient;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.yq.aq.support.security.Principal;
import cn.yq.aq.testsupport.GatewaySigner;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.RealServers;
import tools.jackson.databind.JsonNode;

import cn.yq.aq.testsupport.Json;

/** {@code POST /api/v1/readings} against the running jar and a real InfluxDB. */
@RealServers(databases = DB)
class ReadingsHttpIT {

    static final OffsetDateTime T = OffsetDateTime.of(2025, 10, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8));
    static MosquittoServer mqtt;
    static InfluxServer influx;
    @TempDir
    static Path dir;
    static BootJar ingest;
    /** A client per request: pooled JDK HttpClient connections were seen to hang requests on CI. */
    static HttpClient http() {
        return cn.yq.aq.testsupport.TestHttp.client();
    }

    @BeforeAll
    static void start() throws Exception {
        ingest = IngestFixture.startIngest(mqtt, influx, IngestFixture.registryWithFiftyStations(dir),
                IngestFixture.freePort(), "ingest-http-it");
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    static HttpResponse<String> post(String body) throws Exception {
        return http().send(GatewaySigner.bureau(URI.create(ingest.url() + "/api/v1/readings"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postAs(Principal who, String body) throws Exception {
        HttpRequest.Builder b = who == null ? HttpRequest.newBuilder(URI.create(ingest.url() + "/api/v1/readings"))
                : GatewaySigner.as(who, URI.create(ingest.url() + "/api/v1/readings"));
        return http().send(b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aStationPostsOnlyItsOwnReadingsAndNobodyPostsWithoutTheGateway() throws Exception {
        Principal station = new Principal(Principal.Role.STATION, "YQ-CQ-02", "chengqu");
        assertThat(postAs(station, ambient("YQ-CQ-02", T.plusHours(5), 33)).statusCode()).isEqualTo(202);
        HttpResponse<String> other = postAs(station, "[" + ambient("YQ-CQ-02", T.plusHours(6), 34) + ","
                + ambient("YQ-CQ-01", T.plusHours(6), 35) + "]");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("无权上报该站点数据", "YQ-CQ-01");
        // nothing of the refused request is stored, not even its own item
        assertThat(influx.scalar(DB, "SELECT count(pm25) FROM ambient WHERE time = '" + T.plusHours(6).toInstant() + "'"))
                .isEqualTo(0);
        assertThat(postAs(Principal.county("chengqu"), ambient("YQ-CQ-01", T.plusHours(7), 36)).statusCode()).isEqualTo(403);
        HttpResponse<String> direct = postAs(null, ambient("YQ-CQ-01", T.plusHours(7), 36));
        assertThat(direct.statusCode()).isEqualTo(401);
        assertThat(direct.body()).contains("请求未经网关认证");
    }

    @Test
    void readingsNoneOfWhichIsValidGetA422ProblemNeverA500() throws Exception {
        // a time java.time parses but no InfluxDB timestamp can hold (it used to be a 500 without a problem)
        HttpResponse<String> extreme = post("{\"station\":\"YQ-CQ-01\",\"time\":\"-300000000-01-01T00:00:00+08:00\","
                + "\"values\":{\"pm25\":1}}");
        assertThat(extreme.statusCode()).as(extreme.body()).isEqualTo(422);
        assertThat(extreme.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = Json.parse(extreme.body());
        assertThat(problem.path("type").stringValue()).isEqualTo("/problems/invalid-time");
        assertThat(problem.path("title").stringValue()).isEqualTo("数据时间无效");
        assertThat(problem.path("stored").intValue()).isZero();
        // several items, all invalid: one 422 with each item's problem
        HttpResponse<String> all = post("[{\"station\":\"YQ-CQ-01\",\"time\":\"1900-01-01T00:00:00+08:00\",\"values\":{\"pm25\":1}},"
                + ambient("YQ-CQ-01", T, 5).replace("PT1H", "PT23H59M59S") + "]");
        assertThat(all.statusCode()).as(all.body()).isEqualTo(422);
        JsonNode results = Json.parse(all.body()).path("results");
        assertThat(results.get(0).path("problem").path("reason").stringValue()).isEqualTo("invalid-time");
        assertThat(results.get(1).path("problem").path("reason").stringValue()).isEqualTo("invalid-interval");
    }


    @Test
    void oneReadingIsStoredBeforeThe202() throws Exception {
        HttpResponse<String> r = post(ambient("YQ-CQ-01", T, 47));
        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode answer = Json.parse(r.body());
        assertThat(answer.path("stored").intValue()).isEqualTo(1);
        assertThat(answer.path("rejected").intValue()).isEqualTo(0);
        assertThat(answer.path("results").get(0).path("status").stringValue()).isEqualTo("stored");
        assertThat(answer.path("results").get(0).path("id").stringValue()).isEqualTo("YQ-CQ-01");
        assertThat(influx.scalar(DB, "SELECT pm25 FROM ambient WHERE station = 'YQ-CQ-01' AND time = '2025-09-30T16:00:00Z'"))
                .isEqualTo(47.0);
    }

    @Test
    void anArrayGetsAResultPerItemAndInvalidItemsAProblem() throws Exception {
        String body = "[" + ambient("YQ-CQ-02", T, 10) + ","
                + "{\"station\":\"YQ-CQ-02\",\"time\":\"" + T + "\",\"values\":{\"pm25\":-1}},"
                + "{\"station\":\"YQ-NOPE\",\"time\":\"" + T + "\",\"values\":{\"pm25\":1}},"
                + ambient("YQ-CQ-02", T.plusHours(1), 11) + "]";
        HttpResponse<String> r = post(body);
        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode answer = Json.parse(r.body());
        assertThat(answer.path("stored").intValue()).isEqualTo(2);
        assertThat(answer.path("rejected").intValue()).isEqualTo(2);
        JsonNode results = answer.path("results");
        assertThat(results.valueStream().map(x -> x.path("index").intValue() + " " + x.path("status").stringValue()).toList())
                .containsExactly("0 stored", "1 rejected", "2 rejected", "3 stored");
        assertThat(results.get(1).path("problem").path("type").stringValue()).isEqualTo("/problems/invalid-value");
        assertThat(results.get(1).path("problem").path("title").stringValue()).isEqualTo("监测值无效");
        assertThat(results.get(2).path("problem").path("type").stringValue()).isEqualTo("/problems/unknown-station");
        assertThat(results.get(2).path("problem").path("title").stringValue()).isEqualTo("未登记的监测站点");
        assertThat(influx.scalar(DB, "SELECT count(pm25) FROM ambient WHERE station = 'YQ-CQ-02'"
                + " AND time >= '2025-09-30T16:00:00Z' AND time < '2025-10-02'")).isEqualTo(2.0);
    }

    @Test
    void theOpenApiDocumentListsTheEndpoint() throws Exception {
        HttpResponse<String> r = http().send(GatewaySigner.bureau(URI.create(ingest.url() + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode doc = Json.parse(r.body());
        assertThat(doc.path("info").path("title").stringValue()).isEqualTo("ingest-service");
        assertThat(doc.path("paths").has("/api/v1/readings")).isTrue();
    }

    @Test
    void whileInfluxIsDownTheAnswerIs503AndTheRetryStoresIt() throws Exception {
        influx.kill();
        try {
            HttpResponse<String> r = post(ambient("YQ-KQ-01", T.plusHours(5), 70));
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(Json.parse(r.body()).path("type").stringValue()).isEqualTo("/problems/storage-unavailable");
        } finally {
            influx.start();
        }
        // the queued write lands once InfluxDB is back, and a retry of the same request is harmless
        HttpResponse<String> retry = post(ambient("YQ-KQ-01", T.plusHours(5), 70));
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(influx.scalar(DB, "SELECT count(pm25) FROM ambient WHERE station = 'YQ-KQ-01'"
                + " AND time = '2025-09-30T21:00:00Z'")).isEqualTo(1.0);
    }
}
