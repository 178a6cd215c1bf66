package cn.yq.aq.ingest.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.yq.aq.ingest.reading.Measurement;
import cn.yq.aq.ingest.reading.Reading;
import cn.yq.aq.ingest.reading.Site;
import cn.yq.aq.ingest.validation.ValidReading;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.RegistryLoader;

/**
 * The line each reading becomes (the InfluxDB contract of ARCHITECTURE.md), written out by hand: tags in key
 * order from the registry, float fields as measured, flags other than N as string fields, the interval start in
 * milliseconds, and the line protocol's escaping where a registry's text needs it.
 */
class LineProtocolTest {

    @TempDir
    Path dir;

    static Map<String, Double> values(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    /** The reading with its station or source, as validation hands it on. */
    static ValidReading valid(Registry registry, Reading r) {
        return new ValidReading(r, Site.lookup(registry, r.measurement(), r.id()).orElseThrow());
    }

    @Test
    void anAmbientReadingWithAFlag() {
        Registry registry = RegistryLoader.builtIn("yangquan");
        LineProtocol lines = new LineProtocol();
        // 2025-01-15T08:00+08:00 = 2025-01-15T00:00Z = 1736899200 s
        Reading r = new Reading(Measurement.AMBIENT, "YQ-CQ-01", Instant.parse("2025-01-15T00:00:00Z"), Duration.ofHours(1),
                values("pm25", 82), Map.of("pm25", "N"));
        assertThat(lines.line(valid(registry, r))).isEqualTo(
                "ambient,county=chengqu,interval=PT1H,station=YQ-CQ-01,type=national pm25=82.0 1736899200000");
        Reading flagged = new Reading(Measurement.AMBIENT, "YQ-PD-P1", Instant.parse("2025-01-15T00:05:00Z"),
                Duration.ofMinutes(5), values("nmhc", 0.00001), Map.of("nmhc", "M"));
        // a small value keeps its exponent (InfluxDB parses 1.0E-5); interval PT5M; the park station's type
        assertThat(lines.line(valid(registry, flagged))).isEqualTo("ambient,county=pingding,interval=PT5M,station=YQ-PD-P1,type=industrial-park"
                + " nmhc=1.0E-5,nmhc_flag=\"M\" 1736899500000");
    }

    @Test
    void aSourcesTextIsEscapedAsTheLineProtocolWants() throws Exception {
        // an enterprise name with a space, a comma, an equals sign, a double quote and a backslash: in a tag value
        // the first three are escaped with a backslash, the quote and the backslash are plain characters
        Path file = dir.resolve("registry.yml");
        Files.writeString(file, """
                name: test
                nameZh: 测试
                counties:
                  - {code: chengqu, nameZh: 城区, nameEn: Chengqu}
                stations: []
                sources:
                  - {id: S-1, enterprise: '热力 公司,东=1 "甲" \\乙', county: chengqu, fuel: coal, capacityTph: 10, limitProfile: ultra-low, mn: MN0001}
                """);
        Registry registry = RegistryLoader.load(file.toString(), "test");
        LineProtocol lines = new LineProtocol();
        Reading r = new Reading(Measurement.CEMS, "S-1", Instant.parse("2025-01-15T00:00:00Z"), Duration.ofHours(1),
                values("nox", 41, "o2", 10.2), Map.of("nox", "N"));
        assertThat(lines.line(valid(registry, r))).startsWith("cems,county=chengqu,enterprise=热力\\ 公司\\,东\\=1\\ \"甲\"\\ \\乙,fuel=coal,"
                + "interval=PT1H,source=S-1 ").endsWith(" 1736899200000").contains("nox=41.0").contains("o2=10.2");
    }

    @Test
    void stringFieldValuesEscapeQuotesAndBackslashes() {
        StringBuilder b = new StringBuilder();
        cn.yq.aq.support.influx.LineEscapes.quoted(b, "a\"b\\c");
        assertThat(b.toString()).isEqualTo("a\\\"b\\\\c");
        assertThat(cn.yq.aq.support.influx.LineEscapes.escape(new StringBuilder(), "my measurement,x=1", false).toString())
                .isEqualTo("my\\ measurement\\,x=1");
        assertThat(cn.yq.aq.support.influx.LineEscapes.escape(new StringBuilder(), "line\nbreak", true).toString()).isEqualTo("line\\ break");
    }
}
