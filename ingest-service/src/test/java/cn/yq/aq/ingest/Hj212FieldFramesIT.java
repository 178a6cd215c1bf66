package cn.yq.aq.ingest;

import static cn.yq.aq.ingest.IngestFixture.DB;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.yq.aq.standards.hj212.DataArea;
import cn.yq.aq.standards.hj212.Hj212Codec;
import cn.yq.aq.standards.hj212.Hj212Packet;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.Json;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.MqttTestClient;
import cn.yq.aq.testsupport.RealServers;
import cn.yq.aq.testsupport.RepoPaths;
import tools.jackson.databind.JsonNode;

/**
 * HJ 212 frames as data loggers in the field send them, the same matrix over MQTT ({@code aq/v1/hj212/{mn}}) and over
 * TCP: a negative stack pressure, an ambient pressure of 0, a pressure in kPa from a logger configured so, a device id
 * with underscores, a CEMS logger with HJ/T 212-2005 codes (and one 2017 code among them), 2005 codes from a 2017
 * logger, a value that is not a number, a split packet, an ST that does not fit. Every valid pollutant value is stored;
 * every bad value has its own dead letter naming it; a frame with nothing valid is one dead letter.
 */
@RealServers(databases = DB)
class Hj212FieldFramesIT {

    static final String CEMS_2017 = "YQ0000000000000000000B03"; // YQ-PD-B01, flow in m³/s
    static final String STATION = "YQ0000000000000000000002"; // YQ-CQ-02
    static final String UNDERSCORE = "140300_AIR01_0001";
    static final String KPA_STATION = "YQ_KPA_0001";
    static final String CEMS_2005 = "YQ-OLD-CEMS-01";

    static MosquittoServer mqtt;
    static InfluxServer influx;
    @TempDir
    static Path dir;
    static BootJar ingest;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        String yangquan = Files.readString(RepoPaths.resolve("deploy/registry/yangquan.yml"), StandardCharsets.UTF_8);
        String stations = "  - {id: T-UNDERSCORE, name: 平台编号站, county: chengqu, type: township, lat: 37.8, lon: 113.5,"
                + " countsForCounty: false, countsForCity: false, mn: " + UNDERSCORE + "}\n"
                + "  - {id: T-KPA, name: 千帕气压站, county: chengqu, type: township, lat: 37.8, lon: 113.5,"
                + " countsForCounty: false, countsForCity: false, mn: " + KPA_STATION + ", hj212Units: {pressure: kPa}}\n";
        String sources = "  - {id: T-OLD-B01, enterprise: 老式在线监测锅炉, county: chengqu, fuel: coal, capacityTph: 35,"
                + " limitProfile: ultra-low, mn: " + CEMS_2005 + ", hj212Codes: \"2005\", hj212Units: {pressure: Pa}}\n";
        String text = yangquan.replace("\nsources:\n", "\n" + stations + "sources:\n") + sources;
        Path registry = dir.resolve("registry.yml");
        Files.writeString(registry, text, StandardCharsets.UTF_8);
        port = IngestFixture.freePort();
        ingest = IngestFixture.startIngest(mqtt, influx, registry, port, "ingest-frames-it");
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    static String frame(String st, String mn, String day, int n, String dataTime, Integer pnum, Integer pno, Map<String, String> factors) {
        String qn = day + String.format(java.util.Locale.ROOT, "%09d", n); // 17 digits
        return Hj212Codec.build(new Hj212Packet(qn, st, "2061", "123456", mn, pnum == null ? 4 : 6, pnum, pno,
                new DataArea(List.of(Map.of("DataTime", dataTime), factors))));
    }

