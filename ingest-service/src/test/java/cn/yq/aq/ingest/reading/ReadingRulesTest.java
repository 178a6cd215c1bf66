package cn.yq.aq.ingest.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.yq.aq.ingest.system.IngestProperties;
import cn.yq.aq.ingest.validation.FieldRules;
import cn.yq.aq.ingest.validation.Claim;
import cn.yq.aq.ingest.validation.ReadingValidator;
import cn.yq.aq.registry.RegistryLoader;
import cn.yq.aq.standards.hj212.DataArea;
import cn.yq.aq.standards.hj212.Hj212Codec;
import cn.yq.aq.standards.hj212.Hj212Packet;

/** Parsing, HJ 212 mapping and validation rules, without servers. */
class ReadingRulesTest {

    static final IngestProperties PROPS = new IngestProperties(null, null,
            new IngestProperties.Validation(65536, Duration.ofMinutes(10), Map.of("pm25", "0,3000", "cems.o2", "0,20.99"),
                    Duration.ofSeconds(10), Instant.parse("2000-01-01T00:00:00Z"), java.util.Set.of(Duration.ZERO,
                    Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15),
                    Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofDays(1))), null);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);

    final cn.yq.aq.registry.Registry registry = RegistryLoader.builtIn("yangquan");
    final JsonReadingParser parser = new JsonReadingParser(tools.jackson.databind.json.JsonMapper.builder().build());
    final Hj212ReadingMapper mapper = new Hj212ReadingMapper(registry);
    final ReadingValidator validator = new ReadingValidator(registry, new FieldRules(PROPS), PROPS, CLOCK);

    Reading json(String text) {
        return parser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theContractExampleParses() {
        Reading r = json("{\"station\": \"YQ-CQ-01\", \"time\": \"2025-01-15T08:00:00+08:00\", \"interval\": \"PT1H\","
                + " \"values\": {\"pm25\": 82, \"co\": 1.3}, \"flags\": {\"pm25\": \"N\"}}");
        assertThat(r.measurement()).isEqualTo(Measurement.AMBIENT);
        assertThat(r.time()).isEqualTo(Instant.parse("2025-01-15T00:00:00Z"));
        assertThat(r.interval()).isEqualTo(Duration.ofHours(1));
        assertThat(r.values()).containsEntry("pm25", 82.0).containsEntry("co", 1.3);
        assertThat(validator.validate(r, Claim.station("YQ-CQ-01")).reading()).isSameAs(r);
    }

    @Test
    void timeWithoutOffsetOrDuplicateKeysAreRefused() {
        assertReason(() -> json("{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00\",\"values\":{\"pm25\":1}}"), "invalid-time");
        assertReason(() -> json("{\"station\":\"YQ-CQ-01\",\"station\":\"YQ-CQ-02\",\"time\":\"2025-01-15T08:00:00+08:00\","
                + "\"values\":{\"pm25\":1}}"), "invalid-json");
        assertReason(() -> json("{\"station\":\"YQ-CQ-01\",\"source\":\"YQ-JQ-B03\",\"time\":\"2025-01-15T08:00:00+08:00\","
                + "\"values\":{\"pm25\":1}}"), "invalid-reading");
    }

    @Test
    void onlyTheContractsIntervalsAreAccepted() {
        for (String ok : List.of("PT0S", "PT1M", "PT5M", "PT10M", "PT15M", "PT30M", "PT1H", "P1D", "PT24H")) {
            assertThat(validator.validate(json(withInterval(ok)), Claim.any()).reading().interval()).as(ok).isNotNull();
        }
        for (String bad : List.of("P2D", "PT0.001S", "PT23H59M59S", "PT2H", "-PT1H", "PT7M")) {
            assertReason(() -> validator.validate(json(withInterval(bad)), Claim.any()), "invalid-interval");
        }
        assertReason(() -> json(withInterval("an hour")), "invalid-interval");
        assertReason(() -> json(withInterval("PT9999999999999999999H")), "invalid-interval");
    }

    @Test
    void timesOutsideThePlausibleWindowOrBeyondWhatCanBeStoredAreInvalidTime() {
        // before aq.validation.earliest-time (2000-01-01): 1900, the years 1 and 1000
        for (String t : List.of("1900-01-01T00:00:00+08:00", "0001-01-01T00:00:00+08:00", "1000-06-01T00:00:00+08:00",
                "1999-12-31T23:59:59Z")) {
            assertReason(() -> validator.validate(json(reading(t)), Claim.any()), "invalid-time");
        }
        // parsed by java.time, but no InfluxDB timestamp (int64 ns) can hold them
        assertReason(() -> validator.validate(json(reading("-300000000-01-01T00:00:00+08:00")), Claim.any()), "invalid-time");
        assertReason(() -> validator.validate(json(reading("+300000000-01-01T00:00:00+08:00")), Claim.any()), "invalid-time");
        // InfluxDB's last timestamp is 2262-04-11T23:47:16.854775807Z: beyond it invalid-time, before it a clock problem
        assertReason(() -> validator.validate(json(reading("2262-04-12T08:00:00+08:00")), Claim.any()), "invalid-time");
        assertReason(() -> validator.validate(json(reading("2262-04-11T08:00:00+08:00")), Claim.any()), "future-time");
        assertThat(validator.validate(json(reading("2000-01-01T08:00:00+08:00")), Claim.any())).isNotNull();
    }

    @Test
    void quotedInputIsAlwaysEncodableText() {
        // a lone surrogate (not encodable as UTF-8) and control characters become '?'; long input is cut
        assertThat(Rejection.quote("ab\uD800c\u0001")).isEqualTo("'ab?c?'");
        String sixtyOnePairs = "\uD83D\uDE00".repeat(61);
        String quoted = Rejection.quote(sixtyOnePairs);
        assertThat(quoted).isEqualTo("'" + "\uD83D\uDE00".repeat(60) + "…'");
        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(Rejection.quote("x".repeat(59) + "\uD83D\uDE00"))).isTrue();
    }

    @Test
    void validationBoundaries() {
        // the plausible range is inclusive; beyond it, or a negative value, is refused
        assertThat(validator.validate(json(reading("pm25", "3000")), Claim.any()).reading().values()).containsEntry("pm25", 3000.0);
        assertReason(() -> validator.validate(json(reading("pm25", "3000.1")), Claim.any()), "invalid-value");
        assertReason(() -> validator.validate(json(reading("so2", "-0.1")), Claim.any()), "invalid-value");
        // ten minutes of clock skew are accepted, eleven are not
        assertThat(validator.validate(json(reading("2025-06-01T08:10:00+08:00")), Claim.any())).isNotNull();
        assertReason(() -> validator.validate(json(reading("2025-06-01T08:11:00+08:00")), Claim.any()), "future-time");
    }

    @Test
    void hj212ValuesAreConvertedFromTheDevicesUnitsAndDataTimeIsChinaTime() {
        Hj212Packet p = new Hj212Packet("20250115090000000", "31", "2051", "123456", "YQ0000000000000000000B04", 4, null,
                null, new DataArea(List.of(Map.of("DataTime", "20250115084000"), Map.of("a00000-Avg", "10.0"),
                        Map.of("a21002-Avg", "41.5", "a21002-Flag", "C"), Map.of("a99999-Avg", "1"))));
        Reading r = mapper.map(Hj212Codec.build(p).getBytes(StandardCharsets.US_ASCII)).reading();
        assertThat(r.id()).isEqualTo("YQ-JQ-B03");
        assertThat(r.measurement()).isEqualTo(Measurement.CEMS);
        assertThat(r.time()).isEqualTo(Instant.parse("2025-01-15T00:40:00Z"));
        assertThat(r.interval()).isEqualTo(Duration.ofMinutes(1)); // CN 2051, the source's minute interval
        assertThat(r.values()).containsEntry("flow", 36000.0).containsEntry("nox", 41.5).doesNotContainKey("a99999");
        assertThat(r.flags()).containsEntry("nox", "C");
    }

    @Test
    void hj212PacketsThatDoNotFitTheRegistryAreRefused() {
        Hj212Packet unknown = new Hj212Packet(null, "22", "2061", null, "NOBODY", 4, null, null,
                new DataArea(List.of(Map.of("DataTime", "20250115080000", "a34004-Avg", "1"))));
        assertReason(() -> mapper.map(Hj212Codec.build(unknown).getBytes(StandardCharsets.US_ASCII)), "hj212-unknown-mn");
        Hj212Packet stForSource = new Hj212Packet(null, "22", "2061", null, "YQ0000000000000000000B04", 4, null, null,
                new DataArea(List.of(Map.of("DataTime", "20250115080000", "a34004-Avg", "1"))));
        assertReason(() -> mapper.map(Hj212Codec.build(stForSource).getBytes(StandardCharsets.US_ASCII)), "hj212-st-mismatch");
        Hj212Packet noTime = new Hj212Packet(null, "22", "2061", null, "YQ0000000000000000000001", 4, null, null,
                new DataArea(List.of(Map.of("a34004-Avg", "1"))));
        assertReason(() -> mapper.map(Hj212Codec.build(noTime).getBytes(StandardCharsets.US_ASCII)), "hj212-missing-datatime");
        assertReason(() -> mapper.map("##0003abc0000\r\n".getBytes(StandardCharsets.US_ASCII)), "hj212-crc-mismatch");
    }

    static String reading(String field, String value) {
        return "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-05-01T08:00:00+08:00\",\"values\":{\"" + field + "\":" + value + "}}";
    }

    static String withInterval(String interval) {
        return "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-05-01T08:00:00+08:00\",\"interval\":\"" + interval
                + "\",\"values\":{\"pm25\":1}}";
    }

    static String reading(String time) {
        return "{\"station\":\"YQ-CQ-01\",\"time\":\"" + time + "\",\"values\":{\"pm25\":1}}";
    }

    static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOf(Rejection.class)
                .satisfies(e -> assertThat(((Rejection) e).reason()).as(e.getMessage()).isEqualTo(reason));
    }
}
