package cn.yq.aq.ingest;

import static cn.yq.aq.ingest.IngestFixture.DB;
import static cn.yq.aq.ingest.IngestFixture.ambient;
import static cn.yq.aq.ingest.IngestFixture.awaitValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.yq.aq.standards.hj212.DataArea;
import cn.yq.aq.standards.hj212.Hj212Codec;
import cn.yq.aq.standards.hj212.Hj212Packet;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.Json;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.MqttTestClient;
import cn.yq.aq.testsupport.MqttTestClient.Message;
import cn.yq.aq.testsupport.RealServers;

import tools.jackson.databind.JsonNode;

/**
 * ingest-service, as deployed (its jar), against a real Mosquitto and InfluxDB: what arrives over
 * MQTT is stored right, nothing is lost at full speed or across outages, hostile input is
 * dead-lettered without costing valid data.
 */
@RealServers(databases = DB)
class IngestIT {

    static final ZoneOffset CST = ZoneOffset.ofHours(8);
    static final String YQ_HOURLY = "##0280QN=20240601100000000;ST=22;CN=2061;PW=123456;MN=YQ0000000000000000000001;"
            + "Flag=5;CP=&&DataTime=20240601090000;a34004-Avg=35,a34004-Flag=N;a34002-Avg=78,a34002-Flag=N;"
            + "a21026-Avg=12,a21026-Flag=N;a21004-Avg=31,a21004-Flag=N;a21005-Avg=0.8,a21005-Flag=N;"
            + "a05024-Avg=120,a05024-Flag=N&&A881\r\n";

    static MosquittoServer mqtt;
    static InfluxServer influx;
    @TempDir
    static Path dir;
    static BootJar ingest;
    static MqttTestClient publisher;

    @BeforeAll
    static void startIngest() throws Exception {
        ingest = IngestFixture.startIngest(mqtt, influx, IngestFixture.registryWithFiftyStations(dir),
                IngestFixture.freePort(), "ingest-it");
        publisher = new MqttTestClient(mqtt.url(), "it-publisher");
    }

    @AfterAll
    static void stop() {
        if (publisher != null) {
            publisher.close();
        }
        if (ingest != null) {
            ingest.close();
        }
    }

    @Test
    void jsonAndHj212ReadingsAreStoredWithTheirTagsFieldsFlagsAndIntervalStart() throws Exception {
        publisher().publish("aq/v1/ambient/YQ-CQ-01", "{\"station\": \"YQ-CQ-01\", \"time\": \"2025-01-15T08:00:00+08:00\","
                + " \"interval\": \"PT1H\", \"values\": {\"pm25\": 82, \"pm10\": 130, \"so2\": 21, \"no2\": 45, \"co\": 1.3,"
                + " \"o3\": 40, \"temp\": -3.5}, \"flags\": {\"pm25\": \"N\", \"o3\": \"M\"}}");
        publisher().publish("aq/v1/hj212/YQ0000000000000000000001", YQ_HOURLY);
        // gas boiler (reference O2 3.5 %)
        publisher().publish("aq/v1/cems/YQ-JQ-B03", "{\"source\": \"YQ-JQ-B03\", \"time\": \"2025-01-15T08:00:00+08:00\","
                + " \"interval\": \"PT1H\", \"values\": {\"pm\": 8.1, \"so2\": 22, \"nox\": 41, \"o2\": 10.2, \"flow\": 52000,"
                + " \"temp\": 130}, \"flags\": {}}");
        // coal boiler (reference O2 9 %) over HJ 212, flow in m³/s, PM in maintenance
        Hj212Packet cems = new Hj212Packet("20250115090000000", "31", "2061", "123456", "YQ0000000000000000000B01", 4,
                null, null, new DataArea(List.of(Map.of("DataTime", "20250115080000"),
                        Map.of("a34013-Avg", "5.0", "a34013-Flag", "M"), Map.of("a21026-Avg", "30.0"),
                        Map.of("a21002-Avg", "45.0"), Map.of("a19001-Avg", "10.0"), Map.of("a00000-Avg", "14.5"))));
        publisher().publish("aq/v1/hj212/YQ0000000000000000000B01", Hj212Codec.build(cems));

        assertThat(awaitValue(() -> influx.scalar(DB, "SELECT count(pm25) FROM ambient WHERE station = 'YQ-CQ-01'"
                + " AND time < '2025-02-01'"), 2, Duration.ofSeconds(20))).as(ingest.logTail()).isEqualTo(2);
        assertThat(awaitValue(() -> influx.scalar(DB, "SELECT count(nox) FROM cems WHERE time = '2025-01-15T00:00:00Z'"),
                2, Duration.ofSeconds(20))).isEqualTo(2);

        // interval start 08:00+08:00 = 00:00Z; tags from the registry; flag M kept, N not written
        String json = influx.query(DB, "SELECT pm25, co, o3, o3_flag, pm25_flag, temp, station, county, type, \"interval\""
                + " FROM ambient WHERE time = '2025-01-15T00:00:00Z' AND station = 'YQ-CQ-01'", "s");
        assertThat(json).contains("[1736899200,82,1.3,40,\"M\",null,-3.5,\"YQ-CQ-01\",\"chengqu\",\"national\",\"PT1H\"]");
        // HJ 212 DataTime 2024-06-01 09:00 (Asia/Shanghai) = 01:00Z
        Json.assertFields(Json.only(Json.influxRows(influx.query(DB, "SELECT pm25, pm10, co, o3 FROM ambient WHERE station = 'YQ-CQ-01'"
                + " AND time = '2024-06-01T01:00:00Z'", "s"))), "/0", 1717203600, "/1", 35, "/2", 78, "/3", 0.8, "/4", 120);

        // CEMS is stored as measured (the corrected values are target-service's cems_hourly): no *_ref field
        Json.assertFields(Json.only(Json.influxRows(influx.query(DB, "SELECT nox, pm, so2, o2, enterprise, county, fuel FROM cems"
                + " WHERE source = 'YQ-JQ-B03'", "s"))), "/1", 41, "/2", 8.1, "/3", 22, "/4", 10.2, "/5", "郊区供热站", "/6", "jiaoqu",
                "/7", "gas");
        List<String> cemsFields = Json.values(Json.influxRows(influx.query(DB, "SHOW FIELD KEYS FROM cems", "s")), "/0");
        assertThat(cemsFields).contains("nox", "pm", "so2", "o2").noneMatch(f -> f.endsWith("_ref"));
        assertThat(influx.scalar(DB, "SELECT nox FROM cems WHERE source = 'YQ-CQ-B01'")).isEqualTo(45.0);
        assertThat(influx.scalar(DB, "SELECT flow FROM cems WHERE source = 'YQ-CQ-B01'")).isEqualTo(52200.0);
        Json.assertFields(Json.only(Json.influxRows(influx.query(DB, "SELECT pm_flag FROM cems WHERE source = 'YQ-CQ-B01'", "s"))),
                "/1", "M");
    }

