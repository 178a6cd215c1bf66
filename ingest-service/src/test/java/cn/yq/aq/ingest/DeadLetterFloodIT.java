package cn.yq.aq.ingest;

import static cn.yq.aq.ingest.IngestFixture.DB;
import static cn.yq.aq.ingest.IngestFixture.ambient;
import static cn.yq.aq.ingest.IngestFixture.awaitValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.MqttTestClient;
import cn.yq.aq.testsupport.MqttTestClient.Message;
import cn.yq.aq.testsupport.PrometheusText;
import cn.yq.aq.testsupport.RealServers;

/**
 * Every rejected input leaves a dead letter, and none is ever held: a flood of 20,000 invalid
 * messages of twenty kinds, published as fast as the broker takes them with valid readings in
 * between, against the ingest jar on a real Mosquitto and InfluxDB. Also: connections that send
 * nothing are closed (HTTP and HJ 212 TCP).
 */
@RealServers(databases = DB)
class DeadLetterFloodIT {

    static final ZoneOffset CST = ZoneOffset.ofHours(8);
    static final String HJ212 = IngestIT.YQ_HOURLY;
    static MosquittoServer mqtt;
    static InfluxServer influx;
    @TempDir
    static Path dir;
    static BootJar ingest;
    static int hj212Port;

    @BeforeAll
    static void start() throws Exception {
        hj212Port = IngestFixture.freePort();
        ingest = IngestFixture.startIngest(mqtt, influx, IngestFixture.registryWithFiftyStations(dir), hj212Port, "ingest-flood",
                "--server.netty.idle-timeout=2s", "--aq.hj212.first-data-timeout=2s");
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
    }

