package cn.yq.aq.ingest;

import static cn.yq.aq.ingest.IngestFixture.DB;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.yq.aq.standards.hj212.DataArea;
import cn.yq.aq.standards.hj212.Hj212Codec;
import cn.yq.aq.standards.hj212.Hj212Packet;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.MqttTestClient;
import cn.yq.aq.testsupport.RealServers;
import cn.yq.aq.testsupport.Json;

import tools.jackson.databind.JsonNode;

/** The HJ 212 TCP listener with real sockets, as data loggers in the field use it. */
@RealServers(databases = DB)
class Hj212TcpIT {

    static final String MN = "YQ0000000000000000000002"; // station YQ-CQ-02

    static MosquittoServer mqtt;
    static InfluxServer influx;
    @TempDir
    static Path dir;
    static BootJar ingest;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        port = IngestFixture.freePort();
        ingest = IngestFixture.startIngest(mqtt, influx, IngestFixture.registryWithFiftyStations(dir), port, "ingest-tcp-it");
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    static String hourly(String qn, int flag, Integer pnum, Integer pno, String dataTime, Map<String, String> factors) {
        return Hj212Codec.build(new Hj212Packet(qn, "22", "2061", "123456", MN, flag, pnum, pno,
                new DataArea(List.of(Map.of("DataTime", dataTime), factors))));
    }

    @Test
    void packetsAreStoredRepliesCarryTheQnSplitPacketsMergeAndBadPacketsAreDeadLettered() throws Exception {
        try (MqttTestClient deadLetters = new MqttTestClient(mqtt.url(), "tcp-it-deadletters").subscribe("aq/v1/deadletter/#");
             Socket logger = connect()) {
            // Flag 5: HJ 212-2017, reply wanted
            send(logger, hourly("20250901090000123", 5, null, null, "20250901080000",
                    Map.of("a34004-Avg", "41", "a34004-Flag", "N", "a21005-Avg", "0.9")));
            String reply = readLine(logger, Duration.ofSeconds(10));
            assertThat(reply).isEqualTo(Hj212Codec.build(Hj212Codec.dataReply(Hj212Codec.parse(
                    hourly("20250901090000123", 5, null, null, "20250901080000", Map.of("a34004-Avg", "41"))))));
            assertThat(Hj212Codec.parse(reply).qn()).isEqualTo("20250901090000123");
            assertThat(Hj212Codec.parse(reply).cn()).isEqualTo("9014");
            // the reply comes after storage: the point is there already
            assertThat(influx.scalar(DB, "SELECT pm25 FROM ambient WHERE station = 'YQ-CQ-02' AND time = '2025-09-01T00:00:00Z'"))
                    .isEqualTo(41.0);

            // a split pair (Flag 7: split + reply), one DataTime, PM2.5 in part 1 and PM10 in part 2: one point
            send(logger, hourly("20250901100000001", 7, 2, 1, "20250901090000", Map.of("a34004-Avg", "52")));
            send(logger, hourly("20250901100000001", 7, 2, 2, "20250901090000", Map.of("a34002-Avg", "88")));
            assertThat(Hj212Codec.parse(readLine(logger, Duration.ofSeconds(10))).qn()).isEqualTo("20250901100000001");
            assertThat(Hj212Codec.parse(readLine(logger, Duration.ofSeconds(10))).qn()).isEqualTo("20250901100000001");
            assertThat(influx.query(DB, "SELECT pm25, pm10 FROM ambient WHERE station = 'YQ-CQ-02'"
                    + " AND time = '2025-09-01T01:00:00Z'", "s")).contains("[1756688400,52,88]");

            // a bad CRC: no reply, a dead letter, and the connection goes on
            String bad = hourly("20250901110000001", 5, null, null, "20250901100000", Map.of("a34004-Avg", "60"));
            send(logger, bad.substring(0, bad.length() - 6) + "0000\r\n");
            MqttTestClient.Received letter = deadLetters.next(Duration.ofSeconds(10));
            assertThat(letter).isNotNull();
            assertThat(letter.topic()).isEqualTo("aq/v1/deadletter/hj212-crc-mismatch");
            JsonNode json = Json.parse(letter.text());
            Json.assertFields(json, "/reason", "hj212-crc-mismatch", "/channel", "tcp");
            assertThat(json.path("payload").asString()).contains("QN=20250901110000001");
            send(logger, hourly("20250901120000001", 5, null, null, "20250901110000", Map.of("a34004-Avg", "61")));
            assertThat(Hj212Codec.parse(readLine(logger, Duration.ofSeconds(10))).qn()).isEqualTo("20250901120000001");
        }
    }

    @Test
    void aGarbageSenderAndAStalledLoggerDoNotDisturbOthers() throws Exception {
        try (Socket garbage = connect(); Socket stalled = connect(); Socket good = connect()) {
            // half a packet, then silence
            stalled.getOutputStream().write("##0280QN=2025090112".getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            // 40 KB without a line end: more than a frame may hold
            byte[] junk = new byte[40_000];
            new java.util.Random(7).nextBytes(junk);
            for (int i = 0; i < junk.length; i++) {
                if (junk[i] == '\n') {
                    junk[i] = 'x';
                }
            }
            garbage.getOutputStream().write(junk);
            garbage.getOutputStream().flush();

            long t0 = System.nanoTime();
            send(good, hourly("20250902090000001", 5, null, null, "20250902080000", Map.of("a34004-Avg", "33")));
            assertThat(Hj212Codec.parse(readLine(good, Duration.ofSeconds(5))).qn()).isEqualTo("20250902090000001");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(influx.scalar(DB, "SELECT pm25 FROM ambient WHERE station = 'YQ-CQ-02'"
                    + " AND time = '2025-09-02T00:00:00Z'")).isEqualTo(33.0);

            // the garbage sender was cut off
            assertThat(readLine(garbage, Duration.ofSeconds(5))).isNull();
        }
        assertThat(ingest.isRunning()).isTrue();
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        // the jar runs with --aq.hj212.idle-timeout=20s
        try (Socket silent = connect()) {
            long t0 = System.nanoTime();
            assertThat(readLine(silent, Duration.ofSeconds(40))).isNull();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(35));
        }
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(1000);
        return s;
    }

    private static void send(Socket s, String packet) throws IOException {
        s.getOutputStream().write(packet.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    /** One CR LF-terminated line, or {@code null} if the server closed the connection. */
    private static String readLine(Socket s, Duration timeout) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return null; // reset by the server
            }
            if (b < 0) {
                return null;
            }
            line.write(b);
            String text = line.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n")) {
                return text;
            }
        }
        throw new AssertionError("no line within " + timeout + "; got " + line.toString(StandardCharsets.US_ASCII));
    }
}