    @Test
    void tenThousandReadingsFromFiftyStationsAtFullSpeedGiveExactlyTenThousandPoints() throws Exception {
        List<Message> messages = new ArrayList<>();
        OffsetDateTime start = OffsetDateTime.of(2025, 3, 1, 0, 0, 0, 0, CST);
        for (int h = 0; h < 200; h++) {
            for (int s = 1; s <= 50; s++) {
                String station = String.format("ST-%03d", s);
                messages.add(new Message("aq/v1/ambient/" + station,
                        ambient(station, start.plusHours(h), 10 + (h * 7 + s) % 300).getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertThat(publisher().publishAll(messages, 1000)).isEmpty();

        assertThat(awaitValue(() -> influx.scalar(DB, "SELECT count(pm25) FROM ambient WHERE station =~ /^ST-/"),
                10_000, Duration.ofSeconds(60))).isEqualTo(10_000);
    }

    @Test
    void aHostileStreamIsDeadLetteredWithReasonsAndEveryValidReadingIsStored() throws Exception {
        long pidBefore = ingest.pid();
        OffsetDateTime t = OffsetDateTime.of(2025, 8, 1, 0, 0, 0, 0, CST);
        String topic = "aq/v1/ambient/YQ-KQ-01";
        List<String[]> bad = new ArrayList<>(); // topic, payload, expected reason
        bad.add(new String[] {topic, "{\"station\": \"YQ-KQ-01\", ", "invalid-json"});
        bad.add(new String[] {topic, "not json at all", "invalid-json"});
        bad.add(new String[] {topic, "{\"station\":\"YQ-KQ-01\",\"time\":\"" + t + "\",\"values\":{\"pm25\":NaN}}", "invalid-json"});
        bad.add(new String[] {topic, "{\"station\":\"YQ-KQ-01\",\"time\":\"" + t + "\",\"values\":{\"pm25\":1e999}}", "invalid-value"});
        bad.add(new String[] {topic, "{\"station\":\"YQ-KQ-01\",\"time\":\"" + t + "\",\"values\":{\"pm25\":\"82\"}}", "invalid-value"});
        bad.add(new String[] {topic, "{\"station\":\"YQ-KQ-01\",\"time\":\"" + t + "\",\"values\":{\"pm25\":-5}}", "invalid-value"});
        bad.add(new String[] {topic, "{\"station\":\"YQ-KQ-01\",\"time\":\"" + t + "\",\"values\":{\"pm25\":99999}}", "invalid-value"});
        bad.add(new String[] {topic, "{\"station\":\"YQ-KQ-01\",\"time\":12345,\"values\":{\"pm25\":5}}", "invalid-time"});
        bad.add(new String[] {topic, "{\"station\":\"YQ-KQ-01\",\"time\":\"" + t + "\",\"values\":[1,2]}", "invalid-reading"});
        bad.add(new String[] {topic, "{\"station\":42,\"time\":\"" + t + "\",\"values\":{\"pm25\":5}}", "invalid-reading"});
        bad.add(new String[] {topic, "{\"station\":\"YQ-KQ-01\",\"time\":\"" + t + "\",\"values\":{\"pm25\":5,\"gold\":1}}", "unknown-field"});
        bad.add(new String[] {topic, "{\"station\":\"YQ-KQ-01\",\"time\":\"" + t + "\",\"values\":{\"pm25\":5},\"flags\":{\"pm25\":\"Z\"}}", "invalid-flag"});
        bad.add(new String[] {topic, ambient("YQ-KQ-01", OffsetDateTime.now(CST).plusDays(2), 5), "future-time"});
        bad.add(new String[] {"aq/v1/ambient/YQ-XX-99", ambient("YQ-XX-99", t, 5), "unknown-station"});
        bad.add(new String[] {"aq/v1/cems/YQ-XX-B9", "{\"source\":\"YQ-XX-B9\",\"time\":\"" + t + "\",\"values\":{\"nox\":5}}", "unknown-source"});
        bad.add(new String[] {topic, ambient("YQ-CQ-01", t, 5), "id-mismatch"});
        bad.add(new String[] {"aq/v1/cems/YQ-KQ-01", ambient("YQ-KQ-01", t, 5), "id-mismatch"});
        for (String id : List.of("YQ-KQ-01,x", "YQ-KQ 01", "YQ-KQ-01\"", "YQ-KQ-01\n", "YQ=1", "YQ-KQ-01,type=roadside")) {
            bad.add(new String[] {topic, ambient(id.replace("\"", "\\\"").replace("\n", "\\n"), t, 5), "invalid-id"});
        }
        bad.add(new String[] {"aq/v1/ambient/a b", ambient("a b", t, 5), "invalid-id"});
        bad.add(new String[] {topic, "{\"station\":\"YQ-KQ-01\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}", "oversized"});
        bad.add(new String[] {"aq/v1/hj212/YQ0000000000000000000001", YQ_HOURLY.replace("A881", "A882"), "hj212-crc-mismatch"});
        bad.add(new String[] {"aq/v1/hj212/YQ0000000000000000000001", YQ_HOURLY.replace("##0280", "##0279"), "hj212-length-mismatch"});
        bad.add(new String[] {"aq/v1/hj212/YQ0000000000000000000001", YQ_HOURLY.substring(0, 120), "hj212-truncated"});
        bad.add(new String[] {"aq/v1/hj212/YQ9", YQ_HOURLY, "id-mismatch"});
        bad.add(new String[] {"aq/v1/weather/YQ-KQ-01", ambient("YQ-KQ-01", t, 5), "unknown-topic"});

        try (MqttTestClient deadLetters = new MqttTestClient(mqtt.url(), "it-deadletters").subscribe("aq/v1/deadletter/#")) {
            List<Message> stream = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                stream.add(new Message(topic, ambient("YQ-KQ-01", t.plusHours(i), 20 + i).getBytes(StandardCharsets.UTF_8)));
                if (i < bad.size()) {
                    stream.add(new Message(bad.get(i)[0], bad.get(i)[1].getBytes(StandardCharsets.UTF_8)));
                }
            }
            assertThat(publisher().publishAll(stream, 50)).isEmpty();

            assertThat(awaitValue(() -> influx.scalar(DB, "SELECT count(pm25) FROM ambient WHERE station = 'YQ-KQ-01'"
                    + " AND time >= '2025-07-31T16:00:00Z' AND time < '2025-09-01'"), 100, Duration.ofSeconds(30))).isEqualTo(100);

            Map<String, String> reasonByPayloadStart = new HashMap<>();
            for (int n = 0; n < bad.size(); n++) {
                MqttTestClient.Received letter = deadLetters.next(Duration.ofSeconds(15));
                assertThat(letter).as("dead letter %d of %d", n + 1, bad.size()).isNotNull();
                String reason = letter.topic().substring("aq/v1/deadletter/".length());
                reasonByPayloadStart.merge(reason, "1", (a, b) -> String.valueOf(Integer.parseInt(a) + 1));
                JsonNode json = Json.parse(letter.text());
                Json.assertFields(json, "/reason", reason, "/channel", "mqtt");
                assertThat(json.path("detail").asString()).as(letter.text()).isNotBlank();
            }
            Map<String, String> expected = new HashMap<>();
            for (String[] b : bad) {
                expected.merge(b[2], "1", (a, c) -> String.valueOf(Integer.parseInt(a) + 1));
            }
            assertThat(reasonByPayloadStart).isEqualTo(expected);
            assertThat(deadLetters.next(Duration.ofSeconds(1))).as("no more dead letters than bad messages").isNull();
        }
        // nothing the hostile stream sent reached InfluxDB: no odd tag values, no station "a b"
        assertThat(influx.query(DB, "SHOW TAG VALUES FROM ambient WITH KEY = station", "s")).doesNotContain("a b", "YQ=1", "x\"");
        assertThat(influx.query(DB, "SHOW TAG VALUES FROM ambient WITH KEY = type", "s")).doesNotContain("roadside\"");
        // the service never restarted
        assertThat(ingest.pid()).isEqualTo(pidBefore);
        assertThat(ingest.isRunning()).isTrue();
        assertThat(ingest.get("/actuator/prometheus").body())
                .contains("aq_ingest_rejected_total{application=\"ingest-service\",reason=\"invalid-value\",station=\"YQ-KQ-01\"}");
    }

    @Test
    void theSameReadingDeliveredTwiceLeavesOnePoint() throws Exception {
        OffsetDateTime t = OffsetDateTime.of(2025, 7, 1, 10, 0, 0, 0, CST);
        publisher().publish("aq/v1/ambient/YQ-GX-01", ambient("YQ-GX-01", t, 55));
        publisher().publish("aq/v1/ambient/YQ-GX-01", ambient("YQ-GX-01", t, 55));
        publisher().publish("aq/v1/ambient/YQ-GX-01", ambient("YQ-GX-01", t.plusHours(1), 56));
        assertThat(awaitValue(() -> influx.scalar(DB, "SELECT count(pm25) FROM ambient WHERE station = 'YQ-GX-01'"
                + " AND time >= '2025-07-01T02:00:00Z' AND time < '2025-07-02'"), 2, Duration.ofSeconds(20))).isEqualTo(2);
        // and stays one: a late duplicate would land within a second
        org.awaitility.Awaitility.await("one point for the hour").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> influx.scalar(DB, "SELECT count(pm25) FROM ambient WHERE station = 'YQ-GX-01'"
                        + " AND time = '2025-07-01T02:00:00Z'") == 1);
    }

    /** The writer's own account (what a benchmark times its end by): points written and when the last one was. */
    @Test
    void theWriterCountsWhatItStoredAndSaysWhen() throws Exception {
        java.util.function.ToDoubleFunction<String> metric = name -> cn.yq.aq.testsupport.PrometheusText.sum(
                ingest.get("/actuator/prometheus").body(), name, java.util.Map.of());
        double before = metric.applyAsDouble("aq_ingest_points_written_total");
        double sent = System.currentTimeMillis() / 1000.0;
        List<Message> stream = series(List.of("YQ-JQ-01"), OffsetDateTime.of(2025, 8, 1, 0, 0, 0, 0, CST), 300);
        assertThat(publisher().publishAll(stream, 100)).isEmpty();
        assertThat(awaitValue(() -> influx.scalar(DB, "SELECT count(pm25) FROM ambient WHERE station = 'YQ-JQ-01' AND "
                + window(OffsetDateTime.of(2025, 8, 1, 0, 0, 0, 0, CST), 300)), 300, Duration.ofSeconds(20))).isEqualTo(300);
        // 300 new (station, hour) points; other tests of the class may not run meanwhile (one class, one thread)
        assertThat(metric.applyAsDouble("aq_ingest_points_written_total") - before).isEqualTo(300.0);
        assertThat(metric.applyAsDouble("aq_ingest_write_last_seconds")).isBetween(sent, System.currentTimeMillis() / 1000.0);
    }

    @Test
    void influxDownForThirtySecondsInTheMiddleOfAStreamLosesNothing() throws Exception {
        List<Message> stream = series(List.of("YQ-PD-01", "YQ-PD-02"), OffsetDateTime.of(2025, 4, 1, 0, 0, 0, 0, CST), 1500);
        assertThat(publisher().publishAll(stream.subList(0, 1000), 200)).isEmpty();
        influx.kill();
        long killedAt = System.nanoTime();
        assertThat(publisher().publishAll(stream.subList(1000, 2000), 200)).isEmpty();
        Thread.sleep(Math.max(0, Duration.ofSeconds(30).toMillis() - (System.nanoTime() - killedAt) / 1_000_000));
        influx.start();
        assertThat(publisher().publishAll(stream.subList(2000, 3000), 200)).isEmpty();

        assertThat(awaitValue(() -> influx.scalar(DB, "SELECT count(pm25) FROM ambient WHERE station =~ /^YQ-PD-0/"
                + " AND " + window(OffsetDateTime.of(2025, 4, 1, 0, 0, 0, 0, CST), 1500)), 3000, Duration.ofSeconds(60)))
                .as(ingest.logTail()).isEqualTo(3000);
    }

    @Test
    void ingestKilledMidStreamAndRestartedLosesNothing() throws Exception {
        List<Message> stream = series(List.of("YQ-YX-01", "YQ-YX-02"), OffsetDateTime.of(2025, 6, 1, 0, 0, 0, 0, CST), 1500);
        assertThat(publisher().publishAll(stream.subList(0, 1500), 500)).isEmpty();
        ingest.kill(); // SIGKILL: messages in flight were never acked
        assertThat(publisher().publishAll(stream.subList(1500, 3000), 500)).isEmpty();
        ingest.start();

        assertThat(awaitValue(() -> influx.scalar(DB, "SELECT count(pm25) FROM ambient WHERE station =~ /^YQ-YX-0/"
                + " AND " + window(OffsetDateTime.of(2025, 6, 1, 0, 0, 0, 0, CST), 1500)), 3000, Duration.ofSeconds(60)))
                .as(ingest.logTail()).isEqualTo(3000);
    }

    @Test
    void brokerRestartedMidStreamTheIngestReconnectsByItselfAndLosesNothing() throws Exception {
        List<Message> stream = series(List.of("YQ-JQ-01", "YQ-CQ-R1"), OffsetDateTime.of(2025, 5, 1, 0, 0, 0, 0, CST), 1000);
        try (MqttTestClient own = new MqttTestClient(mqtt.url(), "it-publisher-restart")) {
            // paced, about 500 readings a second, so that the restart falls in the middle of the stream
            CompletableFuture<List<Message>> publishing = CompletableFuture.supplyAsync(() -> {
                List<Message> failed = new ArrayList<>();
                for (int i = 0; i < stream.size(); i += 50) {
                    failed.addAll(own.publishAll(stream.subList(i, i + 50), 20));
                    pause(100);
                }
                return failed;
            });
            awaitValue(() -> influx.scalar(DB, "SELECT count(pm25) FROM ambient WHERE station = 'YQ-JQ-01'"
                    + " AND time >= '2025-04-30T16:00:00Z' AND time < '2025-06-01'") >= 200 ? 1 : 0, 1, Duration.ofSeconds(30));
            mqtt.restart();
            List<Message> failed = publishing.get();
            // a publisher does what a station's logger does: reconnect and send what was not acknowledged
            own.connect();
            assertThat(own.publishAll(failed, 20)).isEmpty();
        }
        assertThat(awaitValue(() -> influx.scalar(DB, "SELECT count(pm25) FROM ambient WHERE station =~ /^YQ-(JQ-01|CQ-R1)$/"
                + " AND " + window(OffsetDateTime.of(2025, 5, 1, 0, 0, 0, 0, CST), 1000)), 2000, Duration.ofSeconds(60)))
                .as(ingest.logTail()).isEqualTo(2000);
        // the ingest reconnected by itself
        assertThat(awaitValue(() -> "DOWN".equals(Json.parse(ingest.get("/actuator/health").body()).path("status").asString()) ? 0 : 1, 1,
                Duration.ofSeconds(20))).as(ingest.logTail()).isEqualTo(1);
    }

    static List<Message> series(List<String> stations, OffsetDateTime start, int hours) {
        List<Message> messages = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            for (String station : stations) {
                messages.add(new Message("aq/v1/ambient/" + station,
                        ambient(station, start.plusHours(h), 5 + h % 250).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return messages;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The InfluxQL time condition for {@code hours} hours from {@code start}. */
    static String window(OffsetDateTime start, int hours) {
        return "time >= '" + start.toInstant() + "' AND time < '" + start.plusHours(hours).toInstant() + "'";
    }

    /** The shared publisher, connected (a broker restart in another test drops it). */
    static MqttTestClient publisher() {
        if (!publisher.isConnected()) {
            publisher.connect();
        }
        return publisher;
    }
}