    /** The twenty kinds: topic, payload, the reason its dead letter must carry. */
    static List<String[]> kinds() {
        OffsetDateTime t = OffsetDateTime.of(2025, 8, 1, 0, 0, 0, 0, CST);
        String topic = "aq/v1/ambient/ST-001";
        List<String[]> k = new ArrayList<>();
        k.add(new String[] {topic, "{\"station\": \"ST-001\", ", "invalid-json"});
        k.add(new String[] {topic, "{\"station\":\"ST-001\",\"time\":\"" + t + "\",\"values\":[1]}", "invalid-reading"});
        k.add(new String[] {topic, "{\"station\":\"ST-001\",\"time\":\"2025-01-15T08:00:00\",\"values\":{\"pm25\":1}}", "invalid-time"});
        k.add(new String[] {topic, ambient("ST-001", OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, CST), 5), "invalid-time"});
        k.add(new String[] {topic, "{\"station\":\"ST-001\",\"time\":\"-300000000-01-01T00:00:00+08:00\",\"values\":{\"pm25\":1}}",
            "invalid-time"});
        k.add(new String[] {topic, ambient("ST-001", OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, CST), 5), "invalid-time"});
        k.add(new String[] {topic, ambient("ST-001", OffsetDateTime.now(CST).plusDays(2), 5), "future-time"});
        k.add(new String[] {topic, ambient("ST-001", t, 5).replace("PT1H", "PT0.001S"), "invalid-interval"});
        k.add(new String[] {topic, ambient("ST-001", t, 5).replace("PT1H", "PT23H59M59S"), "invalid-interval"});
        k.add(new String[] {topic, "{\"station\":\"ST-001\",\"time\":\"" + t + "\",\"values\":{\"pm25\":-5}}", "invalid-value"});
        k.add(new String[] {topic, "{\"station\":\"ST-001\",\"time\":\"" + t + "\",\"values\":{\"pm25\":5},\"flags\":{\"pm25\":\"Z\"}}",
            "invalid-flag"});
        k.add(new String[] {topic, "{\"station\":\"ST-001\",\"time\":\"" + t + "\",\"values\":{\"gold\":1}}", "unknown-field"});
        k.add(new String[] {"aq/v1/ambient/", ambient("", t, 5), "invalid-id"});
        k.add(new String[] {topic, ambient("\\ud800", t, 5), "invalid-id"}); // a lone surrogate, escaped in JSON
        k.add(new String[] {topic, ambient("S".repeat(200), t, 5), "invalid-id"});
        k.add(new String[] {"aq/v1/ambient/st-001", ambient("st-001", t, 5), "unknown-station"}); // not the registry's exact form
        k.add(new String[] {"aq/v1/ambient/bj-dongsi", ambient("bj-dongsi", t, 5), "unknown-station"}); // another registry's
        k.add(new String[] {"aq/v1/ambient/ST-002", ambient("ST-001", t, 5), "id-mismatch"});
        k.add(new String[] {"aq/v1/weather/ST-001", ambient("ST-001", t, 5), "unknown-topic"});
        k.add(new String[] {"aq/v1/hj212/YQ0000000000000000000001", HJ212.replace("A881", "A882"), "hj212-crc-mismatch"});
        return k;
    }

    @Test
    void twentyThousandInvalidMessagesAreAllDeadLetteredAndEveryValidReadingIsStored() throws Exception {
        List<String[]> kinds = kinds();
        assertThat(kinds).hasSize(20);
        int invalid = 20_000;
        OffsetDateTime start = OffsetDateTime.of(2024, 2, 1, 0, 0, 0, 0, CST);
        List<Message> stream = new ArrayList<>();
        Map<String, Integer> sent = new TreeMap<>();
        int valid = 0;
        for (int i = 0; i < invalid; i++) {
            String[] k = kinds.get(i % kinds.size());
            stream.add(new Message(k[0], k[1].getBytes(StandardCharsets.UTF_8)));
            sent.merge(k[2], 1, Integer::sum);
            if (i % 10 == 0) { // a valid reading every ten: 2,000, all different (station, hour)
                String station = String.format("ST-%03d", valid % 50 + 1);
                stream.add(new Message("aq/v1/ambient/" + station, ambient(station, start.plusHours(valid / 50), 30)
                        .getBytes(StandardCharsets.UTF_8)));
                valid++;
            }
        }
        Map<String, Integer> received = new TreeMap<>();
        try (MqttTestClient letters = new MqttTestClient(mqtt.url(), "flood-deadletters").subscribe("aq/v1/deadletter/#");
             MqttTestClient publisher = new MqttTestClient(mqtt.url(), "flood-publisher")) {
            long t0 = System.nanoTime();
            assertThat(publisher.publishAll(stream, 1000)).isEmpty();
            long publishMillis = (System.nanoTime() - t0) / 1_000_000;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            int total = 0;
            while (total < invalid && System.nanoTime() < deadline) {
                MqttTestClient.Received letter = letters.next(Duration.ofSeconds(1));
                if (letter != null) {
                    received.merge(letter.topic().substring("aq/v1/deadletter/".length()), 1, Integer::sum);
                    total++;
                }
            }
            assertThat(received).as("dead letters per reason (published in %d ms)\n%s", publishMillis, ingest.logTail())
                    .isEqualTo(sent);
            assertThat(letters.next(Duration.ofSeconds(1))).as("no more dead letters than invalid messages").isNull();
        }
        int validCount = valid;
        assertThat(awaitValue(() -> influx.scalar(DB, "SELECT count(pm25) FROM ambient WHERE time >= '2024-01-31T16:00:00Z'"
                + " AND time < '2024-03-01'"), validCount, Duration.ofSeconds(30))).isEqualTo(validCount);
        String metrics = ingest.get("/actuator/prometheus").body();
        // nothing held: the in-flight gauge is back to 0
        assertThat(metrics).containsPattern("(?m)^aq_ingest_inflight\\{[^}]*} 0\\.0$");
        // the rejections counted per reason are exactly the dead letters published, and none was dropped
        Map<String, Double> expected = new TreeMap<>();
        sent.forEach((reason, n) -> expected.put(reason, n.doubleValue()));
        assertThat(PrometheusText.sumBy(metrics, "aq_ingest_rejected_total", "reason", Map.of())).isEqualTo(expected);
        assertThat(PrometheusText.sumBy(metrics, "aq_ingest_deadletters_total", "reason", Map.of("outcome", "published")))
                .isEqualTo(expected);
        assertThat(PrometheusText.sumBy(metrics, "aq_ingest_deadletters_total", "reason", Map.of("outcome", "dropped"))).isEmpty();
        assertThat(ingest.logTail()).doesNotContain("left unacknowledged");
    }

    @Test
    void connectionsThatSendNothingAreClosed() throws Exception {
        int httpPort = URI.create(ingest.url()).getPort();
        for (int port : new int[] {httpPort, hj212Port}) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                s.setSoTimeout(15_000);
                long t0 = System.nanoTime();
                InputStream in = s.getInputStream();
                // the server closes: end of stream (or a reset), well before our 15-s read timeout
                int first;
                try {
                    first = in.read();
                } catch (java.net.SocketException reset) {
                    first = -1;
                }
                assertThat(first).as("port %d", port).isEqualTo(-1);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("port %d", port).isLessThan(Duration.ofSeconds(10));
            }
        }
        // an HJ 212 logger that sends a packet keeps its connection past the first-data timeout (2 s here): its reply,
        // then 3 s of quiet, then a second packet is still answered on the same connection
        assertThat(staysOpenPastTheFirstDataTimeout(hj212Port)).as("ingest's HJ 212 listener").isTrue();
        // and the check can fail: a listener that closes every connection 2 s after it opened, whatever came
        try (java.net.ServerSocket closing = new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket c = closing.accept()) {
                    byte[] buffer = new byte[4096];
                    int n = c.getInputStream().read(buffer);
                    c.getOutputStream().write(java.util.Arrays.copyOf(buffer, Math.max(n, 0))); // an "answer"
                    Thread.sleep(2_000);
                } catch (Exception e) {
                    // the test's client decides
                }
            });
            server.start();
            assertThat(staysOpenPastTheFirstDataTimeout(closing.getLocalPort())).as("a listener that closes idle connections").isFalse();
            server.join(10_000);
        }
    }

    /** Sends a packet, reads its answer, waits 3 s (past the 2-s first-data timeout), sends again: answered? */
    static boolean staysOpenPastTheFirstDataTimeout(int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            s.setSoTimeout(5_000);
            InputStream in = s.getInputStream();
            s.getOutputStream().write(HJ212.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            if (!readAnswer(in)) {
                return false;
            }
            Thread.sleep(3_000);
            try {
                s.getOutputStream().write(HJ212.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                return readAnswer(in);
            } catch (java.net.SocketException closed) {
                return false;
            }
        }
    }

    /** Some bytes of an answer before the read times out or the connection ends. */
    private static boolean readAnswer(InputStream in) throws Exception {
        try {
            byte[] buffer = new byte[512];
            return in.read(buffer) > 0;
        } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
            return false;
        }
    }
}