    static Map<String, String> values(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"mqtt", "tcp"})
    void everyValidValueIsStoredAndEveryBadValueHasItsOwnDeadLetter(String channel) throws Exception {
        // each channel its own day: 2025-10-01 over MQTT, 2025-10-02 over TCP (08:00 Beijing = 00:00 UTC)
        String day = channel.equals("mqtt") ? "20251001" : "20251002";
        String utc = channel.equals("mqtt") ? "2025-10-01" : "2025-10-02";
        List<String> frames = List.of(
                // a boiler whose stack is below the air's pressure: -123 kPa is outside [-100, 300] (its logger sends kPa);
                // the pollutants beside it are stored
                frame("31", CEMS_2017, day, 1, day + "080000", null, null, values("a34013-Avg", "8.5", "a21026-Avg", "21",
                        "a21002-Avg", "40", "a19001-Avg", "6.2", "a01013-Avg", "-123", "a00000-Avg", "30")),
                // an ambient pressure of 0 (outside [500, 1100] hPa) and a value that is not a number
                frame("22", STATION, day, 2, day + "080000", null, null, values("a34004-Avg", "35", "a34002-Avg", "70",
                        "a01006-Avg", "0", "a21026-Avg", "abc")),
                // a logger configured to send kPa: 95.5 kPa = 955 hPa, stored
                frame("22", KPA_STATION, day, 3, day + "080000", null, null, values("a34004-Avg", "44", "a01006-Avg", "95.5")),
                // a device id as a provincial platform issues it
                frame("22", UNDERSCORE, day, 4, day + "080000", null, null, values("a34004-Avg", "52")),
                // an old CEMS: 2005 codes (01 dust, 02 SO2, 03 NOx, S01 O2, S08 pressure in Pa, B02 flow m³/h), one 2017
                // code among them (a01012 temperature) and a 2005 code with no contract field (S06), skipped
                frame("31", CEMS_2005, day, 5, day + "080000", null, null, values("01-Avg", "12", "02-Avg", "30", "03-Avg", "55",
                        "S01-Avg", "7.5", "S08-Avg", "-230", "B02-Avg", "120000", "a01012-Avg", "65", "S06-Avg", "4")),
                // 2005 codes from a 2017 logger are not its codes: skipped, its 2017 value stored
                frame("31", CEMS_2017, day, 6, day + "090000", null, null, values("02-Avg", "999", "a21026-Avg", "19")),
                // a split packet: each part on its own, one point in the end
                frame("22", STATION, day, 7, day + "090000", 2, 1, values("a34004-Avg", "61")),
                frame("22", STATION, day, 7, day + "090000", 2, 2, values("a34002-Avg", "99")),
                // a flue-gas frame to an ambient station: nothing of it fits
                frame("31", STATION, day, 8, day + "100000", null, null, values("a21026-Avg", "5")));
        try (MqttTestClient deadLetters = new MqttTestClient(mqtt.url(), "frames-dl-" + channel).subscribe("aq/v1/deadletter/#")) {
            if (channel.equals("mqtt")) {
                try (MqttTestClient logger = new MqttTestClient(mqtt.url(), "frames-logger")) {
                    for (String f : frames) {
                        logger.publish("aq/v1/hj212/" + Hj212Codec.parse(f).mn(), f.getBytes(StandardCharsets.US_ASCII));
                    }
                }
            } else {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    OutputStream out = s.getOutputStream();
                    for (String f : frames) {
                        out.write(f.getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                    // the letters below come after the frames were handled
                    collect(deadLetters, 4);
                    return;
                }
            }
            collect(deadLetters, 4);
        } finally {
            assertStored(utc);
        }
    }

    /** The four dead letters of the matrix, each naming its value. */
    static void collect(MqttTestClient deadLetters, int n) throws Exception {
        List<JsonNode> letters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            MqttTestClient.Received r = deadLetters.next(Duration.ofSeconds(15));
            assertThat(r).as("dead letter " + (i + 1) + " of " + n).isNotNull();
            letters.add(Json.parse(r.text()));
        }
        assertThat(deadLetters.next(Duration.ofSeconds(2))).as("no other dead letter").isNull();
        Map<String, String> byReason = new LinkedHashMap<>();
        letters.forEach(l -> byReason.merge(l.path("reason").asString(), l.path("detail").asString(), (a, b) -> a + " | " + b));
        assertThat(byReason.keySet()).containsExactlyInAnyOrder("invalid-value", "hj212-bad-value", "hj212-st-mismatch");
        assertThat(byReason.get("invalid-value")).contains("pressure = -123.0").contains("pressure = 0.0");
        assertThat(byReason.get("hj212-bad-value")).contains("a21026-Avg (so2)").contains("'abc'");
    }

    static void assertStored(String utc) {
        String at = "time = '" + utc + "T00:00:00Z'";
        // YQ-PD-B01: the pollutants, O2 and the flow (30 m³/s = 108,000 m³/h), not the pressure
        assertThat(influx.query(DB, "SELECT pm, so2, nox, o2, flow, pressure FROM cems WHERE source = 'YQ-PD-B01' AND " + at, "s"))
                .contains(",8.5,21,40,6.2,108000,null]");
        assertThat(influx.query(DB, "SELECT pm25, pm10, pressure, so2 FROM ambient WHERE station = 'YQ-CQ-02' AND " + at, "s"))
                .contains(",35,70,null,null]");
        assertThat(influx.query(DB, "SELECT pm25, pressure FROM ambient WHERE station = 'T-KPA' AND " + at, "s")).contains(",44,955]");
        assertThat(influx.query(DB, "SELECT pm25 FROM ambient WHERE station = 'T-UNDERSCORE' AND " + at, "s")).contains(",52]");
        // the 2005 boiler: -230 Pa = -0.23 kPa; the 2017 temperature too; S06 skipped
        assertThat(influx.query(DB, "SELECT pm, so2, nox, o2, pressure, flow, temp FROM cems WHERE source = 'T-OLD-B01' AND " + at, "s"))
                .contains(",12,30,55,7.5,-0.23,120000,65]");
        String nine = "time = '" + utc + "T01:00:00Z'";
        assertThat(influx.query(DB, "SELECT so2 FROM cems WHERE source = 'YQ-PD-B01' AND " + nine, "s")).contains(",19]");
        assertThat(influx.query(DB, "SELECT pm25, pm10 FROM ambient WHERE station = 'YQ-CQ-02' AND " + nine, "s")).contains(",61,99]");
        assertThat(influx.query(DB, "SELECT * FROM ambient WHERE station = 'YQ-CQ-02' AND time = '" + utc + "T02:00:00Z'", "s"))
                .doesNotContain("values");
    }
}
